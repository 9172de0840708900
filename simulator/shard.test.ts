// Shards: the arithmetic covers a fleet exactly once for any split, and a node keeps its
// fleet-wide number, seed and fleet-file settings whichever shard serves it.

import { describe, expect, it } from 'vitest';
import { parseFleet } from './fleet.ts';
import { resolveSimulatorOptions, SimulatorOptionsError } from './options.ts';
import { parseShard, ShardError, shardRange } from './shard.ts';

describe('shardRange', () => {
  it('covers every node of the fleet exactly once, in order, sizes differing by at most one', () => {
    for (const total of [1, 2, 3, 7, 10, 99, 100, 2500, 10_000, 10_001]) {
      for (const count of [1, 2, 3, 4, 5, 7, 16, 100]) {
        if (count > total) continue;
        const seen = new Array<number>(total).fill(0);
        const sizes: number[] = [];
        let next = 0;
        for (let index = 0; index < count; index++) {
          const { start, end } = shardRange(total, { index, count });
          expect(start).toBe(next);
          next = end;
          sizes.push(end - start);
          for (let n = start; n < end; n++) seen[n] = (seen[n] ?? 0) + 1;
        }
        expect(next).toBe(total);
        expect(seen.every((c) => c === 1)).toBe(true);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
    expect(shardRange(10_000, { index: 3, count: 4 })).toEqual({ start: 7500, end: 10_000 });
  });

  it('refuses shards that do not exist', () => {
    expect(() => shardRange(3, { index: 0, count: 4 })).toThrow(
      /a fleet of 3 BMCs cannot be split into 4 shards/,
    );
    expect(() => shardRange(10, { index: 4, count: 4 })).toThrow(/shard index must be from 0 to 3, got 4/);
  });

  it('parses I/N', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['4/4', '1/0', '-1/2', 'a/b', '1', '1/2/3'])
      expect(() => parseShard(bad)).toThrow(ShardError);
  });
});

describe('a shard of a fleet', () => {
  const fleet = parseFleet(
    { nodes: [{ count: 5 }, { profile: 'legacy-2016', password: 'other-pw', count: 3 }, { seed: 77 }] },
    'test',
  );

  it('serves its block with the fleet-wide numbers, seeds and settings', () => {
    const whole = resolveSimulatorOptions({ fleet, seed: 100 }).perNode;
    const parts = [0, 1, 2].map((index) =>
      resolveSimulatorOptions({ fleet, seed: 100, shard: { index, count: 3 } }),
    );
    const joined = parts.flatMap((p) => p.perNode);
    expect(joined.map((n) => n.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(joined.map((n) => [n.index, n.profile.name, n.seed, n.users[0]?.password])).toEqual(
      whole.map((n) => [n.index, n.profile.name, n.seed, n.users[0]?.password]),
    );
    expect(parts[1]?.perNode.map((n) => [n.index, n.seed])).toEqual([
      [3, 103],
      [4, 104],
      [5, 105],
    ]);
    expect(parts[2]?.perNode.at(-1)?.seed).toBe(77);
  });

  it('may belong to a fleet larger than one process, but serves at most MAX_NODES itself', () => {
    expect(
      resolveSimulatorOptions({ nodes: 40_000, port: 20_000, shard: { index: 1, count: 4 } }).perNode[0]
        ?.index,
    ).toBe(10_000);
    expect(() => resolveSimulatorOptions({ nodes: 40_000, shard: { index: 0, count: 1 } })).toThrow(
      /would serve 40000 BMCs; at most 20000 per process: use more shards/,
    );
    expect(() =>
      resolveSimulatorOptions({ nodes: 40_000, port: 30_000, shard: { index: 3, count: 4 } }),
    ).toThrow(/ports 60000..69999 do not fit below 65536/);
    expect(() => resolveSimulatorOptions({ nodes: 4, shard: { index: 0, count: 5 } })).toThrow(
      SimulatorOptionsError,
    );
  });
});
