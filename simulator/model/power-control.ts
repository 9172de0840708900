// Host and chassis power as the model carries it out: a power request (a write of
// Requested*Transition, a legacy chassis0 method, a Redfish reset, the restore policy) becomes the
// power machine's plan on the injected clock, and each step lands in the object tree.
// One entry point for every caller, so a request means the same thing whichever face sent it.

import { ChassisPowerState, HostTransition, LegacyPath, ObjectPath } from '../../protocol/index.ts';
import { type BootLayoutRules, consumeAtBoot, type EffectiveBoot } from './boot-settings.ts';
import type { Clock } from './clock.ts';
import { legacyView } from './legacy-objects.ts';
import type { FaultHooks, ModelProfile, ModelTimings } from './model-profile.ts';
import type { ObjectTree } from './object-tree.ts';
import {
  applyPowerEvent,
  type PowerEvent,
  type PowerRequest,
  type PowerState,
  planPowerRequest,
} from './power-machine.ts';
import { StepRunner } from './step-runner.ts';

export interface PowerControlOptions {
  tree: ObjectTree;
  clock: Clock;
  state: ModelProfile['state'];
  boot: BootLayoutRules;
  timings: ModelTimings;
  faults: () => FaultHooks;
  /** Power or consumed boot settings changed: what a restart must remember. */
  changed: () => void;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export class PowerControl {
  /** What the host booted with last time (null before the first boot). */
  lastBoot: EffectiveBoot | null = null;
  readonly #o: PowerControlOptions;
  readonly #runner: StepRunner<PowerEvent>;
  #everPoweredOn = false;

  constructor(o: PowerControlOptions) {
    this.#o = o;
    this.#runner = new StepRunner(o.clock, (e) => this.#apply(e));
  }

  /** Host and chassis as the tree holds them now. */
  read(): PowerState {
    const t = this.#o.tree;
    return {
      host: str(t.get(ObjectPath.host, 'CurrentHostState')),
      chassis: str(t.get(ObjectPath.chassis, 'CurrentPowerState')),
      bootProgress: str(t.get(ObjectPath.host, 'BootProgress')),
      osState: str(t.get(ObjectPath.host, 'OperatingSystemState')),
      restartCause: str(t.get(ObjectPath.host, 'RestartCause')),
    };
  }

  get everPoweredOn(): boolean {
    return this.#everPoweredOn;
  }

  /**
   * Records the request in Requested*Transition and plans it; a new plan replaces what was
   * pending (systemd `replace`: the last request wins).
   */
  request(r: PowerRequest): void {
    const { tree, state, timings } = this.#o;
    if (r.target === 'host') tree.set(ObjectPath.host, 'RequestedHostTransition', r.transition);
    else tree.set(ObjectPath.chassis, 'RequestedPowerTransition', r.transition);
    const faults = this.#o.faults();
    const starts = r.target === 'host' && r.transition !== HostTransition.Off;
    const softOff =
      r.target === 'host' && (r.transition === HostTransition.Off || r.transition === HostTransition.Reboot);
    const bent = {
      stuck: faults.take('stuck-host'),
      powerOnFails: starts && faults.take('power-on-fails'),
      osIgnoresSoftOff: softOff && faults.take('os-ignores-soft-off'),
    };
    this.#runner.run(planPowerRequest(this.read(), r, { ...state, timings }, bent));
  }

  pending(): { event: PowerEvent; dueInMs: number }[] {
    return this.#runner.pending();
  }

  cancel(): void {
    this.#runner.cancel();
  }

  /** Back to a machine that has never been powered (reset, new tree). */
  forget(): void {
    this.#runner.cancel();
    this.lastBoot = null;
    this.#everPoweredOn = false;
  }

  #apply(event: PowerEvent): void {
    const { tree, clock, boot } = this.#o;
    const { next, effects } = applyPowerEvent(this.read(), event);
    tree.set(ObjectPath.host, 'CurrentHostState', next.host);
    tree.set(ObjectPath.chassis, 'CurrentPowerState', next.chassis);
    tree.set(ObjectPath.host, 'BootProgress', next.bootProgress);
    tree.set(ObjectPath.host, 'OperatingSystemState', next.osState);
    tree.set(ObjectPath.host, 'RestartCause', next.restartCause);
    const view = legacyView(next, this.#everPoweredOn || next.chassis === ChassisPowerState.On);
    tree.set(LegacyPath.bootProgress, 'value', view.progress);
    tree.set('/org/openbmc/control/power0', 'pgood', view.powerState);
    tree.set('/org/openbmc/control/power0', 'state', view.powerState);
    for (const effect of effects) {
      switch (effect.kind) {
        case 'consume-one-time-boot':
          this.lastBoot = consumeAtBoot(tree, boot, () => this.#o.faults().take('one-time-never-consumed'));
          break;
        case 'power-changed':
          // ms since the epoch of the last Off<->On change (openbmc-rest.md 3.2).
          tree.set(ObjectPath.chassis, 'LastStateChangeTime', clock.now());
          if (effect.on) this.#everPoweredOn = true;
          break;
        case 'progress-changed':
          // µs since the epoch (openbmc-rest.md 3.1).
          tree.set(ObjectPath.host, 'BootProgressLastUpdate', clock.now() * 1000);
          break;
      }
    }
    if (effects.some((e) => e.kind === 'power-changed' || e.kind === 'consume-one-time-boot'))
      this.#o.changed();
  }
}
