// A power-sync round against a simulated fleet over real HTTPS sockets: every node gets its own
// result (a typed error for the ones that fail), a BMC that never answers holds one worker only
// until its deadline while the others go on, progress is reported once per node, a stopped round
// reports the nodes it did not read, and no session is left behind.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../driver/constants.ts';
import { createOpenBMCDriver } from '../driver/driver.ts';
import { OpenBMCAuthError, OpenBMCTimeoutError } from '../driver/errors.ts';
import { PowerSyncAborted, type PowerSyncProgress, syncPowerStates } from '../driver/power-sync.ts';
import { type RunningSimulator, startSimulator } from '../simulator/server.ts';
import { simTask } from './support/sim-task.ts';

const PASSWORD = 'Sync-Pa55word';
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({
    profile: 'bmcweb-2021',
    port: 0,
    nodes: 6,
    timing: 'instant',
    seed: 3,
    password: PASSWORD,
  });
});
afterAll(async () => {
  await sim.close();
});

const fleetTasks = (extra: Record<string, unknown> = {}): Task[] =>
  sim.urls.map((url, i) => {
    const t = simTask(
      sim,
      PASSWORD,
      { openbmc_request_timeout: 0.3, openbmc_retries: 1, ...extra },
      `node-${i}`,
    );
    t.node.driver_info.openbmc_address = url;
    return t;
  });

const sessions = async () =>
  (await Promise.all(sim.urls.map((_, i) => sim.control(i).state()))).map((s) => s.sessions);

describe('syncPowerStates', () => {
  it('reads every node, one typed result each, a hung BMC not blocking the others', async () => {
    const tasks = fleetTasks();
    (tasks[2] as Task).node.driver_info.openbmc_password = 'wrong-password';
    await sim.control(4).addFault({ kind: 'hang', method: 'POST', path: '/login', times: 100 });
    const progress: PowerSyncProgress[] = [];
    const driver = createOpenBMCDriver();
    const round = await syncPowerStates(driver, tasks, {
      concurrency: 2,
      onProgress: (p) => progress.push(p),
    });
    await driver.close();
    await sim.control(4).clearFaults();

    expect(round.results.map((r) => [r.index, r.node, r.ok])).toEqual([
      [0, 'node-0', true],
      [1, 'node-1', true],
      [2, 'node-2', false],
      [3, 'node-3', true],
      [4, 'node-4', false],
      [5, 'node-5', true],
    ]);
    const states = round.results.map((r) => (r.ok ? r.powerState : r.error.code));
    expect(states).toEqual(['power off', 'power off', 'OBMC_AUTH', 'power off', 'OBMC_TIMEOUT', 'power off']);
    const failed = round.results.filter((r) => !r.ok);
    expect(failed[0]?.ok === false && failed[0].error).toBeInstanceOf(OpenBMCAuthError);
    expect(failed[1]?.ok === false && failed[1].error).toBeInstanceOf(OpenBMCTimeoutError);
    expect(JSON.stringify(failed.map((r) => (r.ok ? '' : r.error.message)))).not.toContain('wrong-password');
    expect(round.failed).toBe(2);
    // Progress once per node, counting up; the hung node finished last, after all the others.
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress.at(-1)?.result.node).toBe('node-4');
    expect(progress.at(-1)?.failed).toBe(2);
    expect(await sessions()).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('with session reuse, a second round logs in no more, and closing the driver logs out', async () => {
    const driver = createOpenBMCDriver();
    const tasks = fleetTasks({ openbmc_session_reuse: true });
    const first = await syncPowerStates(driver, tasks, { concurrency: 3 });
    expect(first.failed).toBe(0);
    expect(await sessions()).toEqual([1, 1, 1, 1, 1, 1]);
    const second = await syncPowerStates(driver, tasks, { concurrency: 3 });
    expect(second.failed).toBe(0);
    expect(await sessions()).toEqual([1, 1, 1, 1, 1, 1]);
    await driver.close();
    expect(await sessions()).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('a stopped round reports the nodes it did not read as PowerSyncAborted', async () => {
    const driver = createOpenBMCDriver();
    const stop = new AbortController();
    const round = await syncPowerStates(driver, fleetTasks(), {
      concurrency: 1,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.done === 2) stop.abort();
      },
    });
    await driver.close();
    expect(round.results.map((r) => r.ok)).toEqual([true, true, false, false, false, false]);
    for (const r of round.results.slice(2)) expect(!r.ok && r.error).toBeInstanceOf(PowerSyncAborted);
    await expect(syncPowerStates(driver, [], { concurrency: 0 })).rejects.toThrow(RangeError);
  });
});
