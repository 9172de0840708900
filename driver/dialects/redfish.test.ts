// The Redfish dialect against a small Redfish BMC on a real socket (test/support/fake-redfish.ts):
// sushy's request order, a session per operation deleted also after failures, power waits that
// end only at On/Off, the boot override's ETag ladder and refusals, errors with MessageIds.

import { describe, expect, it } from 'vitest';
import { useFakeRedfishDriver } from '../../test/support/fake-redfish-driver.ts';
import { EMULATED_PERSISTENT } from '../boot-support.ts';
import {
  InvalidParameterValue,
  OpenBMCAuthError,
  OpenBMCError,
  OpenBMCProtocolError,
  PowerStateFailure,
  UnsupportedDriverExtension,
} from '../errors.ts';

const rf = useFakeRedfishDriver();

/** Every session the driver opened was deleted. */
function expectNoSessionLeft() {
  expect(rf.bmc.created).toBeGreaterThan(0);
  expect(rf.bmc.deleted).toBe(rf.bmc.created);
  expect(rf.bmc.sessions.size).toBe(0);
}

describe('detection and sessions', () => {
  it("prefers Redfish: the root without credentials, then sushy's order, and the session deleted", async () => {
    const task = await rf.start();
    expect(await rf.driver.power.getPowerState(task)).toBe('power off');
    expect(rf.bmc.lines()).toEqual([
      'GET /redfish/v1/',
      'POST /redfish/v1/SessionService/Sessions',
      'GET /redfish/v1/Systems',
      'GET /redfish/v1/Systems/system',
      expect.stringMatching(/^DELETE \/redfish\/v1\/SessionService\/Sessions\/\w+$/),
    ]);
    const root = rf.bmc.requests[0];
    expect(root?.headers['x-auth-token']).toBeUndefined();
    expect(root?.headers.authorization).toBeUndefined();
    // OData-Version on every request, X-Auth-Token after login (sushy's connector).
    for (const r of rf.bmc.requests) expect(r.headers['odata-version']).toBe('4.0');
    expect(rf.bmc.requests[3]?.headers['x-auth-token']).toEqual(expect.any(String));
    expect(JSON.parse(rf.bmc.requests[1]?.body ?? '')).toEqual({ UserName: 'root', Password: 'fake-pass-0' });
    expectNoSessionLeft();
    expect(rf.driver.detected(task.node.driver_info.openbmc_address)).toMatchObject({
      api: 'redfish',
      redfishVersion: '1.17.0',
      systemId: 'system',
    });
  });

  it('detects once per address: the second operation starts with the login', async () => {
    const task = await rf.start();
    await rf.driver.power.getPowerState(task);
    const before = rf.bmc.requests.length;
    await rf.driver.power.getPowerState(task);
    expect(rf.bmc.lines()[before]).toBe('POST /redfish/v1/SessionService/Sessions');
    expect(rf.bmc.lines().filter((l) => l === 'GET /redfish/v1/')).toHaveLength(1);
  });

  it('falls back to D-Bus REST where the root is absent, and names the API in errors', async () => {
    const task = await rf.start({ rootStatus: 404 });
    const err = await rf.driver.power.getPowerState(task).catch((e: unknown) => e);
    expect(rf.bmc.lines().slice(0, 2)).toEqual(['GET /redfish/v1/', 'GET /xyz/openbmc_project/state/host0']);
    expect(err).toBeInstanceOf(OpenBMCError);
    expect((err as Error).message).toContain('API rest/bmcweb');
  });

  it('openbmc_api redfish on a BMC without a usable root is a protocol error, never a login', async () => {
    const task = await rf.start({ noSystems: true }, { openbmc_api: 'redfish' });
    const err = await rf.driver.power.getPowerState(task).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenBMCProtocolError);
    expect((err as Error).message).toMatch(/serves no usable Redfish: .*no Systems/);
    expect(rf.bmc.lines()).toEqual(['GET /redfish/v1/']);
  });

  it('a wrong password: one POST, the MessageId in an auth error, no secret in it', async () => {
    const task = await rf.start({ echoPassword: true }, { openbmc_password: 'wrong-secret-9' });
    const err = await rf.driver.power.getPowerState(task).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenBMCAuthError);
    const text = `${(err as Error).message} ${JSON.stringify(err)}`;
    expect(text).toContain('Base.1.18.1.ResourceAtUriUnauthorized');
    expect(text).toContain('API redfish');
    expect(text).not.toContain('wrong-secret-9');
    expect(rf.bmc.lines()).toEqual(['GET /redfish/v1/', 'POST /redfish/v1/SessionService/Sessions']);
    expect(rf.bmc.created).toBe(0);
  });

  it('basic auth only when configured: no session is created, the credentials go with each request', async () => {
    const task = await rf.start({}, { openbmc_auth_type: 'basic' });
    expect(await rf.driver.power.getPowerState(task)).toBe('power off');
    expect(rf.bmc.lines()).toEqual([
      'GET /redfish/v1/',
      'GET /redfish/v1/Systems',
      'GET /redfish/v1/Systems/system',
    ]);
    expect(rf.bmc.requests[2]?.headers.authorization).toMatch(/^Basic /);
    expect(rf.bmc.created).toBe(0);
  });

  it('rejects openbmc_api redfish together with a D-Bus REST dialect', async () => {
    const task = await rf.start({}, { openbmc_api: 'redfish', openbmc_dialect: 'bmcweb' });
    await expect(rf.driver.power.getPowerState(task)).rejects.toBeInstanceOf(InvalidParameterValue);
  });
});

describe('power', () => {
  it('powers on and waits through PoweringOn until PowerState reads On', async () => {
    const task = await rf.start({ transitionReads: 3 });
    await rf.driver.power.setPowerState(task, 'power on');
    expect(rf.bmc.resets).toEqual(['On']);
    expect(rf.bmc.power).toBe('On');
    // The wait read the System until the transition ended: PoweringOn was not taken for on.
    expect(
      rf.bmc.lines().filter((l) => l === 'GET /redfish/v1/Systems/system').length,
    ).toBeGreaterThanOrEqual(5);
    expectNoSessionLeft();
  });

  it('reboot of a running host is ForceOff, wait, On; soft power off is GracefulShutdown', async () => {
    const task = await rf.start({ transitionReads: 1 });
    rf.bmc.power = 'On';
    await rf.driver.power.reboot(task);
    expect(rf.bmc.resets).toEqual(['ForceOff', 'On']);
    await rf.driver.power.setPowerState(task, 'soft power off');
    expect(rf.bmc.resets).toEqual(['ForceOff', 'On', 'GracefulShutdown']);
    expect(rf.bmc.power).toBe('Off');
    expectNoSessionLeft();
  });

  it('checks reset types against the inline AllowableValues (2018-2019) and the ActionInfo', async () => {
    const task = await rf.start({ inlineResetTypes: ['On', 'ForceOff'] });
    expect(await rf.driver.power.getSupportedPowerStates(task)).toEqual([
      'power on',
      'power off',
      'rebooting',
    ]);
    rf.bmc.power = 'On';
    await expect(rf.driver.power.setPowerState(task, 'soft power off')).rejects.toBeInstanceOf(
      InvalidParameterValue,
    );
    expect(rf.bmc.resets).toEqual([]);
    await rf.bmc.stop();

    const t2 = await rf.start({ actionInfoResetTypes: ['On', 'ForceOff', 'GracefulShutdown'] });
    expect(await rf.driver.power.getSupportedPowerStates(t2)).toEqual([
      'power on',
      'power off',
      'rebooting',
      'soft power off',
    ]);
    expect(rf.bmc.lines()).toContain('GET /redfish/v1/Systems/system/ResetActionInfo');
  });

  it('a boot that ends Quiesced never reads as power on: PowerStateFailure, session deleted', async () => {
    const task = await rf.start({ failBoot: true, transitionReads: 1 }, { openbmc_power_timeout: 0.2 });
    const err = await rf.driver.power.setPowerState(task, 'power on').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PowerStateFailure);
    expect((err as Error).message).toContain('Quiesced');
    expect(await rf.driver.power.getPowerState(task)).toBe('error');
    expectNoSessionLeft();
  });
});

describe('boot override', () => {
  it('one-time: target and Once in one PATCH with If-Match, read back', async () => {
    const task = await rf.start({ etag: 'strong' });
    await rf.driver.management.setBootDevice(task, 'pxe', false);
    const patch = rf.bmc.requests.find((r) => r.method === 'PATCH');
    expect(JSON.parse(patch?.body ?? '')).toEqual({
      Boot: { BootSourceOverrideTarget: 'Pxe', BootSourceOverrideEnabled: 'Once' },
    });
    expect(patch?.headers['if-match']).toMatch(/^"[0-9A-F]{8}"$/);
    expect(await rf.driver.management.getBootDevice(task)).toEqual({ boot_device: 'pxe', persistent: false });
    expectNoSessionLeft();
  });

  it('sends Enabled only when it changes', async () => {
    const task = await rf.start();
    await rf.driver.management.setBootDevice(task, 'disk', true);
    await rf.driver.management.setBootDevice(task, 'cdrom', true);
    const patches = rf.bmc.requests.filter((r) => r.method === 'PATCH').map((r) => JSON.parse(r.body));
    expect(patches).toEqual([
      { Boot: { BootSourceOverrideTarget: 'Hdd', BootSourceOverrideEnabled: 'Continuous' } },
      { Boot: { BootSourceOverrideTarget: 'Cd' } },
    ]);
    expect(await rf.driver.management.getBootDevice(task)).toEqual({
      boot_device: 'cdrom',
      persistent: true,
    });
  });

  it("412 ladder as sushy's: the weak ETag, then the strong form, then no If-Match", async () => {
    const task = await rf.start({ etag: 'weak', ignoreOwnEtag: true });
    await rf.driver.management.setBootDevice(task, 'pxe', false);
    const tags = rf.bmc.requests.filter((r) => r.method === 'PATCH').map((r) => r.headers['if-match']);
    expect(tags).toHaveLength(3);
    expect(tags[0]).toMatch(/^W\/"[0-9A-F]{8}"$/);
    expect(tags[1]).toBe(tags[0]?.slice(2));
    expect(tags[2]).toBeUndefined();
    expect(rf.bmc.boot.BootSourceOverrideTarget).toBe('Pxe');
  });

  it('Continuous refused: Once instead, the caller warned, re-applied before the next power-on', async () => {
    const warnings: string[] = [];
    const task = await rf.start(
      { noContinuous: true, propertyAnnotationErrors: true },
      {},
      { logger: { debug() {}, info() {}, warn: (_o: unknown, m: string) => warnings.push(m) } },
    );
    await rf.driver.management.setBootDevice(task, 'pxe', true);
    expect(task.node.driver_internal_info[EMULATED_PERSISTENT]).toBe('pxe');
    expect(warnings.join('\n')).toMatch(
      /refused BootSourceOverrideEnabled Continuous \(PropertyValueNotInList\)/,
    );
    expect(rf.bmc.boot.BootSourceOverrideEnabled).toBe('Once');
    expect(await rf.driver.management.getBootDevice(task)).toEqual({ boot_device: 'pxe', persistent: true });
    // A boot consumes Once; the driver's next power-on re-applies it first.
    rf.bmc.boot.BootSourceOverrideEnabled = 'Disabled';
    const before = rf.bmc.requests.length;
    await rf.driver.power.setPowerState(task, 'power on');
    const after = rf.bmc.lines().slice(before);
    expect(after.indexOf('PATCH /redfish/v1/Systems/system')).toBeGreaterThan(-1);
    expect(after.indexOf('PATCH /redfish/v1/Systems/system')).toBeLessThan(
      after.indexOf('POST /redfish/v1/Systems/system/Actions/ComputerSystem.Reset'),
    );
    expect(rf.bmc.resets).toEqual(['On']);
    // The second time it is known: Continuous is not tried again.
    await rf.driver.management.setBootDevice(task, 'disk', true);
    const bodies = rf.bmc.requests.filter((r) => r.method === 'PATCH').map((r) => r.body);
    expect(bodies.filter((b) => b.includes('Continuous'))).toHaveLength(1);
  });

  it('a BMC that needs the whole Boot object gets it (PropertyMissing), and from then on at once', async () => {
    const task = await rf.start({ fullBoot: true });
    await rf.driver.management.setBootDevice(task, 'cdrom', false);
    await rf.driver.management.setBootDevice(task, 'pxe', false);
    const patches = rf.bmc.requests.filter((r) => r.method === 'PATCH').map((r) => JSON.parse(r.body));
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
    const task = await rf.start();
    const saved = await rf.driver.management.saveBootSettings(task);
    expect(saved.layout).toBe('redfish');
    await rf.driver.management.setBootDevice(task, 'bios', true);
    await rf.driver.management.restoreBootSettings(task, saved);
    expect(rf.bmc.boot.BootSourceOverrideEnabled).toBe('Disabled');
    expect(await rf.driver.management.getBootDevice(task)).toEqual({ boot_device: null, persistent: null });
  });

  it('boot mode through BootSourceOverrideMode; unsupported where the Boot object has none', async () => {
    const task = await rf.start();
    expect(await rf.driver.management.getSupportedBootModes(task)).toEqual(['bios', 'uefi']);
    await rf.driver.management.setBootMode(task, 'bios');
    expect(rf.bmc.boot.BootSourceOverrideMode).toBe('Legacy');
    expect(await rf.driver.management.getBootMode(task)).toBe('bios');
    await rf.bmc.stop();
    const t2 = await rf.start({ noBootMode: true });
    await expect(rf.driver.management.getBootMode(t2)).rejects.toBeInstanceOf(UnsupportedDriverExtension);
    await expect(rf.driver.management.setBootMode(t2, 'uefi')).rejects.toBeInstanceOf(
      UnsupportedDriverExtension,
    );
  });
});

describe('management', () => {
  it('NMI where the ActionInfo lists it, UnsupportedDriverExtension where not', async () => {
    const task = await rf.start();
    await rf.driver.management.injectNmi(task);
    expect(rf.bmc.resets).toEqual(['Nmi']);
    await rf.bmc.stop();
    const t2 = await rf.start({ inlineResetTypes: ['On', 'ForceOff'] });
    await expect(rf.driver.management.injectNmi(t2)).rejects.toBeInstanceOf(UnsupportedDriverExtension);
    expect(rf.bmc.resets).toEqual([]);
  });

  it("sensors from the chassis's Sensors collection in Ironic's shape", async () => {
    const task = await rf.start();
    expect(await rf.driver.management.getSensorsData(task)).toEqual({
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
    expect(rf.bmc.lines().some((l) => l.includes('$expand'))).toBe(false);
  });

  it('a 501 to $expand falls back to one GET per sensor and is not asked again within a minute', async () => {
    const task = await rf.start({ expandRefused: true });
    const first = await rf.driver.management.getSensorsData(task);
    const second = await rf.driver.management.getSensorsData(task);
    expect(second).toEqual(first);
    expect(Object.keys(first).sort()).toEqual(['Fan', 'Temperature']);
    expect(rf.bmc.lines().filter((l) => l.includes('$expand'))).toHaveLength(1);
  });

  it('BMC info: Redfish version, system id, firmware version', async () => {
    const task = await rf.start();
    expect(await rf.driver.management.getBmcInfo(task)).toEqual({
      redfish_version: '1.17.0',
      system_id: 'system',
      firmware_version: '2.16.0-fake',
    });
  });

  it('a property-level refusal without an error object still names its MessageId', async () => {
    const task = await rf.start({ propertyAnnotationErrors: true, noBootMode: true });
    await rf.driver.management.setBootDevice(task, 'pxe', false);
    // Send a mode to a BMC without one through restore: the refusal must carry the MessageId.
    const err = await rf.driver.management
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
