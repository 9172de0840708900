// Ironic's constants, value for value (ironic-contract.md 2.1-2.3), so callers compare the same strings.

export const PowerState = {
  on: 'power on',
  off: 'power off',
  reboot: 'rebooting',
  softReboot: 'soft rebooting',
  softPowerOff: 'soft power off',
  error: 'error',
} as const;
export type PowerStateValue = (typeof PowerState)[keyof typeof PowerState];
/** The states setPowerState accepts (ERROR is only ever read). */
export type PowerTarget = Exclude<PowerStateValue, 'error'>;
export const POWER_TARGETS: readonly PowerTarget[] = [
  PowerState.on,
  PowerState.off,
  PowerState.reboot,
  PowerState.softReboot,
  PowerState.softPowerOff,
];

export const BootDevice = {
  pxe: 'pxe',
  disk: 'disk',
  cdrom: 'cdrom',
  bios: 'bios',
  safe: 'safe',
} as const;
export type BootDeviceValue = (typeof BootDevice)[keyof typeof BootDevice];
export const BOOT_DEVICES: readonly BootDeviceValue[] = Object.values(BootDevice);

export const BootModeName = { bios: 'bios', uefi: 'uefi' } as const;
export type BootModeValue = (typeof BootModeName)[keyof typeof BootModeName];

/** Ironic's task: the node's driver_info plus the lock the conductor holds. */
export interface Task {
  node: {
    uuid?: string;
    driver_info: Record<string, unknown>;
    /** The driver records emulated boot settings here (ironic-contract.md 3.5), as Ironic does. */
    driver_internal_info?: Record<string, unknown>;
  };
  /** True when the caller holds only a shared lock: mutating calls then raise ExclusiveLockRequired. */
  shared?: boolean;
}

export interface BootDeviceInfo {
  boot_device: BootDeviceValue | null;
  persistent: boolean | null;
}

/** Ironic's get_sensors_data shape: sensor type -> sensor name -> field -> text. */
export type SensorsData = Record<string, Record<string, Record<string, string>>>;
