// The driver under every fault the simulator injects, over real HTTPS sockets: the exact typed
// error, or a successful retry where retrying is safe; every driver call settles (a hang detector
// races it, no duration is asserted); and the BMC holds zero sessions afterwards, except under
// drop-logout, where the simulator keeps the session on purpose.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOpenBMCDriver, type DriverClock, type Task } from '../driver/index.ts';
import { type RunningSimulator, startSimulator } from '../simulator/server.ts';
import { simTask } from './support/sim-task.ts';

const PASSWORD = 'Sekr1t-faults-Pa55';
const HOST = '/xyz/openbmc_project/state/host0';
const READ = `${HOST}/attr/CurrentHostState`;
const HOST_PUT = `${HOST}/attr/RequestedHostTransition`;
/** Only a hang detector: a driver call that has not settled by then is a failed test. */
const HANG_MS = 20_000;

function taskFor(sim: RunningSimulator, extra: Record<string, unknown> = {}): Task {
  return simTask(sim, PASSWORD, extra);
}

interface Sent {
  method: string;
  path: string;
  status: number | undefined;
  attempt: number;
}

/** A driver whose log records every request it sent (and lets a test act between two requests). */
function recordingDriver(options: { clock?: DriverClock } = {}) {
  const sent: Sent[] = [];
  const messages: string[] = [];
  let onRequest: ((r: Sent) => void) | undefined;
  const driver = createOpenBMCDriver({
    ...options,
    logger: {
      debug(obj, msg) {
        if (msg !== 'bmc request') return;
        const r = obj as Sent;
        const rec = { method: r.method, path: r.path, status: r.status, attempt: r.attempt };
        sent.push(rec);
        onRequest?.(rec);
      },
      info(_obj, msg) {
        messages.push(msg);
      },
      warn(_obj, msg) {
        messages.push(msg);
      },
    },
  });
  return {
    driver,
    sent,
    messages,
    /** Calls `fn` synchronously after each request the driver completes. */
    between(fn: (r: Sent) => void) {
      onRequest = fn;
    },
    /** "METHOD path status" of every request but the unauthenticated dialect probe. */
    lines(): string[] {
      return sent.filter((r) => r.path !== HOST).map((r) => `${r.method} ${r.path} ${r.status ?? 'failed'}`);
    },
  };
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Awaits a driver call, failing the test if it never settles (a hang); never asserts a duration. */
async function settle<T>(call: Promise<T>): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`HANG: the driver call did not settle in ${HANG_MS} ms`)),
      HANG_MS,
    );
  });
  const settled = call.then(
    (value): Outcome<T> => ({ ok: true, value }),
    (error: unknown): Outcome<T> => ({ ok: false, error }),
  );
  try {
    return await Promise.race([settled, hang]);
  } finally {
    clearTimeout(timer);
  }
}

async function succeeds<T>(call: Promise<T>): Promise<T> {
  const o = await settle(call);
  if (!o.ok) throw o.error;
  return o.value;
}

async function fails(call: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  const o = await settle(call);
  if (o.ok) throw new Error(`expected the driver call to fail, it returned ${JSON.stringify(o.value)}`);
  expect(o.error).toBeInstanceOf(Error);
  return o.error as Error & Record<string, unknown>;
}

describe('driver under faults (bmcweb-2021)', () => {
  let sim: RunningSimulator;
  let task: Task;
  let rec: ReturnType<typeof recordingDriver>;
  /** What the BMC holds after the test: zero unless a test says why not. */
  let sessionsAfter = 0;

  beforeAll(async () => {
    sim = await startSimulator({
      profile: 'bmcweb-2021',
      port: 0,
      host: '127.0.0.1',
      timing: 'instant',
      seed: 11,
      password: PASSWORD,
    });
    task = taskFor(sim);
  });
  /** A new driver that already knows the dialect and that the REST API is on, so each test sees
   * only its own operation's requests: login, the operation, logout. */
  async function fresh(options: { clock?: DriverClock } = {}) {
    const r = recordingDriver(options);
    expect(await succeeds(r.driver.power.getPowerState(task))).toBe('power off');
    r.sent.length = 0;
    return r;
  }

  beforeEach(async () => {
    task.node.driver_info = taskFor(sim).node.driver_info;
    sessionsAfter = 0;
    rec = await fresh();
  });
  afterEach(async () => {
    await rec.driver.close();
    const { sessions } = await sim.control(0).state();
    // Reset first, so one failed test does not leave its faults or power state to the next.
    await sim.control(0).reset();
    expect(sessions).toBe(sessionsAfter);
  });
  afterAll(async () => {
    await sim.close();
  });

  describe('status', () => {
    it('503 once on login: the login is retried and the read succeeds', async () => {
      await sim
        .control(0)
        .addFault({ kind: 'status', status: 503, method: 'POST', path: '/login', times: 1 });
      expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power off');
      expect(rec.lines()).toEqual([
        'POST /login 503',
        'POST /login 200',
        `GET ${READ} 200`,
        'POST /logout 200',
      ]);
    });

    it('503 with Retry-After on a read: waits what the BMC asked, then succeeds', async () => {
      const slept: number[] = [];
      let offset = 0;
      const clock: DriverClock = {
        now: () => Date.now() + offset,
        sleep: async (ms) => {
          slept.push(ms);
          offset += ms;
        },
      };
      await rec.driver.close();
      rec = await fresh({ clock });
      slept.length = 0;
      await sim
        .control(0)
        .addFault({ kind: 'status', status: 503, retryAfter: 2, method: 'GET', path: READ, times: 2 });
      expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power off');
      // Each retry waits the 2 s the BMC asked for, not openbmc_retry_interval.
      expect(slept).toEqual([2000, 2000]);
      expect(rec.lines()).toEqual([
        'POST /login 200',
        `GET ${READ} 503`,
        `GET ${READ} 503`,
        `GET ${READ} 200`,
        'POST /logout 200',
      ]);
    });

    it('503 that never ends on a read: OpenBMCError "busy" after the bounded retries', async () => {
      await sim
        .control(0)
        .addFault({ kind: 'status', status: 503, retryAfter: 0, method: 'GET', path: READ });
      const err = await fails(rec.driver.power.getPowerState(task));
      expect(err).toMatchObject({ name: 'OpenBMCError', context: { httpStatus: 503 } });
      expect(err.message).toContain('the BMC is busy or not ready for GET');
      // 1 + openbmc_retries (4) attempts, then logout.
      expect(rec.lines().filter((l) => l === `GET ${READ} 503`)).toHaveLength(5);
      expect(rec.lines().at(-1)).toBe('POST /logout 200');
    });

    for (const status of [500, 502, 504] as const) {
      it(`${status} on a read is not retried: OpenBMCError naming the request`, async () => {
        await sim.control(0).addFault({ kind: 'status', status, method: 'GET', path: READ });
        const err = await fails(rec.driver.power.getPowerState(task));
        expect(err).toMatchObject({
          name: 'OpenBMCError',
          code: 'OBMC_ERROR',
          context: { httpStatus: status },
        });
        expect(err.message).toMatch(new RegExp(`^the BMC refused GET ${READ}`));
        expect(rec.lines()).toEqual(['POST /login 200', `GET ${READ} ${status}`, 'POST /logout 200']);
      });
    }

    it('503 on the power request: not re-sent; the state is re-read and the refusal stands', async () => {
      await sim
        .control(0)
        .addFault({ kind: 'status', status: 503, retryAfter: 0, method: 'PUT', path: HOST_PUT });
      const err = await fails(rec.driver.power.setPowerState(task, 'power on'));
      expect(err).toMatchObject({
        name: 'OpenBMCError',
        context: { httpStatus: 503, step: 'request host On' },
      });
      expect(err.message).toContain(`the BMC is busy or not ready for PUT ${HOST_PUT}`);
      expect(rec.lines().filter((l) => l.startsWith('PUT'))).toEqual([`PUT ${HOST_PUT} 503`]);
      expect((await sim.control(0).state()).host.current).toMatch(/\.Off$/);
    });

    it('500 on the power request: OpenBMCError, sent once', async () => {
      await sim.control(0).addFault({ kind: 'status', status: 500, method: 'PUT', path: HOST_PUT, times: 1 });
      const err = await fails(rec.driver.power.setPowerState(task, 'power on'));
      expect(err).toMatchObject({
        name: 'OpenBMCError',
        context: { httpStatus: 500, step: 'request host On' },
      });
      expect(rec.lines().filter((l) => l.startsWith('PUT'))).toEqual([`PUT ${HOST_PUT} 500`]);
    });
  });

  describe('reset-connection and close-mid-response', () => {
    for (const kind of ['reset-connection', 'close-mid-response'] as const) {
      it(`${kind} once on a read: retried, success`, async () => {
        await sim.control(0).addFault({ kind, method: 'GET', path: READ, times: 1 });
        expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power off');
        expect(rec.lines()).toEqual([
          'POST /login 200',
          `GET ${READ} failed`,
          `GET ${READ} 200`,
          'POST /logout 200',
        ]);
      });

      it(`${kind} on every read: OpenBMCConnectionError after the bounded retries`, async () => {
        await sim.control(0).addFault({ kind, method: 'GET', path: READ });
        const err = await fails(rec.driver.power.getPowerState(task));
        expect(err).toMatchObject({ name: 'OpenBMCConnectionError', code: 'OBMC_CONNECTION' });
        expect(err.message).toContain('connection failed');
        expect(rec.lines().filter((l) => l === `GET ${READ} failed`)).toHaveLength(5);
      });

      it(`${kind} once on the power request: the state is re-read, the request re-sent once, success`, async () => {
        await sim.control(0).addFault({ kind, method: 'PUT', path: HOST_PUT, times: 1 });
        await succeeds(rec.driver.power.setPowerState(task, 'power on'));
        expect(rec.lines().filter((l) => l.startsWith('PUT'))).toEqual([
          `PUT ${HOST_PUT} failed`,
          `PUT ${HOST_PUT} 200`,
        ]);
        expect(rec.messages).toContain('re-sending a power request after a lost connection');
        expect((await sim.control(0).state()).host.current).toMatch(/\.Running$/);
      });

      it(`${kind} once on login: the login is retried, success`, async () => {
        await sim.control(0).addFault({ kind, method: 'POST', path: '/login', times: 1 });
        expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power off');
        expect(rec.lines()).toEqual([
          'POST /login failed',
          'POST /login 200',
          `GET ${READ} 200`,
          'POST /logout 200',
        ]);
      });

      it(`${kind} once on logout: the logout is retried, no session left`, async () => {
        await sim.control(0).addFault({ kind, method: 'POST', path: '/logout', times: 1 });
        expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power off');
        expect(rec.lines()).toEqual([
          'POST /login 200',
          `GET ${READ} 200`,
          'POST /logout failed',
          'POST /logout 200',
        ]);
      });

      it(`${kind} on every power request: re-sent once only, then OpenBMCConnectionError`, async () => {
        await sim.control(0).addFault({ kind, method: 'PUT', path: HOST_PUT });
        const err = await fails(rec.driver.power.setPowerState(task, 'power on'));
        expect(err).toMatchObject({ name: 'OpenBMCConnectionError', context: { step: 'request host On' } });
        expect(rec.lines().filter((l) => l.startsWith('PUT'))).toEqual([
          `PUT ${HOST_PUT} failed`,
          `PUT ${HOST_PUT} failed`,
        ]);
      });
    }
  });

  describe('hang and latency', () => {
    it('hang once on a read: the read times out, is retried, success', async () => {
      task = taskFor(sim, { openbmc_request_timeout: 0.2 });
      await sim.control(0).addFault({ kind: 'hang', method: 'GET', path: READ, times: 1 });
      expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power off');
      expect(rec.lines()).toEqual([
        'POST /login 200',
        `GET ${READ} failed`,
        `GET ${READ} 200`,
        'POST /logout 200',
      ]);
    });

    it('hang on every read: OpenBMCTimeoutError within the request timeout, then logout', async () => {
      task = taskFor(sim, { openbmc_request_timeout: 0.2, openbmc_retries: 1 });
      await sim.control(0).addFault({ kind: 'hang', method: 'GET', path: READ });
      const err = await fails(rec.driver.power.getPowerState(task));
      expect(err).toMatchObject({
        name: 'OpenBMCTimeoutError',
        code: 'OBMC_TIMEOUT',
        context: { step: 'read power state' },
      });
      expect(err.message).toMatch(/^timed out: no answer within 200 ms/);
      expect(rec.lines()).toEqual([
        'POST /login 200',
        `GET ${READ} failed`,
        `GET ${READ} failed`,
        'POST /logout 200',
      ]);
    });

    it('hang on login: OpenBMCTimeoutError at the login step, no session made', async () => {
      task = taskFor(sim, { openbmc_request_timeout: 0.2, openbmc_retries: 1 });
      await sim.control(0).addFault({ kind: 'hang', method: 'POST', path: '/login' });
      const err = await fails(rec.driver.power.getPowerState(task));
      expect(err).toMatchObject({ name: 'OpenBMCTimeoutError', context: { step: 'login' } });
      expect(err.message).toMatch(/^timed out: no answer within 200 ms/);
      expect(rec.lines()).toEqual(['POST /login failed', 'POST /login failed']);
    });

    it('hang once on the power request: the state is re-read, the request re-sent once, success', async () => {
      task = taskFor(sim, { openbmc_request_timeout: 0.2 });
      await sim.control(0).addFault({ kind: 'hang', method: 'PUT', path: HOST_PUT, times: 1 });
      await succeeds(rec.driver.power.setPowerState(task, 'power on'));
      expect(rec.lines().filter((l) => l.startsWith('PUT'))).toEqual([
        `PUT ${HOST_PUT} failed`,
        `PUT ${HOST_PUT} 200`,
      ]);
      expect((await sim.control(0).state()).host.current).toMatch(/\.Running$/);
    });

    it('lose-answer on the power request: the BMC acted, the re-read shows it, nothing is sent again', async () => {
      await sim.control(0).addFault({ kind: 'lose-answer', method: 'PUT', path: HOST_PUT, times: 1 });
      await succeeds(rec.driver.power.setPowerState(task, 'power on'));
      expect(rec.lines().filter((l) => l.startsWith('PUT'))).toEqual([`PUT ${HOST_PUT} failed`]);
      expect((await sim.control(0).state()).host.current).toMatch(/\.Running$/);
    });

    it('hang on every power request: OpenBMCTimeoutError after one re-send', async () => {
      task = taskFor(sim, { openbmc_request_timeout: 0.2 });
      await sim.control(0).addFault({ kind: 'hang', method: 'PUT', path: HOST_PUT });
      const err = await fails(rec.driver.power.setPowerState(task, 'power on'));
      expect(err).toMatchObject({ name: 'OpenBMCTimeoutError', context: { step: 'request host On' } });
      expect(rec.lines().filter((l) => l.startsWith('PUT'))).toEqual([
        `PUT ${HOST_PUT} failed`,
        `PUT ${HOST_PUT} failed`,
      ]);
      expect((await sim.control(0).state()).host.current).toMatch(/\.Off$/);
    });

    it('hang on logout: the operation keeps its result; the logout is retried and the session ended', async () => {
      task = taskFor(sim, { openbmc_request_timeout: 0.2 });
      await sim.control(0).addFault({ kind: 'hang', method: 'POST', path: '/logout', times: 1 });
      expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power off');
      expect(rec.lines()).toEqual([
        'POST /login 200',
        `GET ${READ} 200`,
        'POST /logout failed',
        'POST /logout 200',
      ]);
    });

    it('hang on every logout: the result stands, two logouts tried, the session stays (no answer to act on)', async () => {
      task = taskFor(sim, { openbmc_request_timeout: 0.2 });
      await sim.control(0).addFault({ kind: 'hang', method: 'POST', path: '/logout' });
      expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power off');
      expect(rec.lines()).toEqual([
        'POST /login 200',
        `GET ${READ} 200`,
        'POST /logout failed',
        'POST /logout failed',
      ]);
      expect(rec.messages).toContain('logout failed');
      // A BMC that never answers a logout keeps the session; the driver gave up after two tries
      // within the logout's own deadline rather than hold the operation.
      sessionsAfter = 1;
    });

    it('fixed latency and jitter within the request timeout: success', async () => {
      await sim.control(0).addFault({ kind: 'latency', ms: 20 });
      await sim.control(0).addFault({ kind: 'latency', ms: 0, jitterMs: 30 });
      expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power off');
      await succeeds(rec.driver.power.setPowerState(task, 'power on'));
      expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power on');
      expect(rec.lines().every((l) => !l.endsWith('failed'))).toBe(true);
    });

    it('latency past the request timeout once on a read: timed out, retried, success', async () => {
      task = taskFor(sim, { openbmc_request_timeout: 0.2 });
      await sim.control(0).addFault({ kind: 'latency', ms: 400, method: 'GET', path: READ, times: 1 });
      expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power off');
      expect(rec.lines()).toEqual([
        'POST /login 200',
        `GET ${READ} failed`,
        `GET ${READ} 200`,
        'POST /logout 200',
      ]);
    });

    it('latency with jitter past the request timeout on every read: OpenBMCTimeoutError', async () => {
      task = taskFor(sim, { openbmc_request_timeout: 0.2, openbmc_retries: 1 });
      await sim.control(0).addFault({ kind: 'latency', ms: 300, jitterMs: 100, method: 'GET', path: READ });
      const err = await fails(rec.driver.power.getPowerState(task));
      expect(err).toMatchObject({ name: 'OpenBMCTimeoutError', context: { step: 'read power state' } });
      expect(err.message).toMatch(/^timed out: no answer within 200 ms/);
    });
  });

  describe('logins', () => {
    it('slow login within the request timeout: success', async () => {
      await sim.control(0).addFault({ kind: 'slow-login', ms: 50 });
      expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power off');
      expect(rec.lines()).toEqual(['POST /login 200', `GET ${READ} 200`, 'POST /logout 200']);
    });

    it('slow login past the request timeout: OpenBMCTimeoutError at login after the bounded retries', async () => {
      task = taskFor(sim, { openbmc_request_timeout: 0.1, openbmc_retries: 1 });
      await sim.control(0).addFault({ kind: 'slow-login', ms: 300, times: 5 });
      const err = await fails(rec.driver.power.getPowerState(task));
      expect(err).toMatchObject({ name: 'OpenBMCTimeoutError', context: { step: 'login' } });
      expect(err.message).toMatch(/^timed out: no answer within 100 ms/);
      // A login is retried like a read (openbmc_retries: 1 here). The simulator drops a login
      // whose client has gone, so no session is made; a real BMC may still make one that no
      // one can end (the driver never saw its token).
      expect(rec.lines()).toEqual(['POST /login failed', 'POST /login failed']);
      expect((await sim.control(0).state()).faults).toEqual(['delay logins by 300 ms (3 more times)']);
    });

    it('session limit once (bmcweb: 503): the login is retried, success', async () => {
      await sim.control(0).addFault({ kind: 'session-limit', times: 1 });
      expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power off');
      expect(rec.lines()).toEqual([
        'POST /login 503',
        'POST /login 200',
        `GET ${READ} 200`,
        'POST /logout 200',
      ]);
    });

    it('session limit that lasts (bmcweb: 503): OpenBMCError at login after the bounded retries', async () => {
      await sim.control(0).addFault({ kind: 'session-limit' });
      const err = await fails(rec.driver.power.getPowerState(task));
      expect(err).toMatchObject({
        name: 'OpenBMCError',
        code: 'OBMC_ERROR',
        context: { step: 'login', httpStatus: 503 },
      });
      expect(err.message).toMatch(/^login failed: login answered HTTP 503/);
      expect(rec.lines()).toEqual(Array(5).fill('POST /login 503'));
    });

    it('sessions dropped mid-operation: OpenBMCAuthError, nothing left behind', async () => {
      rec.between((r) => {
        if (r.path === '/login') sim.nodes[0]?.addFault({ kind: 'drop-sessions' });
      });
      const err = await fails(rec.driver.power.getPowerState(task));
      expect(err).toMatchObject({
        name: 'OpenBMCAuthError',
        code: 'OBMC_AUTH',
        context: { step: 'read power state', httpStatus: 401 },
      });
      expect(err.message).toContain(
        `the BMC no longer accepts the session (expired or ended) for GET ${READ}`,
      );
      expect(rec.lines()).toEqual(['POST /login 200', `GET ${READ} 401`, 'POST /logout 401']);
    });

    it('sessions dropped while powering on: OpenBMCAuthError in the wait; the request was sent once', async () => {
      rec.between((r) => {
        if (r.method === 'PUT') sim.nodes[0]?.addFault({ kind: 'drop-sessions' });
      });
      const err = await fails(rec.driver.power.setPowerState(task, 'power on'));
      expect(err).toMatchObject({
        name: 'OpenBMCAuthError',
        context: { step: 'read power state', httpStatus: 401 },
      });
      expect(rec.lines().filter((l) => l.startsWith('PUT'))).toEqual([`PUT ${HOST_PUT} 200`]);
    });

    it('sessions dropped with openbmc_session_reuse: logs in again once, success; close() ends it', async () => {
      task = taskFor(sim, { openbmc_session_reuse: true });
      let dropped = false;
      rec.between((r) => {
        if (r.path === '/login' && !dropped) {
          dropped = true;
          sim.nodes[0]?.addFault({ kind: 'drop-sessions' });
        }
      });
      expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power off');
      expect(rec.lines()).toEqual([
        'POST /login 200',
        `GET ${READ} 401`,
        'POST /login 200',
        `GET ${READ} 200`,
      ]);
      expect((await sim.control(0).state()).sessions).toBe(1);
      await rec.driver.close();
      expect(rec.lines().at(-1)).toBe('POST /logout 200');
    });

    it('drop-logout: the driver logs out, the BMC answers 200 and keeps the session', async () => {
      await sim.control(0).addFault({ kind: 'drop-logout', times: 1 });
      expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power off');
      expect(rec.lines()).toEqual(['POST /login 200', `GET ${READ} 200`, 'POST /logout 200']);
      // The one exception to "zero sessions": the fault keeps the session on purpose after a
      // logout the driver sent and the BMC acknowledged; nothing tells the driver otherwise.
      sessionsAfter = 1;
    });
  });

  describe('the host and boot settings', () => {
    it('stuck host: PowerStateFailure at the power timeout, the request sent once', async () => {
      await sim.control(0).addFault({ kind: 'stuck-host' });
      const err = await fails(rec.driver.power.setPowerState(task, 'power on', 0.05));
      expect(err).toMatchObject({
        name: 'PowerStateFailure',
        code: 'OBMC_POWER_STATE_FAILURE',
        context: { step: 'wait for power on' },
      });
      expect(err.message).toMatch(
        /^Failed to set node power state to power on: after 0\.05 s the BMC still reports CurrentHostState Off \(power off\)/,
      );
      expect(rec.lines().filter((l) => l.startsWith('PUT'))).toEqual([`PUT ${HOST_PUT} 200`]);
    });

    it('stuck host on hard power off: PowerStateFailure naming the state it stays in', async () => {
      await succeeds(rec.driver.power.setPowerState(task, 'power on'));
      await sim.control(0).addFault({ kind: 'stuck-host' });
      const err = await fails(rec.driver.power.setPowerState(task, 'power off', 0.05));
      expect(err).toMatchObject({ name: 'PowerStateFailure', context: { step: 'wait for power off' } });
      expect(err.message).toContain('the BMC still reports CurrentHostState Running (power on)');
    });

    it('power-on fails (host Quiesced): PowerStateFailure naming Quiesced at once; get power state is error', async () => {
      await sim.control(0).addFault({ kind: 'power-on-fails', times: 1 });
      const err = await fails(rec.driver.power.setPowerState(task, 'power on'));
      expect(err).toMatchObject({ name: 'PowerStateFailure', context: { step: 'wait for power on' } });
      expect(err.message).toContain('the host stopped in CurrentHostState Quiesced (error)');
      expect((await sim.control(0).state()).host.current).toMatch(/\.Quiesced$/);
      expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('error');
    });

    it('boot setting that does not stick: the read-back error names what was asked and what is there', async () => {
      const before = await succeeds(rec.driver.management.getBootDevice(task));
      const there = `it reports ${before.boot_device ?? 'none'}`;
      await sim.control(0).addFault({ kind: 'boot-not-sticky' });
      const err = await fails(rec.driver.management.setBootDevice(task, 'pxe', false));
      expect(err).toMatchObject({
        name: 'OpenBMCError',
        code: 'OBMC_ERROR',
        context: { step: 'read back boot device' },
      });
      expect(err.message).toMatch(/^the BMC did not keep the boot setting: asked for pxe \(one-time\), /);
      expect(err.message).toContain(there);
      const persistent = await fails(rec.driver.management.setBootDevice(task, 'cdrom', true));
      expect(persistent.message).toMatch(
        /^the BMC did not keep the boot setting: asked for cdrom \(persistent\), /,
      );
      expect(persistent.message).toContain(there);
      expect(await succeeds(rec.driver.management.getBootDevice(task))).toEqual(before);
      expect(task.node.driver_internal_info).toEqual({});
    });
  });

  describe('BMC reboot (instant timing: the listener stays, bmcweb keeps its sessions)', () => {
    it('a BMC reboot mid-operation: the session survives, success', async () => {
      rec.between((r) => {
        if (r.path === '/login') sim.nodes[0]?.addFault({ kind: 'bmc-reboot' });
      });
      expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power off');
      expect(rec.lines()).toEqual(['POST /login 200', `GET ${READ} 200`, 'POST /logout 200']);
      expect((await sim.control(0).state()).bmc.current).toMatch(/\.Ready$/);
    });
  });
});

describe('driver under faults (phosphor-rest-2017: 401 for a full session table, sessions lost in a BMC reboot)', () => {
  let sim: RunningSimulator;
  let task: Task;
  let rec: ReturnType<typeof recordingDriver>;

  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      host: '127.0.0.1',
      profile: 'phosphor-rest-2017',
      timing: 'instant',
      seed: 12,
      password: PASSWORD,
    });
    task = taskFor(sim);
  });
  beforeEach(async () => {
    rec = recordingDriver();
    expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power off');
    rec.sent.length = 0;
  });
  afterEach(async () => {
    await rec.driver.close();
    const { sessions } = await sim.control(0).state();
    await sim.control(0).reset();
    expect(sessions).toBe(0);
  });
  afterAll(async () => {
    await sim.close();
  });

  it('session limit: the firmware says 401, so OpenBMCAuthError at login, never retried', async () => {
    await sim.control(0).addFault({ kind: 'session-limit', times: 1 });
    const err = await fails(rec.driver.power.getPowerState(task));
    expect(err).toMatchObject({
      name: 'OpenBMCAuthError',
      code: 'OBMC_AUTH',
      context: { step: 'login', httpStatus: 401 },
    });
    expect(err.message).toMatch(
      /^authentication failed: the BMC rejected openbmc_username\/openbmc_password/,
    );
    expect(rec.lines()).toEqual(['POST /login 401']);
  });

  it('a BMC reboot mid-operation ends the session: OpenBMCAuthError, nothing left behind', async () => {
    rec.between((r) => {
      if (r.path === '/login') sim.nodes[0]?.addFault({ kind: 'bmc-reboot' });
    });
    const err = await fails(rec.driver.power.getPowerState(task));
    expect(err).toMatchObject({
      name: 'OpenBMCAuthError',
      context: { step: 'read power state', httpStatus: 401 },
    });
    // phosphor-rest answers a logout 200 whether or not the session still exists.
    expect(rec.lines()).toEqual(['POST /login 200', `GET ${READ} 401`, 'POST /logout 200']);
  });
});

describe('driver under a BMC reboot that takes the listener away (bmcweb-2021, realistic timing, manual clock)', () => {
  let sim: RunningSimulator;
  let task: Task;
  let rec: ReturnType<typeof recordingDriver>;

  function clock() {
    const node = sim.nodes[0];
    if (!node?.manualClock) throw new Error('no manual clock');
    return { advance: (ms: number) => node.manualClock?.advance(ms), t: node.profile.timings };
  }
  async function untilUp(): Promise<void> {
    await vi.waitFor(() => sim.control(0).state(), { timeout: HANG_MS, interval: 5 });
  }

  beforeAll(async () => {
    sim = await startSimulator({
      profile: 'bmcweb-2021',
      port: 0,
      host: '127.0.0.1',
      timing: 'realistic',
      manualClock: true,
      seed: 13,
      password: PASSWORD,
    });
    task = taskFor(sim);
  });
  beforeEach(async () => {
    rec = recordingDriver();
    expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power off');
    rec.sent.length = 0;
  });
  afterEach(async () => {
    await rec.driver.close();
    await sim.control(0).reset();
  });
  afterAll(async () => {
    await sim.close();
  });

  it('while the BMC is down: OpenBMCConnectionError after the bounded retries, no session; after it: success', async () => {
    const { advance, t } = clock();
    await sim.control(0).addFault({ kind: 'bmc-reboot' });
    advance(t.bmcReplyGraceMs);
    const err = await fails(rec.driver.power.getPowerState(task));
    expect(err).toMatchObject({
      name: 'OpenBMCConnectionError',
      code: 'OBMC_CONNECTION',
      context: { step: 'login' },
    });
    expect(err.message).toMatch(/^the BMC is unreachable \(ECONNREFUSED\)/);
    expect(rec.lines()).toEqual(Array(5).fill('POST /login failed'));
    advance(t.bmcDownMs);
    await untilUp();
    expect(await succeeds(rec.driver.power.getPowerState(task))).toBe('power off');
    expect((await sim.control(0).state()).sessions).toBe(0);
  });

  it('a reboot mid-operation: OpenBMCConnectionError; bmcweb keeps the session the driver could not end', async () => {
    const { advance, t } = clock();
    rec.between((r) => {
      if (r.path !== '/login') return;
      sim.nodes[0]?.addFault({ kind: 'bmc-reboot' });
      advance(t.bmcReplyGraceMs);
    });
    const err = await fails(rec.driver.power.getPowerState(task));
    expect(err).toMatchObject({ name: 'OpenBMCConnectionError', context: { step: 'read power state' } });
    expect(err.message).toMatch(/^the BMC is unreachable \(ECONNREFUSED\)/);
    expect(rec.lines()).toEqual([
      'POST /login 200',
      ...Array(5).fill(`GET ${READ} failed`),
      'POST /logout failed',
      'POST /logout failed',
    ]);
    advance(t.bmcDownMs);
    await untilUp();
    // bmcweb persists sessions across its reboot; the driver's logouts met a closed port. The
    // session ends only at bmcweb's idle timeout: a limit of any client, not a driver defect.
    expect((await sim.control(0).state()).sessions).toBe(1);
  });
});

// A request the BMC carried out but whose answer was lost, while the transition it started is still
// under way: the driver cannot tell, re-reads a state short of the target and sends the request
// again. That late duplicate must be harmless: the BMC is already moving there. The manual clock
// holds the transition until the re-sent request has been answered, then lets it finish.
describe('driver and a lost answer during a transition (manual clock)', () => {
  for (const profile of ['bmcweb-2021', 'phosphor-rest-2018']) {
    it(`${profile}: the power request re-sent after its lost answer, the host reaches Running`, async () => {
      const sim = await startSimulator({
        port: 0,
        host: '127.0.0.1',
        profile,
        timing: 'realistic',
        manualClock: true,
        seed: 11,
        password: PASSWORD,
      });
      try {
        const node = sim.nodes[0];
        const task = taskFor(sim);
        const rec = recordingDriver();
        rec.between((r) => {
          // The re-sent request answered: let the transition the first one started run its course.
          if (r.method === 'PUT' && r.status === 200) node?.manualClock?.advance(10 * 60_000);
        });
        await sim.control(0).addFault({ kind: 'lose-answer', method: 'PUT', path: HOST_PUT, times: 1 });
        await succeeds(rec.driver.power.setPowerState(task, 'power on'));
        expect(rec.lines().filter((l) => l.startsWith('PUT'))).toEqual([
          `PUT ${HOST_PUT} failed`,
          `PUT ${HOST_PUT} 200`,
        ]);
        expect(rec.messages).toContain('re-sending a power request after a lost connection');
        const state = await sim.control(0).state();
        expect(state.host.current).toMatch(/\.Running$/);
        expect(state.sessions).toBe(0);
        await rec.driver.close();
      } finally {
        await sim.close();
      }
    });
  }
});
