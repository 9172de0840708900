// A known password and session token go through the simulator, the driver, the CLI and the
// conformance kit, failures included; every output, log line and error is searched for them.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenBMCDriver } from '../driver/index.ts';
import { createLogger } from '../simulator/logger.ts';
import { type RunningSimulator, startSimulator } from '../simulator/server.ts';
import { obmc } from './support/obmc.ts';

const PASSWORD = 'Zq7-secret-Pa55word';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
    text: () => chunks.join(''),
  };
}

let sim: RunningSimulator;
const simLog = sink();
let ca: string;
let token = '';

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    timing: 'instant',
    seed: 11,
    password: PASSWORD,
    logger: createLogger('debug', simLog.stream),
  });
  ca = join(mkdtempSync(join(tmpdir(), 'obmc-secrets-')), 'ca.pem');
  writeFileSync(ca, sim.caCertPem ?? '');
  // A session of our own, so its token is known and can be searched for.
  const agent = new Agent({ connect: { ca: sim.caCertPem ?? '' } });
  const res = await request(`${sim.url}/login`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'root', password: PASSWORD }),
  });
  token = ((await res.body.json()) as { token: string }).token;
  for (const headers of [
    { 'x-auth-token': token },
    { cookie: `SESSION=${token}` },
    { authorization: `Token ${token}` },
  ]) {
    const r = await request(`${sim.url}/xyz/openbmc_project/state/host0/attr/Nope`, {
      dispatcher: agent,
      headers,
    });
    await r.body.dump();
  }
  const out = await request(`${sim.url}/logout`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'x-auth-token': token },
  });
  await out.body.dump();
  await agent.close();
  expect(token).toMatch(/^[A-Za-z0-9]{20}$/);
});
afterAll(async () => {
  await sim?.close();
});

function clean(text: string): void {
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(token);
}

describe('secrets never leak', () => {
  it('from the driver: errors and debug logs, failures included', async () => {
    const log = sink();
    const driver = createOpenBMCDriver({ logger: pino({ level: 'debug' }, log.stream) });
    const good = {
      openbmc_address: sim.url,
      openbmc_username: 'root',
      openbmc_password: PASSWORD,
      openbmc_verify_ca: ca,
    };
    const task = (extra: Record<string, unknown> = {}) => ({ node: { driver_info: { ...good, ...extra } } });
    const errors: unknown[] = [];
    const attempt = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (e) {
        errors.push(e);
      }
    };
    await attempt(() => driver.power.setPowerState(task(), 'power on'));
    await attempt(() => driver.management.setBootDevice(task(), 'pxe'));
    await attempt(() => driver.power.getPowerState(task({ openbmc_password: `${PASSWORD}-wrong` })));
    await attempt(() => driver.power.getPowerState(task({ openbmc_verify_ca: true })));
    await attempt(() =>
      driver.power.getPowerState(task({ openbmc_address: 'https://127.0.0.1:1', openbmc_retries: 0 })),
    );
    await attempt(() => driver.management.setBootDevice(task(), 'floppy'));
    await sim.control(0).addFault({ kind: 'stuck-host' });
    await attempt(() => driver.power.setPowerState(task(), 'power off', 0.05));
    await sim.control(0).clearFaults();
    await driver.close();
    expect(errors.length).toBeGreaterThanOrEqual(5);
    for (const e of errors) clean(`${(e as Error).message}\n${(e as Error).stack}\n${JSON.stringify(e)}`);
    expect(log.text()).toContain('bmc request');
    clean(log.text());
  });

  it('from the CLI: stdout and stderr, failures included', async () => {
    let all = '';
    const run = async (...args: string[]) => {
      const r = await obmc({}, ...args);
      all += r.out + r.err;
    };
    const t = ['--address', sim.url, '--username', 'root', '--ca', ca];
    await run('power', 'status', ...t, '--password', PASSWORD, '--json');
    await run('info', ...t, '--password', PASSWORD);
    await run('power', 'status', ...t, '--password', `${PASSWORD}x`);
    await run('power', 'status', ...t, '--password', `${PASSWORD}x`, '--json');
    await run('boot', 'set', 'pxe', '--address', sim.url, '--username', 'root', '--password', PASSWORD);
    expect(all).toContain('power_state');
    expect(all).toContain('authentication');
    clean(all);
  });

  it('from the conformance kit: console output, JUnit XML and JSON reports, failures included', async () => {
    let all = '';
    const dir = mkdtempSync(join(tmpdir(), 'obmc-secrets-conf-'));
    const reports: string[] = [];
    for (const [i, password] of [PASSWORD, `${PASSWORD}x`].entries()) {
      const junit = join(dir, `r${i}.xml`);
      const json = join(dir, `r${i}.json`);
      reports.push(junit, json);
      const r = await obmc(
        {},
        ...['conformance', '--target', sim.url, '--username', 'root', '--password', password, '--ca', ca],
        ...['--allow-power-changes', '--junit', junit, '--json', json],
        ...['--check', 'SES-002', 'PRO-001', 'PRO-005', 'PWR-001', 'BOT-004'],
      );
      all += r.out + r.err;
    }
    const files = reports.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(files).toContain('<error message="the target did not answer');
    expect(files).toContain('OpenBMCAuthError');
    expect(all).toContain('PASSED');
    expect(all).toContain('FAILED');
    clean(all);
    clean(files);
  });

  it('from the simulator: its request log, with every way a credential can arrive', () => {
    expect(simLog.text()).toContain('/login');
    clean(simLog.text());
  });
});
