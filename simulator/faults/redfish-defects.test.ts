// The faults a Redfish client meets on real BMCs, on a simulator over a real socket (HTTP):
// a one-time boot override the host never consumes shows on both faces, since it is one model;
// a BMC that sends ETags but ignores If-Match lets a stale one through; a fleet entry sets
// faults for its own BMCs only.

import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { ObjectPath, RedfishPath } from '../../protocol/index.ts';
import { parseFleet } from '../fleet.ts';
import { startSimulator } from '../server.ts';

const basic = `Basic ${Buffer.from('root:0penBmc').toString('base64')}`;

async function call(url: string, method: 'GET' | 'PATCH' | 'POST', body?: unknown, headers = {}) {
  const res = await request(url, {
    method,
    headers: { authorization: basic, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.body.text();
  return { status: res.statusCode, etag: res.headers.etag, json: text ? JSON.parse(text) : undefined };
}

const bootOf = async (url: string) => (await call(`${url}${RedfishPath.system}`, 'GET')).json.Boot;

/** Sets Pxe Once over Redfish, then powers the host on (instant timing: done when answered). */
async function bootOnceFromPxe(url: string): Promise<void> {
  const patch = { Boot: { BootSourceOverrideTarget: 'Pxe', BootSourceOverrideEnabled: 'Once' } };
  expect((await call(`${url}${RedfishPath.system}`, 'PATCH', patch)).status).toBeLessThan(300);
  const on = await call(`${url}${RedfishPath.systemReset}`, 'POST', { ResetType: 'On' });
  expect(on.status).toBeLessThan(300);
}

describe('Redfish defects as simulator faults', () => {
  it('one-time-never-consumed: the host boots from Pxe, yet Redfish reads Once and D-Bus one_time Enabled true', async () => {
    await using sim = await startSimulator({
      port: 0,
      http: true,
      timing: 'instant',
      profile: 'bmcweb-2021',
    });
    const control = sim.control(0);
    await bootOnceFromPxe(sim.url);
    // Without the fault the boot consumes it (the baseline the fault must differ from).
    expect(await bootOf(sim.url)).toMatchObject({ BootSourceOverrideEnabled: 'Disabled' });

    await control.reset();
    expect(await control.addFault({ kind: 'one-time-never-consumed' })).toEqual([
      'let the host boot from a one-time boot override but leave the override set (always)',
    ]);
    await bootOnceFromPxe(sim.url);
    const state = await control.state();
    expect(state.lastBoot).toMatchObject({
      source: 'xyz.openbmc_project.Control.Boot.Source.Sources.Network',
      oneTime: true,
    });
    expect(await bootOf(sim.url)).toMatchObject({
      BootSourceOverrideEnabled: 'Once',
      BootSourceOverrideTarget: 'Pxe',
    });
    expect(state.boot[ObjectPath.bootOneTime]).toEqual({ Enabled: true });
    expect(state.boot[ObjectPath.boot]).toMatchObject({ Enabled: true });
    const rest = await call(`${sim.url}${ObjectPath.bootOneTime}/attr/Enabled`, 'GET');
    expect(rest.json).toMatchObject({ data: true });
  });

  it('etag-ignored: ETags still sent, a stale If-Match is applied instead of 412; `times` counts refusals skipped', async () => {
    await using sim = await startSimulator({
      port: 0,
      http: true,
      timing: 'instant',
      profile: 'bmcweb-2024',
    });
    const system = `${sim.url}${RedfishPath.system}`;
    const patch = { Boot: { BootSourceOverrideTarget: 'Hdd', BootSourceOverrideEnabled: 'Continuous' } };
    const stale = { 'if-match': '"0BADE7A6"' };
    expect((await call(system, 'PATCH', patch, stale)).status).toBe(412);

    await sim.control(0).addFault({ kind: 'etag-ignored', times: 1 });
    const got = await call(system, 'GET');
    expect(got.etag).toMatch(/^"[0-9A-F]{8}"$/);
    // The current ETag does not use the fault up; the stale one does, once.
    expect((await call(system, 'PATCH', patch, { 'if-match': got.etag })).status).toBeLessThan(300);
    expect((await sim.control(0).state()).faults).toHaveLength(1);
    expect((await call(system, 'PATCH', patch, stale)).status).toBeLessThan(300);
    expect(await bootOf(sim.url)).toMatchObject({ BootSourceOverrideTarget: 'Hdd' });
    expect((await call(system, 'PATCH', patch, stale)).status).toBe(412);
  });

  it('slow-login delays a Redfish session login too (with or without the trailing slash), not other POSTs', async () => {
    await using sim = await startSimulator({
      port: 0,
      http: true,
      timing: 'instant',
      profile: 'bmcweb-2024',
    });
    await sim.control(0).addFault({ kind: 'slow-login', ms: 1, times: 2 });
    const login = { UserName: 'root', Password: '0penBmc' };
    const reset = await call(`${sim.url}${RedfishPath.systemReset}`, 'POST', { ResetType: 'On' });
    expect(reset.status).toBeLessThan(300);
    expect((await sim.control(0).state()).faults).toEqual(['delay logins by 1 ms (2 more times)']);
    expect((await call(`${sim.url}${RedfishPath.sessions}`, 'POST', login)).status).toBe(201);
    expect((await call(`${sim.url}${RedfishPath.sessions}/`, 'POST', login)).status).toBe(201);
    // Both logins used the fault up.
    expect((await sim.control(0).state()).faults).toEqual([]);
  });

  it('a fleet entry gives its own BMCs standing faults, after the simulator-wide ones', async () => {
    const fleet = parseFleet(
      {
        nodes: [
          { profile: 'bmcweb-2024', faults: [{ kind: 'etag-ignored' }, { kind: 'one-time-never-consumed' }] },
          { profile: 'bmcweb-2024' },
        ],
      },
      'test',
    );
    await using sim = await startSimulator({
      port: 0,
      http: true,
      timing: 'instant',
      fleet,
      faults: [{ kind: 'drop-logout' }],
    });
    expect((await sim.control(0).state()).faults).toEqual([
      'answer logout with 200 but keep the session alive (always)',
      'send ETags but accept any If-Match (never answer 412) (always)',
      'let the host boot from a one-time boot override but leave the override set (always)',
    ]);
    expect((await sim.control(1).state()).faults).toEqual([
      'answer logout with 200 but keep the session alive (always)',
    ]);
  });

  it('a fleet entry with an unknown fault is refused naming the field', () => {
    expect(() => parseFleet({ nodes: [{ faults: [{ kind: 'etag-lost' }] }] }, 'f.json')).toThrow(
      /fleet file f\.json is invalid: nodes\.0\.faults\.0\.kind/,
    );
  });
});
