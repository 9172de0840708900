// Accounts with fewer rights than the Administrator, over real HTTPS sockets. bmcweb (2019 and
// later) lets the Operator and Administrator roles write through the D-Bus REST API and answers
// a ReadOnly account's PUT, POST and DELETE with 403 and no body, while its logout, which has no
// privilege of its own, still works (openbmc-rest.md 1.3; bmcweb login_routes.hpp registers
// /logout without .privileges()). The Python REST server has no role model: any account may do
// anything (openbmc-rest.md 1.3, 2.5 "authenticated but not allowed: cannot happen"). The kit tells
// users to run with an Operator account: the driver must do its whole job with one, and with a
// ReadOnly account fail with the role named, never leaving a session behind.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenBMCDriver, type Task } from '../driver/index.ts';
import type { RunningSimulator } from '../simulator/server.ts';
import { startLoopbackSimulator } from './support/loopback-sim.ts';
import { simTask } from './support/sim-task.ts';

const ADMIN_PASSWORD = 'Adm1n-roles-Pa55';
const OPERATOR = { username: 'operator', password: 'Op3rator-roles-Pa55', role: 'Operator' as const };
const VIEWER = { username: 'viewer', password: 'V1ewer-roles-Pa55', role: 'ReadOnly' as const };

const taskAs = (sim: RunningSimulator, user: { username: string; password: string }): Task => {
  const task = simTask(sim, user.password, { openbmc_api: 'rest' });
  task.node.driver_info.openbmc_username = user.username;
  return task;
};

describe.each(['bmcweb-2021', 'phosphor-rest-2018', 'phosphor-rest-2017'])('roles on %s', (profile) => {
  let sim: RunningSimulator;
  const driver = createOpenBMCDriver();

  beforeAll(async () => {
    sim = await startLoopbackSimulator(profile, ADMIN_PASSWORD, { seed: 5, users: [OPERATOR, VIEWER] });
  });
  afterAll(async () => {
    await driver.close();
    await sim.close();
  });

  it('an Operator account powers on and off, sets and reads the boot device, and logs out', async () => {
    const task = taskAs(sim, OPERATOR);
    await driver.power.setPowerState(task, 'power on');
    expect(await driver.power.getPowerState(task)).toBe('power on');
    await driver.management.setBootDevice(task, 'pxe', false);
    expect((await driver.management.getBootDevice(task)).boot_device).toBe('pxe');
    await driver.power.setPowerState(task, 'power off');
    expect(await driver.power.getPowerState(task)).toBe('power off');
    expect((await sim.control(0).state()).sessions).toBe(0);
  });

  it('a ReadOnly account reads the power state and logs out', async () => {
    const task = taskAs(sim, VIEWER);
    expect(await driver.power.getPowerState(task)).toBe('power off');
    expect((await sim.control(0).state()).sessions).toBe(0);
  });

  it("a ReadOnly account's power request: the firmware's own answer", async () => {
    const task = taskAs(sim, VIEWER);
    const attempt = driver.power.setPowerState(task, 'power on');
    if (profile.startsWith('bmcweb')) {
      await expect(attempt).rejects.toMatchObject({ name: 'OpenBMCAuthError' });
      await expect(attempt).rejects.toThrow(/needs the Operator or Administrator role/);
      expect((await sim.control(0).state()).host.current).toMatch(/\.Off$/);
    } else {
      // No role model on the Python server: the request is carried out.
      await attempt;
      expect((await sim.control(0).state()).host.current).toMatch(/\.Running$/);
      await driver.power.setPowerState(taskAs(sim, OPERATOR), 'power off');
    }
    expect((await sim.control(0).state()).sessions).toBe(0);
  });
});
