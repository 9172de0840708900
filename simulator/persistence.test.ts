// --state FILE: settings, accounts and power survive a restart; bad files are refused, untouched.

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BootSource, ObjectPath } from '../protocol/index.ts';
import { createLogger } from './logger.ts';
import { type SimulatorOptions, SimulatorOptionsError } from './options.ts';
import { STATE_FILE_VERSION, StateFileError } from './persistence.ts';
import { startSimulator } from './server.ts';

const tempFile = async () => join(await mkdtemp(join(tmpdir(), 'obmc-state-')), 'state.json');
const how = 'exact' as const;
/** The bmcweb-2021 simulator these tests start over `stateFile`, at instant timing. */
const startWithState = (stateFile: string, more: SimulatorOptions = {}) =>
  startSimulator({ profile: 'bmcweb-2021', port: 0, http: true, timing: 'instant', stateFile, ...more });
/** The same start for a state file it must refuse (it never gets as far as timing). */
const startRefused = (stateFile: string) =>
  startSimulator({ profile: 'bmcweb-2021', port: 0, http: true, stateFile });

describe('state file', () => {
  it('keeps boot settings, restore policy and accounts across a restart', async () => {
    const file = await tempFile();
    {
      await using sim = await startWithState(file);
      const bmc = sim.nodes[0]?.bmc;
      if (!bmc) throw new Error('no node');
      expect(
        bmc.setProperty(
          ObjectPath.boot,
          'BootSource',
          'xyz.openbmc_project.Control.Boot.Source.Sources.Network',
          how,
        ).ok,
      ).toBe(true);
      expect(bmc.setProperty(ObjectPath.boot, 'Enabled', true, how).ok).toBe(true);
      expect(
        bmc.setProperty(
          ObjectPath.powerRestorePolicy,
          'PowerRestorePolicy',
          'xyz.openbmc_project.Control.Power.RestorePolicy.Policy.Restore',
          how,
        ).ok,
      ).toBe(true);
      expect(
        bmc.setProperty(
          ObjectPath.host,
          'RequestedHostTransition',
          'xyz.openbmc_project.State.Host.Transition.On',
          how,
        ).ok,
      ).toBe(true);
    }
    const saved = JSON.parse(await readFile(file, 'utf8')) as {
      version: number;
      nodes: { poweredOn: boolean }[];
    };
    expect(saved.version).toBe(STATE_FILE_VERSION);
    expect(saved.nodes[0]?.poweredOn).toBe(true);

    await using again = await startWithState(file);
    const state = await again.control().state();
    expect(state.boot[ObjectPath.boot]).toMatchObject({
      BootSource: 'xyz.openbmc_project.Control.Boot.Source.Sources.Network',
      Enabled: true,
    });
    // Restore policy "Restore" and a host that was on: the BMC powers it on again at start.
    expect(state.host.current).toBe('xyz.openbmc_project.State.Host.HostState.Running');
  });

  it('leaves the host off after a restart with the default AlwaysOff policy', async () => {
    const file = await tempFile();
    {
      await using sim = await startWithState(file);
      sim.nodes[0]?.bmc.setProperty(
        ObjectPath.host,
        'RequestedHostTransition',
        'xyz.openbmc_project.State.Host.Transition.On',
        how,
      );
    }
    await using again = await startWithState(file);
    expect((await again.control().state()).host.current).toBe('xyz.openbmc_project.State.Host.HostState.Off');
  });

  it('refuses a corrupt file by name and never overwrites it', async () => {
    const file = await tempFile();
    await writeFile(file, '{"version": 1, "nodes": [');
    await expect(startRefused(file)).rejects.toThrow(`state file ${file} is not valid JSON`);
    expect(await readFile(file, 'utf8')).toBe('{"version": 1, "nodes": [');
  });

  it('refuses an unknown version and a file of another profile', async () => {
    const file = await tempFile();
    await writeFile(file, JSON.stringify({ version: 99, savedAt: 'x', nodes: [] }));
    await expect(startRefused(file)).rejects.toThrow('has version 99');
    await writeFile(
      file,
      JSON.stringify({
        version: STATE_FILE_VERSION,
        savedAt: 'x',
        nodes: [{ node: 0, profile: 'bmcweb-2019', settings: {}, users: [], poweredOn: false }],
      }),
    );
    await expect(startRefused(file)).rejects.toThrow('holds node 0 of profile bmcweb-2019');
  });
});

const login = (url: string, password: string) =>
  fetch(`${url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'root', password }),
  }).then((r) => r.status);

/** A file as the simulator would write it, with one node's entry changed by `edit`. */
async function savedFile(file: string, nodes = 1): Promise<{ nodes: Record<string, unknown>[] }> {
  {
    await using _sim = await startWithState(file, { nodes });
  }
  return JSON.parse(await readFile(file, 'utf8')) as { nodes: Record<string, unknown>[] };
}

describe('state file: failures and validation', () => {
  it('a write that fails at run time is logged and reported by the control API; the BMC keeps serving', async () => {
    const file = await tempFile();
    const lines: string[] = [];
    const logs = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    await using sim = await startWithState(file, { logger: createLogger('error', logs) });
    expect((await sim.control().state()).stateFile).toMatchObject({ file, error: null });
    await rm(dirname(file), { recursive: true });
    sim.nodes[0]?.bmc.setProperty(ObjectPath.boot, 'BootSource', BootSource.Network, how);
    let state = await sim.control().state();
    while (state.stateFile?.error === null) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      state = await sim.control().state();
    }
    const error = `cannot write state file ${file}: its directory ${dirname(file)} does not exist`;
    expect(state.stateFile?.error).toBe(error);
    expect(lines.join('')).toContain(`${error}; the BMC keeps serving`);
    expect(await login(sim.url, '0penBmc')).toBe(200);

    // Once the directory is back, the next change is written and the error clears.
    await mkdir(dirname(file));
    sim.nodes[0]?.bmc.setProperty(ObjectPath.boot, 'BootSource', BootSource.Disk, how);
    while (state.stateFile?.error !== null) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      state = await sim.control().state();
    }
    expect(state.stateFile?.error).toBeNull();
    expect(await readFile(file, 'utf8')).toContain(BootSource.Disk);
  });

  it('a state file in a missing directory is a start-up error naming the directory; an empty path is refused', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'obmc-state-')), 'missing', 'state.json');
    await expect(startRefused(file)).rejects.toThrow(
      new StateFileError(`cannot write state file ${file}: its directory ${dirname(file)} does not exist`),
    );
    await expect(startRefused('')).rejects.toThrow(SimulatorOptionsError);
  });

  it('keeps password hashes, never passwords; no temp file outlives a write; stale temp files of dead processes go', async () => {
    const file = await tempFile();
    // A temp file left by a process killed mid-write (pid 2^22+1 is above Linux's pid_max default).
    const stale = `${file}.4194305.tmp`;
    await writeFile(stale, '{"password": "0penBmc"}');
    const saved = await savedFile(file);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('0penBmc');
    expect(saved.nodes[0]?.users).toEqual([
      {
        username: 'root',
        passwordHash: expect.stringMatching(
          /^\$scrypt\$ln=14,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
        ),
        role: 'Administrator',
      },
    ]);
    expect(await readdir(dirname(file))).toEqual(['state.json']);

    // The restored account still logs in with its password, and only with it.
    await using again = await startWithState(file);
    expect(await login(again.url, '0penBmc')).toBe(200);
    expect(await login(again.url, 'wrong')).toBe(401);
  });

  it('reads a version 1 file (plain-text passwords) and writes it back with hashes', async () => {
    const file = await tempFile();
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        savedAt: 'x',
        nodes: [
          {
            node: 0,
            profile: 'bmcweb-2021',
            settings: {},
            users: [{ username: 'root', password: 'kept-pass', role: 'Administrator' }],
            poweredOn: false,
          },
        ],
      }),
    );
    {
      await using sim = await startWithState(file);
      expect(await login(sim.url, 'kept-pass')).toBe(200);
    }
    const text = await readFile(file, 'utf8');
    expect(JSON.parse(text).version).toBe(STATE_FILE_VERSION);
    expect(text).not.toContain('kept-pass');
  });

  const boot = ObjectPath.boot;
  it.each([
    [
      'a value of the wrong type',
      { [boot]: { BootSource: 42 } },
      `nodes[0].settings["${boot}"].BootSource: expected a string, got 42`,
    ],
    [
      'an object for a string',
      { [boot]: { BootSource: { a: 1 } } },
      `nodes[0].settings["${boot}"].BootSource: expected a string, got {"a":1}`,
    ],
    [
      'a value outside the enum',
      { [boot]: { BootSource: 'Network' } },
      `nodes[0].settings["${boot}"].BootSource: expected one of`,
    ],
    [
      'a boolean as a string',
      { [boot]: { Enabled: 'true' } },
      `nodes[0].settings["${boot}"].Enabled: expected a boolean`,
    ],
    [
      'a read-only property of an object the BMC does not keep',
      { [ObjectPath.host]: { CurrentHostState: 'xyz.openbmc_project.State.Host.HostState.Running' } },
      `nodes[0].settings["${ObjectPath.host}"]: not a setting this profile keeps`,
    ],
    ['an unknown property', { [boot]: { Bogus: 1 } }, `nodes[0].settings["${boot}"].Bogus: no such property`],
  ])(
    'refuses %s with the path of the field, leaving the file untouched',
    async (_what, settings, message) => {
      const file = await tempFile();
      const saved = await savedFile(file);
      const node = saved.nodes[0] ?? {};
      const text = JSON.stringify({ ...saved, nodes: [{ ...node, settings }] });
      await writeFile(file, text);
      await expect(startRefused(file)).rejects.toThrow(`state file ${file} is invalid at ${message}`);
      expect(await readFile(file, 'utf8')).toBe(text);
    },
  );

  it('refuses a node kept twice and a user without a hash', async () => {
    const file = await tempFile();
    const saved = await savedFile(file);
    const node = saved.nodes[0] ?? {};
    await writeFile(file, JSON.stringify({ ...saved, nodes: [node, node] }));
    await expect(startRefused(file)).rejects.toThrow(
      `state file ${file} is invalid at nodes[1]: node 0 is already kept at nodes[0]`,
    );
    await writeFile(
      file,
      JSON.stringify({
        ...saved,
        nodes: [{ ...node, users: [{ username: 'root', passwordHash: 'x', role: 'Administrator' }] }],
      }),
    );
    await expect(startRefused(file)).rejects.toThrow(
      `state file ${file} is invalid at nodes[0].users[0].passwordHash: expected a $scrypt$`,
    );
  });

  it('keeps the saved state of the nodes another shard serves', async () => {
    const file = await tempFile();
    const saved = await savedFile(file, 4);
    {
      await using sim = await startWithState(file, {
        nodes: 4,
        shard: { index: 1, count: 2 },
      });
      expect(sim.nodes.map((n) => n.index)).toEqual([2, 3]);
      sim.nodes[0]?.bmc.setProperty(ObjectPath.boot, 'BootSource', BootSource.Network, how);
    }
    const after = JSON.parse(await readFile(file, 'utf8')) as { nodes: { node: number }[] };
    expect(after.nodes.map((n) => n.node)).toEqual([0, 1, 2, 3]);
    expect(after.nodes[0]).toEqual(saved.nodes[0]);
    expect(after.nodes[1]).toEqual(saved.nodes[1]);
    expect(JSON.stringify(after.nodes[2])).toContain(BootSource.Network);
  });

  it('keeps the saved state of nodes beyond --nodes when it writes', async () => {
    const file = await tempFile();
    const saved = await savedFile(file, 3);
    expect(saved.nodes.map((n) => n.node)).toEqual([0, 1, 2]);
    {
      await using sim = await startWithState(file, { nodes: 1 });
      sim.nodes[0]?.bmc.setProperty(ObjectPath.boot, 'BootSource', BootSource.Network, how);
    }
    const after = JSON.parse(await readFile(file, 'utf8')) as { nodes: { node: number }[] };
    expect(after.nodes.map((n) => n.node)).toEqual([0, 1, 2]);
    expect(after.nodes[1]).toEqual(saved.nodes[1]);
    expect(JSON.stringify(after.nodes[0])).toContain(BootSource.Network);
  });
});
