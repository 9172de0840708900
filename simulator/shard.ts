// One fleet served by N processes: shard I of N serves a contiguous block of the fleet's nodes.
// Everything about a node (its number, port, seed, fleet-file settings) comes from its place in the
// whole fleet, never from the shard, so any split serves the same fleet.

export interface Shard {
  /** 0-based; a StatefulSet pod's ordinal. */
  index: number;
  count: number;
}

export class ShardError extends Error {
  override name = 'ShardError';
}

/** `I/N` with 0 <= I < N. */
export function parseShard(text: string): Shard {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count) {
    throw new ShardError(`shard must be I/N with 0 <= I < N (e.g. 0/4), got '${text.slice(0, 40)}'`);
  }
  return { index, count };
}

/**
 * The nodes [start, end) shard `index` of `count` serves of a fleet of `total`: blocks in order,
 * their sizes differ by at most one, and every node is in exactly one shard.
 */
export function shardRange(total: number, shard: Shard): { start: number; end: number } {
  if (!Number.isInteger(shard.count) || shard.count < 1 || shard.count > total) {
    throw new ShardError(`a fleet of ${total} BMCs cannot be split into ${shard.count} shards`);
  }
  if (!Number.isInteger(shard.index) || shard.index < 0 || shard.index >= shard.count) {
    throw new ShardError(`shard index must be from 0 to ${shard.count - 1}, got ${shard.index}`);
  }
  const at = (i: number) => Math.floor((i * total) / shard.count);
  return { start: at(shard.index), end: at(shard.index + 1) };
}
