// Time as the driver sees it, injectable so tests of waits and backoff run without waiting.

import { setTimeout as delay } from 'node:timers/promises';

export interface DriverClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: DriverClock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    if (ms > 0) await delay(ms, undefined, signal ? { signal } : undefined);
  },
};
