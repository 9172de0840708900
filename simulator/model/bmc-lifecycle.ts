// The BMC's own reboot as the model carries it out: bmc-machine.ts plans it, this runs the plan
// on the injected clock and writes bmc0's properties; the listener and the session table are
// the owner's to act on (callbacks).

import { BmcRebootCause, BmcState, BmcTransition, ObjectPath } from '../../protocol/index.ts';
import { type BmcEvent, type BmcTimings, planBmcReboot } from './bmc-machine.ts';
import type { Clock } from './clock.ts';
import type { ObjectTree } from './object-tree.ts';
import { StepRunner } from './step-runner.ts';

export interface BmcLifecycleOptions {
  tree: ObjectTree;
  clock: Clock;
  timings: BmcTimings;
  /** The REST listener goes away and comes back. */
  listening: (up: boolean) => void;
  /** The BMC came back up (sessions are dropped unless the firmware persists them). */
  rebooted: () => void;
}

export class BmcLifecycle {
  readonly #o: BmcLifecycleOptions;
  readonly #runner: StepRunner<BmcEvent>;

  constructor(o: BmcLifecycleOptions) {
    this.#o = o;
    this.#runner = new StepRunner(o.clock, (e) => this.#apply(e));
  }

  reboot(): void {
    this.#runner.run(planBmcReboot(this.#o.timings));
  }

  /** Ready unless a reboot is under way. */
  ready(): boolean {
    return this.#o.tree.get(ObjectPath.bmc, 'CurrentBMCState') !== BmcState.NotReady;
  }

  pending(): { event: BmcEvent; dueInMs: number }[] {
    return this.#runner.pending();
  }

  cancel(): void {
    this.#runner.cancel();
  }

  #apply(event: BmcEvent): void {
    const { tree, clock } = this.#o;
    switch (event.type) {
      case 'bmc-state':
        tree.set(ObjectPath.bmc, 'CurrentBMCState', event.to);
        return;
      case 'listener':
        this.#o.listening(event.up);
        return;
      case 'rebooted':
        // Not persisted, so it reads None after the reboot.
        tree.set(ObjectPath.bmc, 'RequestedBMCTransition', BmcTransition.None);
        tree.set(ObjectPath.bmc, 'LastRebootTime', clock.now());
        tree.set(ObjectPath.bmc, 'LastRebootCause', BmcRebootCause.Software);
        tree.set(ObjectPath.bmc, 'CurrentBMCState', BmcState.NotReady);
        this.#o.rebooted();
        return;
    }
  }
}
