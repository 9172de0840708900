// `obmc power sync --targets FILE` in-process against a simulated fleet over HTTPS: one JSON line
// per node and a summary off a terminal, a progress bar and a summary on one, exit 1 when a node
// could not be read, a bad file refused as bad input, and no session left behind.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../simulator/server.ts';
import { obmc, obmcWith } from '../../test/support/obmc.ts';

const PASSWORD = 'sync-Pa55-c0de';
const env = { SIM_PW: PASSWORD, BAD_PW: 'not-the-password' };
let sim: RunningSimulator;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, nodes: 3, timing: 'instant', seed: 4, password: PASSWORD });
  dir = mkdtempSync(join(tmpdir(), 'obmc-sync-'));
  writeFileSync(join(dir, 'ca.pem'), sim.caCertPem ?? '');
});
afterAll(async () => {
  await sim.close();
});

function targetsFile(passwordEnvOf: (i: number) => string): string {
  const file = join(dir, `targets-${Math.random().toString(16).slice(2)}.json`);
  const targets = sim.urls.map((address, i) => ({
    name: `node-${i}`,
    address,
    username: 'root',
    passwordEnv: passwordEnvOf(i),
    ca: 'ca.pem',
  }));
  writeFileSync(file, JSON.stringify({ targets }));
  return file;
}

const sessions = async () =>
  (await Promise.all(sim.urls.map((_, i) => sim.control(i).state()))).map((s) => s.sessions);

describe('obmc power sync', () => {
  it('prints a JSON line per node and a summary, and exits 0 when every node was read', async () => {
    const r = await obmc(
      env,
      'power',
      'sync',
      '--targets',
      targetsFile(() => 'SIM_PW'),
      '--concurrency',
      '2',
    );
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(
      lines
        .slice(0, 3)
        .map((l) => [l.node, l.power_state])
        .sort(),
    ).toEqual([
      ['node-0', 'power off'],
      ['node-1', 'power off'],
      ['node-2', 'power off'],
    ]);
    expect(lines[3]).toMatchObject({
      summary: { total: 3, read: 3, failed: 0, concurrency: 2, states: { 'power off': 3 } },
    });
    expect(await sessions()).toEqual([0, 0, 0]);
  });

  it('reports a node it could not read with its error kind and exits 1; on a terminal, a progress bar', async () => {
    const file = targetsFile((i) => (i === 1 ? 'BAD_PW' : 'SIM_PW'));
    const { code, out, err } = await obmcWith({ stderrIsTTY: true }, env, 'power', 'sync', '--targets', file);
    expect(code).toBe(1);
    expect(err).toMatch(/\r\[#{30}\] 3\/3 {2}failed 1 {2}\d+\.\d s\n$/);
    expect(out).toMatch(
      /^2\/3 read in [\d.]+ s: 2 power off, 1 error authentication\nnode-1: authentication: /,
    );
    expect(out).not.toContain('not-the-password');
    expect(await sessions()).toEqual([0, 0, 0]);
  });

  it('refuses a missing or invalid targets file as bad input', async () => {
    const missing = await obmc(env, 'power', 'sync', '--targets', join(dir, 'none.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read targets file .*none\.json: ENOENT/);
    const unset = await obmc(
      {},
      'power',
      'sync',
      '--targets',
      targetsFile(() => 'SIM_PW'),
    );
    expect(unset.code).toBe(2);
    expect(unset.err).toMatch(/environment variable SIM_PW is not set/);
    expect((await obmc(env, 'power', 'sync', '--targets', 'x', '--concurrency', '0')).code).toBe(2);
  });
});
