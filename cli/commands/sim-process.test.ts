// `obmc sim` as a real process: a start-up error closes everything and exits non-zero, and
// SIGINT/SIGTERM end it at any stage (before it listens too).

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimState } from '../../protocol/index.ts';
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

  it('--state whose directory is removed while serving: the write error is logged and reported, the BMC keeps serving', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'obmc-state-'));
    const file = join(dir, 'state.json');
    const sim = await startSimProcess([
      '--port',
      '0',
      '--http',
      '--profile',
      'bmcweb-2021',
      '--timing',
      'instant',
      '--state',
      file,
    ]);
    try {
      const url = sim.urls[0] ?? '';
      const login = await fetch(`${url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'root', password: '0penBmc' }),
      });
      const { token } = (await login.json()) as { token: string };
      await rm(dir, { recursive: true });
      // obmc boot set pxe --persistent, as the issue ran it: a setting change the file must keep.
      const put = await fetch(`${url}/xyz/openbmc_project/control/host0/boot/attr/BootSource`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-auth-token': token },
        body: JSON.stringify({ data: 'xyz.openbmc_project.Control.Boot.Source.Sources.Network' }),
      });
      expect(put.status).toBe(200);
      await sim.logged('the BMC keeps serving');
      const state = (await (await fetch(`${url}/_sim/state`)).json()) as SimState;
      expect(state.stateFile?.error).toBe(
        `cannot write state file ${file}: its directory ${dir} does not exist`,
      );
      expect(state.boot['/xyz/openbmc_project/control/host0/boot']?.BootSource).toBe(
        'xyz.openbmc_project.Control.Boot.Source.Sources.Network',
      );
      expect(sim.child.exitCode).toBeNull();
    } finally {
      expect(await sim.stop()).toBe(0);
    }
  });
});
