// A BMC reboot through the API, against the real `obmc sim` process: the listener goes, comes
// back after the profile's down time, the BMC goes NotReady then Ready, the host state is kept
// and the process keeps running (it used to end with exit 13 once the only listener closed).
// openbmc-test-automation's boot table, "OBMC Reboot (off)" and "OBMC Reboot (run)".

import { afterEach, describe, expect, it } from 'vitest';
import {
  BmcState,
  BmcTransition,
  HostState,
  HostTransition,
  ObjectPath,
  type SimState,
} from '../../protocol/index.ts';
import { getProfile } from '../../simulator/profiles/index.ts';
import { type SimProcess, startSimProcess } from '../../test/support/sim-process.ts';

const REBOOT = BmcTransition.Reboot;
const RUNNING = HostState.Running;
const OFF = HostState.Off;
const READY = BmcState.Ready;
const NOT_READY = BmcState.NotReady;
/** One node of a build with D-Bus REST on (the scenarios drive the BMC through REST PUTs). */
const REST_SIM = ['--port', '0', '--http', '--profile', 'bmcweb-2021'];

let sim: SimProcess | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function login(url: string): Promise<string> {
  const r = await fetch(`${url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'root', password: '0penBmc' }),
  });
  expect(r.status).toBe(200);
  return ((await r.json()) as { token: string }).token;
}

async function put(url: string, token: string, path: string, data: string): Promise<number> {
  const r = await fetch(`${url}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'x-auth-token': token },
    body: JSON.stringify({ data }),
  });
  await r.text();
  return r.status;
}

const state = async (url: string): Promise<SimState> =>
  (await (await fetch(`${url}/_sim/state`)).json()) as SimState;

const advance = async (url: string, ms: number): Promise<SimState> => {
  const r = await fetch(`${url}/_sim/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ms }),
  });
  expect(r.status).toBe(200);
  return (await r.json()) as SimState;
};

/** What a BMC request gets: its status, or the error code when no answer came. */
const attempt = (url: string) =>
  fetch(`${url}/redfish/v1`).then(
    (r) => r.status,
    (e: { cause?: { code?: string } }) => e.cause?.code ?? 'failed',
  );

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await read().catch(() => undefined);
    if (v !== undefined && done(v)) return v;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('obmc sim through a BMC reboot (child process)', () => {
  it('OBMC Reboot (off), real time at fast timing, one node: back up, host still off, process still running', async () => {
    sim = await startSimProcess([...REST_SIM, '--timing', 'fast']);
    const url = sim.urls[0] ?? '';
    const token = await login(url);
    expect(await put(url, token, `${ObjectPath.bmc}/attr/RequestedBMCTransition`, REBOOT)).toBe(200);
    await sim.logged('BMC rebooting: listener down');
    await sim.logged('BMC back up');
    const settled = await until(
      () => state(url),
      (s) => s.bmc.current === READY,
    );
    expect(settled.bmc).toEqual({
      current: READY,
      requested: BmcTransition.None,
      listening: true,
    });
    expect(settled.host.current).toBe(OFF);
    await login(url);
    expect(sim.child.exitCode).toBeNull();
    expect(await sim.stop()).toBe(0);
  });

  it('OBMC Reboot (run), manual clock, one node: the port only serves /_sim while down, then NotReady, Ready, host still running', async () => {
    sim = await startSimProcess([...REST_SIM, '--timing', 'realistic', '--manual-clock']);
    const url = sim.urls[0] ?? '';
    const t = getProfile('bmcweb-2021')?.timings;
    if (!t) throw new Error('no profile');
    const token = await login(url);
    expect(await put(url, token, `${ObjectPath.host}/attr/RequestedHostTransition`, HostTransition.On)).toBe(
      200,
    );
    expect((await advance(url, 600_000)).host.current).toBe(RUNNING);

    expect(await put(url, token, `${ObjectPath.bmc}/attr/RequestedBMCTransition`, REBOOT)).toBe(200);
    expect((await state(url)).bmc).toMatchObject({ current: NOT_READY, listening: true });
    // Down: BMC requests get no answer; the control API still moves the clock.
    let s = await advance(url, t.bmcReplyGraceMs);
    expect(s.bmc.listening).toBe(false);
    expect(await attempt(url)).not.toBe(200);
    expect(typeof (await attempt(url))).toBe('string');
    s = await advance(url, t.bmcDownMs);
    expect(s.bmc).toMatchObject({ current: NOT_READY, listening: true });
    expect(await attempt(url)).toBe(200);
    s = await advance(url, t.bmcNotReadyMs);
    expect(s.bmc.current).toBe(READY);
    expect(s.host.current).toBe(RUNNING);
    await login(url);
    expect(await sim.stop()).toBe(0);
  });

  it('SIGTERM while the BMC is down (realistic timing: 90 s down) closes at once with exit 0', async () => {
    sim = await startSimProcess([...REST_SIM, '--timing', 'realistic']);
    const url = sim.urls[0] ?? '';
    const token = await login(url);
    expect(await put(url, token, `${ObjectPath.bmc}/attr/RequestedBMCTransition`, REBOOT)).toBe(200);
    await sim.logged('BMC rebooting: listener down');
    expect(await sim.stop()).toBe(0);
    expect(sim.stderr()).not.toContain('BMC back up');
  });
});
