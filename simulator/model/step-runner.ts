// Carries out a machine's timed steps on the injected clock. A new plan cancels the steps still
// pending (systemd starts each target with mode `replace`: the last request wins).

import type { Cancel, Clock } from './clock.ts';

export interface TimedStep<E> {
  afterMs: number;
  event: E;
}

export class StepRunner<E> {
  #queue: TimedStep<E>[] = [];
  #cancel: Cancel | undefined;
  #dueAt = 0;
  #generation = 0;

  readonly clock: Clock;
  readonly apply: (event: E) => void;

  constructor(clock: Clock, apply: (event: E) => void) {
    this.clock = clock;
    this.apply = apply;
  }

  /** Replaces whatever was pending. Leading zero-delay steps apply before this returns. */
  run(steps: readonly TimedStep<E>[]): void {
    this.cancel();
    this.#queue = [...steps];
    this.#drain(++this.#generation);
  }

  cancel(): void {
    this.#cancel?.();
    this.#cancel = undefined;
    this.#queue = [];
  }

  /** Steps still to come, with the time until each is due. */
  pending(): { event: E; dueInMs: number }[] {
    let due = this.#dueAt - this.clock.now();
    return this.#queue.map((step, i) => {
      if (i > 0) due += step.afterMs;
      return { event: step.event, dueInMs: Math.max(0, due) };
    });
  }

  #drain(generation: number): void {
    while (this.#queue.length > 0 && generation === this.#generation) {
      const next = this.#queue[0];
      if (!next) return;
      if (next.afterMs > 0) {
        this.#dueAt = this.clock.now() + next.afterMs;
        this.#cancel = this.clock.schedule(next.afterMs, () => {
          this.#cancel = undefined;
          if (generation !== this.#generation) return;
          this.#queue.shift();
          this.apply(next.event);
          this.#drain(generation);
        });
        return;
      }
      this.#queue.shift();
      this.apply(next.event);
    }
  }
}
