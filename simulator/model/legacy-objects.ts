// The skeleton-era object model (2016, /org/openbmc; openbmc-rest.md section 5). Power goes through
// chassis0 methods; the model's own /xyz state stays hidden behind it.

import {
  BootProgress,
  ChassisPowerState,
  HostState,
  LegacyBootFlag,
  LegacyBootPolicy,
  LegacyPath,
  OsStatus,
} from '../../protocol/index.ts';
import type { DbusObject, LegacyBehaviour } from './object-tree.ts';
import type { PowerState } from './power-machine.ts';

const method = (behaviour: LegacyBehaviour, args: readonly ('i' | 's')[] = []) => ({ args, behaviour });
/** A method of a skeleton service written in Python (pychassisctl, pysystemmgr): dbus-python calls it as is. */
const pyMethod = (behaviour: LegacyBehaviour) => ({ ...method(behaviour), python: true });

const LEGACY_BOOT_FLAGS = Object.values(LegacyBootFlag);
const LEGACY_BOOT_POLICIES = Object.values(LegacyBootPolicy);

export function legacyObjects(uuid: string): DbusObject[] {
  return [
    {
      path: LegacyPath.chassis,
      interfaces: {
        'org.openbmc.control.Chassis': {
          properties: { uuid: { signature: 's', value: uuid }, reboot: { signature: 'i', value: 0 } },
          methods: {
            powerOn: pyMethod('legacy-power-on'),
            powerOff: pyMethod('legacy-power-off'),
            softPowerOff: pyMethod('legacy-soft-power-off'),
            reboot: pyMethod('legacy-reboot'),
            softReboot: pyMethod('legacy-soft-reboot'),
            getPowerState: pyMethod('legacy-get-power-state'),
            setIdentify: pyMethod('legacy-identify-on'),
            clearIdentify: pyMethod('legacy-identify-off'),
          },
        },
      },
    },
    {
      path: '/org/openbmc/control/power0',
      interfaces: {
        'org.openbmc.control.Power': {
          properties: {
            pgood: { signature: 'i', value: 0 },
            state: { signature: 'i', value: 0 },
            pgood_timeout: { signature: 'i', value: 10 },
            poll_interval: { signature: 'i', value: 3000 },
          },
          methods: {
            getPowerState: method('legacy-get-power-state'),
            setPowerState: method('legacy-set-power-state', ['i']),
          },
        },
      },
    },
    {
      path: '/org/openbmc/control/host0',
      interfaces: {
        'org.openbmc.control.Host': {
          properties: {
            debug_mode: { signature: 'i', value: 0 },
            flash_side: { signature: 's', value: 'primary' },
          },
          methods: {
            boot: method('legacy-power-on'),
            shutdown: method('legacy-soft-power-off'),
            reboot: method('legacy-reboot'),
          },
        },
      },
    },
    {
      path: LegacyPath.bmc,
      interfaces: {
        'org.openbmc.control.Bmc': { properties: {}, methods: { warmReset: method('legacy-warm-reset') } },
      },
    },
    {
      path: LegacyPath.system,
      interfaces: {
        'org.openbmc.managers.System': {
          properties: {},
          methods: { getSystemState: pyMethod('legacy-get-system-state') },
        },
      },
    },
    {
      path: LegacyPath.bootProgress,
      interfaces: { 'org.openbmc.SensorValue': { properties: { value: { signature: 's', value: 'Off' } } } },
    },
    {
      path: '/org/openbmc/control/led/identify',
      interfaces: { 'org.openbmc.Led': { properties: { state: { signature: 's', value: 'Off' } } } },
    },
  ];
}

/** The host0 settings object: plain strings validated against allowed lists (phosphor-settingsd settings.yaml). */
export function legacySettingsObject(): DbusObject {
  return {
    path: LegacyPath.settingsHost,
    interfaces: {
      'org.openbmc.settings.Host': {
        properties: {
          boot_flags: { signature: 's', value: LegacyBootFlag.Default, enumValues: LEGACY_BOOT_FLAGS },
          boot_policy: { signature: 's', value: LegacyBootPolicy.oneTime, enumValues: LEGACY_BOOT_POLICIES },
          power_policy: {
            signature: 's',
            value: 'RESTORE_LAST_STATE',
            enumValues: ['ALWAYS_POWER_ON', 'RESTORE_LAST_STATE', 'LEAVE_OFF'],
          },
          power_cap: { signature: 'i', value: 0 },
          auto_reboot: { signature: 's', value: 'yes', enumValues: ['yes', 'no'] },
          restricted_mode: { signature: 'b', value: false },
          system_state: { signature: 's', value: '' },
        },
      },
    },
  };
}

const PROGRESS_TEXT: Record<string, string> = {
  [BootProgress.MotherboardInit]: 'FW Progress, Baseboard Init',
  [BootProgress.MemoryInit]: 'FW Progress, Memory Init',
  [BootProgress.SecondaryProcInit]: 'FW Progress, Secondary Proc Init',
  [BootProgress.PCIInit]: 'FW Progress, PCI Init',
  [BootProgress.OSStart]: 'FW Progress, Starting OS',
};

/** The legacy view of the power state: BootProgress `value`, getPowerState and getSystemState. */
export function legacyView(s: PowerState, everPoweredOn: boolean) {
  const on = s.chassis === ChassisPowerState.On;
  const progress =
    s.host === HostState.Off || !on ? 'Off' : (PROGRESS_TEXT[s.bootProgress] ?? 'FW Progress, Unspecified');
  let systemState: string;
  if (s.host === HostState.Running && s.osState === OsStatus.BootComplete) systemState = 'HOST_BOOTED';
  else if (s.host === HostState.Running) systemState = 'HOST_BOOTING';
  else if (on) systemState = 'HOST_POWERED_ON';
  else systemState = everPoweredOn ? 'HOST_POWERED_OFF' : 'BMC_READY';
  return { powerState: on ? 1 : 0, progress, systemState };
}
