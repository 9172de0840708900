// Full dotted D-Bus enum strings (openbmc-rest.md 3 and 4; phosphor-dbus-interfaces YAML).
// Firmware never sends short names; neither do we.

const enumOf = <const P extends string, const V extends readonly string[]>(prefix: P, values: V) =>
  Object.fromEntries(values.map((v) => [v, `${prefix}.${v}`])) as { readonly [K in V[number]]: `${P}.${K}` };

export const HostTransition = enumOf('xyz.openbmc_project.State.Host.Transition', [
  'Off',
  'On',
  'Reboot',
  'GracefulWarmReboot',
  'ForceWarmReboot',
]);
/** xyz.openbmc_project.Led.Physical State (phosphor-dbus-interfaces Led/Physical.interface.yaml). */
export const LedAction = enumOf('xyz.openbmc_project.Led.Physical.Action', ['Off', 'On', 'Blink']);
export const HostState = enumOf('xyz.openbmc_project.State.Host.HostState', [
  'Off',
  'TransitioningToOff',
  'Standby',
  'Running',
  'TransitioningToRunning',
  'Quiesced',
  'DiagnosticMode',
]);
export const RestartCause = enumOf('xyz.openbmc_project.State.Host.RestartCause', [
  'Unknown',
  'RemoteCommand',
  'ResetButton',
  'PowerButton',
  'WatchdogTimer',
  'PowerPolicyAlwaysOn',
  'PowerPolicyPreviousState',
  'SoftReset',
  'ScheduledPowerOn',
  'HostCrash',
]);
export const BootProgress = enumOf('xyz.openbmc_project.State.Boot.Progress.ProgressStages', [
  'Unspecified',
  'PrimaryProcInit',
  'BusInit',
  'MemoryInit',
  'SecondaryProcInit',
  'PCIInit',
  'SystemInitComplete',
  'OSStart',
  'OSRunning',
  'SystemSetup',
  'MotherboardInit',
  'OEM',
]);
export const OsStatus = enumOf('xyz.openbmc_project.State.OperatingSystem.Status.OSStatus', [
  'CBoot',
  'PXEBoot',
  'DiagBoot',
  'CDROMBoot',
  'ROMBoot',
  'BootComplete',
  'Inactive',
  'Standby',
]);
export const ChassisTransition = enumOf('xyz.openbmc_project.State.Chassis.Transition', [
  'Off',
  'On',
  'PowerCycle',
]);
export const ChassisPowerState = enumOf('xyz.openbmc_project.State.Chassis.PowerState', [
  'Off',
  'TransitioningToOff',
  'On',
  'TransitioningToOn',
]);
export const ChassisPowerStatus = enumOf('xyz.openbmc_project.State.Chassis.PowerStatus', [
  'Undefined',
  'BrownOut',
  'UninterruptiblePowerSupply',
  'Good',
]);
export const BmcTransition = enumOf('xyz.openbmc_project.State.BMC.Transition', [
  'Reboot',
  'HardReboot',
  'None',
]);
export const BmcState = enumOf('xyz.openbmc_project.State.BMC.BMCState', [
  'Ready',
  'NotReady',
  'UpdateInProgress',
  'Quiesced',
]);
export const BmcRebootCause = enumOf('xyz.openbmc_project.State.BMC.RebootCause', [
  'POR',
  'PinholeReset',
  'Watchdog',
  'Software',
  'Unknown',
]);
export const BootSource = enumOf('xyz.openbmc_project.Control.Boot.Source.Sources', [
  'Disk',
  'ExternalMedia',
  'Network',
  'Default',
  'RemovableMedia',
  'HTTP',
]);
export const BootMode = enumOf('xyz.openbmc_project.Control.Boot.Mode.Modes', ['Regular', 'Safe', 'Setup']);
export const BootType = enumOf('xyz.openbmc_project.Control.Boot.Type.Types', ['Legacy', 'EFI']);
export const PowerRestorePolicy = enumOf('xyz.openbmc_project.Control.Power.RestorePolicy.Policy', [
  'AlwaysOn',
  'AlwaysOff',
  'Restore',
  'None',
]);
export const SensorUnit = enumOf('xyz.openbmc_project.Sensor.Value.Unit', [
  'DegreesC',
  'RPMS',
  'Volts',
  'Meters',
  'Amperes',
  'Watts',
  'Joules',
  'Percent',
]);
export const VersionPurpose = enumOf('xyz.openbmc_project.Software.Version.VersionPurpose', [
  'BMC',
  'Host',
  'System',
  'PSU',
  'Other',
  'Unknown',
]);
export const Activation = enumOf('xyz.openbmc_project.Software.Activation.Activations', [
  'NotReady',
  'Invalid',
  'Ready',
  'Activating',
  'Active',
  'Failed',
  'Staged',
  'Staging',
]);
export const RequestedActivation = enumOf('xyz.openbmc_project.Software.Activation.RequestedActivations', [
  'None',
  'Active',
]);

/** D-Bus error names surfaced through REST (openbmc-rest.md 2.5, 3.4). */
export const DbusError = {
  fileNotFound: 'org.freedesktop.DBus.Error.FileNotFound',
  propertyReadOnly: 'org.freedesktop.DBus.Error.PropertyReadOnly',
  invalidArgs: 'org.freedesktop.DBus.Error.InvalidArgs',
  invalidEnumString: 'xyz.openbmc_project.sdbusplus.Error.InvalidEnumString',
  hostBmcNotReady: 'xyz.openbmc_project.State.Host.Error.BMCNotReady',
  chassisBmcNotReady: 'xyz.openbmc_project.State.Chassis.Error.BMCNotReady',
  unavailable: 'xyz.openbmc_project.Common.Error.Unavailable',
  invalidArgument: 'xyz.openbmc_project.Common.Error.InvalidArgument',
  notAllowed: 'xyz.openbmc_project.Common.Error.NotAllowed',
} as const;

/** The values of one enum object, for validation and iteration. */
export const enumValues = <E extends Record<string, string>>(e: E): readonly E[keyof E][] =>
  Object.values(e) as E[keyof E][];
