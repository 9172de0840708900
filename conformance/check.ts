// A conformance check is data plus one function (style.md 8.5): the runner, the plan and the
// reporters read the data; `run` asserts through the driver with node:assert/strict, so the same
// check runs under the shipped runner and under vitest.

import type {
  DriverClock,
  OpenBMCDriver,
  OpenBMCManagement,
  OpenBMCPower,
  PowerTarget,
  Task,
} from '../driver/index.ts';
import type { SimControl } from '../simulator/control-client.ts';
import type { RawBmc } from './raw-bmc.ts';

/** What a check does to the machine. `power` and `boot` change it: on a remote target they run
 * only with --allow-power-changes, and the runner restores boot settings around them. */
export type Need = 'read-only' | 'power' | 'boot';
export const NEEDS: readonly Need[] = ['read-only', 'power', 'boot'];

/** `sim-control`: the check drives the simulator's control API (faults, state), so it is skipped on
 * real hardware. `session-list`: it counts the BMC's live sessions, which Redfish lists (its
 * Sessions collection) and D-Bus REST does not, so on REST it needs the simulator's count. */
export type Requirement = 'sim-control' | 'session-list';

export const GROUPS = [
  'session',
  'protocol',
  'power',
  'boot',
  'management',
  'timing',
  'resilience',
  'redfish',
  'use-case',
  'cross-protocol',
] as const;
export type Group = (typeof GROUPS)[number];

/** The API axis: a target is checked once per API it serves (D-Bus REST, Redfish). */
export const APIS = ['rest', 'redfish'] as const;
export type Api = (typeof APIS)[number];

/** Which API runs a check: `any` (a driver check, once per API), one of them (its wire
 * protocol), or `both` (cross-protocol: run on the Redfish axis, reads the other through REST). */
export type CheckApi = Api | 'any' | 'both';

/** The D-Bus REST wire checks, sessions and injected REST faults are REST-only unless a check says otherwise. */
export function apiOf(check: Pick<Check, 'api' | 'group'>): CheckApi {
  if (check.api) return check.api;
  return check.group === 'protocol' || check.group === 'session' || check.group === 'resilience'
    ? 'rest'
    : 'any';
}

/** Does the check run on this API's axis? */
export function runsOn(check: Pick<Check, 'api' | 'group'>, api: Api): boolean {
  const a = apiOf(check);
  return a === 'any' || a === api || (a === 'both' && api === 'redfish');
}

export interface Check {
  /** Stable id, e.g. PWR-003: CI history and bug reports refer to it. */
  id: string;
  title: string;
  group: Group;
  needs: Need;
  requires?: readonly Requirement[];
  /** What it does to the machine, in words, for the plan printed before a run. */
  does: string;
  /** Which BMCs it is for: most checks need the REST API; one proves a REST-disabled BMC is named as such. */
  restApi?: 'enabled' | 'disabled';
  /** The API axis it runs on (default from its group: see apiOf). */
  api?: CheckApi;
  run(ctx: CheckContext): Promise<void>;
}

export interface CheckContext {
  /** A short name of the target, for messages. */
  readonly target: string;
  readonly driver: OpenBMCDriver;
  readonly power: OpenBMCPower;
  readonly management: OpenBMCManagement;
  /** This check's node: driver_info of the target, driver_internal_info kept for the check's length. */
  readonly task: Task;
  /** A node with extra driver_info (a shorter timeout, a wrong password...). */
  taskWith(extra: Record<string, unknown>): Task;
  /** The simulator's control API; present only on simulator targets. */
  readonly sim?: SimControl;
  /** Plain HTTP to the BMC, for the protocol facts the driver relies on. */
  readonly raw: RawBmc;
  /** The time the driver and the checks' own waits run on: a simulator's virtual clock where the
   * target has one (its sleeps move the simulated BMC), real time otherwise. */
  readonly clock: DriverClock;
  /** The driver's dialect for this BMC (bmcweb, phosphor-rest, legacy), known after the first operation. */
  dialect(): string | undefined;
  /** The API this run of the check drives the BMC through (the driver's tasks carry it). */
  readonly api: Api;
  /** Bring the machine into a state the check starts from; a failure here reports `error`, not `fail`. */
  setup<T>(what: string, fn: () => Promise<T>): Promise<T>;
  /** Power the host to `state` through the driver, as a precondition. */
  ensurePower(state: Extract<PowerTarget, 'power on' | 'power off'>): Promise<void>;
  /** End the check as `skipped`: the firmware has no such feature (a reason is required). */
  skip(reason: string): never;
  /** Say how the driver coped, for the report (a pass can carry a note). */
  note(text: string): void;
}

/** Thrown by ctx.skip. */
export class CheckSkipped extends Error {
  override name = 'CheckSkipped';
}

/** Thrown when a precondition could not be set up. */
export class CheckSetupError extends Error {
  override name = 'CheckSetupError';
}

export const CHECK_ID = /^[A-Z]{3}-\d{3}$/;
