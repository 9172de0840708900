// Pure dialect logic: state mapping, login parsing, probe classification, boot layouts and
// sensors, with a fake RestClient standing in for a BMC's objects.

import { describe, expect, it } from 'vitest';
import {
  BootMode,
  BootSource,
  ChassisPowerState,
  HostState,
  LegacyPath,
  ObjectPath,
} from '../../protocol/index.ts';
import { OpenBMCError } from '../errors.ts';
import { parseLogin, setCookies } from './auth.ts';
import { deviceOf, l0Boot, l1Boot, l2Boot, legacyBoot } from './boot.ts';
import { classifyProbe } from './detect.ts';
import { hostPhase, hostPowerState, xyzPower } from './power.ts';
import type { RestClient } from './rest-client.ts';
import { parseXyzSensors } from './sensors.ts';

function fakeClient(objects: Record<string, Record<string, unknown>>): RestClient & { puts: string[] } {
  const puts: string[] = [];
  const get = (path: string) => {
    const o = objects[path];
    if (!o) throw new OpenBMCError('not found', { context: { httpStatus: 404 } });
    return o;
  };
  return {
    puts,
    getObject: async (path) => ({ ...get(path) }),
    getAttr: async (path, name) => {
      const o = get(path);
      if (!(name in o)) throw new OpenBMCError('no such property', { context: { httpStatus: 404 } });
      return o[name];
    },
    enumerate: async () => objects,
    putAttr: async (path, name, value) => {
      puts.push(`${path} ${name}=${JSON.stringify(value)}`);
      get(path)[name] = value;
    },
    call: async () => null,
  };
}

describe('power states', () => {
  it.each([
    [HostState.Running, 'power on'],
    [HostState.TransitioningToRunning, 'power on'],
    [HostState.Off, 'power off'],
    [HostState.TransitioningToOff, 'power off'],
    [HostState.Quiesced, 'error'],
    [HostState.DiagnosticMode, 'error'],
    [HostState.Standby, 'error'],
    ['xyz.openbmc_project.State.Host.HostState.Martian', 'error'],
    [1, 'error'],
  ])('%s reads as %s', (host, state) => {
    expect(hostPowerState(host)).toBe(state);
  });

  it.each([
    [HostState.Running, 'settled'],
    [HostState.Off, 'settled'],
    [HostState.TransitioningToRunning, 'moving'],
    [HostState.TransitioningToOff, 'moving'],
    [HostState.DiagnosticMode, 'moving'],
    [HostState.Standby, 'moving'],
    ['xyz.openbmc_project.State.Host.HostState.Martian', 'moving'],
    [HostState.Quiesced, 'failed'],
  ])('a wait sees %s as %s', (host, phase) => {
    expect(hostPhase(host)).toBe(phase);
  });

  it('a settled host Off is settled only once the chassis power is Off too', async () => {
    const host = { state: 'power off', phase: 'settled', detail: 'CurrentHostState Off' } as const;
    const going = fakeClient({
      [ObjectPath.chassis]: { CurrentPowerState: ChassisPowerState.TransitioningToOff },
    });
    expect(await xyzPower.confirmOff(going, host)).toEqual({
      state: 'power off',
      phase: 'moving',
      detail: 'CurrentHostState Off, CurrentPowerState TransitioningToOff',
    });
    const off = fakeClient({ [ObjectPath.chassis]: { CurrentPowerState: ChassisPowerState.Off } });
    expect(await xyzPower.confirmOff(off, host)).toEqual(host);
  });

  it('advertises only the soft transitions AllowedHostTransitions lists (2024+)', async () => {
    const c = fakeClient({
      [ObjectPath.host]: { AllowedHostTransitions: ['xyz.openbmc_project.State.Host.Transition.On'] },
    });
    expect(await xyzPower.supported(c)).toEqual(['power on', 'power off', 'rebooting']);
    expect(await xyzPower.supported(fakeClient({ [ObjectPath.host]: {} }))).toHaveLength(5);
  });

  it('soft reboot is the warm reboot where allowed, else the host Reboot', async () => {
    const warm = fakeClient({
      [ObjectPath.host]: {
        AllowedHostTransitions: ['xyz.openbmc_project.State.Host.Transition.GracefulWarmReboot'],
      },
    });
    await xyzPower.request(warm, 'soft-reboot');
    expect(warm.puts).toEqual([
      `${ObjectPath.host} RequestedHostTransition="xyz.openbmc_project.State.Host.Transition.GracefulWarmReboot"`,
    ]);
    const cold = fakeClient({ [ObjectPath.host]: {} });
    await xyzPower.request(cold, 'soft-reboot');
    expect(cold.puts[0]).toMatch(/Transition\.Reboot"$/);
  });
});

describe('detection and login', () => {
  it('tells the server families apart without logging in', () => {
    expect(classifyProbe({ status: 401, headers: {}, body: '' })).toMatchObject({
      ok: true,
      dialect: { name: 'bmcweb' },
    });
    const login = '{"data":{"description":"Login required"},"message":"401 Unauthorized","status":"error"}';
    expect(classifyProbe({ status: 401, headers: {}, body: login })).toMatchObject({
      dialect: { name: 'phosphor-rest' },
    });
    const missing =
      '{"data":{"description":"org.freedesktop.DBus.Error.FileNotFound: path or object not found"},"message":"404 Not Found","status":"error"}';
    expect(classifyProbe({ status: 404, headers: {}, body: missing })).toMatchObject({
      dialect: { name: 'legacy' },
    });
    expect(classifyProbe({ status: 200, headers: {}, body: '<html>' })).toMatchObject({ ok: false });
  });

  it('uses the token, else the session cookie with its XSRF token', () => {
    expect(parseLogin('bmcweb', { status: 200, headers: {}, body: '{"token":"abc"}' })).toEqual({
      kind: 'ok',
      auth: { headers: { 'x-auth-token': 'abc' }, secrets: ['abc'] },
    });
    const cookies = {
      'set-cookie': [
        'XSRF-TOKEN=x1; SameSite=Strict; Secure',
        'SESSION=s1; SameSite=Strict; Secure; HttpOnly',
      ],
    };
    expect(
      parseLogin('bmcweb', { status: 200, headers: cookies, body: '{"data":"User \'root\' logged in"}' }),
    ).toMatchObject({
      auth: { headers: { cookie: 'SESSION=s1', 'x-xsrf-token': 'x1' } },
    });
    expect(parseLogin('bmcweb', { status: 401, headers: {}, body: '' })).toEqual({ kind: 'rejected' });
    expect(
      parseLogin('phosphor', {
        status: 200,
        headers: { 'set-cookie': 'sid="!a?b"; HttpOnly; Secure' },
        body: '',
      }),
    ).toMatchObject({
      auth: { headers: { cookie: 'sid="!a?b"' } },
    });
    expect(parseLogin('phosphor', { status: 200, headers: {}, body: '' })).toMatchObject({
      kind: 'unexpected',
    });
    expect(
      setCookies({ status: 200, headers: { 'set-cookie': ['SESSION=; expires=Thu, 01 Jan 1970'] }, body: '' })
        .size,
    ).toBe(0);
  });
});

describe('boot layouts', () => {
  it('maps source and mode to Ironic devices, never guessing', () => {
    expect(deviceOf(BootSource.Network, BootMode.Regular)).toBe('pxe');
    expect(deviceOf(BootSource.Default, BootMode.Setup)).toBe('bios');
    expect(deviceOf(BootSource.Disk, BootMode.Safe)).toBe('safe');
    expect(deviceOf(BootSource.Default, BootMode.Regular)).toBeNull();
    expect(deviceOf(BootSource.RemovableMedia, BootMode.Regular)).toBeNull();
    expect(deviceOf(BootSource.HTTP, BootMode.Regular)).toBeNull();
  });

  const l2 = () => ({
    [ObjectPath.boot]: {
      BootSource: BootSource.Default,
      BootMode: BootMode.Regular,
      BootType: 'x',
      Enabled: false,
    },
    [ObjectPath.bootOneTime]: { Enabled: false },
  });

  it('L2: source, then one-time flag, then enable; nothing rewritten when already so', async () => {
    const c = fakeClient(l2());
    await l2Boot.plan(c, 'pxe', false).then(async (w) => {
      for (const x of w) await c.putAttr(x.path, x.name, x.value, '');
    });
    expect(c.puts).toEqual([
      `${ObjectPath.boot} BootSource="${BootSource.Network}"`,
      `${ObjectPath.bootOneTime} Enabled=true`,
      `${ObjectPath.boot} Enabled=true`,
    ]);
    expect(await l2Boot.get(c)).toEqual({ boot_device: 'pxe', persistent: false });
    expect(await l2Boot.plan(c, 'pxe', false)).toEqual([]);
  });

  it('L1: one-time goes to one_time, persistent to boot with one_time disabled; 0/1 booleans read', async () => {
    const c = fakeClient({
      [ObjectPath.boot]: { BootSource: BootSource.Default, BootMode: BootMode.Regular },
      [ObjectPath.bootOneTime]: { BootSource: BootSource.Default, BootMode: BootMode.Regular, Enabled: 1 },
    });
    expect(await l1Boot.get(c)).toEqual({ boot_device: null, persistent: null });
    expect(await l1Boot.plan(c, 'cdrom', false)).toEqual([
      { path: ObjectPath.bootOneTime, name: 'BootSource', value: BootSource.ExternalMedia },
    ]);
    expect(await l1Boot.plan(c, 'disk', true)).toEqual([
      { path: ObjectPath.boot, name: 'BootSource', value: BootSource.Disk },
      { path: ObjectPath.bootOneTime, name: 'Enabled', value: false },
    ]);
  });

  it('L0 has no one-time of its own; legacy uses boot_flags and boot_policy', async () => {
    expect(l0Boot.nativeOneTime).toBe(false);
    const c = fakeClient({ [LegacyPath.settingsHost]: { boot_flags: 'Default', boot_policy: 'ONETIME' } });
    expect(await legacyBoot.plan(c, 'cdrom', true)).toEqual([
      { path: LegacyPath.settingsHost, name: 'boot_flags', value: 'CDROM' },
      { path: LegacyPath.settingsHost, name: 'boot_policy', value: 'PERMANENT' },
    ]);
  });
});

describe('sensors', () => {
  it('builds Ironic nested data, applying Scale and thresholds', () => {
    const root = ObjectPath.sensors;
    const data = parseXyzSensors(
      {
        [`${root}/temperature/cpu0`]: {
          Value: 41.5,
          Unit: 'xyz.openbmc_project.Sensor.Value.Unit.DegreesC',
          CriticalHigh: 90,
          WarningHigh: 80,
          WarningAlarmHigh: true,
        },
        [`${root}/fan_tach/fan0`]: {
          Value: 52,
          Scale: 2,
          Unit: 'xyz.openbmc_project.Sensor.Value.Unit.RPMS',
        },
        [`${root}/temperature`]: {},
      },
      root,
    );
    expect(data).toEqual({
      Temperature: {
        cpu0: {
          'Sensor ID': 'cpu0',
          'Sensor Reading': '41.5 degrees C',
          Status: 'warning',
          'Upper Non-Critical': '80',
          'Upper Critical': '90',
        },
      },
      Fan: { fan0: { 'Sensor ID': 'fan0', 'Sensor Reading': '5200 RPM', Status: 'ok' } },
    });
  });

  it('a non-numeric reading is a parse failure, not a made-up value', () => {
    expect(() =>
      parseXyzSensors({ [`${ObjectPath.sensors}/voltage/p12v`]: { Value: 'high' } }, ObjectPath.sensors),
    ).toThrow(/non-numeric Value/);
  });
});
