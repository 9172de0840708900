// The simulator's control API (`/_sim/...`): our own interface, never part of the emulated firmware.
// Types only, so the conformance kit and tests can read it without importing the simulator.

import type { JsonValue } from './envelope.ts';
import type { ProfileName } from './profile-names.ts';
import type { RedfishSwitch } from './redfish.ts';

/** Who may call the control API: loopback clients only (the default), anyone, or nobody. */
export type ControlAccess = 'loopback' | 'any' | 'off';

/** `GET /_sim/state`. Property values are the firmware's own (full dotted enum strings). */
export interface SimState {
  node: number;
  profile: ProfileName;
  /** Live (unexpired) sessions: how tests prove a client logged out. */
  sessions: number;
  /** The simulator clock, ms since the epoch, and whether it only moves through `/_sim/clock`. */
  clock: { now: number; manual: boolean };
  host: { current: string; requested: string; bootProgress: string | null; osState: string | null };
  chassis: { current: string; requested: string };
  /** `listening` is false while the BMC is down; `listenError` says why a reopen after a reboot fails. */
  bmc: { current: string; requested: string; listening: boolean; listenError?: string };
  /** Properties of every boot-settings object of the profile's layout, keyed by object path. */
  boot: Record<string, Record<string, JsonValue>>;
  /** What the host booted with at its last boot (null before the first): proves one-time overrides. */
  lastBoot: { source: string; mode: string; type: string | null; oneTime: boolean } | null;
  /** NMIs received since start or reset. */
  nmiCount: number;
  /** Timed transitions still to come, in due order. */
  pending: { event: string; dueInMs: number }[];
  /** Active faults, each described in one line. */
  faults: string[];
  /** With `--state`: the file, when it was last written, and why the last write failed (null if it did not). */
  stateFile?: { file: string; savedAt: string | null; error: string | null };
  /** Where the firmware serves Redfish: the named switches beyond bmcweb this BMC runs with. */
  redfish?: { switches: RedfishSwitch[] };
  /** With an account lockout policy: the accounts locked out now. */
  lockedAccounts?: string[];
}
