// The simulator's public API (`openbmc-kit/simulator`): start simulated BMCs, the options and their
// defaults, fleet and fault files, the logger, and the control-API client. Everything else in
// simulator/ is internal.

export { SimControl, SimControlError } from './control-client.ts';
export {
  FaultFileError,
  type FaultKind,
  type FaultSpec,
  FaultSpecSchema,
  loadFaultFile,
  parseFaultFile,
} from './faults/definitions.ts';
export { FleetFileError, type FleetNodeSpec, loadFleetFile, parseFleet } from './fleet.ts';
export {
  type FleetTarget,
  fleetTargets,
  PASSWORD_ENV,
  passwordEnvs,
  writeTargetsFile,
} from './fleet-targets.ts';
export { createLogger, type Logger } from './logger.ts';
export {
  MAX_FLEET_NODES,
  MAX_NODES,
  type ResolvedSimulatorOptions,
  resolveSimulatorOptions,
  type ServerLimits,
  SIMULATOR_DEFAULTS,
  type SimulatorOptions,
  SimulatorOptionsError,
  TIMINGS,
  type Timing,
} from './options.ts';
export { StateFileError } from './persistence.ts';
export { type RunningSimulator, simulatorCaPem, startSimulator } from './server.ts';
export { parseShard, type Shard, ShardError, shardRange } from './shard.ts';
export type { TlsMaterial } from './tls.ts';
