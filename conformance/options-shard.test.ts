// A pool larger than one runner: `--shard I/N` gives each of N runners its block of the targets
// file, and together they check each BMC once.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConformanceOptionsError, resolveConformanceOptions } from './options.ts';

const file = join(mkdtempSync(join(tmpdir(), 'obmc-pool-')), 'pool.json');
writeFileSync(
  file,
  JSON.stringify({
    targets: Array.from({ length: 5 }, (_, i) => ({
      name: `bmc-${i}`,
      address: `https://10.0.0.${i + 1}`,
      username: 'root',
      passwordEnv: 'POOL_PW',
    })),
  }),
);
const env = { POOL_PW: 'pool-Pa55' };

describe('conformance --shard', () => {
  it('splits a targets file pool so that the shards cover it once', async () => {
    const parts = await Promise.all(
      [0, 1].map((i) => resolveConformanceOptions({ targetsFile: file, shard: `${i}/2` }, env)),
    );
    expect(parts.map((p) => p.targets.map((t) => t.name))).toEqual([
      ['bmc-0', 'bmc-1'],
      ['bmc-2', 'bmc-3', 'bmc-4'],
    ]);
  });

  it('needs a targets file and a shard that exists', async () => {
    await expect(resolveConformanceOptions({ shard: '0/2' }, env)).rejects.toThrow(/give --targets too/);
    await expect(resolveConformanceOptions({ targetsFile: file, shard: '2/2' }, env)).rejects.toThrow(
      ConformanceOptionsError,
    );
    await expect(resolveConformanceOptions({ targetsFile: file, shard: '0/6' }, env)).rejects.toThrow(
      /a fleet of 5 BMCs cannot be split into 6 shards/,
    );
  });
});
