// Two `obmc sim --shard i/2` processes serve one fleet file: each writes the kit targets file of
// the BMCs it serves (fleet-wide names, passwords by environment variable, its certificate next
// to it), together they cover the fleet once, and `obmc power sync` reads every BMC through them.

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD } from '../../protocol/index.ts';
import { obmc } from '../../test/support/obmc.ts';
import { type SimProcess, startSimProcess } from '../../test/support/sim-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'obmc-shards-'));
const running: SimProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
});

describe('obmc sim --shard', () => {
  it('two shards of one fleet file cover it once and answer power sync through their targets files', async () => {
    const fleet = join(dir, 'fleet.json');
    writeFileSync(fleet, JSON.stringify({ nodes: [{ count: 3 }, { password: 'other-Pa55', count: 2 }] }));
    const files = [0, 1].map((i) => join(dir, `shard-${i}.json`));
    const shards = await Promise.all(
      [0, 1].map((i) =>
        startSimProcess(
          [
            '--fleet',
            fleet,
            '--shard',
            `${i}/2`,
            '--port',
            '0',
            '--timing',
            'instant',
            '--log-level',
            'silent',
            '--targets-out',
            files[i] ?? '',
          ],
          i === 0 ? 2 : 3,
        ),
      ),
    );
    running.push(...shards);
    expect(shards.map((s) => s.urls.length)).toEqual([2, 3]);

    const targets = files.map(
      (f) => (JSON.parse(readFileSync(f, 'utf8')) as { targets: Record<string, string>[] }).targets,
    );
    expect(targets.flat().map((t) => [t.name, t.passwordEnv])).toEqual([
      ['node-0', 'OBMC_SIM_PASSWORD'],
      ['node-1', 'OBMC_SIM_PASSWORD'],
      ['node-2', 'OBMC_SIM_PASSWORD'],
      ['node-3', 'OBMC_SIM_PASSWORD_1'],
      ['node-4', 'OBMC_SIM_PASSWORD_1'],
    ]);
    expect(targets[1]?.map((t) => t.address)).toEqual(shards[1]?.urls);
    expect(targets.flat().every((t) => t.ca?.endsWith('.ca.pem') && t.username === 'root')).toBe(true);
    for (const f of files) expect(existsSync(`${f}.ca.pem`)).toBe(true);
    expect(readFileSync(files[0] ?? '', 'utf8')).not.toContain('other-Pa55');

    const env = { OBMC_SIM_PASSWORD: DEFAULT_PASSWORD, OBMC_SIM_PASSWORD_1: 'other-Pa55' };
    for (const f of files) {
      const r = await obmc(env, 'power', 'sync', '--targets', f);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/"summary":\{"total":[23],"read":[23],"failed":0/);
    }
  });

  it('refuses a shard that does not exist as bad input', async () => {
    const sim = await startSimProcess(['--nodes', '2', '--shard', '2/2', '--port', '0', '--http'], 0);
    expect(await sim.exited).toBe(2);
    expect(sim.stderr()).toMatch(/shard must be I\/N with 0 <= I < N/);
  });
});
