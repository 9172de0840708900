// The driver's public API: what Ironic-style callers, the CLI and the conformance kit use.

export type { DriverClock } from './clock.ts';
export * from './constants.ts';
export { createOpenBMCDriver, type DriverOptions, OpenBMCDriver } from './driver.ts';
export { DRIVER_INFO_PROPERTIES, type DriverInfo, parseDriverInfo, verifyCaOf } from './driver-info.ts';
export * from './errors.ts';
export { OpenBMCHardware } from './hardware-type.ts';
export type { DriverLogger } from './logger.ts';
export { type BootSettingsSnapshot, OpenBMCManagement } from './management.ts';
export { NoopManagement } from './noop-management.ts';
export { operationBoundMs } from './operation.ts';
export { OpenBMCPower } from './power.ts';
export {
  DEFAULT_SYNC_WORKERS,
  PowerSyncAborted,
  type PowerSyncOptions,
  type PowerSyncProgress,
  type PowerSyncResult,
  type PowerSyncRound,
  syncPowerStates,
} from './power-sync.ts';
