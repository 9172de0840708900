// End to end over real loopback sockets: the default HTTPS listener with its self-signed
// certificate (openbmc-rest.md 1.1, 9.1), and a BMC reboot that drops the listener and brings it
// back with sessions and settings kept (3.3, 9.8). Time moves only on the manual clock.

import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { BootSource, ObjectPath } from '../protocol/index.ts';
import { type RunningSimulator, startSimulator } from '../simulator/server.ts';

const agents: Agent[] = [];
const sims: RunningSimulator[] = [];

afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

const agentFor = (ca: string | undefined) => {
  const a = new Agent({ connect: ca === undefined ? {} : { ca } });
  agents.push(a);
  return a;
};

async function start(): Promise<RunningSimulator> {
  const sim = await startSimulator({ profile: 'bmcweb-2021', port: 0, manualClock: true, seed: 5 });
  sims.push(sim);
  return sim;
}

async function send(
  agent: Agent,
  url: string,
  method: 'GET' | 'PUT' | 'POST',
  path: string,
  o: { token?: string; body?: unknown } = {},
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {};
  if (o.token) headers['x-auth-token'] = o.token;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  const res = await request(`${url}${path}`, {
    method,
    dispatcher: agent,
    headers,
    ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }),
  });
  return { status: res.statusCode, text: await res.body.text() };
}

async function login(agent: Agent, url: string): Promise<string> {
  const r = await send(agent, url, 'POST', '/login', { body: { username: 'root', password: '0penBmc' } });
  expect(r.status).toBe(200);
  return (JSON.parse(r.text) as { token: string }).token;
}

const errorCode = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; cause?: { code?: string } };
    return err.cause?.code ?? err.code ?? String(e);
  }
  return 'no error';
};

/** Waits for a listener the model has just brought back; no timer, one event-loop turn per try. */
async function untilUp(agent: Agent, url: string): Promise<void> {
  for (let i = 0; i < 10_000; i++) {
    const code = await errorCode(send(agent, url, 'GET', '/_sim/state'));
    if (code === 'no error') return;
    expect(code).toBe('ECONNREFUSED');
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the listener did not come back');
}

describe('HTTPS by default', () => {
  it('serves https with a certificate a client trusting caCertPem accepts', async () => {
    const sim = await start();
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.caCertPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const agent = agentFor(sim.caCertPem);
    const token = await login(agent, sim.url);
    expect(token).toMatch(/^[A-Za-z0-9]{20}$/);
    const r = await send(agent, sim.url, 'GET', `${ObjectPath.bmc}/attr/CurrentBMCState`, { token });
    expect(r).toEqual({
      status: 200,
      text: '{\n  "data": "xyz.openbmc_project.State.BMC.BMCState.Ready",\n  "message": "200 OK",\n  "status": "ok"\n}',
    });
  });

  it('is refused by a client that does not trust the self-signed certificate', async () => {
    const sim = await start();
    const code = await errorCode(send(agentFor(undefined), sim.url, 'GET', '/redfish/v1'));
    expect(code).toMatch(/^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)$/);
  });

  it('sets Secure cookies over TLS', async () => {
    const sim = await start();
    const res = await request(`${sim.url}/login`, {
      method: 'POST',
      dispatcher: agentFor(sim.caCertPem),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: ['root', '0penBmc'] }),
    });
    await res.body.text();
    const cookies = res.headers['set-cookie'];
    expect(Array.isArray(cookies) ? cookies.length : 0).toBe(2);
    for (const c of Array.isArray(cookies) ? cookies : []) expect(c).toMatch(/; SameSite=Strict; Secure/);
  });
});

describe('BMC reboot over real sockets (bmcweb-2021, realistic timing, manual clock)', () => {
  it('drops the listener, comes back NotReady then Ready, keeping sessions and settings', async () => {
    const sim = await start();
    const node = sim.nodes[0];
    const clock = node?.manualClock;
    if (!node || !clock) throw new Error('no manual clock');
    const t = node.profile.timings;
    const agent = agentFor(sim.caCertPem);
    const token = await login(agent, sim.url);
    const put = await send(agent, sim.url, 'PUT', `${ObjectPath.boot}/attr/BootSource`, {
      token,
      body: { data: BootSource.Network },
    });
    expect(put.status).toBe(200);

    // The reboot is requested over the control API; the reply still arrives.
    await sim.control().addFault({ kind: 'bmc-reboot' });
    let state = await sim.control().state();
    expect(state.bmc).toMatchObject({
      current: 'xyz.openbmc_project.State.BMC.BMCState.NotReady',
      listening: true,
    });

    // After the reply grace the listener goes away: new connections are refused.
    clock.advance(t.bmcReplyGraceMs);
    expect(node.bmc.listening).toBe(false);
    const fresh = agentFor(sim.caCertPem);
    expect(await errorCode(send(fresh, sim.url, 'GET', '/_sim/state'))).toBe('ECONNREFUSED');
    clock.advance(t.bmcDownMs - 1);
    expect(await errorCode(send(fresh, sim.url, 'GET', '/_sim/state'))).toBe('ECONNREFUSED');

    // Back on the same port, NotReady first.
    clock.advance(1);
    await untilUp(fresh, sim.url);
    state = await sim.control().state();
    expect(state.bmc).toEqual({
      current: 'xyz.openbmc_project.State.BMC.BMCState.NotReady',
      requested: 'xyz.openbmc_project.State.BMC.Transition.None',
      listening: true,
    });
    state = await sim.control().advance(t.bmcNotReadyMs);
    expect(state.bmc.current).toBe('xyz.openbmc_project.State.BMC.BMCState.Ready');

    // bmcweb sessions survive (persisted); settings too.
    const boot = await send(fresh, sim.url, 'GET', `${ObjectPath.boot}/attr/BootSource`, { token });
    expect(boot.status).toBe(200);
    expect((JSON.parse(boot.text) as { data: string }).data).toBe(BootSource.Network);
    expect(state.sessions).toBe(1);
  });

  it('a REST write of RequestedBMCTransition=Reboot answers 200 before the listener goes', async () => {
    const sim = await start();
    const agent = agentFor(sim.caCertPem);
    const token = await login(agent, sim.url);
    const r = await send(agent, sim.url, 'PUT', `${ObjectPath.bmc}/attr/RequestedBMCTransition`, {
      token,
      body: { data: 'xyz.openbmc_project.State.BMC.Transition.Reboot' },
    });
    expect(r).toEqual({
      status: 200,
      text: '{\n  "data": null,\n  "message": "200 OK",\n  "status": "ok"\n}',
    });
    const state = await sim.control().state();
    expect(state.bmc.current).toBe('xyz.openbmc_project.State.BMC.BMCState.NotReady');
    expect(state.bmc.requested).toBe('xyz.openbmc_project.State.BMC.Transition.Reboot');
    expect(state.pending.map((p) => p.event)).toEqual([
      'listener down',
      'BMC rebooted',
      'listener up',
      'bmc-state -> Ready',
    ]);
  });
});

describe('a fleet over HTTPS (one front server, one listener per BMC)', () => {
  it('answers each BMC on its own port with its own state, and one BMC rebooting leaves the others up', async () => {
    const sim = await startSimulator({
      profile: 'bmcweb-2021',
      port: 0,
      nodes: 3,
      manualClock: true,
      seed: 5,
    });
    sims.push(sim);
    const agent = agentFor(sim.caCertPem);
    await login(agent, sim.urls[1] ?? '');
    const sessions = await Promise.all(sim.urls.map((_, i) => sim.control(i).state()));
    expect(sessions.map((s) => [s.node, s.sessions])).toEqual([
      [0, 0],
      [1, 1],
      [2, 0],
    ]);
    sim.nodes[1]?.addFault({ kind: 'bmc-reboot' });
    sim.nodes[1]?.manualClock?.advance(sim.nodes[1].profile.timings.bmcReplyGraceMs);
    const refused = await errorCode(send(agentFor(sim.caCertPem), sim.urls[1] ?? '', 'GET', '/redfish/v1'));
    expect(refused).toBe('ECONNREFUSED');
    expect((await send(agent, sim.urls[2] ?? '', 'GET', '/redfish/v1')).status).toBe(200);
  });
});
