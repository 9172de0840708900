// Boot settings layouts by era and the 2016 firmware's boot strings (openbmc-rest.md 4.1, 5),
// shared by the simulator that serves them and the driver that writes them.

/** legacy: /org/openbmc settings host0; L0: boot_source + boot_mode (2017 H1); L1: boot + one_time
 * with Source and Mode; L2: boot with Enabled + one_time with Enabled only. */
export type BootLayoutName = 'legacy' | 'L0' | 'L1' | 'L2';

/** `boot_flags` of /org/openbmc/settings/host0 (2016). */
export const LegacyBootFlag = {
  Default: 'Default',
  Network: 'Network',
  Disk: 'Disk',
  Safe: 'Safe',
  CDROM: 'CDROM',
  Setup: 'Setup',
} as const;

/** `boot_policy` of /org/openbmc/settings/host0 (2016). */
export const LegacyBootPolicy = { oneTime: 'ONETIME', permanent: 'PERMANENT' } as const;
