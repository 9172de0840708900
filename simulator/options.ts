// Partial options in, resolved options out: every default of the simulator lives here.

import type { RedfishSwitch } from '../protocol/index.ts';
import {
  type ControlAccess,
  DEFAULT_PASSWORD,
  DEFAULT_PROFILE,
  DEFAULT_USERNAME,
} from '../protocol/index.ts';
import type { FaultSpec } from './faults/definitions.ts';
import type { FleetNodeSpec } from './fleet.ts';
import type { Logger } from './logger.ts';
import type { LockoutPolicy } from './model/accounts.ts';
import type { User } from './model/bmc.ts';
import type { ModelTimings } from './model/model-profile.ts';
import type { StandIn } from './model/stand-in.ts';
import { getProfile, implementedProfiles } from './profiles/index.ts';
import type { Profile } from './profiles/profile.ts';
import { type Shard, shardRange } from './shard.ts';
import type { TlsMaterial } from './tls.ts';

export const TIMINGS = ['instant', 'fast', 'realistic'] as const;

/** BMCs one process serves (10,000 measured, README "Benchmarks"); a larger fleet runs in shards. */
export const MAX_NODES = 20_000;
/** A whole fleet, served by one process or split into shards (each at most MAX_NODES). */
export const MAX_FLEET_NODES = 1_000_000;
export type Timing = (typeof TIMINGS)[number];

export interface SimulatorOptions {
  host?: string;
  /** First node's port; 0 = ephemeral (each node gets its own free port). */
  port?: number;
  /** Plain HTTP instead of HTTPS. */
  http?: boolean;
  profile?: string;
  timing?: Timing;
  /** Simulated time moves only through the control API (`POST /_sim/clock/advance`). */
  manualClock?: boolean;
  /**
   * While a BMC is down (rebooting) its port stays bound and answers `/_sim` only, closing every
   * other connection unanswered; off, the port is closed (connections refused, as on firmware).
   * `obmc sim --manual-clock` turns it on: its user can only advance the clock over HTTP.
   */
  controlWhileDown?: boolean;
  /** Reproducible tokens and sensor values. */
  seed?: number;
  /** Redfish switches beyond bmcweb for every BMC (a fleet entry's `redfish` overrides). */
  redfish?: RedfishSwitch[];
  username?: string;
  password?: string;
  /** Extra accounts beyond the default Administrator. */
  users?: User[];
  /**
   * Lock an account after this many failed logins in a row, for `unlockAfterMs` after the last one
   * (0: until a reset). Off by default, as OpenBMC ships (model/accounts.ts).
   */
  lockout?: LockoutPolicy;
  nodes?: number;
  faults?: FaultSpec[];
  control?: ControlAccess;
  logger?: Logger;
  tls?: TlsMaterial;
  /** Keep each node's settings, accounts and power across restarts in this JSON file. */
  stateFile?: string;
  /** One entry per BMC (overrides `nodes`); unset fields fall back to the options above. */
  fleet?: FleetNodeSpec[];
  /** Replace the generated object tree with a recording's stand-in (fixtures/trees/). */
  standIn?: StandIn;
  /** HTTP server limits per BMC listener; unset fields keep DEFAULT_SERVER_LIMITS. */
  limits?: Partial<ServerLimits>;
  /**
   * Serve only this shard of the fleet (`nodes` or `fleet` is then the whole fleet). A node keeps
   * its fleet-wide number, port (`port` + number), seed and fleet-file settings (shard.ts).
   */
  shard?: Shard;
  /** The host name clients use: in the URLs and the certificate (default: `host`). */
  publicHost?: string;
}

/** Per-listener HTTP limits: slow or greedy clients must not hold a BMC (Node's server options). */
export interface ServerLimits {
  /** Time to receive the whole request head (slowloris); answered 408, then closed. */
  headersTimeoutMs: number;
  /** Time to receive the whole request, head and body. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  /** How often Node checks the two timeouts above (so a timeout fires within this much of its due time). */
  timeoutCheckIntervalMs: number;
  /** Request head size; larger heads get 431. Bodies are capped by the profile (`body.limitBytes`, 413). */
  maxHeaderBytes: number;
  /** Open connections per BMC; further ones are closed at once. */
  maxConnections: number;
  /** After a BMC reboot, how often to retry reopening a port someone else took meanwhile. */
  relistenIntervalMs: number;
}

// bmcweb's bounds (http/http_connection.hpp). A client that is not logged in gets 15 s for its
// whole request, a logged-in one 60 s (5dfb5b2d88, 2021-12; 15/60 s through the timer queue from
// 3909dc82a0, 2020-04); a connection idle between requests is closed after the same 15 s; at most
// 200 connections (4f63be0cda, 2023-10; 100 from 6fbdbcabc3, 2021-12), further ones closed at once.
// bmcweb has no per-client limit (one global connectionCount), so neither does a simulated BMC:
// 200 slow clients hold it for up to 15 s, as they hold the firmware.
const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 15_000,
  timeoutCheckIntervalMs: 1_000,
  maxHeaderBytes: 16 * 1024,
  maxConnections: 200,
  relistenIntervalMs: 1_000,
};

/** What differs between the BMCs of one simulator. */
export interface ResolvedNodeOptions {
  /** The node's number in the whole fleet (its port is `port` + index). */
  index: number;
  profile: Profile;
  timing: Timing;
  seed: number | undefined;
  users: User[];
  redfish: RedfishSwitch[];
  /** This BMC's own faults (a fleet entry's `faults`), injected after the simulator-wide ones. */
  faults: FaultSpec[];
}

export interface ResolvedSimulatorOptions {
  host: string;
  publicHost: string;
  port: number;
  http: boolean;
  profile: Profile;
  timing: Timing;
  manualClock: boolean;
  controlWhileDown: boolean;
  seed: number | undefined;
  users: User[];
  nodes: number;
  faults: FaultSpec[];
  control: ControlAccess;
  logger: Logger | undefined;
  tls: TlsMaterial | undefined;
  stateFile: string | undefined;
  /** One entry per node. */
  perNode: ResolvedNodeOptions[];
  standIn: StandIn | undefined;
  lockout: LockoutPolicy | undefined;
  limits: ServerLimits;
}

/** The defaults of the options a user sets most (the CLI shows them in its help). */
export const SIMULATOR_DEFAULTS = {
  host: '127.0.0.1',
  port: 2443,
  profile: DEFAULT_PROFILE,
  timing: 'realistic',
  username: DEFAULT_USERNAME,
  password: DEFAULT_PASSWORD,
  nodes: 1,
} as const satisfies SimulatorOptions;

export class SimulatorOptionsError extends Error {
  override name = 'SimulatorOptionsError';
}

export function resolveSimulatorOptions(input: SimulatorOptions = {}): ResolvedSimulatorOptions {
  const profileName = input.profile ?? SIMULATOR_DEFAULTS.profile;
  const profile = getProfile(profileName);
  if (!profile) {
    throw new SimulatorOptionsError(
      `unknown profile '${profileName}'; known: ${implementedProfiles().join(', ')}`,
    );
  }
  const port = input.port ?? SIMULATOR_DEFAULTS.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SimulatorOptionsError(`port must be an integer from 0 to 65535, got ${port}`);
  }
  if (input.fleet !== undefined && input.nodes !== undefined) {
    throw new SimulatorOptionsError('give either fleet or nodes: a fleet has one entry per BMC');
  }
  const nodes = input.fleet?.length ?? input.nodes ?? SIMULATOR_DEFAULTS.nodes;
  const maxNodes = input.shard ? MAX_FLEET_NODES : MAX_NODES;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > maxNodes) {
    throw new SimulatorOptionsError(`nodes must be an integer from 1 to ${maxNodes}, got ${nodes}`);
  }
  let served = { start: 0, end: nodes };
  if (input.shard) {
    try {
      served = shardRange(nodes, input.shard);
    } catch (error) {
      throw new SimulatorOptionsError((error as Error).message);
    }
    if (served.end - served.start > MAX_NODES) {
      throw new SimulatorOptionsError(
        `shard ${input.shard.index}/${input.shard.count} would serve ${served.end - served.start} BMCs; at most ${MAX_NODES} per process: use more shards`,
      );
    }
  }
  if (port !== 0 && port + served.end - 1 > 65535) {
    throw new SimulatorOptionsError(
      `ports ${port + served.start}..${port + served.end - 1} do not fit below 65536`,
    );
  }
  const timing = input.timing ?? SIMULATOR_DEFAULTS.timing;
  if (!TIMINGS.includes(timing)) {
    throw new SimulatorOptionsError(`timing must be one of ${TIMINGS.join(', ')}, got '${String(timing)}'`);
  }
  const username = input.username ?? SIMULATOR_DEFAULTS.username;
  const password = input.password ?? SIMULATOR_DEFAULTS.password;
  if (!username || !password) throw new SimulatorOptionsError('username and password must not be empty');
  if (input.seed !== undefined && !Number.isSafeInteger(input.seed)) {
    throw new SimulatorOptionsError(`seed must be an integer, got ${input.seed}`);
  }
  if (input.stateFile !== undefined && input.stateFile.trim() === '') {
    throw new SimulatorOptionsError('the state file must be a path, got an empty string');
  }
  if (
    input.lockout !== undefined &&
    (!Number.isSafeInteger(input.lockout.attempts) ||
      input.lockout.attempts < 1 ||
      !Number.isSafeInteger(input.lockout.unlockAfterMs) ||
      input.lockout.unlockAfterMs < 0)
  ) {
    throw new SimulatorOptionsError(
      `lockout needs attempts >= 1 and unlockAfterMs >= 0 (integers), got ${JSON.stringify(input.lockout)}`,
    );
  }
  const limits: ServerLimits = { ...DEFAULT_SERVER_LIMITS };
  for (const [key, value] of Object.entries(input.limits ?? {}) as [
    keyof ServerLimits,
    number | undefined,
  ][]) {
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new SimulatorOptionsError(`limits.${key} must be a positive integer, got ${value}`);
    }
    limits[key] = value;
  }
  const users = [{ username, password, role: 'Administrator' as const }, ...(input.users ?? [])];
  const specs: FleetNodeSpec[] = (input.fleet ?? Array.from({ length: nodes }, () => ({}))).slice(
    served.start,
    served.end,
  );
  const perNode: ResolvedNodeOptions[] = specs.map((spec, local) => {
    const i = served.start + local;
    const nodeProfile = spec.profile === undefined ? profile : getProfile(spec.profile);
    if (!nodeProfile) throw new SimulatorOptionsError(`node ${i}: unknown profile '${spec.profile}'`);
    const nodeSeed = spec.seed ?? (input.seed === undefined ? undefined : input.seed + i);
    return {
      index: i,
      profile: nodeProfile,
      timing: spec.timing ?? timing,
      seed: nodeSeed,
      redfish: spec.redfish ?? input.redfish ?? [],
      faults: spec.faults ?? [],
      users:
        spec.username === undefined && spec.password === undefined
          ? users
          : [
              {
                username: spec.username ?? username,
                password: spec.password ?? password,
                role: 'Administrator',
              },
            ],
    };
  });
  return {
    perNode,
    host: input.host ?? SIMULATOR_DEFAULTS.host,
    publicHost: input.publicHost ?? input.host ?? SIMULATOR_DEFAULTS.host,
    port,
    http: input.http ?? false,
    profile,
    timing,
    manualClock: input.manualClock ?? false,
    controlWhileDown: input.controlWhileDown ?? false,
    seed: input.seed,
    users,
    nodes,
    faults: input.faults ?? [],
    control: input.control ?? 'loopback',
    logger: input.logger,
    tls: input.tls,
    stateFile: input.stateFile,
    standIn: input.standIn,
    lockout: input.lockout,
    limits,
  };
}

/** `instant`: no waiting at all; `fast`: the same order of events at 1/100 of the time; `realistic`: the profile's. */
export function scaleTimings(t: ModelTimings, timing: Timing): ModelTimings {
  const scale = (ms: number) => {
    switch (timing) {
      case 'instant':
        return 0;
      case 'fast':
        return ms === 0 ? 0 : Math.max(1, Math.round(ms / 100));
      case 'realistic':
        return ms;
    }
  };
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, scale(v)])) as unknown as ModelTimings;
}
