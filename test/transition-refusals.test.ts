// phosphor-state-manager's setters refusing a transition (openbmc-rest.md 3.4), answered the way each
// REST server answers a D-Bus error from Properties.Set (2.5): bmcweb 403 with the error's name as
// description and its errors.yaml text as message; the Python server re-raises it, a 500 with the
// DBusException. Over real HTTPS sockets, with the manual clock for the BMC's NotReady window.

import { Agent, request } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DbusError, HostTransition } from '../protocol/index.ts';
import type { RunningSimulator } from '../simulator/server.ts';
import { startLoopbackSimulator } from './support/loopback-sim.ts';

const PASSWORD = 'Refusal-Pa55-77';
const HOST_PUT = '/xyz/openbmc_project/state/host0/attr/RequestedHostTransition';

let sim: RunningSimulator | undefined;
let agent: Agent | undefined;
afterEach(async () => {
  await agent?.close();
  await sim?.close();
  sim = undefined;
  agent = undefined;
});

async function start(profile: string) {
  sim = await startLoopbackSimulator(profile, PASSWORD, { timing: 'realistic', manualClock: true, seed: 3 });
  agent = new Agent({ connect: { ca: sim.caCertPem ?? '' } });
  return sim;
}

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  if (!sim || !agent) throw new Error('no simulator');
  const res = await request(`${sim.url}${path}`, {
    method: method as 'PUT',
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    dispatcher: agent,
  });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    headers: res.headers,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

/** bmcweb: a token; the Python server: its `sid` cookie. */
async function login(python: boolean): Promise<Record<string, string>> {
  const r = await call('POST', '/login', {}, { data: ['root', PASSWORD] });
  expect(r.status).toBe(200);
  const cookies = [r.headers['set-cookie'] ?? []].flat();
  if (python) return { cookie: (cookies.find((c) => c.startsWith('sid=')) ?? '').split(';')[0] ?? '' };
  const session = cookies.find((c) => /^(BMCWEB-)?SESSION=/.test(c));
  return { 'x-auth-token': (session ?? '').split(';')[0]?.split('=')[1] ?? '' };
}

describe('transition refusals', () => {
  it('bmcweb-2024: BMCNotReady while the BMC is NotReady after a reboot, accepted once it is Ready', async () => {
    const s = await start('bmcweb-2024');
    const node = s.nodes[0];
    const t = node?.profile.timings;
    if (!node?.manualClock || !t) throw new Error('no manual clock');
    await s.control(0).addFault({ kind: 'refuse-when-bmc-not-ready' });
    await s.control(0).addFault({ kind: 'bmc-reboot' });
    node.manualClock.advance(t.bmcReplyGraceMs + t.bmcDownMs);
    await vi.waitFor(() => s.control(0).state(), { timeout: 10_000, interval: 5 });
    expect((await s.control(0).state()).bmc.current).toMatch(/\.NotReady$/);
    const auth = await login(false);
    const refused = await call('PUT', HOST_PUT, auth, { data: HostTransition.On });
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual({
      data: { description: DbusError.hostBmcNotReady },
      message: 'The BMC is not in a Ready state, no host operations allowed',
      status: 'error',
    });
    // Off is always allowed.
    expect((await call('PUT', HOST_PUT, auth, { data: HostTransition.Off })).status).toBe(200);
    node.manualClock.advance(t.bmcNotReadyMs);
    expect((await call('PUT', HOST_PUT, auth, { data: HostTransition.On })).status).toBe(200);
    expect((await s.control(0).state()).host.requested).toBe(HostTransition.On);
  });

  it('bmcweb-2021: Unavailable while firmware activates, then accepted', async () => {
    const s = await start('bmcweb-2021');
    await s.control(0).addFault({ kind: 'transitions-unavailable', times: 1 });
    const auth = await login(false);
    const refused = await call('PUT', HOST_PUT, auth, { data: HostTransition.On });
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual({
      data: { description: DbusError.unavailable },
      message: 'The service is temporarily unavailable.',
      status: 'error',
    });
    expect((await s.control(0).state()).host.requested).not.toBe(HostTransition.On);
    expect((await call('PUT', HOST_PUT, auth, { data: HostTransition.On })).status).toBe(200);
  });

  it('phosphor-rest-2018: the Python server re-raises the setter error as a 500', async () => {
    const s = await start('phosphor-rest-2018');
    await s.control(0).addFault({ kind: 'transitions-unavailable', times: 1 });
    const auth = await login(true);
    const refused = await call('PUT', HOST_PUT, auth, { data: HostTransition.On });
    expect(refused.status).toBe(500);
    const data = refused.json?.data as { exception: string; traceback: string[] };
    expect(data.exception).toBe("DBusException('The service is temporarily unavailable.')");
    expect(data.traceback.at(-1)).toBe(
      `dbus.exceptions.DBusException: ${DbusError.unavailable}: The service is temporarily unavailable.`,
    );
    expect((await call('PUT', HOST_PUT, auth, { data: HostTransition.On })).status).toBe(200);
  });
});
