// Boot persistence fallback and power flows against a small in-memory bmcweb (MockAgent reply
// callbacks), where a test decides how the firmware misbehaves.

import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { BootMode, BootSource, ChassisPowerState, HostState, ObjectPath } from '../protocol/index.ts';
import { EMULATED_PERSISTENT } from './boot-support.ts';
import { createOpenBMCDriver, type OpenBMCDriver, type Task } from './index.ts';

const ORIGIN = 'https://fake.bmc';
type Objects = Record<string, Record<string, unknown>>;

function fakeBmc(objects: Objects, onPut: (path: string, name: string, value: unknown) => void = () => {}) {
  const mock = new MockAgent();
  mock.disableNetConnect();
  const pool = mock.get(ORIGIN);
  const ok = (data: unknown) => JSON.stringify({ data, message: '200 OK', status: 'ok' });
  const puts: string[] = [];
  pool.intercept({ method: 'GET', path: ObjectPath.host }).reply(401, '').persist();
  pool
    .intercept({ method: 'POST', path: '/login' })
    .reply(200, '{"token":"T0k3nT0k3nT0k3nT0k3nX"}')
    .persist();
  pool.intercept({ method: 'POST', path: '/logout' }).reply(200, ok('logged out')).persist();
  pool
    .intercept({ method: 'GET', path: (p) => p.includes('/attr/') })
    .reply((o) => {
      const [path = '', name = ''] = String(o.path).split('/attr/');
      const v = objects[path]?.[name];
      return v === undefined ? { statusCode: 404, data: '' } : { statusCode: 200, data: ok(v) };
    })
    .persist();
  pool
    .intercept({ method: 'GET', path: (p) => p in objects })
    .reply((o) => ({ statusCode: 200, data: ok(objects[String(o.path)]) }))
    .persist();
  pool
    .intercept({ method: 'PUT', path: (p) => p.includes('/attr/') })
    .reply((o) => {
      const [path = '', name = ''] = String(o.path).split('/attr/');
      const value = (JSON.parse(String(o.body)) as { data: unknown }).data;
      puts.push(`${path.split('/').pop()} ${name}=${JSON.stringify(value)}`);
      const obj = objects[path];
      if (obj) obj[name] = value;
      onPut(path, name, value);
      return { statusCode: 200, data: ok(null) };
    })
    .persist();
  return { mock, puts };
}

const l2 = (): Objects => ({
  [`${ObjectPath.host}`]: { CurrentHostState: HostState.Off },
  // A hard off is confirmed with the chassis power.
  [ObjectPath.chassis]: { CurrentPowerState: ChassisPowerState.Off },
  [ObjectPath.boot]: {
    BootSource: BootSource.Default,
    BootMode: BootMode.Regular,
    BootType: 'x',
    Enabled: false,
  },
  [ObjectPath.bootOneTime]: { Enabled: false },
});

let driver: OpenBMCDriver | undefined;
afterEach(async () => {
  await driver?.close();
});

function taskOf(): Task {
  return {
    node: {
      driver_info: {
        openbmc_address: ORIGIN,
        openbmc_username: 'root',
        openbmc_password: 'pw-pw-pw',
        openbmc_min_command_interval: 0,
        // D-Bus REST transcripts: a real BMC of these eras would first be asked for its Redfish root.
        openbmc_api: 'rest',
        openbmc_poll_interval: 0.001,
      },
      driver_internal_info: {},
    },
  };
}

describe('persistent boot device on a BMC that keeps it only one-time', () => {
  it('emulates persistence and re-applies the device before the next power-on', async () => {
    const objects = l2();
    objects[ObjectPath.bootOneTime] = { Enabled: true };
    // This firmware ignores "persistent": one_time.Enabled snaps back to true.
    const { mock, puts } = fakeBmc(objects, (path, name, value) => {
      if (path === ObjectPath.bootOneTime && name === 'Enabled')
        objects[ObjectPath.bootOneTime] = { Enabled: true };
      if (path === ObjectPath.chassis) objects[ObjectPath.host] = { CurrentHostState: HostState.Off };
      if (path === ObjectPath.host && String(value).endsWith('.On')) {
        objects[ObjectPath.host] = { CurrentHostState: HostState.Running };
        (objects[ObjectPath.boot] as Record<string, unknown>).Enabled = false; // the boot consumed the override
      }
    });
    driver = createOpenBMCDriver({ dispatcher: mock });
    const task = taskOf();
    await driver.management.setBootDevice(task, 'pxe', true);
    expect(task.node.driver_internal_info?.[EMULATED_PERSISTENT]).toBe('pxe');
    expect(await driver.management.getBootDevice(task)).toEqual({ boot_device: 'pxe', persistent: true });

    await driver.power.setPowerState(task, 'power on');
    // Consumed by that boot, still reported as the persistent device the operator asked for.
    expect(await driver.management.getBootDevice(task)).toEqual({ boot_device: 'pxe', persistent: true });
    puts.length = 0;
    await driver.power.reboot(task);
    // Off, then the device re-applied as one-time (only the enable flag differs), then On.
    expect(puts).toEqual([
      'chassis0 RequestedPowerTransition="xyz.openbmc_project.State.Chassis.Transition.Off"',
      'boot Enabled=true',
      'host0 RequestedHostTransition="xyz.openbmc_project.State.Host.Transition.On"',
    ]);
  });

  it('a setting that does not stick at all is an error naming what the BMC reports', async () => {
    const objects = l2();
    const { mock } = fakeBmc(objects, (path, name) => {
      if (path === ObjectPath.boot && name === 'BootSource')
        (objects[ObjectPath.boot] as Record<string, unknown>).BootSource = BootSource.Default;
    });
    driver = createOpenBMCDriver({ dispatcher: mock });
    await expect(driver.management.setBootDevice(taskOf(), 'cdrom', false)).rejects.toThrow(
      /did not keep the boot setting: asked for cdrom \(one-time\), it reports none/,
    );
  });

  it('does not rewrite a setting that is already so', async () => {
    const objects = l2();
    const { mock, puts } = fakeBmc(objects);
    driver = createOpenBMCDriver({ dispatcher: mock });
    await driver.management.setBootDevice(taskOf(), 'disk', true);
    expect(puts).toEqual([
      'boot BootSource="xyz.openbmc_project.Control.Boot.Source.Sources.Disk"',
      'boot Enabled=true',
    ]);
    puts.length = 0;
    await driver.management.setBootDevice(taskOf(), 'disk', true);
    expect(puts).toEqual([]);
  });
});
