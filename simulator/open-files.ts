// Every simulated BMC holds one listening socket, and every client connection one more, so a
// large fleet needs a large open-file limit. Node raises its soft limit to the hard limit at start
// and cannot raise the hard one, so the simulator checks the limit before it listens on anything
// and says what to do, instead of failing half-way with EMFILE.

import { readFileSync } from 'node:fs';

/** File descriptors kept free for client connections, stdio, log and state files. */
export const SPARE_FILES = 256;

export class OpenFileLimitError extends Error {
  override name = 'OpenFileLimitError';
}

/** The process's open-file limit (soft, hard) from /proc/self/limits; undefined where there is none. */
export function openFileLimit(limitsText = readLimits()): { soft: number; hard: number } | undefined {
  const line = limitsText?.split('\n').find((l) => l.startsWith('Max open files'));
  const m = line?.match(/^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/);
  if (!m) return undefined;
  const n = (v: string | undefined) => (v === 'unlimited' ? Number.POSITIVE_INFINITY : Number(v));
  return { soft: n(m[1]), hard: n(m[2]) };
}

function readLimits(): string | undefined {
  try {
    return readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return undefined;
  }
}

/** Throws, saying how to raise the limit, when `nodes` listeners plus the spare do not fit. */
export function checkOpenFiles(nodes: number, limit = openFileLimit()): void {
  if (!limit) return;
  const needed = nodes + SPARE_FILES;
  if (limit.soft >= needed) return;
  throw new OpenFileLimitError(
    `${nodes} BMCs need at least ${needed} open files (one listening socket each, plus ${SPARE_FILES} for connections), ` +
      `but this process may open ${limit.soft} (hard limit ${limit.hard}). ` +
      (limit.hard >= needed
        ? `Run \`ulimit -n ${needed}\` in the shell first`
        : `Raise the hard limit to at least ${needed}: \`ulimit -Hn ${needed}\` as root, LimitNOFILE=${needed} in a systemd unit, \`--ulimit nofile=${needed}:${needed}\` for docker run, or nofile in /etc/security/limits.conf`) +
      `, or serve fewer BMCs per process (--shard).`,
  );
}
