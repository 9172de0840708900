// The driver under every fault the simulator injects, over real HTTPS sockets: the exact typed
// error, or a successful retry where retrying is safe; every driver call settles (a hang detector
// races it, no duration is asserted); and the BMC holds zero sessions afterwards, except under
// drop-logout, where the simulator keeps the session on purpose.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenBMCDriver, type DriverClock, type OpenBMCDriver, type Task } from '../driver/index.ts';
import { type RunningSimulator, startSimulator } from '../simulator/server.ts';

const PASSWORD = 'Sekr1t-faults-Pa55';
const dir = mkdtempSync(join(tmpdir(), 'obmc-faults-'));
const HOST = '/xyz/openbmc_project/state/host0';
const READ = `${HOST}/attr/CurrentHostState`;
const HOST_PUT = `${HOST}/attr/RequestedHostTransition`;
/** Only a hang detector: a driver call that has not settled by then is a failed test. */
const HANG_MS = 20_000;

function taskFor(sim: RunningSimulator, extra: Record<string, unknown> = {}): Task {
  const ca = join(dir, `ca-${new URL(sim.url).port}.pem`);
  writeFileSync(ca, sim.caCertPem ?? '');
  return {
    node: {
      uuid: 'node-1',
      driver_info: {
        openbmc_address: sim.url,
        openbmc_username: 'root',
        openbmc_password: PASSWORD,
        openbmc_verify_ca: ca,
        openbmc_poll_interval: 0.005,
        openbmc_reboot_settle_time: 0,
        openbmc_min_command_interval: 0,
        openbmc_retry_interval: 0.01,
        ...extra,
      },
      driver_internal_info: {},
    },
  };
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
    expect((await sim.control(0).state()).sessions).toBe(sessionsAfter);
    await sim.control(0).reset();
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

    it('500 on a read is not retried: OpenBMCError naming the request', async () => {
      await sim.control(0).addFault({ kind: 'status', status: 500, method: 'GET', path: READ });
      const err = await fails(rec.driver.power.getPowerState(task));
      expect(err).toMatchObject({ name: 'OpenBMCError', context: { httpStatus: 500 } });
      expect(err.message).toContain(`the BMC refused GET ${READ}`);
      expect(rec.lines()).toEqual(['POST /login 200', `GET ${READ} 500`, 'POST /logout 200']);
    });

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
});
