// D-Bus object paths the REST API exposes (openbmc-rest.md sections 3, 4, 5 and 6).
// Names only: what each path holds is described in the simulator's object tree and the driver's dialects.

export const ObjectPath = {
  root: '/xyz/openbmc_project',
  host: '/xyz/openbmc_project/state/host0',
  chassis: '/xyz/openbmc_project/state/chassis0',
  bmc: '/xyz/openbmc_project/state/bmc0',
  stateRoot: '/xyz/openbmc_project/state',
  controlHost: '/xyz/openbmc_project/control/host0',
  /** L1 and L2 boot layout (openbmc-rest.md 4.1). */
  boot: '/xyz/openbmc_project/control/host0/boot',
  bootOneTime: '/xyz/openbmc_project/control/host0/boot/one_time',
  /** L0 boot layout (2017 H1). */
  bootSourceL0: '/xyz/openbmc_project/control/host0/boot_source',
  bootModeL0: '/xyz/openbmc_project/control/host0/boot_mode',
  powerRestorePolicy: '/xyz/openbmc_project/control/host0/power_restore_policy',
  autoReboot: '/xyz/openbmc_project/control/host0/auto_reboot',
  nmi: '/xyz/openbmc_project/control/host0/nmi',
  identifyLed: '/xyz/openbmc_project/led/groups/enclosure_identify',
  identifyBlinkLed: '/xyz/openbmc_project/led/groups/enclosure_identify_blink',
  /** The physical LED both identify groups drive (phosphor-led-manager's led.yaml: On and Blink). */
  identifyPhysicalLed: '/xyz/openbmc_project/led/physical/identify',
  /** phosphor-user-manager: the account policy (AccountPolicy) and the users. */
  userManager: '/xyz/openbmc_project/user',
  software: '/xyz/openbmc_project/software',
  inventorySystem: '/xyz/openbmc_project/inventory/system',
  sensors: '/xyz/openbmc_project/sensors',
  logging: '/xyz/openbmc_project/logging',
} as const;

/** The skeleton-era object model (openbmc-rest.md section 5). */
export const LegacyPath = {
  chassis: '/org/openbmc/control/chassis0',
  bmc: '/org/openbmc/control/bmc0',
  settingsHost: '/org/openbmc/settings/host0',
  system: '/org/openbmc/managers/System',
  sensors: '/org/openbmc/sensors',
  bootProgress: '/org/openbmc/sensors/host/BootProgress',
} as const;

/** REST URL suffixes and routes that are not object paths (openbmc-rest.md 2.1). */
export const RestRoute = {
  login: '/login',
  logout: '/logout',
  attr: '/attr/',
  action: '/action/',
  list: '/list',
  enumerate: '/enumerate',
  redfishRoot: '/redfish/v1',
} as const;
