// The driver over the simulator's Redfish face (bmcweb-2024 over HTTPS): auto picks Redfish,
// every operation's session is gone afterwards (the simulator counts), a one-time device is
// used by the next boot and then reads as none, and a BMC that refuses Continuous gets Once
// re-applied before each power-on the driver starts, so the host still boots from it. With
// openbmc_session_reuse (bmcweb-2025 on the manual clock), one session serves every operation
// and one expired by the BMC's idle timeout is replaced by exactly one new login.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EMULATED_PERSISTENT } from '../driver/boot-support.ts';
import { createOpenBMCDriver, type OpenBMCDriver } from '../driver/index.ts';
import { BootSource } from '../protocol/index.ts';
import { type RunningSimulator, startSimulator } from '../simulator/server.ts';
import { simTask } from './support/sim-task.ts';

const PASSWORD = 'rf-e2e-Pa55';
let sim: RunningSimulator;
let driver: OpenBMCDriver;

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    profile: 'bmcweb-2024',
    timing: 'instant',
    password: PASSWORD,
    seed: 5,
  });
});
afterEach(async () => {
  await driver?.close();
  expect((await sim.control(0).state()).sessions).toBe(0);
  sim.nodes[0]?.redfishSwitches.clear();
  await sim.control(0).reset();
});
afterAll(async () => {
  await sim.close();
});

const task = () => {
  driver = createOpenBMCDriver();
  return simTask(sim, PASSWORD, { openbmc_api: 'auto' });
};

describe('driver over the Redfish face', () => {
  it('auto speaks Redfish; power on and off are reported once the System says so', async () => {
    const t = task();
    expect(await driver.power.getPowerState(t)).toBe('power off');
    expect(driver.detected(sim.url)).toMatchObject({
      api: 'redfish',
      redfishVersion: '1.17.0',
      systemId: 'system',
    });
    await driver.power.setPowerState(t, 'power on');
    expect(await driver.power.getPowerState(t)).toBe('power on');
    await driver.power.setPowerState(t, 'soft power off');
    expect(await driver.power.getPowerState(t)).toBe('power off');
  });

  it('a one-time device is used by the next boot and then reads as none', async () => {
    const t = task();
    await driver.management.setBootDevice(t, 'pxe', false);
    expect(await driver.management.getBootDevice(t)).toEqual({ boot_device: 'pxe', persistent: false });
    await driver.power.setPowerState(t, 'power on');
    expect((await sim.control(0).state()).lastBoot?.source).toBe(BootSource.Network);
    expect(await driver.management.getBootDevice(t)).toEqual({ boot_device: null, persistent: null });
  });

  it('Continuous refused: Once instead, and re-applied before the next power-on the driver starts', async () => {
    sim.nodes[0]?.redfishSwitches.add('no-continuous');
    const t = task();
    await driver.management.setBootDevice(t, 'disk', true);
    expect(t.node.driver_internal_info?.[EMULATED_PERSISTENT]).toBe('disk');
    expect(await driver.management.getBootDevice(t)).toEqual({ boot_device: 'disk', persistent: true });
    await driver.power.setPowerState(t, 'power on');
    await driver.power.setPowerState(t, 'power off');
    await driver.power.setPowerState(t, 'power on');
    // The second boot found the device too: the driver had put it back as Once.
    expect((await sim.control(0).state()).lastBoot?.source).toBe(BootSource.Disk);
    expect(await driver.management.getBootDevice(t)).toEqual({ boot_device: 'disk', persistent: true });
  });

  it('sensors, NMI and boot mode through Redfish', async () => {
    const t = task();
    const sensors = await driver.management.getSensorsData(t);
    expect(Object.keys(sensors).length).toBeGreaterThan(0);
    await driver.management.injectNmi(t);
    await driver.management.setBootMode(t, 'bios');
    expect(await driver.management.getBootMode(t)).toBe('bios');
  });
});

describe('session reuse over the Redfish face (manual clock)', () => {
  it('one kept session; expired by the idle timeout: one new login and the read succeeds; close() deletes it', async () => {
    const manual = await startSimulator({
      port: 0,
      host: '127.0.0.1',
      profile: 'bmcweb-2025',
      timing: 'instant',
      manualClock: true,
      password: PASSWORD,
      seed: 6,
    });
    const sent: string[] = [];
    const reuse = createOpenBMCDriver({
      logger: {
        debug(o, msg) {
          const r = o as { method: string; path: string; status?: number };
          if (msg === 'bmc request') sent.push(`${r.method} ${r.path} ${r.status}`);
        },
        info() {},
        warn() {},
      },
    });
    const logins = () => sent.filter((l) => l.startsWith('POST /redfish/v1/SessionService/Sessions')).length;
    try {
      const t = simTask(manual, PASSWORD, { openbmc_api: 'auto', openbmc_session_reuse: true });
      expect(await reuse.power.getPowerState(t)).toBe('power off');
      expect(await reuse.management.getBootDevice(t)).toEqual({ boot_device: null, persistent: null });
      expect((await manual.control(0).state()).sessions).toBe(1);
      await manual.control(0).advance(1_801_000); // past bmcweb's SessionTimeout, 1800 s
      expect((await manual.control(0).state()).sessions).toBe(0);
      expect(logins()).toBe(1);
      expect(await reuse.power.getPowerState(t)).toBe('power off');
      expect(sent.slice(-3)).toEqual([
        'GET /redfish/v1/Systems/system 401',
        'POST /redfish/v1/SessionService/Sessions 201',
        'GET /redfish/v1/Systems/system 200',
      ]);
      expect((await manual.control(0).state()).sessions).toBe(1);
      await reuse.close();
      expect(sent.at(-1)).toMatch(/^DELETE \/redfish\/v1\/SessionService\/Sessions\/\S+ 200$/);
      expect((await manual.control(0).state()).sessions).toBe(0);
    } finally {
      await reuse.close();
      await manual.close();
    }
  });
});
