// The production clock: real time and Node timers (the model only sees the Clock interface).

import type { Clock } from './model/clock.ts';

export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(ms, fn) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
