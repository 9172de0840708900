// The part of a firmware profile the pure model reads (the HTTP layer reads the rest).

import type { MinPasswordLengthCheck } from './account-policy.ts';
import type { BootLayoutRules } from './boot-settings.ts';
import type { Coercion } from './dbus-types.ts';
import type { Listing, NameMatch } from './object-tree.ts';
import type { SessionLimits } from './sessions.ts';

export interface ModelTimings {
  chassisOnMs: number;
  chassisOffMs: number;
  hostStartMs: number;
  softOffMs: number;
  /** How long PSM waits for a host that ignores the soft-off request before forcing power off. */
  softOffTimeoutMs: number;
  rebootDelayMs: number;
  powerCycleDelayMs: number;
  bootStageMs: number;
  bmcReplyGraceMs: number;
  bmcDownMs: number;
  bmcNotReadyMs: number;
}

export type HostExtra =
  | 'AttemptsLeft'
  | 'RestartCause'
  | 'BootProgressLastUpdate'
  | 'AllowedHostTransitions'
  | 'RetryAttempts';

export interface ModelProfile {
  name: string;
  /** `/xyz/openbmc_project` (2017+) or the skeleton-era `/org/openbmc` tree (2016). */
  objectModel: 'xyz' | 'org-openbmc';
  /** Sensor objects: phosphor-hwmon's int64 Value and Scale (up to about 2019), or dbus-sensors' doubles (default). */
  sensors?: 'phosphor-hwmon' | 'dbus-sensors';
  routing: {
    names: NameMatch;
    /** Order of `/list`, children and `/enumerate`: bmcweb's mapper sorts; the Python mapper keeps
     * dict (insertion) order (openbmc-rest.md 2.1). */
    listing: Listing;
    /** `/enumerate` of objects without properties: `{}` on both servers (phosphor-objmgr
     * obmc/mapper/bindings.py enumerate_subtree; openbmc/bmcweb openbmc_dbus_rest.hpp,
     * getManagedObjectsForEnumerate); `omit` is kept for stand-ins that leave them out. */
    enumerateEmpty: 'omit' | 'include';
  };
  sessions: SessionLimits;
  sessionsSurviveBmcReboot: boolean;
  coercion: Coercion;
  state: {
    hostTransitional: boolean;
    chassisTransitional: boolean;
    hostTransitions: readonly string[];
    chassisTransitions: readonly string[];
    bootStages: readonly string[];
    hostExtras: readonly HostExtra[];
    chassisExtras: readonly ('CurrentPowerStatus' | 'LastStateChangeTime' | 'POHCounter')[];
    bmcExtras: readonly ('LastRebootTime' | 'LastRebootCause')[];
  };
  boot: BootLayoutRules;
  /** phosphor-user-manager's AccountPolicy object (bmcweb eras; absent: the firmware's tree shows none). */
  accountPolicy?: { minPasswordLength: MinPasswordLengthCheck };
}

/** Model-level faults (simulator/faults implements the plan that answers these). */
export type ModelFaultKind =
  | 'stuck-host'
  | 'power-on-fails'
  | 'os-ignores-soft-off'
  | 'refuse-when-bmc-not-ready'
  | 'transitions-unavailable'
  | 'boot-not-sticky'
  | 'drop-logout'
  | 'one-time-never-consumed'
  | 'session-limit';

export interface FaultHooks {
  /** True when an active fault of this kind applies now (and counts one use of it). */
  take(kind: ModelFaultKind): boolean;
}

export const NO_FAULTS: FaultHooks = { take: () => false };
