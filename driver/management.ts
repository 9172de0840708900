// OpenBMCManagement: Ironic's ManagementInterface (ironic-contract.md 1.4, 3.5, must-haves).
// Boot devices in every layout, one-time and persistent honoured exactly and read back; sensors
// in Ironic's shape; NMI; boot mode through BootType where the firmware has it. Whatever the
// firmware cannot do raises UnsupportedDriverExtension, never a made-up value.

import { LegacyPath, ObjectPath } from '../protocol/index.ts';
import { OpenBMCInterface } from './base-interface.ts';
import { applyWrites, bootDialect, EMULATED_ONE_TIME, EMULATED_PERSISTENT } from './boot-support.ts';
import {
  BOOT_DEVICES,
  type BootDeviceInfo,
  type BootDeviceValue,
  BootModeName,
  type BootModeValue,
  type SensorsData,
  type Task,
} from './constants.ts';
import {
  BOOT_TYPE_OF,
  type BootSettingValues,
  bootModeOf,
  readBootSettings,
  restoreWrites,
} from './dialects/boot.ts';
import {
  redfishBmcInfo,
  redfishGetBootDevice,
  redfishGetBootMode,
  redfishInjectNmi,
  redfishReadBootSettings,
  redfishRestoreBootSettings,
  redfishSensors,
  redfishSetBootDevice,
  redfishSetBootMode,
  redfishSupportedBootModes,
} from './dialects/redfish-management.ts';
import type { RedfishSession } from './dialects/redfish-session.ts';
import { parseLegacySensors, parseXyzSensors } from './dialects/sensors.ts';
import {
  FailedToGetSensorData,
  FailedToParseSensorData,
  InvalidParameterValue,
  isNotFound,
  OpenBMCError,
  OpenBMCProtocolError,
  UnsupportedDriverExtension,
} from './errors.ts';
import { requestMargin, runOperation } from './operation.ts';
import type { BmcSession, Operation } from './session.ts';

const DRIVER = 'openbmc';

/** What saveBootSettings recorded: opaque to callers, JSON-serializable. */
export interface BootSettingsSnapshot {
  layout: string;
  values: BootSettingValues;
  emulated: Record<string, unknown>;
}

export class OpenBMCManagement extends OpenBMCInterface {
  /** Every boot layout (legacy, L0, L1, L2) can express all five; no BMC round trip needed. */
  async getSupportedBootDevices(task: Task): Promise<BootDeviceValue[]> {
    this.validate(task);
    return [...BOOT_DEVICES];
  }

  async setBootDevice(task: Task, device: string, persistent = false): Promise<void> {
    const wanted = BOOT_DEVICES.find((d) => d === device);
    if (!wanted) {
      throw new InvalidParameterValue(
        `Invalid boot device "${String(device).slice(0, 40)}"; supported: ${BOOT_DEVICES.join(', ')}`,
      );
    }
    if (typeof persistent !== 'boolean') throw new InvalidParameterValue('persistent must be true or false');
    await runOperation(
      this.core,
      task,
      {
        name: `set boot device to ${wanted}${persistent ? ' (persistent)' : ' (one-time)'}`,
        mutating: true,
        budgetMs: requestMargin,
      },
      async (s, op) => {
        const boot = await bootDialect(s);
        await applyWrites(s, await boot.plan(s, wanted, persistent));
        const emulated = !persistent && !boot.nativeOneTime;
        task.node.driver_internal_info ??= {};
        const internal = task.node.driver_internal_info;
        if (emulated) internal[EMULATED_ONE_TIME] = true;
        else delete internal[EMULATED_ONE_TIME];
        delete internal[EMULATED_PERSISTENT];
        // Read back: a setting the BMC did not keep is an error, not a success (pain point 8).
        const got = await boot.get(s);
        const gotPersistent = emulated ? false : got.persistent;
        if (persistent && got.boot_device === wanted && gotPersistent === false) {
          // The BMC keeps the device only one-time: emulate persistence as Ironic does, by
          // re-applying it before every power-on and reboot the driver makes.
          internal[EMULATED_PERSISTENT] = wanted;
          this.core.rt.logger.warn(
            { address: op.info.address, device: wanted },
            'the BMC keeps the boot device only one-time; persistence is emulated',
          );
          return;
        }
        if (got.boot_device !== wanted || gotPersistent !== persistent) {
          throw new OpenBMCError(
            `the BMC did not keep the boot setting: asked for ${wanted} (${persistent ? 'persistent' : 'one-time'}), it reports ${got.boot_device ?? 'none'} (${got.persistent === null ? 'unknown' : got.persistent ? 'persistent' : 'one-time'})`,
            { context: { ...op.context, step: 'read back boot device' } },
          );
        }
      },
      (s, op) =>
        redfishSetBootDevice(s, op, task, wanted, persistent, (msg) =>
          this.core.rt.logger.warn({ address: op.info.address, device: wanted }, msg),
        ),
    );
  }

  async getBootDevice(task: Task): Promise<BootDeviceInfo> {
    return runOperation(
      this.core,
      task,
      { name: 'get boot device', mutating: false, budgetMs: requestMargin },
      async (s) => {
        const boot = await bootDialect(s);
        const got = await boot.get(s);
        const internal = task.node.driver_internal_info;
        const emulated = BOOT_DEVICES.find((d) => d === internal?.[EMULATED_PERSISTENT]);
        // An emulated persistent device reads back as itself, or as nothing once a boot consumed
        // the one-time copy (it is re-applied before the next); another device means someone changed it.
        if (emulated && (got.boot_device === null || got.boot_device === emulated)) {
          return { boot_device: emulated, persistent: true };
        }
        if (
          !boot.nativeOneTime &&
          got.boot_device !== null &&
          task.node.driver_internal_info?.[EMULATED_ONE_TIME] === true
        ) {
          return { boot_device: got.boot_device, persistent: false };
        }
        return got;
      },
      (s) => redfishGetBootDevice(s, task),
    );
  }

  /** Not an Ironic method: records this BMC's boot settings (every property of its layout, and
   * the driver's emulated settings in driver_internal_info) so they can be put back exactly,
   * as the conformance kit does around every check that changes them. */
  async saveBootSettings(task: Task): Promise<BootSettingsSnapshot> {
    return runOperation(
      this.core,
      task,
      { name: 'record boot settings', mutating: false, budgetMs: requestMargin },
      async (s): Promise<BootSettingsSnapshot> => {
        const boot = await bootDialect(s);
        const internal = task.node.driver_internal_info ?? {};
        return {
          layout: boot.layout,
          values: await readBootSettings(s, boot),
          emulated: Object.fromEntries(
            [EMULATED_ONE_TIME, EMULATED_PERSISTENT]
              .filter((k) => internal[k] !== undefined)
              .map((k) => [k, internal[k]]),
          ),
        };
      },
      async (s) => ({
        layout: REDFISH_LAYOUT,
        values: { Boot: await redfishReadBootSettings(s) },
        emulated: emulatedOf(task),
      }),
    );
  }

  /** Puts back what saveBootSettings recorded, writing only what differs, and reads it back. */
  async restoreBootSettings(task: Task, saved: BootSettingsSnapshot): Promise<void> {
    await runOperation(
      this.core,
      task,
      { name: 'restore boot settings', mutating: true, budgetMs: requestMargin },
      async (s, op) => {
        const boot = await bootDialect(s);
        if (boot.layout !== saved.layout) {
          throw new InvalidParameterValue(
            `the recorded boot settings are for layout ${saved.layout}, this BMC has ${boot.layout}`,
          );
        }
        await applyWrites(s, restoreWrites(boot, await readBootSettings(s, boot), saved.values));
        const left = restoreWrites(boot, await readBootSettings(s, boot), saved.values);
        if (left.length > 0) {
          throw new OpenBMCError(
            `the BMC did not keep the restored boot settings: ${left.map((w) => w.name).join(', ')}`,
            { context: { ...op.context, step: 'read back boot settings' } },
          );
        }
        task.node.driver_internal_info ??= {};
        const internal = task.node.driver_internal_info;
        delete internal[EMULATED_ONE_TIME];
        delete internal[EMULATED_PERSISTENT];
        Object.assign(internal, saved.emulated);
      },
      async (s, op) => {
        if (saved.layout !== REDFISH_LAYOUT) {
          throw new InvalidParameterValue(
            `the recorded boot settings are for layout ${saved.layout}, this BMC is driven over Redfish`,
          );
        }
        const recorded = Object.entries(saved.values.Boot ?? {}).filter(
          (e): e is [string, string] => typeof e[1] === 'string',
        );
        await redfishRestoreBootSettings(s, op, Object.fromEntries(recorded));
        task.node.driver_internal_info ??= {};
        const internal = task.node.driver_internal_info;
        delete internal[EMULATED_ONE_TIME];
        delete internal[EMULATED_PERSISTENT];
        Object.assign(internal, saved.emulated);
      },
    );
  }

  async getSensorsData(task: Task): Promise<SensorsData> {
    return runOperation(
      this.core,
      task,
      { name: 'get sensors data', mutating: false, budgetMs: requestMargin },
      async (s, op) => {
        const xyz = s.dialect.objectModel === 'xyz';
        const root = xyz ? ObjectPath.sensors : LegacyPath.sensors;
        let tree: Record<string, Record<string, unknown>>;
        try {
          tree = await s.enumerate(root, 'read sensors');
        } catch (err) {
          if (isNotFound(err)) return {}; // a BMC without sensor objects has no readings to give
          // An answer that is no sensor data (cut, mistyped, not JSON, too large) cannot be parsed;
          // a BMC-side refusal is a sensor failure; connection and auth failures keep their class.
          if (err instanceof OpenBMCProtocolError) {
            throw new FailedToParseSensorData(`failed to parse the sensors answer: ${err.message}`, {
              context: { ...op.context, step: 'read sensors' },
            });
          }
          if (!(err instanceof OpenBMCError) || err.context.httpStatus === undefined) throw err;
          throw new FailedToGetSensorData(`failed to read sensors: ${(err as Error).message}`, {
            context: { ...op.context, step: 'read sensors' },
          });
        }
        return xyz ? parseXyzSensors(tree, root) : parseLegacySensors(tree, root);
      },
      (s, op) => redfishSensors(s, op, () => this.core.rt.clock.now()),
    );
  }

  async injectNmi(task: Task): Promise<void> {
    await runOperation(
      this.core,
      task,
      { name: 'inject NMI', mutating: true, budgetMs: requestMargin },
      async (s) => {
        if (s.dialect.objectModel !== 'xyz')
          throw unsupported('inject_nmi', 'the 2016 /org/openbmc firmware has no NMI method');
        try {
          await s.call(ObjectPath.nmi, 'NMI', [], 'call NMI');
        } catch (err) {
          if (isNotFound(err)) throw unsupported('inject_nmi', 'this BMC has no control/host0/nmi object');
          throw err;
        }
      },
      (s) => redfishInjectNmi(s),
    );
  }

  async getSupportedBootModes(task: Task): Promise<BootModeValue[]> {
    return this.#withBootType(
      task,
      'get_supported_boot_modes',
      'get supported boot modes',
      false,
      async () => [BootModeName.bios, BootModeName.uefi],
      redfishSupportedBootModes,
    );
  }

  async getBootMode(task: Task): Promise<BootModeValue | null> {
    return this.#withBootType(
      task,
      'get_boot_mode',
      'get boot mode',
      false,
      async (_s, _op, boot) => bootModeOf(boot.BootType),
      redfishGetBootMode,
    );
  }

  async setBootMode(task: Task, mode: string): Promise<void> {
    const wanted = Object.values(BootModeName).find((m) => m === mode);
    if (!wanted)
      throw new InvalidParameterValue(
        `Invalid boot mode "${String(mode).slice(0, 20)}"; expected bios or uefi`,
      );
    await this.#withBootType(
      task,
      'set_boot_mode',
      `set boot mode to ${wanted}`,
      true,
      async (s, op, boot) => {
        if (boot.BootType !== BOOT_TYPE_OF[wanted]) {
          await s.putAttr(ObjectPath.boot, 'BootType', BOOT_TYPE_OF[wanted], 'set BootType');
        }
        const after = await s.getObject(ObjectPath.boot, 'read back BootType');
        if (bootModeOf(after.BootType) !== wanted) {
          throw new OpenBMCError(`the BMC did not keep boot mode ${wanted}`, {
            context: { ...op.context, step: 'read back BootType' },
          });
        }
      },
      (s, op) => redfishSetBootMode(s, op, wanted),
    );
  }

  /** Not an Ironic method: what `obmc info` shows about the BMC itself (Redfish version, system
   * id and firmware version over Redfish; nulls over D-Bus REST, which has no such summary). */
  async getBmcInfo(
    task: Task,
  ): Promise<{ redfish_version: string | null; system_id: string | null; firmware_version: string | null }> {
    return runOperation(
      this.core,
      task,
      { name: 'get BMC info', mutating: false, budgetMs: requestMargin },
      async () => ({ redfish_version: null, system_id: null, firmware_version: null }),
      redfishBmcInfo,
    );
  }

  // Optional ManagementInterface methods this firmware's REST API has no way to do.
  async getSecureBootState(_task: Task): Promise<never> {
    throw unsupported('get_secure_boot_state', 'OpenBMC D-Bus REST has no secure boot control');
  }
  async setSecureBootState(_task: Task, _state: boolean): Promise<never> {
    throw unsupported('set_secure_boot_state', 'OpenBMC D-Bus REST has no secure boot control');
  }
  async getSupportedIndicators(_task: Task): Promise<never> {
    throw unsupported('get_supported_indicators', 'not implemented');
  }
  async getIndicatorState(_task: Task, _component: string, _indicator: string): Promise<never> {
    throw unsupported('get_indicator_state', 'not implemented');
  }
  async setIndicatorState(
    _task: Task,
    _component: string,
    _indicator: string,
    _state: string,
  ): Promise<never> {
    throw unsupported('set_indicator_state', 'not implemented');
  }
  async detectVendor(_task: Task): Promise<never> {
    throw unsupported('detect_vendor', 'not implemented');
  }
  async getMacAddresses(_task: Task): Promise<never> {
    throw unsupported('get_mac_addresses', 'not implemented');
  }

  /** Runs `fn` with the object holding BootType, read once; Ironic's `method` is unsupported where there is none. */
  async #withBootType<T>(
    task: Task,
    method: string,
    name: string,
    mutating: boolean,
    fn: (s: BmcSession, op: Operation, bootObject: Record<string, unknown>) => Promise<T>,
    redfish: (s: RedfishSession, op: Operation) => Promise<T>,
  ): Promise<T> {
    return runOperation(
      this.core,
      task,
      { name, mutating, budgetMs: requestMargin },
      async (s, op) => {
        const boot = await bootDialect(s);
        const object = boot.bootTypeAt ? await s.getObject(boot.bootTypeAt, 'read BootType') : {};
        if (!('BootType' in object)) {
          throw unsupported(
            method,
            `this firmware's ${boot.layout} boot settings have no BootType (added 2021-02)`,
          );
        }
        return fn(s, op, object);
      },
      redfish,
    );
  }
}

/** The layout name of boot settings recorded over Redfish (the System's Boot object). */
const REDFISH_LAYOUT = 'redfish';

function emulatedOf(task: Task): Record<string, unknown> {
  const internal = task.node.driver_internal_info ?? {};
  return Object.fromEntries(
    [EMULATED_ONE_TIME, EMULATED_PERSISTENT]
      .filter((k) => internal[k] !== undefined)
      .map((k) => [k, internal[k]]),
  );
}

function unsupported(method: string, why: string): UnsupportedDriverExtension {
  return new UnsupportedDriverExtension(`Driver ${DRIVER} does not support ${method} (${why}).`);
}
