// The management interface's operations over Redfish, called by OpenBMCManagement when the BMC
// is driven that way. Same contract as the D-Bus REST side: every write read back, an emulated
// persistent device recorded in driver_internal_info (the same key), UnsupportedDriverExtension
// where the BMC cannot.

import { EMULATED_ONE_TIME, EMULATED_PERSISTENT } from '../boot-support.ts';
import {
  BOOT_DEVICES,
  type BootDeviceInfo,
  type BootDeviceValue,
  BootModeName,
  type BootModeValue,
  type SensorsData,
  type Task,
} from '../constants.ts';
import {
  FailedToGetSensorData,
  FailedToParseSensorData,
  OpenBMCError,
  OpenBMCProtocolError,
  UnsupportedDriverExtension,
} from '../errors.ts';
import type { Operation } from '../session.ts';
import {
  allowable,
  BOOT_MODE,
  bootDeviceOf,
  bootModeOfRedfish,
  bootOf,
  patchBoot,
  writeBootOverride,
} from './redfish-boot.ts';
import { messageKeyOf } from './redfish-errors.ts';
import { readRedfishSensors } from './redfish-sensors.ts';
import type { RedfishSession } from './redfish-session.ts';

const DRIVER = 'openbmc';
const unsupported = (method: string, why: string) =>
  new UnsupportedDriverExtension(`Driver ${DRIVER} does not support ${method} (${why}).`);

export async function redfishSetBootDevice(
  s: RedfishSession,
  op: Operation,
  task: Task,
  wanted: BootDeviceValue,
  persistent: boolean,
  warn: (msg: string) => void,
): Promise<void> {
  const { onceInstead } = await writeBootOverride(s, wanted, persistent, warn);
  task.node.driver_internal_info ??= {};
  const internal = task.node.driver_internal_info;
  delete internal[EMULATED_ONE_TIME];
  delete internal[EMULATED_PERSISTENT];
  const got = bootDeviceOf(bootOf(await s.system('read back boot device')));
  const expect = onceInstead ? false : persistent;
  if (got.boot_device !== wanted || got.persistent !== expect) {
    throw new OpenBMCError(
      `the BMC did not keep the boot setting: asked for ${wanted} (${expect ? 'Continuous' : 'Once'}), it reports ${got.boot_device ?? 'none'} (${got.persistent === null ? 'Disabled' : got.persistent ? 'Continuous' : 'Once'})`,
      { context: { ...op.context, step: 'read back boot device' } },
    );
  }
  if (onceInstead) {
    internal[EMULATED_PERSISTENT] = wanted;
    warn(
      `the BMC keeps boot device ${wanted} only Once; the driver re-applies it before every power-on it starts`,
    );
  }
}

export async function redfishGetBootDevice(s: RedfishSession, task: Task): Promise<BootDeviceInfo> {
  const got = bootDeviceOf(bootOf(await s.system('read boot device')));
  const emulated = BOOT_DEVICES.find((d) => d === task.node.driver_internal_info?.[EMULATED_PERSISTENT]);
  // Consumed by a boot (re-applied before the next), or still pending: persistent as asked.
  if (emulated && (got.boot_device === null || got.boot_device === emulated))
    return { boot_device: emulated, persistent: true };
  return got;
}

/** Before a power-on the driver starts: re-apply an emulated persistent device Once. A failure
 * is a warning: the power action matters more (Ironic's restore_boot_device). */
export async function redfishBeforeBoot(
  s: RedfishSession,
  task: Task,
  warn: (msg: string) => void,
): Promise<void> {
  const device = BOOT_DEVICES.find((d) => d === task.node.driver_internal_info?.[EMULATED_PERSISTENT]);
  if (!device) return;
  try {
    await writeBootOverride(s, device, false, warn);
  } catch (err) {
    warn(`could not re-apply boot device ${device}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The Boot fields a record/restore covers, in the order a whole-object PATCH lists them. */
const BOOT_FIELDS = [
  'BootSourceOverrideTarget',
  'BootSourceOverrideEnabled',
  'BootSourceOverrideMode',
] as const;

export async function redfishReadBootSettings(s: RedfishSession): Promise<Record<string, string>> {
  const boot = bootOf(await s.system('record boot settings'));
  const out: Record<string, string> = {};
  for (const f of BOOT_FIELDS) if (typeof boot[f] === 'string') out[f] = boot[f];
  return out;
}

export async function redfishRestoreBootSettings(
  s: RedfishSession,
  op: Operation,
  saved: Record<string, string>,
): Promise<void> {
  const system = await s.system('read boot settings');
  const boot = bootOf(system);
  const differs = BOOT_FIELDS.filter((f) => saved[f] !== undefined && boot[f] !== saved[f]);
  if (differs.length === 0) return;
  // Disabled with a target: bmcweb keeps the target; the switch is what matters.
  const want: Record<string, string> = {};
  for (const f of BOOT_FIELDS) if (saved[f] !== undefined) want[f] = saved[f];
  await patchBoot(s, system, boot, want);
  const after = bootOf(await s.system('read back boot settings'));
  const left = differs.filter(
    (f) =>
      after[f] !== saved[f] &&
      !(f === 'BootSourceOverrideTarget' && saved.BootSourceOverrideEnabled === 'Disabled'),
  );
  if (left.length > 0) {
    throw new OpenBMCError(`the BMC did not keep the restored boot settings: ${left.join(', ')}`, {
      context: { ...op.context, step: 'read back boot settings' },
    });
  }
}

export async function redfishSensors(
  s: RedfishSession,
  op: Operation,
  now: () => number,
): Promise<SensorsData> {
  try {
    return await readRedfishSensors(s, now);
  } catch (err) {
    if (err instanceof FailedToParseSensorData) throw err;
    if (err instanceof OpenBMCProtocolError) {
      throw new FailedToParseSensorData(`failed to parse the sensors answer: ${err.message}`, {
        context: { ...op.context, step: 'read sensors' },
      });
    }
    if (!(err instanceof OpenBMCError) || err.context.httpStatus === undefined) throw err;
    throw new FailedToGetSensorData(`failed to read sensors: ${err.message}`, {
      context: { ...op.context, step: 'read sensors' },
    });
  }
}

/** NMI is a ResetType (bmcweb: Nmi -> control/host0/nmi NMI()), offered only where listed. */
export async function redfishInjectNmi(s: RedfishSession): Promise<void> {
  const system = await s.system('read the system');
  const actions = system.body.Actions as Record<string, unknown> | undefined;
  const reset = actions?.['#ComputerSystem.Reset'] as Record<string, unknown> | undefined;
  const target = typeof reset?.target === 'string' ? reset.target : null;
  if (!target) throw unsupported('inject_nmi', 'the System has no Reset action');
  let allowed: unknown = reset?.['ResetType@Redfish.AllowableValues'];
  if (!Array.isArray(allowed) && typeof reset?.['@Redfish.ActionInfo'] === 'string') {
    const ai = await s.get(reset['@Redfish.ActionInfo'], 'read the reset ActionInfo');
    const p = (Array.isArray(ai.body.Parameters) ? ai.body.Parameters : []).find(
      (x: unknown) =>
        typeof x === 'object' && x !== null && (x as Record<string, unknown>).Name === 'ResetType',
    ) as Record<string, unknown> | undefined;
    allowed = p?.AllowableValues;
  }
  if (Array.isArray(allowed) && !allowed.includes('Nmi'))
    throw unsupported('inject_nmi', `this BMC's ResetTypes have no Nmi (it offers: ${allowed.join(', ')})`);
  await s.post(target, { ResetType: 'Nmi' }, 'request Nmi');
}

function bootModes(boot: Record<string, unknown>, method: string): BootModeValue[] {
  if (boot.BootSourceOverrideMode === undefined)
    throw unsupported(method, "this BMC's Boot object has no BootSourceOverrideMode");
  const listed = allowable(boot, 'BootSourceOverrideMode');
  const modes = [BootModeName.bios, BootModeName.uefi].filter(
    (m) => !listed || listed.includes(BOOT_MODE[m]),
  );
  return modes;
}

export async function redfishSupportedBootModes(s: RedfishSession): Promise<BootModeValue[]> {
  return bootModes(bootOf(await s.system('read boot mode')), 'get_supported_boot_modes');
}

export async function redfishGetBootMode(s: RedfishSession): Promise<BootModeValue | null> {
  const boot = bootOf(await s.system('read boot mode'));
  bootModes(boot, 'get_boot_mode');
  return bootModeOfRedfish(boot);
}

export async function redfishSetBootMode(
  s: RedfishSession,
  op: Operation,
  wanted: BootModeValue,
): Promise<void> {
  const system = await s.system('read boot mode');
  const boot = bootOf(system);
  if (!bootModes(boot, 'set_boot_mode').includes(wanted))
    throw unsupported('set_boot_mode', `this BMC does not list BootSourceOverrideMode ${BOOT_MODE[wanted]}`);
  if (boot.BootSourceOverrideMode !== BOOT_MODE[wanted]) {
    try {
      await patchBoot(s, system, boot, { BootSourceOverrideMode: BOOT_MODE[wanted] });
    } catch (err) {
      // 2019 bmcweb: the mode is fixed Legacy and a PATCH of it is PropertyUnknown (redfish.md 2.2).
      const key = messageKeyOf(err);
      if (key === 'PropertyUnknown' || key === 'PropertyNotWritable')
        throw unsupported('set_boot_mode', `the BMC refused BootSourceOverrideMode (${key})`);
      throw err;
    }
  }
  if (bootModeOfRedfish(bootOf(await s.system('read back boot mode'))) !== wanted) {
    throw new OpenBMCError(`the BMC did not keep boot mode ${wanted}`, {
      context: { ...op.context, step: 'read back boot mode' },
    });
  }
}

/** What `obmc info` shows beyond Ironic's calls: the service's version, the system and the BMC firmware. */
export async function redfishBmcInfo(
  s: RedfishSession,
): Promise<{ redfish_version: string | null; system_id: string | null; firmware_version: string | null }> {
  const system = await s.system('read the system');
  const manager = s.managerPath(system);
  let firmware: string | null = null;
  if (manager) {
    const m = await s.get(manager, 'read the manager');
    firmware = typeof m.body.FirmwareVersion === 'string' ? m.body.FirmwareVersion : null;
  }
  return {
    redfish_version: s.root.version,
    system_id: typeof system.body.Id === 'string' ? system.body.Id : null,
    firmware_version: firmware,
  };
}
