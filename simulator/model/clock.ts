// Time for the simulator model. The model never reads real time: production injects the system
// clock (../system-clock.ts), tests and `--manual-clock` inject ManualClock and advance it.

export type Cancel = () => void;

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` once `ms` have passed on this clock. */
  schedule(ms: number, fn: () => void): Cancel;
}

interface Timer {
  due: number;
  seq: number;
  fn: () => void;
}

/** A clock that moves only when told to; `advance` fires due timers in time order, including timers they schedule. */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: Timer[] = [];
  readonly #start: number;

  constructor(start = Date.UTC(2021, 8, 1, 12, 0, 0)) {
    this.#start = start;
    this.#now = start;
  }

  /** Back to the starting time with no timers (a simulator reset). */
  reset(): void {
    this.#now = this.#start;
    this.#timers = [];
  }

  now(): number {
    return this.#now;
  }

  schedule(ms: number, fn: () => void): Cancel {
    const timer: Timer = { due: this.#now + Math.max(0, ms), seq: this.#seq++, fn };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  }

  advance(ms: number): void {
    const target = this.#now + Math.max(0, ms);
    for (;;) {
      const next = this.#nextDue(target);
      if (!next) break;
      this.#timers = this.#timers.filter((t) => t !== next);
      this.#now = next.due;
      next.fn();
    }
    this.#now = target;
  }

  /** How many timers are waiting (for tests and `/_sim/state`). */
  get pending(): number {
    return this.#timers.length;
  }

  #nextDue(limit: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.#timers) {
      if (t.due > limit) continue;
      if (!best || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
