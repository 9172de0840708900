// Poll until the BMC *reports* the target (ironic-contract.md 3.4): read at once, then back off
// from the first interval by 1.5x up to a cap; give up when the next sleep would pass the timeout.

import type { DriverClock } from './clock.ts';

export interface PollOptions {
  timeoutMs: number;
  intervalMs: number;
  maxIntervalMs: number;
  clock: DriverClock;
}

export interface PollResult<T> {
  ok: boolean;
  last: T;
  polls: number;
}

export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  o: PollOptions,
): Promise<PollResult<T>> {
  const start = o.clock.now();
  let interval = Math.max(o.intervalMs, 1);
  let last = await read();
  let polls = 1;
  while (!done(last)) {
    if (o.clock.now() + interval - start > o.timeoutMs) return { ok: false, last, polls };
    await o.clock.sleep(interval);
    last = await read();
    polls += 1;
    interval = Math.min(interval * 1.5, Math.max(o.maxIntervalMs, 1));
  }
  return { ok: true, last, polls };
}
