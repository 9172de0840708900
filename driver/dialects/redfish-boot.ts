// Boot override over Redfish (redfish.md 1.4, 2.1, 2.2, 5), in sushy's set_system_boot_options
// order: read the System (its ETag with it), check the target against the BMC's
// AllowableValues, send BootSourceOverrideEnabled only when it changes ("can be racy"), PATCH
// with If-Match and the 412 ladder, then read back. Two refusals are learnt per address:
// a BMC that rejects a partial Boot object gets the whole one (target, enabled and mode), and a
// BMC that rejects Continuous gets Once, with persistence emulated by re-applying it before
// every power-on the driver starts (Ironic's fallback, c56777929).

import type { BootDeviceInfo, BootDeviceValue, BootModeValue } from '../constants.ts';
import { InvalidParameterValue, OpenBMCError, OpenBMCProtocolError } from '../errors.ts';
import { messageKeyOf } from './redfish-errors.ts';
import type { RedfishResource, RedfishSession } from './redfish-session.ts';

/** Ironic's devices as Redfish targets (redfish.md 2.2: Diags is BootMode Safe). */
export const BOOT_TARGET: Record<BootDeviceValue, string> = {
  pxe: 'Pxe',
  disk: 'Hdd',
  cdrom: 'Cd',
  bios: 'BiosSetup',
  safe: 'Diags',
};

export const BOOT_MODE: Record<BootModeValue, string> = { uefi: 'UEFI', bios: 'Legacy' };

/** The System's Boot object, or a protocol error (sushy: a required field). */
export function bootOf(system: RedfishResource): Record<string, unknown> {
  const boot = system.body.Boot;
  if (typeof boot !== 'object' || boot === null || Array.isArray(boot))
    throw new OpenBMCProtocolError(`the System ${system.path} has no Boot object`);
  return boot as Record<string, unknown>;
}

/** Ironic's get_boot_device from a Boot object: Disabled or target None is no override. */
export function bootDeviceOf(boot: Record<string, unknown>): BootDeviceInfo {
  const enabled = boot.BootSourceOverrideEnabled;
  const device =
    (Object.keys(BOOT_TARGET) as BootDeviceValue[]).find(
      (d) => BOOT_TARGET[d] === boot.BootSourceOverrideTarget,
    ) ?? null;
  if (device === null || enabled === 'Disabled' || enabled === undefined)
    return { boot_device: null, persistent: null };
  return {
    boot_device: device,
    persistent: enabled === 'Continuous' ? true : enabled === 'Once' ? false : null,
  };
}

export function bootModeOfRedfish(boot: Record<string, unknown>): BootModeValue | null {
  const m = boot.BootSourceOverrideMode;
  return m === 'UEFI' ? 'uefi' : m === 'Legacy' ? 'bios' : null;
}

/** The values a BMC lists for a Boot property, or null where it lists none (then all are tried). */
export function allowable(boot: Record<string, unknown>, name: string): string[] | null {
  const v = boot[`${name}@Redfish.AllowableValues`];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null;
}

export interface BootWriteResult {
  /** True when the BMC refused Continuous and the setting was written Once instead. */
  onceInstead: boolean;
}

/**
 * Writes target + frequency, learning the BMC's refusals; returns whether Continuous had to
 * become Once. Reading back is the caller's job.
 */
export async function writeBootOverride(
  s: RedfishSession,
  device: BootDeviceValue,
  persistent: boolean,
  warn: (msg: string) => void,
): Promise<BootWriteResult> {
  const system = await s.system('read boot settings');
  const boot = bootOf(system);
  const target = BOOT_TARGET[device];
  const targets = allowable(boot, 'BootSourceOverrideTarget');
  if (targets && !targets.includes(target)) {
    throw new InvalidParameterValue(
      `this BMC does not offer boot target ${target} for ${device} (it offers: ${targets.join(', ')})`,
      { context: { ...s.context, step: 'check the boot target' } },
    );
  }
  const quirks = s.facts.redfishQuirks ?? {};
  const wantContinuous = persistent && quirks.noContinuous !== true;
  const enabled = wantContinuous ? 'Continuous' : 'Once';
  try {
    await patchBoot(s, system, boot, {
      BootSourceOverrideTarget: target,
      BootSourceOverrideEnabled: enabled,
    });
    return { onceInstead: persistent && !wantContinuous };
  } catch (err) {
    if (!wantContinuous || !(err instanceof OpenBMCError) || !isRefusal(err)) throw err;
    // Ironic sets Once after any failure of Continuous and re-applies it before every boot.
    warn(
      `the BMC refused BootSourceOverrideEnabled Continuous (${messageKeyOf(err) ?? `HTTP ${err.context.httpStatus}`}); setting Once and re-applying it before every power-on the driver starts`,
    );
    s.facts.redfishQuirks = { ...s.facts.redfishQuirks, noContinuous: true };
    const again = await s.system('read boot settings');
    await patchBoot(s, again, bootOf(again), {
      BootSourceOverrideTarget: target,
      BootSourceOverrideEnabled: 'Once',
    });
    return { onceInstead: true };
  }
}

/** PATCHes Boot fields that differ (Enabled only when it changes); a BMC that refuses a partial
 * Boot object with PropertyMissing gets the whole object from then on (AMI-style, redfish.md 1.4). */
export async function patchBoot(
  s: RedfishSession,
  system: RedfishResource,
  boot: Record<string, unknown>,
  want: Record<string, string>,
): Promise<void> {
  const full = (): Record<string, string> => {
    const mode =
      want.BootSourceOverrideMode ??
      (typeof boot.BootSourceOverrideMode === 'string' ? boot.BootSourceOverrideMode : undefined);
    return {
      BootSourceOverrideTarget:
        want.BootSourceOverrideTarget ?? String(boot.BootSourceOverrideTarget ?? 'None'),
      BootSourceOverrideEnabled:
        want.BootSourceOverrideEnabled ?? String(boot.BootSourceOverrideEnabled ?? 'Disabled'),
      ...(mode ? { BootSourceOverrideMode: mode } : {}),
    };
  };
  if (s.facts.redfishQuirks?.fullBoot) {
    await s.patch(system, { Boot: full() }, 'set boot override');
    return;
  }
  const partial: Record<string, string> = {};
  for (const [k, v] of Object.entries(want)) {
    // The target is always sent (sushy does); the rest only when it changes.
    if (k === 'BootSourceOverrideTarget' || boot[k] !== v) partial[k] = v;
  }
  try {
    await s.patch(system, { Boot: partial }, 'set boot override');
  } catch (err) {
    if (messageKeyOf(err) !== 'PropertyMissing') throw err;
    s.facts.redfishQuirks = { ...s.facts.redfishQuirks, fullBoot: true };
    const again = await s.system('read boot settings');
    await s.patch(again, { Boot: full() }, 'set boot override (whole Boot object)');
  }
}

/** A BMC's no to a value (4xx other than auth), as opposed to a broken connection or session. */
function isRefusal(err: OpenBMCError): boolean {
  const status = err.context.httpStatus;
  return status !== undefined && status >= 400 && status < 500 && status !== 401 && status !== 403;
}
