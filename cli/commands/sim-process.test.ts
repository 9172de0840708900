// `obmc sim` as a real process: a start-up error closes everything and exits non-zero, and
// SIGINT/SIGTERM end it at any stage (before it listens too).

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimProcess } from '../../test/support/sim-process.ts';

describe('obmc sim as a process', () => {
  it('--state in a missing directory: one clear error, exit 2 (bad input), nothing left listening', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'obmc-state-')), 'missing', 'state.json');
    const sim = await startSimProcess(['--port', '0', '--http', '--state', file], 0);
    expect(await sim.exited).toBe(2);
    expect(sim.stdout()).toBe('');
    expect(sim.stderr()).toBe(
      `obmc: invalid input: cannot write state file ${file}: its directory ${dirname(file)} does not exist\n`,
    );
  });

  it('--state "" is refused before anything starts', async () => {
    const sim = await startSimProcess(['--port', '0', '--http', '--state', ''], 0);
    expect(await sim.exited).toBe(2);
    expect(sim.stdout()).toBe('');
    expect(sim.stderr()).toContain('the state file must be a path');
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('%s while serving: closes and exits 0', async (signal) => {
    const sim = await startSimProcess(['--port', '0', '--http', '--log-level', 'silent']);
    sim.child.kill(signal);
    expect(await sim.exited).toBe(0);
    expect(sim.stderr()).toBe('');
  });

  it('SIGTERM before it listens: the process still ends', async () => {
    const sim = await startSimProcess(['--port', '0', '--http', '--log-level', 'silent'], 0);
    sim.child.kill('SIGTERM');
    // Either the default action (before the CLI took the signal) or a clean close once started.
    expect([0, 'SIGTERM']).toContain(await sim.exited);
  });
});
