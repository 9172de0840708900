import { describe, expect, it } from 'vitest';
import type { DriverClock } from './clock.ts';
import { KeyedLock } from './keyed-lock.ts';
import { RequestGate } from './request-gate.ts';
import { pollUntil } from './wait.ts';

function fakeClock(): DriverClock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe('pollUntil', () => {
  it('reads at once, then backs off 1.5x up to the cap', async () => {
    const clock = fakeClock();
    let reads = 0;
    const r = await pollUntil(
      async () => ++reads,
      (n) => n === 6,
      { timeoutMs: 60_000, intervalMs: 1000, maxIntervalMs: 3000, clock },
    );
    expect(r).toEqual({ ok: true, last: 6, polls: 6 });
    expect(clock.slept).toEqual([1000, 1500, 2250, 3000, 3000]);
  });

  it('gives up when the next sleep would pass the timeout', async () => {
    const clock = fakeClock();
    const r = await pollUntil(
      async () => 'off',
      (s) => s === 'on',
      { timeoutMs: 5000, intervalMs: 1000, maxIntervalMs: 10_000, clock },
    );
    expect(r.ok).toBe(false);
    expect(r.last).toBe('off');
    expect(clock.slept).toEqual([1000, 1500, 2250]);
    expect(clock.now()).toBeLessThanOrEqual(5000);
  });
});

describe('KeyedLock', () => {
  it('runs one operation at a time per key, in arrival order, others in parallel', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    let releaseA = () => {};
    const a = lock.run(
      'bmc1',
      () =>
        new Promise<void>((r) => {
          log.push('a-start');
          releaseA = () => {
            log.push('a-end');
            r();
          };
        }),
    );
    const b = lock.run('bmc1', async () => {
      log.push('b');
    });
    const c = lock.run('bmc2', async () => {
      log.push('c');
    });
    await c;
    expect(log).toEqual(['a-start', 'c']);
    releaseA();
    await Promise.all([a, b]);
    expect(log).toEqual(['a-start', 'c', 'a-end', 'b']);
    expect(lock.size).toBe(0);
  });

  it('releases the key when the operation throws', async () => {
    const lock = new KeyedLock();
    await expect(
      lock.run('k', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await lock.run('k', async () => 'next')).toBe('next');
  });
});

describe('RequestGate', () => {
  it('keeps the minimum gap per address', async () => {
    const clock = fakeClock();
    const gate = new RequestGate(clock);
    await gate.pass('a', 100);
    await gate.pass('a', 100);
    await gate.pass('b', 100);
    await gate.pass('a', 100);
    expect(clock.slept).toEqual([100, 100]);
  });
});
