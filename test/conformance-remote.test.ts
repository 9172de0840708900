// The kit against a "real" BMC: a simulator reached as a remote target (URL, credentials, CA),
// so no control API. Proves the safety rules: nothing changes without --allow-power-changes;
// with it, boot settings and the power state are put back the way they were found.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../conformance/checks/index.ts';
import { runConformance } from '../conformance/runner.ts';
import { remoteTarget } from '../conformance/targets/remote.ts';
import { createOpenBMCDriver, type Task } from '../driver/index.ts';
import { type RunningSimulator, startSimulator } from '../simulator/server.ts';
import { simTask } from './support/sim-task.ts';

const PASSWORD = 'Remote-Conf-Pw-91';

describe('conformance against a remote target', () => {
  let sim: RunningSimulator;
  let ca: string;
  let task: Task;
  const driver = createOpenBMCDriver();

  beforeAll(async () => {
    sim = await startSimulator({
      host: '127.0.0.1',
      port: 0,
      profile: 'bmcweb-2021',
      timing: 'instant',
      password: PASSWORD,
      seed: 5,
    });
    task = simTask(sim, PASSWORD);
    ca = String(task.node.driver_info.openbmc_verify_ca);
  });
  afterAll(async () => {
    await driver.close();
    await sim.close();
  });

  const target = () =>
    remoteTarget({
      name: 'lab',
      address: sim.url,
      username: 'root',
      password: PASSWORD,
      ca,
      driverInfo: {
        openbmc_min_command_interval: 0,
        openbmc_poll_interval: 0.005,
        openbmc_reboot_settle_time: 0,
      },
    });

  it('without --allow-power-changes: only read-only checks run and the machine is untouched', async () => {
    await driver.management.setBootDevice(task, 'cdrom', true);
    const before = await sim.control(0).state();
    const summary = await runConformance({
      targets: [target()],
      checks: CATALOGUE,
      allowPowerChanges: false,
    });
    const results = summary.targets[0]?.results ?? [];
    expect(summary.counts.fail + summary.counts.error).toBe(0);
    for (const r of results) {
      const check = CATALOGUE.find((c) => c.id === r.id);
      if (check?.requires?.includes('sim-control'))
        expect(r, r.id).toMatchObject({ status: 'skipped', message: expect.stringMatching(/control API/) });
      else if (check?.needs !== 'read-only')
        expect(r, r.id).toMatchObject({
          status: 'skipped',
          message: expect.stringMatching(/--allow-power-changes/),
        });
    }
    expect(results.filter((r) => r.status === 'pass').length).toBeGreaterThan(15);
    // Redfish lists its sessions, so the counting checks run on real hardware there.
    const redfish = summary.targets.find((t) => t.api === 'redfish')?.results ?? [];
    for (const id of ['SES-001', 'SES-003', 'SES-004'])
      expect(redfish.find((r) => r.id === id)?.status, id).toBe('pass');
    const after = await sim.control(0).state();
    expect(after.boot).toEqual(before.boot);
    expect(after.host.current).toBe(before.host.current);
    expect(after.lastBoot).toEqual(before.lastBoot);
    expect(after.sessions).toBe(0);
  });

  it('with --allow-power-changes: power and boot checks run, then boot settings and power are put back', async () => {
    await driver.management.setBootDevice(task, 'cdrom', true);
    await driver.power.setPowerState(task, 'power off');
    const before = await sim.control(0).state();
    const summary = await runConformance({ targets: [target()], checks: CATALOGUE, allowPowerChanges: true });
    const t = summary.targets[0];
    expect(
      summary.counts.fail + summary.counts.error,
      JSON.stringify(t?.results.filter((r) => r.status === 'fail' || r.status === 'error')),
    ).toBe(0);
    expect(t?.results.find((r) => r.id === 'PWR-005')?.status).toBe('pass');
    expect(t?.results.find((r) => r.id === 'BOT-003')?.status).toBe('pass');
    const after = await sim.control(0).state();
    expect(after.boot).toEqual(before.boot);
    expect(await driver.management.getBootDevice(task)).toEqual({ boot_device: 'cdrom', persistent: true });
    // The catalogue ends with the host on (MGT-002 needs it on): the runner turns it back off.
    expect(t?.restored).toBe('the host was power on after the checks and was returned to power off');
    expect(after.host.current).toBe('xyz.openbmc_project.State.Host.HostState.Off');
    expect(after.sessions).toBe(0);
  });
});
