// startSimulator and the control API over a real loopback socket (plain HTTP here; HTTPS is
// covered in test/https-e2e.test.ts): options are validated, the control API needs no BMC
// credentials, reports live sessions, advances only a manual clock, and stays out of the tree.

import { describe, expect, it } from 'vitest';
import { HostTransition, ObjectPath } from '../protocol/index.ts';
import { SimControlError } from './control-client.ts';
import { SimulatorOptionsError } from './options.ts';
import { startSimulator } from './server.ts';

const json = { 'content-type': 'application/json' };

async function login(url: string): Promise<string> {
  const r = await fetch(`${url}/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ username: 'root', password: '0penBmc' }),
  });
  expect(r.status).toBe(200);
  return ((await r.json()) as { token: string }).token;
}

describe('startSimulator options', () => {
  it.each([
    [{ profile: 'bmcweb-1999' }, /unknown profile 'bmcweb-1999'; known: legacy-2016, .*bmcweb-2021/],
    [{ port: 70000 }, /port must be an integer from 0 to 65535, got 70000/],
    [{ nodes: 0 }, /nodes must be an integer from 1 to 20000, got 0/],
    [{ password: '' }, /username and password must not be empty/],
  ])('refuses %o', async (options, message) => {
    await expect(startSimulator({ http: true, ...options })).rejects.toThrow(message);
    await expect(startSimulator({ http: true, ...options })).rejects.toBeInstanceOf(SimulatorOptionsError);
  });

  it('gives each node its own port and URL, and plain HTTP has no certificate', async () => {
    await using sim = await startSimulator({ port: 0, http: true, nodes: 3, timing: 'instant' });
    expect(sim.urls).toHaveLength(3);
    expect(new Set(sim.urls).size).toBe(3);
    for (const u of sim.urls) expect(u).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.url).toBe(sim.urls[0]);
    expect(sim.caCertPem).toBeUndefined();
    // Today's build by default: Redfish only, REST off (issue 13).
    expect(sim.profile).toBe('bmcweb-2025');
    expect(() => sim.control(3)).toThrow(RangeError);
  });
});

describe('control API', () => {
  it('counts live sessions without BMC credentials, and logout brings it back down', async () => {
    await using sim = await startSimulator({
      profile: 'bmcweb-2021',
      port: 0,
      http: true,
      manualClock: true,
    });
    const control = sim.control();
    expect((await control.state()).sessions).toBe(0);
    const token = await login(sim.url);
    expect((await control.state()).sessions).toBe(1);
    const out = await fetch(`${sim.url}/logout`, {
      method: 'POST',
      headers: { ...json, 'x-auth-token': token },
      body: '{"data": []}',
    });
    expect(out.status).toBe(200);
    expect((await control.state()).sessions).toBe(0);
  });

  it('advances a manual clock through a power-on and reports the host state and pending steps', async () => {
    await using sim = await startSimulator({
      profile: 'bmcweb-2021',
      port: 0,
      http: true,
      manualClock: true,
    });
    const token = await login(sim.url);
    const put = await fetch(`${sim.url}${ObjectPath.host}/attr/RequestedHostTransition`, {
      method: 'PUT',
      headers: { ...json, 'x-auth-token': token },
      body: JSON.stringify({ data: HostTransition.On }),
    });
    expect(put.status).toBe(200);
    const control = sim.control();
    let state = await control.state();
    expect(state.clock.manual).toBe(true);
    expect(state.host.requested).toBe(HostTransition.On);
    expect(state.chassis.current).toBe('xyz.openbmc_project.State.Chassis.PowerState.TransitioningToOn');
    expect(state.pending[0]).toEqual({ event: 'chassis -> On', dueInMs: 3_000 });
    const before = state.clock.now;
    state = await control.advance(10 * 60_000);
    expect(state.clock.now).toBe(before + 10 * 60_000);
    expect(state.host).toEqual({
      current: 'xyz.openbmc_project.State.Host.HostState.Running',
      requested: HostTransition.On,
      bootProgress: 'xyz.openbmc_project.State.Boot.Progress.ProgressStages.OSStart',
      osState: 'xyz.openbmc_project.State.OperatingSystem.Status.OSStatus.BootComplete',
    });
    expect(state.pending).toEqual([]);
    // Reset: power off, defaults, no sessions, the clock back at its start.
    state = await control.reset();
    expect(state.host.current).toBe('xyz.openbmc_project.State.Host.HostState.Off');
    expect(state.sessions).toBe(0);
    expect(state.clock.now).toBe(before);
  });

  it('refuses to advance a real clock (409) and rejects a bad body (400)', async () => {
    await using sim = await startSimulator({
      profile: 'bmcweb-2021',
      port: 0,
      http: true,
      timing: 'instant',
    });
    await expect(sim.control().advance(1)).rejects.toThrow(
      /POST \/_sim\/clock\/advance answered 409: this simulator runs on real time/,
    );
    await expect(sim.control().advance(-1)).rejects.toBeInstanceOf(SimControlError);
    const r = await fetch(`${sim.url}/_sim/clock/advance`, { method: 'POST', headers: json, body: '{"ms":' });
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ error: 'body is not valid JSON' });
  });

  it('can be switched off, and is never part of the emulated tree', async () => {
    await using sim = await startSimulator({
      profile: 'bmcweb-2021',
      port: 0,
      http: true,
      timing: 'instant',
      control: 'off',
    });
    const r = await fetch(`${sim.url}/_sim/state`);
    expect(r.status).toBe(403);
    const token = await login(sim.url);
    const list = await fetch(`${sim.url}/xyz/openbmc_project/list`, { headers: { 'x-auth-token': token } });
    const paths = ((await list.json()) as { data: string[] }).data;
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.some((p) => p.includes('_sim'))).toBe(false);
  });
});

describe('control API routing (exact, as bmcweb routes)', () => {
  it('is case-sensitive and strict: /_SIM/state is a BMC path (401 before login), /_sim/State and /_sim/state/ no endpoint', async () => {
    await using sim = await startSimulator({
      profile: 'bmcweb-2021',
      port: 0,
      http: true,
      timing: 'instant',
      nodes: 2,
    });
    expect((await fetch(`${sim.url}/_sim/state`)).status).toBe(200);
    for (const path of ['/_SIM/state', '/_Sim/state']) {
      const r = await fetch(`${sim.url}${path}`);
      expect(r.status, path).toBe(401);
    }
    for (const path of ['/_sim/State', '/_sim/state/']) {
      const r = await fetch(`${sim.url}${path}`);
      expect(r.status, path).toBe(404);
      expect(await r.json()).toEqual({ error: 'unknown control endpoint' });
    }
  });

  it('refuses a repeated or unknown query parameter instead of answering as node 0', async () => {
    await using sim = await startSimulator({
      profile: 'bmcweb-2021',
      port: 0,
      http: true,
      timing: 'instant',
      nodes: 3,
    });
    let r = await fetch(`${sim.url}/_sim/state?node=1&node=2`);
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ error: "query parameter 'node' given more than once" });
    r = await fetch(`${sim.url}/_sim/state?nodes=1`);
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({
      error: "unknown query parameter 'nodes'; the control API takes only node=N|all",
    });
    r = await fetch(`${sim.url}/_sim/state?node=2`);
    expect(((await r.json()) as { node: number }).node).toBe(2);
  });

  it.each([
    ['GET', '/_sim/reset', 'POST'],
    ['PUT', '/_sim/state', 'GET, HEAD'],
    ['GET', '/_sim/faults', 'POST, DELETE'],
    ['DELETE', '/_sim/clock/advance', 'POST'],
  ])('%s %s is 405 with Allow: %s', async (method, path, allow) => {
    await using sim = await startSimulator({
      profile: 'bmcweb-2021',
      port: 0,
      http: true,
      timing: 'instant',
    });
    const r = await fetch(`${sim.url}${path}`, { method });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe(allow);
    expect(await r.json()).toEqual({ error: `${path.slice('/_sim'.length)} takes ${allow}` });
  });
});

describe('account lockout (--lockout)', () => {
  it('after N wrong passwords the right one is refused too, /_sim/state lists the account, the unlock time frees it', async () => {
    await using sim = await startSimulator({
      profile: 'bmcweb-2021',
      port: 0,
      http: true,
      timing: 'instant',
      manualClock: true,
      lockout: { attempts: 3, unlockAfterMs: 300_000 },
    });
    const attempt = (password: string) =>
      fetch(`${sim.url}/login`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ username: 'root', password }),
      }).then((r) => r.status);
    for (let i = 0; i < 3; i++) expect(await attempt('wrong')).toBe(401);
    expect(await attempt('0penBmc')).toBe(401);
    expect((await sim.control().state()).lockedAccounts).toEqual(['root']);
    // Basic auth goes through the same PAM check.
    const basic = await fetch(`${sim.url}/xyz/openbmc_project/state/host0`, {
      headers: { authorization: `Basic ${Buffer.from('root:0penBmc').toString('base64')}` },
    });
    expect(basic.status).toBe(401);
    await sim.control().advance(300_000);
    expect(await attempt('0penBmc')).toBe(200);
    expect((await sim.control().state()).lockedAccounts).toEqual([]);
  });

  it('is off by default and validated', async () => {
    await using sim = await startSimulator({
      profile: 'bmcweb-2021',
      port: 0,
      http: true,
      timing: 'instant',
    });
    expect((await sim.control().state()).lockedAccounts).toBeUndefined();
    await expect(
      startSimulator({
        profile: 'bmcweb-2021',
        port: 0,
        http: true,
        lockout: { attempts: 0, unlockAfterMs: 0 },
      }),
    ).rejects.toThrow(SimulatorOptionsError);
  });
});

describe('start-up failure', () => {
  it('a port that is taken closes every listener already opened, so nothing is left half-started', async () => {
    await using first = await startSimulator({
      profile: 'bmcweb-2021',
      port: 0,
      http: true,
      timing: 'instant',
    });
    const taken = Number(new URL(first.url).port);
    // Three nodes from taken - 1: the first may listen, the second cannot.
    const attempt = startSimulator({
      profile: 'bmcweb-2021',
      port: taken - 1,
      http: true,
      nodes: 3,
      timing: 'instant',
    });
    await expect(attempt).rejects.toThrow(/EADDRINUSE/);
    const probe = await fetch(`http://127.0.0.1:${taken - 1}/redfish/v1`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(probe).toBe('refused');
  });
});
