// One simulated BMC as the server runs it: the model plus its profile, faults and clock.

import type { JsonValue, RedfishSwitch, SimState } from '../protocol/index.ts';
import { ObjectPath } from '../protocol/index.ts';
import type { FaultSpec } from './faults/definitions.ts';
import { FaultPlan } from './faults/plan.ts';
import type { LockoutPolicy } from './model/accounts.ts';
import { Bmc, type User } from './model/bmc.ts';
import type { Clock, ManualClock } from './model/clock.ts';
import type { ModelTimings } from './model/model-profile.ts';
import { hexToken, type Rng } from './model/rng.ts';
import type { StandIn } from './model/stand-in.ts';
import type { StateFileStatus } from './persistence.ts';
import type { Profile } from './profiles/profile.ts';

export interface SimNodeOptions {
  index: number;
  profile: Profile;
  timings: ModelTimings;
  clock: Clock;
  manualClock: ManualClock | undefined;
  rng: Rng;
  seed: number;
  users: User[];
  lockout?: LockoutPolicy | undefined;
  /** Redfish switches beyond bmcweb (fleet file `redfish`, the control API). */
  redfishSwitches?: readonly RedfishSwitch[];
  standIn?: StandIn;
}

export class SimNode {
  readonly index: number;
  readonly profile: Profile;
  readonly bmc: Bmc;
  readonly faults = new FaultPlan();
  readonly clock: Clock;
  readonly manualClock: ManualClock | undefined;
  /** phosphor-rest signs its `sid` cookie with a per-process random key. */
  readonly cookieKey: string;
  /** The `--state` file's health, when there is one (the control API reports it). */
  stateFile: (() => StateFileStatus) | undefined;
  /** Redfish behaviours beyond bmcweb this BMC runs with (protocol/redfish.ts RedfishSwitch). */
  readonly redfishSwitches = new Set<RedfishSwitch>();
  /** Set by the server while the listener cannot reopen its port after a BMC reboot. */
  listenError: string | undefined;

  constructor(o: SimNodeOptions) {
    this.cookieKey = hexToken(o.rng, 16);
    for (const s of o.redfishSwitches ?? []) this.redfishSwitches.add(s);
    this.index = o.index;
    this.profile = o.profile;
    this.clock = o.clock;
    this.manualClock = o.manualClock;
    this.bmc = new Bmc({
      profile: o.profile,
      timings: o.timings,
      clock: o.clock,
      rng: o.rng,
      seed: o.seed,
      users: o.users,
      ...(o.lockout ? { lockout: o.lockout } : {}),
      faults: this.faults,
      ...(o.standIn ? { standIn: o.standIn } : {}),
    });
  }

  state(): SimState {
    const tree = this.bmc.tree;
    const s = (path: string, prop: string): string => {
      const v = tree.get(path, prop);
      return typeof v === 'string' ? v : '';
    };
    const nullable = (path: string, prop: string): string | null => {
      const v: JsonValue | undefined = tree.get(path, prop);
      return typeof v === 'string' ? v : null;
    };
    return {
      node: this.index,
      profile: this.profile.name,
      sessions: this.bmc.sessions.count(),
      clock: { now: this.clock.now(), manual: this.manualClock !== undefined },
      host: {
        current: s(ObjectPath.host, 'CurrentHostState'),
        requested: s(ObjectPath.host, 'RequestedHostTransition'),
        bootProgress: nullable(ObjectPath.host, 'BootProgress'),
        osState: nullable(ObjectPath.host, 'OperatingSystemState'),
      },
      chassis: {
        current: s(ObjectPath.chassis, 'CurrentPowerState'),
        requested: s(ObjectPath.chassis, 'RequestedPowerTransition'),
      },
      bmc: {
        current: s(ObjectPath.bmc, 'CurrentBMCState'),
        requested: s(ObjectPath.bmc, 'RequestedBMCTransition'),
        listening: this.bmc.listening && this.listenError === undefined,
        ...(this.listenError === undefined ? {} : { listenError: this.listenError }),
      },
      boot: this.bmc.bootSettings(),
      lastBoot: this.bmc.lastBoot,
      nmiCount: this.bmc.nmiCount,
      pending: this.bmc.pending(),
      faults: this.faults.describe(),
      ...(this.stateFile ? { stateFile: this.stateFile() } : {}),
      ...(this.profile.redfish ? { redfish: { switches: [...this.redfishSwitches].sort() } } : {}),
      ...(this.bmc.accounts.lockoutOn ? { lockedAccounts: this.bmc.accounts.locked() } : {}),
    };
  }

  /** Adds a fault; the action kinds happen at once instead. */
  addFault(spec: FaultSpec): void {
    switch (spec.kind) {
      case 'drop-sessions':
        this.bmc.sessions.clear();
        return;
      case 'bmc-reboot':
        this.bmc.rebootBmc();
        return;
      default:
        this.faults.add(spec);
    }
  }

  reset(): void {
    this.faults.clear();
    this.bmc.reset();
    this.manualClock?.reset();
  }
}
