// The Redfish dialect against a small Redfish BMC on a real socket (test/support/fake-redfish.ts):
// sushy's request order, a session per operation deleted also after failures, power waits that
// end only at On/Off, the boot override's ETag ladder and refusals, errors with MessageIds.

import { afterEach, describe, expect, it } from 'vitest';
import { FakeRedfish, type FakeRedfishOptions, fakeTask } from '../../test/support/fake-redfish.ts';
import { EMULATED_PERSISTENT } from '../boot-support.ts';
import { createOpenBMCDriver, type OpenBMCDriver } from '../driver.ts';
import {
  InvalidParameterValue,
  OpenBMCAuthError,
  OpenBMCError,
  OpenBMCProtocolError,
  PowerStateFailure,
  UnsupportedDriverExtension,
} from '../errors.ts';

let bmc: FakeRedfish;
let driver: OpenBMCDriver;

async function start(o: FakeRedfishOptions = {}, extra: Record<string, unknown> = {}) {
  bmc = new FakeRedfish(o);
  const address = await bmc.start();
  driver = createOpenBMCDriver();
  return fakeTask(address, extra);
}

afterEach(async () => {
  await driver?.close();
  await bmc?.stop();
});

/** Every session the driver opened was deleted. */
function expectNoSessionLeft() {
  expect(bmc.created).toBeGreaterThan(0);
  expect(bmc.deleted).toBe(bmc.created);
  expect(bmc.sessions.size).toBe(0);
}

describe('detection and sessions', () => {
  it("prefers Redfish: the root without credentials, then sushy's order, and the session deleted", async () => {
    const task = await start();
    expect(await driver.power.getPowerState(task)).toBe('power off');
    expect(bmc.lines()).toEqual([
      'GET /redfish/v1/',
      'POST /redfish/v1/SessionService/Sessions',
      'GET /redfish/v1/Systems',
      'GET /redfish/v1/Systems/system',
      expect.stringMatching(/^DELETE \/redfish\/v1\/SessionService\/Sessions\/\w+$/),
    ]);
    const root = bmc.requests[0];
    expect(root?.headers['x-auth-token']).toBeUndefined();
    expect(root?.headers.authorization).toBeUndefined();
    // OData-Version on every request, X-Auth-Token after login (sushy's connector).
    for (const r of bmc.requests) expect(r.headers['odata-version']).toBe('4.0');
    expect(bmc.requests[3]?.headers['x-auth-token']).toEqual(expect.any(String));
    expect(JSON.parse(bmc.requests[1]?.body ?? '')).toEqual({ UserName: 'root', Password: 'fake-pass-0' });
    expectNoSessionLeft();
    expect(driver.detected(task.node.driver_info.openbmc_address)).toMatchObject({
      api: 'redfish',
      redfishVersion: '1.17.0',
      systemId: 'system',
    });
  });

  it('detects once per address: the second operation starts with the login', async () => {
    const task = await start();
    await driver.power.getPowerState(task);
    const before = bmc.requests.length;
    await driver.power.getPowerState(task);
    expect(bmc.lines()[before]).toBe('POST /redfish/v1/SessionService/Sessions');
    expect(bmc.lines().filter((l) => l === 'GET /redfish/v1/')).toHaveLength(1);
  });

  it('falls back to D-Bus REST where the root is absent, and names the API in errors', async () => {
    const task = await start({ rootStatus: 404 });
    const err = await driver.power.getPowerState(task).catch((e: unknown) => e);
    expect(bmc.lines().slice(0, 2)).toEqual(['GET /redfish/v1/', 'GET /xyz/openbmc_project/state/host0']);
    expect(err).toBeInstanceOf(OpenBMCError);
    expect((err as Error).message).toContain('API rest/bmcweb');
  });

  it('openbmc_api redfish on a BMC without a usable root is a protocol error, never a login', async () => {
    const task = await start({ noSystems: true }, { openbmc_api: 'redfish' });
    const err = await driver.power.getPowerState(task).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenBMCProtocolError);
    expect((err as Error).message).toMatch(/serves no usable Redfish: .*no Systems/);
    expect(bmc.lines()).toEqual(['GET /redfish/v1/']);
  });

  it('a wrong password: one POST, the MessageId in an auth error, no secret in it', async () => {
    const task = await start({ echoPassword: true }, { openbmc_password: 'wrong-secret-9' });
    const err = await driver.power.getPowerState(task).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenBMCAuthError);
    const text = `${(err as Error).message} ${JSON.stringify(err)}`;
    expect(text).toContain('Base.1.18.1.ResourceAtUriUnauthorized');
    expect(text).toContain('API redfish');
    expect(text).not.toContain('wrong-secret-9');
    expect(bmc.lines()).toEqual(['GET /redfish/v1/', 'POST /redfish/v1/SessionService/Sessions']);
    expect(bmc.created).toBe(0);
  });

  it('basic auth only when configured: no session is created, the credentials go with each request', async () => {
    const task = await start({}, { openbmc_auth_type: 'basic' });
    expect(await driver.power.getPowerState(task)).toBe('power off');
    expect(bmc.lines()).toEqual([
      'GET /redfish/v1/',
      'GET /redfish/v1/Systems',
      'GET /redfish/v1/Systems/system',
    ]);
    expect(bmc.requests[2]?.headers.authorization).toMatch(/^Basic /);
    expect(bmc.created).toBe(0);
  });

  it('rejects openbmc_api redfish together with a D-Bus REST dialect', async () => {
    const task = await start({}, { openbmc_api: 'redfish', openbmc_dialect: 'bmcweb' });
    await expect(driver.power.getPowerState(task)).rejects.toBeInstanceOf(InvalidParameterValue);
  });
});

describe('power', () => {
  it('powers on and waits through PoweringOn until PowerState reads On', async () => {
    const task = await start({ transitionReads: 3 });
    await driver.power.setPowerState(task, 'power on');
    expect(bmc.resets).toEqual(['On']);
    expect(bmc.power).toBe('On');
    // The wait read the System until the transition ended: PoweringOn was not taken for on.
    expect(bmc.lines().filter((l) => l === 'GET /redfish/v1/Systems/system').length).toBeGreaterThanOrEqual(
      5,
    );
    expectNoSessionLeft();
  });

  it('reboot of a running host is ForceOff, wait, On; soft power off is GracefulShutdown', async () => {
    const task = await start({ transitionReads: 1 });
    bmc.power = 'On';
    await driver.power.reboot(task);
    expect(bmc.resets).toEqual(['ForceOff', 'On']);
    await driver.power.setPowerState(task, 'soft power off');
    expect(bmc.resets).toEqual(['ForceOff', 'On', 'GracefulShutdown']);
    expect(bmc.power).toBe('Off');
    expectNoSessionLeft();
  });

  it('checks reset types against the inline AllowableValues (2018-2019) and the ActionInfo', async () => {
    const task = await start({ inlineResetTypes: ['On', 'ForceOff'] });
    expect(await driver.power.getSupportedPowerStates(task)).toEqual(['power on', 'power off', 'rebooting']);
    bmc.power = 'On';
    await expect(driver.power.setPowerState(task, 'soft power off')).rejects.toBeInstanceOf(
      InvalidParameterValue,
    );
    expect(bmc.resets).toEqual([]);
    await bmc.stop();

    const t2 = await start({ actionInfoResetTypes: ['On', 'ForceOff', 'GracefulShutdown'] });
    expect(await driver.power.getSupportedPowerStates(t2)).toEqual([
      'power on',
      'power off',
      'rebooting',
      'soft power off',
    ]);
    expect(bmc.lines()).toContain('GET /redfish/v1/Systems/system/ResetActionInfo');
  });

  it('a boot that ends Quiesced never reads as power on: PowerStateFailure, session deleted', async () => {
    const task = await start({ failBoot: true, transitionReads: 1 }, { openbmc_power_timeout: 0.2 });
    const err = await driver.power.setPowerState(task, 'power on').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PowerStateFailure);
    expect((err as Error).message).toContain('Quiesced');
    expect(await driver.power.getPowerState(task)).toBe('error');
    expectNoSessionLeft();
  });
});

describe('boot override', () => {
  it('one-time: target and Once in one PATCH with If-Match, read back', async () => {
    const task = await start({ etag: 'strong' });
    await driver.management.setBootDevice(task, 'pxe', false);
    const patch = bmc.requests.find((r) => r.method === 'PATCH');
    expect(JSON.parse(patch?.body ?? '')).toEqual({
      Boot: { BootSourceOverrideTarget: 'Pxe', BootSourceOverrideEnabled: 'Once' },
    });
    expect(patch?.headers['if-match']).toMatch(/^"[0-9A-F]{8}"$/);
    expect(await driver.management.getBootDevice(task)).toEqual({ boot_device: 'pxe', persistent: false });
    expectNoSessionLeft();
  });

  it('sends Enabled only when it changes', async () => {
    const task = await start();
    await driver.management.setBootDevice(task, 'disk', true);
    await driver.management.setBootDevice(task, 'cdrom', true);
    const patches = bmc.requests.filter((r) => r.method === 'PATCH').map((r) => JSON.parse(r.body));
    expect(patches).toEqual([
      { Boot: { BootSourceOverrideTarget: 'Hdd', BootSourceOverrideEnabled: 'Continuous' } },
      { Boot: { BootSourceOverrideTarget: 'Cd' } },
    ]);
    expect(await driver.management.getBootDevice(task)).toEqual({ boot_device: 'cdrom', persistent: true });
  });

  it("412 ladder as sushy's: the weak ETag, then the strong form, then no If-Match", async () => {
    const task = await start({ etag: 'weak', ignoreOwnEtag: true });
    await driver.management.setBootDevice(task, 'pxe', false);
    const tags = bmc.requests.filter((r) => r.method === 'PATCH').map((r) => r.headers['if-match']);
    expect(tags).toHaveLength(3);
    expect(tags[0]).toMatch(/^W\/"[0-9A-F]{8}"$/);
    expect(tags[1]).toBe(tags[0]?.slice(2));
    expect(tags[2]).toBeUndefined();
    expect(bmc.boot.BootSourceOverrideTarget).toBe('Pxe');
  });

  it('Continuous refused: Once instead, the caller warned, re-applied before the next power-on', async () => {
    const warnings: string[] = [];
    bmc = new FakeRedfish({ noContinuous: true, propertyAnnotationErrors: true });
    const address = await bmc.start();
    driver = createOpenBMCDriver({
      logger: { debug() {}, info() {}, warn: (_o: unknown, m: string) => warnings.push(m) },
    });
    const task = fakeTask(address);
    await driver.management.setBootDevice(task, 'pxe', true);
    expect(task.node.driver_internal_info[EMULATED_PERSISTENT]).toBe('pxe');
    expect(warnings.join('\n')).toMatch(
      /refused BootSourceOverrideEnabled Continuous \(PropertyValueNotInList\)/,
    );
    expect(bmc.boot.BootSourceOverrideEnabled).toBe('Once');
    expect(await driver.management.getBootDevice(task)).toEqual({ boot_device: 'pxe', persistent: true });
    // A boot consumes Once; the driver's next power-on re-applies it first.
    bmc.boot.BootSourceOverrideEnabled = 'Disabled';
    const before = bmc.requests.length;
    await driver.power.setPowerState(task, 'power on');
    const after = bmc.lines().slice(before);
    expect(after.indexOf('PATCH /redfish/v1/Systems/system')).toBeGreaterThan(-1);
    expect(after.indexOf('PATCH /redfish/v1/Systems/system')).toBeLessThan(
      after.indexOf('POST /redfish/v1/Systems/system/Actions/ComputerSystem.Reset'),
    );
    expect(bmc.resets).toEqual(['On']);
    // The second time it is known: Continuous is not tried again.
    await driver.management.setBootDevice(task, 'disk', true);
    const bodies = bmc.requests.filter((r) => r.method === 'PATCH').map((r) => r.body);
    expect(bodies.filter((b) => b.includes('Continuous'))).toHaveLength(1);
  });

  it('a BMC that needs the whole Boot object gets it (PropertyMissing), and from then on at once', async () => {
    const task = await start({ fullBoot: true });
    await driver.management.setBootDevice(task, 'cdrom', false);
    await driver.management.setBootDevice(task, 'pxe', false);
    const patches = bmc.requests.filter((r) => r.method === 'PATCH').map((r) => JSON.parse(r.body));
    expect(patches).toEqual([
      { Boot: { BootSourceOverrideTarget: 'Cd', BootSourceOverrideEnabled: 'Once' } },
      {
        Boot: {
          BootSourceOverrideTarget: 'Cd',
          BootSourceOverrideEnabled: 'Once',
          BootSourceOverrideMode: 'UEFI',
        },
      },
      {
        Boot: {
          BootSourceOverrideTarget: 'Pxe',
          BootSourceOverrideEnabled: 'Once',
          BootSourceOverrideMode: 'UEFI',
        },
      },
    ]);
  });

  it('records and restores the Boot object', async () => {
    const task = await start();
    const saved = await driver.management.saveBootSettings(task);
    expect(saved.layout).toBe('redfish');
    await driver.management.setBootDevice(task, 'bios', true);
    await driver.management.restoreBootSettings(task, saved);
    expect(bmc.boot.BootSourceOverrideEnabled).toBe('Disabled');
    expect(await driver.management.getBootDevice(task)).toEqual({ boot_device: null, persistent: null });
  });

  it('boot mode through BootSourceOverrideMode; unsupported where the Boot object has none', async () => {
    const task = await start();
    expect(await driver.management.getSupportedBootModes(task)).toEqual(['bios', 'uefi']);
    await driver.management.setBootMode(task, 'bios');
    expect(bmc.boot.BootSourceOverrideMode).toBe('Legacy');
    expect(await driver.management.getBootMode(task)).toBe('bios');
    await bmc.stop();
    const t2 = await start({ noBootMode: true });
    await expect(driver.management.getBootMode(t2)).rejects.toBeInstanceOf(UnsupportedDriverExtension);
    await expect(driver.management.setBootMode(t2, 'uefi')).rejects.toBeInstanceOf(
      UnsupportedDriverExtension,
    );
  });
});

describe('management', () => {
  it('NMI where the ActionInfo lists it, UnsupportedDriverExtension where not', async () => {
    const task = await start();
    await driver.management.injectNmi(task);
    expect(bmc.resets).toEqual(['Nmi']);
    await bmc.stop();
    const t2 = await start({ inlineResetTypes: ['On', 'ForceOff'] });
    await expect(driver.management.injectNmi(t2)).rejects.toBeInstanceOf(UnsupportedDriverExtension);
    expect(bmc.resets).toEqual([]);
  });

  it("sensors from the chassis's Sensors collection in Ironic's shape", async () => {
    const task = await start();
    expect(await driver.management.getSensorsData(task)).toEqual({
      Temperature: {
        ambient: {
          'Sensor ID': 'ambient',
          'Sensor Reading': '24.5 degrees C',
          Status: 'ok',
          'Upper Critical': '90',
        },
      },
      Fan: { fan0: { 'Sensor ID': 'fan0', 'Sensor Reading': '5200 RPM', Status: 'warning' } },
    });
    // No $expand: the root does not offer it.
    expect(bmc.lines().some((l) => l.includes('$expand'))).toBe(false);
  });

  it('a 501 to $expand falls back to one GET per sensor and is not asked again within a minute', async () => {
    const task = await start({ expandRefused: true });
    const first = await driver.management.getSensorsData(task);
    const second = await driver.management.getSensorsData(task);
    expect(second).toEqual(first);
    expect(Object.keys(first).sort()).toEqual(['Fan', 'Temperature']);
    expect(bmc.lines().filter((l) => l.includes('$expand'))).toHaveLength(1);
  });

  it('BMC info: Redfish version, system id, firmware version', async () => {
    const task = await start();
    expect(await driver.management.getBmcInfo(task)).toEqual({
      redfish_version: '1.17.0',
      system_id: 'system',
      firmware_version: '2.16.0-fake',
    });
  });

  it('a property-level refusal without an error object still names its MessageId', async () => {
    const task = await start({ propertyAnnotationErrors: true, noBootMode: true });
    await driver.management.setBootDevice(task, 'pxe', false);
    // Send a mode to a BMC without one through restore: the refusal must carry the MessageId.
    const err = await driver.management
      .restoreBootSettings(task, {
        layout: 'redfish',
        values: { Boot: { BootSourceOverrideMode: 'UEFI' } },
        emulated: {},
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenBMCError);
    expect((err as Error).message).toContain('Base.1.18.1.PropertyUnknown');
    expectNoSessionLeft();
  });
});
