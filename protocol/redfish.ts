// Redfish names the simulator's Redfish face, the driver's Redfish dialect and the kit share
// (DMTF DSP0266/DSP8010 schemas as bmcweb serves them; redfish.md 2.1-2.3).

/** URIs of bmcweb's Redfish tree (system `system`, manager `bmc`, chassis `chassis`: meson defaults). */
export const RedfishPath = {
  entry: '/redfish',
  root: '/redfish/v1',
  odata: '/redfish/v1/odata',
  metadata: '/redfish/v1/$metadata',
  sessionService: '/redfish/v1/SessionService',
  sessions: '/redfish/v1/SessionService/Sessions',
  systems: '/redfish/v1/Systems',
  system: '/redfish/v1/Systems/system',
  systemReset: '/redfish/v1/Systems/system/Actions/ComputerSystem.Reset',
  systemResetInfo: '/redfish/v1/Systems/system/ResetActionInfo',
  managers: '/redfish/v1/Managers',
  manager: '/redfish/v1/Managers/bmc',
  managerReset: '/redfish/v1/Managers/bmc/Actions/Manager.Reset',
  managerResetInfo: '/redfish/v1/Managers/bmc/ResetActionInfo',
  chassisCollection: '/redfish/v1/Chassis',
  chassis: '/redfish/v1/Chassis/chassis',
  chassisReset: '/redfish/v1/Chassis/chassis/Actions/Chassis.Reset',
  chassisResetInfo: '/redfish/v1/Chassis/chassis/ResetActionInfo',
  thermal: '/redfish/v1/Chassis/chassis/Thermal',
  power: '/redfish/v1/Chassis/chassis/Power',
  accountService: '/redfish/v1/AccountService',
  accounts: '/redfish/v1/AccountService/Accounts',
} as const;

/** Redfish request and response headers beyond the auth ones (auth-names.ts). */
export const RedfishHeader = {
  odataVersion: 'OData-Version',
  location: 'Location',
  etag: 'ETag',
  ifMatch: 'If-Match',
  ifNoneMatch: 'If-None-Match',
  wwwAuthenticate: 'WWW-Authenticate',
  retryAfter: 'Retry-After',
} as const;

/** ComputerSystem.Reset / Manager.Reset / Chassis.Reset `ResetType` values (Resource.ResetType). */
export const ResetType = [
  'On',
  'ForceOff',
  'GracefulShutdown',
  'GracefulRestart',
  'ForceRestart',
  'Nmi',
  'ForceOn',
  'PushPowerButton',
  'PowerCycle',
] as const;
export type ResetType = (typeof ResetType)[number];

/** ComputerSystem `PowerState` (Resource.PowerState). */
export const RedfishPowerState = ['On', 'Off', 'PoweringOn', 'PoweringOff', 'Paused'] as const;
export type RedfishPowerState = (typeof RedfishPowerState)[number];

/** `Boot.BootSourceOverrideEnabled`. */
export const BootOverrideEnabled = ['Disabled', 'Once', 'Continuous'] as const;
export type BootOverrideEnabled = (typeof BootOverrideEnabled)[number];

/** `Boot.BootSourceOverrideTarget` values bmcweb maps (systems.hpp; UefiHttp never). */
export const BootOverrideTarget = ['None', 'Pxe', 'Hdd', 'Cd', 'Diags', 'BiosSetup', 'Usb'] as const;
export type BootOverrideTarget = (typeof BootOverrideTarget)[number];

/** `Boot.BootSourceOverrideMode`. */
export const BootOverrideMode = ['Legacy', 'UEFI'] as const;
export type BootOverrideMode = (typeof BootOverrideMode)[number];

/**
 * Named switches beyond bmcweb, each off by default and settable per BMC (fleet file, control
 * API): publish `BootSourceOverrideEnabled@Redfish.AllowableValues` (interop profiles want it),
 * refuse `Continuous` (clients must fall back), require the whole Boot object in one PATCH (AMI
 * style), answer `$expand`/`$filter` (bmcweb's insecure-enable-redfish-query).
 */
export const RedfishSwitch = ['allowable-enabled', 'no-continuous', 'full-boot-required', 'query'] as const;
export type RedfishSwitch = (typeof RedfishSwitch)[number];
