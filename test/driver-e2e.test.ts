// The driver against the simulator over real HTTPS sockets, every profile: every method, every
// state, reboot from on and from off, one-time boot consumed at the next boot, persistent kept,
// and the failures an operator meets. After every test, the BMC holds zero sessions.

import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenBMCDriver, type OpenBMCDriver, type Task } from '../driver/index.ts';
import { restEnabledProfiles } from '../simulator/profiles/index.ts';
import type { RunningSimulator } from '../simulator/server.ts';
import { startLoopbackSimulator } from './support/loopback-sim.ts';
import { simTask } from './support/sim-task.ts';

const PASSWORD = 'Sekr1t-e2e-Pa55';

function taskFor(sim: RunningSimulator, extra: Record<string, unknown> = {}): Task {
  return simTask(sim, PASSWORD, extra);
}

const REST_PROFILES = restEnabledProfiles();
const HAS_BOOT_TYPE = new Set<string>(['bmcweb-2021', 'bmcweb-2024', 'bmcweb-2024-08']);

describe.each(REST_PROFILES)('%s', (profile) => {
  let sim: RunningSimulator;
  let driver: OpenBMCDriver;
  let task: Task;

  beforeAll(async () => {
    sim = await startLoopbackSimulator(profile, PASSWORD, { seed: 7 });
    driver = createOpenBMCDriver();
    task = taskFor(sim);
  });
  afterEach(async () => {
    expect((await sim.control(0).state()).sessions).toBe(0);
    await sim.control(0).reset();
    task.node.driver_internal_info = {};
  });
  afterAll(async () => {
    await driver.close();
    await sim.close();
  });

  it('reads off, powers on, is idempotent, hard off, soft off', async () => {
    expect(await driver.power.getPowerState(task)).toBe('power off');
    await driver.power.setPowerState(task, 'power on');
    expect(await driver.power.getPowerState(task)).toBe('power on');
    await driver.power.setPowerState(task, 'power on');
    expect(await driver.power.getPowerState(task)).toBe('power on');
    await driver.power.setPowerState(task, 'power off');
    expect(await driver.power.getPowerState(task)).toBe('power off');
    await driver.power.setPowerState(task, 'power off');
    await driver.power.setPowerState(task, 'power on');
    await driver.power.setPowerState(task, 'soft power off');
    expect(await driver.power.getPowerState(task)).toBe('power off');
    const sim0 = await sim.control(0).state();
    expect(sim0.chassis.current).toMatch(/PowerState\.Off$/);
  });

  it('reboots from off (power on only) and from on; soft reboots', async () => {
    await driver.power.reboot(task);
    expect(await driver.power.getPowerState(task)).toBe('power on');
    await driver.power.reboot(task);
    expect(await driver.power.getPowerState(task)).toBe('power on');
    await driver.power.setPowerState(task, 'soft rebooting');
    expect(await driver.power.getPowerState(task)).toBe('power on');
  });

  it('offers every power state and boot device of this firmware', async () => {
    expect(await driver.power.getSupportedPowerStates(task)).toEqual(
      expect.arrayContaining(['power on', 'power off', 'rebooting', 'soft rebooting', 'soft power off']),
    );
    expect(await driver.management.getSupportedBootDevices(task)).toEqual([
      'pxe',
      'disk',
      'cdrom',
      'bios',
      'safe',
    ]);
  });

  it('one-time boot device is read back and consumed by the next boot', async () => {
    for (const device of ['pxe', 'cdrom', 'bios', 'safe', 'disk'] as const) {
      await driver.management.setBootDevice(task, device, false);
      expect(await driver.management.getBootDevice(task)).toEqual({ boot_device: device, persistent: false });
    }
    await driver.management.setBootDevice(task, 'pxe');
    await driver.power.setPowerState(task, 'power on');
    expect(await driver.management.getBootDevice(task)).toEqual({ boot_device: null, persistent: null });
  });

  it('persistent boot device survives boots', async () => {
    await driver.management.setBootDevice(task, 'disk', true);
    expect(await driver.management.getBootDevice(task)).toEqual({ boot_device: 'disk', persistent: true });
    await driver.power.setPowerState(task, 'power on');
    await driver.power.reboot(task);
    expect(await driver.management.getBootDevice(task)).toEqual({ boot_device: 'disk', persistent: true });
  });

  it('rejects an unsupported device before any request', async () => {
    await expect(driver.management.setBootDevice(task, 'floppy')).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(driver.power.setPowerState(task, 'sideways')).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
  });

  it('sensors come in Ironic shape; NMI and boot mode as the firmware has them', async () => {
    const sensors = await driver.management.getSensorsData(task);
    for (const group of Object.values(sensors)) {
      for (const fields of Object.values(group)) expect(fields['Sensor Reading']).toMatch(/^-?\d/);
    }
    if (profile === 'legacy-2016') {
      await expect(driver.management.injectNmi(task)).rejects.toMatchObject({
        name: 'UnsupportedDriverExtension',
      });
    } else {
      expect(Object.keys(sensors).sort()).toEqual(['Fan', 'Power', 'Temperature', 'Voltage']);
      await driver.management.injectNmi(task);
      expect((await sim.control(0).state()).nmiCount).toBe(1);
    }
    if (HAS_BOOT_TYPE.has(profile)) {
      expect(await driver.management.getBootMode(task)).toBe('uefi');
      await driver.management.setBootMode(task, 'bios');
      expect(await driver.management.getBootMode(task)).toBe('bios');
    } else {
      await expect(driver.management.getBootMode(task)).rejects.toMatchObject({
        name: 'UnsupportedDriverExtension',
      });
    }
  });

  it('a wrong password is an authentication error', async () => {
    const bad = taskFor(sim, { openbmc_password: `${PASSWORD}-wrong` });
    const err = await driver.power.getPowerState(bad).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'OpenBMCAuthError', context: { step: 'login', httpStatus: 401 } });
    expect(JSON.stringify(err) + String((err as Error).stack)).not.toContain(PASSWORD);
  });

  it('a host that never gets there raises PowerStateFailure at the timeout', async () => {
    await sim.control(0).addFault({ kind: 'stuck-host' });
    const err = await driver.power.setPowerState(task, 'power on', 0.05).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'PowerStateFailure', code: 'OBMC_POWER_STATE_FAILURE' });
    expect((err as Error).message).toContain('after 0.05 s the BMC still reports');
  });
});

describe('transport and TLS failures', () => {
  let sim: RunningSimulator;
  let driver: OpenBMCDriver;
  beforeAll(async () => {
    sim = await startLoopbackSimulator('bmcweb-2021', PASSWORD, { seed: 3 });
    driver = createOpenBMCDriver();
  });
  afterAll(async () => {
    await driver.close();
    await sim.close();
  });
  afterEach(async () => {
    expect((await sim.control(0).state()).sessions).toBe(0);
  });

  it('refuses the self-signed certificate unless given its CA or told not to verify', async () => {
    const verify = taskFor(sim, { openbmc_verify_ca: true });
    const err = await driver.power.getPowerState(verify).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'OpenBMCCertificateError', code: 'OBMC_CERTIFICATE' });
    expect((err as Error).message).toMatch(/certificate/);
    expect(await driver.power.getPowerState(taskFor(sim, { openbmc_verify_ca: false }))).toBe('power off');
  });

  it('an unreachable address is a connection error after bounded retries', async () => {
    const port = await freePort();
    const t = taskFor(sim, { openbmc_address: `https://127.0.0.1:${port}`, openbmc_retries: 2 });
    await expect(driver.power.getPowerState(t)).rejects.toMatchObject({ name: 'OpenBMCConnectionError' });
  });

  it('a kept session that expired logs in again, and close() ends it', async () => {
    const manual = await startLoopbackSimulator('bmcweb-2021', PASSWORD, { manualClock: true, seed: 4 });
    try {
      const reuse = createOpenBMCDriver();
      const t = taskFor(manual, { openbmc_session_reuse: true });
      expect(await reuse.power.getPowerState(t)).toBe('power off');
      expect((await manual.control(0).state()).sessions).toBe(1);
      await manual.control(0).advance(1_801_000); // past bmcweb's 1800 s idle timeout
      expect((await manual.control(0).state()).sessions).toBe(0);
      expect(await reuse.power.getPowerState(t)).toBe('power off');
      expect((await manual.control(0).state()).sessions).toBe(1);
      await reuse.close();
      expect((await manual.control(0).state()).sessions).toBe(0);
    } finally {
      await manual.close();
    }
  });

  it('a BMC with the REST API disabled says so and points to Redfish', async () => {
    const off = await startLoopbackSimulator('bmcweb-rest-disabled', PASSWORD, { seed: 5 });
    try {
      const t = taskFor(off);
      for (const op of [
        () => driver.power.getPowerState(t),
        () => driver.management.getBootDevice(t),
        () => driver.power.setPowerState(t, 'power on'),
      ]) {
        const err = await op().catch((e: unknown) => e);
        expect(err).toMatchObject({ name: 'OpenBMCRestDisabledError', code: 'OBMC_REST_DISABLED' });
        expect((err as Error).message).toMatch(/REST API is disabled.*redfish/i);
      }
      expect((await off.control(0).state()).sessions).toBe(0);
    } finally {
      await off.close();
    }
  });

  it('a mutating call under a shared lock raises ExclusiveLockRequired without touching the BMC', async () => {
    const t = { ...taskFor(sim), shared: true };
    await expect(driver.power.setPowerState(t, 'power on')).rejects.toMatchObject({
      name: 'ExclusiveLockRequired',
    });
    expect(await driver.power.getPowerState(t)).toBe('power off');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}
