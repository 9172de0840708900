// The CLI unchanged against a Redfish-only BMC (a small Redfish fake on a real socket): the same
// commands and Ironic field names; `obmc info` shows the API, Redfish version, system id and
// firmware version; every session deleted.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeRedfish } from '../../test/support/fake-redfish.ts';
import { obmc as obmcWith } from '../../test/support/obmc.ts';

let bmc: FakeRedfish;
let address: string;

beforeAll(async () => {
  bmc = new FakeRedfish({ etag: 'strong', transitionReads: 1 });
  address = await bmc.start();
});
afterEach(() => {
  expect(bmc.deleted).toBe(bmc.created);
});
afterAll(async () => {
  await bmc.stop();
});

const obmc = (...args: string[]) =>
  obmcWith({}, ...args, '--address', address, '--username', 'root', '--password', bmc.password);

describe('obmc against a Redfish-only BMC', () => {
  it('power, boot, sensors, nmi', async () => {
    expect((await obmc('power', 'on')).out).toBe('power on\n');
    expect((await obmc('power', 'status', '--json')).out).toBe('{"power_state":"power on"}\n');
    expect((await obmc('boot', 'set', 'pxe', '--json')).out).toBe(
      '{"boot_device":"pxe","persistent":false}\n',
    );
    expect(Object.keys(JSON.parse((await obmc('sensors', '--json')).out)).sort()).toEqual([
      'Fan',
      'Temperature',
    ]);
    expect((await obmc('nmi')).out).toBe('NMI injected\n');
  });

  it('info names the API, the Redfish version, the system and the firmware', async () => {
    const info = JSON.parse((await obmc('info', '--json')).out);
    expect(info).toMatchObject({
      api: 'redfish',
      redfish_version: '1.17.0',
      system_id: 'system',
      firmware_version: '2.16.0-fake',
      boot_mode: 'uefi',
    });
  });

  it('--api rest on a BMC without D-Bus REST fails with the API in the message', async () => {
    const r = await obmc('power', 'status', '--api', 'rest');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('API rest/bmcweb');
    expect(r.err).not.toContain(bmc.password);
  });

  it('--system-id picks one of several Systems; without it the error names them (bad input)', async () => {
    const two = new FakeRedfish({ systems: ['system0', 'system1'] });
    const at = await two.start();
    try {
      const run = (...args: string[]) =>
        obmcWith({}, ...args, '--address', at, '--username', 'root', '--password', two.password);
      const missing = await run('power', 'status');
      expect(missing.code).toBe(2);
      expect(missing.err).toMatch(
        /invalid input: the BMC lists 2 systems .*\(system0, system1\); set openbmc_system_id/,
      );
      const info = JSON.parse((await run('info', '--json', '--system-id', 'system1')).out);
      expect(info).toMatchObject({ api: 'redfish', system_id: 'system1' });
      const bad = await run('power', 'status', '--system-id', 'a/b');
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('Invalid openbmc_system_id "a/b"');
      expect(two.deleted).toBe(two.created);
    } finally {
      await two.stop();
    }
  });
});
