// A power change is done only when the BMC reports the target *settled*, and a host that lands in
// a failed state (Quiesced) fails the change at once, on every profile. Two ways, both with real
// transitions over real HTTPS sockets: the simulator's manual clock at the profiles' realistic
// timing, moved by the driver's own sleeps (so simulated time shows when the driver gave up), and
// the simulator's `fast` timing on real time (instant timing hid the false "power on": issue 17).

import { afterEach, describe, expect, it } from 'vitest';
import { createOpenBMCDriver, type DriverClock, type Task } from '../driver/index.ts';
import type { ProfileName } from '../protocol/index.ts';
import type { RunningSimulator } from '../simulator/server.ts';
import { startLoopbackSimulator } from './support/loopback-sim.ts';
import { simTask } from './support/sim-task.ts';

const PASSWORD = 'Settle-Pa55-9c1e';
const POWER_TIMEOUT_S = 60;

let sim: RunningSimulator | undefined;
afterEach(async () => {
  if (sim) expect((await sim.control(0).state()).sessions).toBe(0);
  await sim?.close();
  sim = undefined;
});

/** A simulator on the manual clock at realistic timing, and a driver clock whose sleeps move it. */
async function manual(profile: ProfileName, extra: Record<string, unknown> = {}) {
  sim = await startLoopbackSimulator(profile, PASSWORD, { timing: 'realistic', manualClock: true, seed: 5 });
  const simClock = sim.nodes[0]?.manualClock;
  if (!simClock) throw new Error('no manual clock');
  const clock: DriverClock = {
    now: () => simClock.now(),
    sleep: async (ms) => simClock.advance(ms),
  };
  const driver = createOpenBMCDriver({ clock });
  const task: Task = simTask(sim, PASSWORD, {
    openbmc_poll_interval: 0.5,
    openbmc_poll_max_interval: 2,
    openbmc_reboot_settle_time: 15,
    openbmc_power_timeout: POWER_TIMEOUT_S,
    ...extra,
  });
  const control = sim.control(0);
  return { sim, driver, task, control, now: () => simClock.now() };
}

async function failure(call: Promise<unknown>): Promise<Error & { context?: Record<string, unknown> }> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error('expected the power change to fail, it returned');
  return err;
}

const XYZ_PROFILES: ProfileName[] = [
  'phosphor-rest-2017',
  'phosphor-rest-2018',
  'bmcweb-2019',
  'bmcweb-2021',
  'bmcweb-2024',
];

describe('power changes end only at a settled state (manual clock, realistic timing)', () => {
  for (const profile of XYZ_PROFILES) {
    it(`${profile}: a power-on that ends in Quiesced fails as soon as the host is Quiesced`, async () => {
      const m = await manual(profile);
      await m.control.addFault({ kind: 'power-on-fails', times: 1 });
      const started = m.now();
      const err = await failure(m.driver.power.setPowerState(m.task, 'power on'));
      const waited = m.now() - started;
      await m.driver.close();
      expect(err.name).toBe('PowerStateFailure');
      expect(err.message).toMatch(/the host stopped in CurrentHostState Quiesced/);
      expect(err.context).toMatchObject({ step: 'wait for power on' });
      expect((await m.control.state()).host.current).toMatch(/\.Quiesced$/);
      // Failed at the Quiesced reading (host start plus a poll or two), not at the 60 s timeout.
      expect(waited).toBeLessThan((POWER_TIMEOUT_S * 1000) / 2);
    });
  }

  for (const profile of ['phosphor-rest-2018', 'bmcweb-2021'] as const) {
    it(`${profile}: a soft power off the host ignores ends when the BMC forces power off at its soft-off timeout`, async () => {
      const m = await manual(profile);
      await m.driver.power.setPowerState(m.task, 'power on');
      await m.control.addFault({ kind: 'os-ignores-soft-off', times: 1 });
      // Polls a minute apart at most: 45 simulated minutes in few requests.
      m.task.node.driver_info.openbmc_poll_max_interval = 60;
      const started = m.now();
      // Longer than the BMC's soft-off timer (45 min): the BMC's forced off is what ends the wait.
      await m.driver.power.setPowerState(m.task, 'soft power off', 60 * 60);
      const waited = m.now() - started;
      await m.driver.close();
      const s = await m.control.state();
      expect(s.host.current).toMatch(/\.Off$/);
      expect(s.chassis.current).toMatch(/\.Off$/);
      expect(waited).toBeGreaterThanOrEqual(45 * 60_000);
    });
  }

  it('bmcweb-2021: a reboot whose power-on ends in Quiesced fails too', async () => {
    const m = await manual('bmcweb-2021');
    await m.driver.power.setPowerState(m.task, 'power on');
    await m.control.addFault({ kind: 'power-on-fails', times: 1 });
    const err = await failure(m.driver.power.reboot(m.task));
    await m.driver.close();
    expect(err.name).toBe('PowerStateFailure');
    expect(err.message).toMatch(/Quiesced/);
  });

  it('bmcweb-2021: power on returns only once the host is Running, never at TransitioningToRunning', async () => {
    const m = await manual('bmcweb-2021');
    await m.driver.power.setPowerState(m.task, 'power on');
    const s = await m.control.state();
    await m.driver.close();
    expect(s.host.current).toMatch(/\.Running$/);
    expect(s.chassis.current).toMatch(/\.On$/);
  });

  it('bmcweb-2021: power off returns only once the chassis is Off, not at host Off', async () => {
    const m = await manual('bmcweb-2021');
    await m.driver.power.setPowerState(m.task, 'power on');
    await m.driver.power.setPowerState(m.task, 'power off');
    const hard = await m.control.state();
    await m.driver.power.setPowerState(m.task, 'power on');
    await m.driver.power.setPowerState(m.task, 'soft power off', 600);
    const soft = await m.control.state();
    await m.driver.close();
    expect(hard.chassis.current).toMatch(/\.Off$/);
    expect(soft.chassis.current).toMatch(/\.Off$/);
    expect(soft.host.current).toMatch(/\.Off$/);
  });

  it('phosphor-rest-2018: power on from Quiesced is waited for (the Quiesced read before the host moves is not the answer)', async () => {
    const m = await manual('phosphor-rest-2018');
    await m.control.addFault({ kind: 'power-on-fails', times: 1 });
    await failure(m.driver.power.setPowerState(m.task, 'power on'));
    await m.driver.power.setPowerState(m.task, 'power on');
    await m.driver.close();
    expect((await m.control.state()).host.current).toMatch(/\.Running$/);
  });
});

describe('over Redfish: the same settled waits (manual clock, realistic timing)', () => {
  for (const profile of ['bmcweb-2021', 'bmcweb-2024', 'bmcweb-2025'] as const) {
    it(`${profile}: power on returns at Running; a power-on into Quiesced fails at that reading`, async () => {
      const m = await manual(profile, { openbmc_api: 'redfish' });
      await m.driver.power.setPowerState(m.task, 'power on');
      const on = await m.control.state();
      await m.driver.power.setPowerState(m.task, 'power off');
      const off = await m.control.state();
      await m.control.addFault({ kind: 'power-on-fails', times: 1 });
      const started = m.now();
      const err = await failure(m.driver.power.setPowerState(m.task, 'power on'));
      const waited = m.now() - started;
      await m.driver.close();
      expect(on.host.current).toMatch(/\.Running$/);
      expect(off.chassis.current).toMatch(/\.Off$/);
      expect(err.name).toBe('PowerStateFailure');
      expect(err.message).toMatch(/redfish/i);
      expect(waited).toBeLessThan((POWER_TIMEOUT_S * 1000) / 2);
    });
  }
});

describe('power on into Quiesced at fast timing, real time', () => {
  for (const profile of ['bmcweb-2021', 'bmcweb-2024'] as const) {
    it(`${profile}: PowerStateFailure, never "power on"`, async () => {
      sim = await startLoopbackSimulator(profile, PASSWORD, { timing: 'fast', seed: 5 });
      const driver = createOpenBMCDriver();
      const task = simTask(sim, PASSWORD, { openbmc_poll_max_interval: 0.05 });
      await sim.control(0).addFault({ kind: 'power-on-fails', times: 2 });
      const on = await failure(driver.power.setPowerState(task, 'power on'));
      const reboot = await failure(driver.power.reboot(task));
      const state = await driver.power.getPowerState(task);
      await driver.close();
      expect(on.name).toBe('PowerStateFailure');
      expect(on.message).toMatch(/Quiesced/);
      expect(reboot.name).toBe('PowerStateFailure');
      expect(state).toBe('error');
    });
  }
});
