// --state FILE: settings, accounts and power survive a restart; bad files are refused, untouched.

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ObjectPath } from '../protocol/index.ts';
import { STATE_FILE_VERSION } from './persistence.ts';
import { startSimulator } from './server.ts';

const tempFile = async () => join(await mkdtemp(join(tmpdir(), 'obmc-state-')), 'state.json');
const how = 'exact' as const;

describe('state file', () => {
  it('keeps boot settings, restore policy and accounts across a restart', async () => {
    const file = await tempFile();
    {
      await using sim = await startSimulator({ port: 0, http: true, timing: 'instant', stateFile: file });
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

    await using again = await startSimulator({ port: 0, http: true, timing: 'instant', stateFile: file });
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
      await using sim = await startSimulator({ port: 0, http: true, timing: 'instant', stateFile: file });
      sim.nodes[0]?.bmc.setProperty(
        ObjectPath.host,
        'RequestedHostTransition',
        'xyz.openbmc_project.State.Host.Transition.On',
        how,
      );
    }
    await using again = await startSimulator({ port: 0, http: true, timing: 'instant', stateFile: file });
    expect((await again.control().state()).host.current).toBe('xyz.openbmc_project.State.Host.HostState.Off');
  });

  it('refuses a corrupt file by name and never overwrites it', async () => {
    const file = await tempFile();
    await writeFile(file, '{"version": 1, "nodes": [');
    await expect(startSimulator({ port: 0, http: true, stateFile: file })).rejects.toThrow(
      `state file ${file} is not valid JSON`,
    );
    expect(await readFile(file, 'utf8')).toBe('{"version": 1, "nodes": [');
  });

  it('refuses an unknown version and a file of another profile', async () => {
    const file = await tempFile();
    await writeFile(file, JSON.stringify({ version: 99, savedAt: 'x', nodes: [] }));
    await expect(startSimulator({ port: 0, http: true, stateFile: file })).rejects.toThrow('has version 99');
    await writeFile(
      file,
      JSON.stringify({
        version: STATE_FILE_VERSION,
        savedAt: 'x',
        nodes: [{ node: 0, profile: 'bmcweb-2019', settings: {}, users: [], poweredOn: false }],
      }),
    );
    await expect(
      startSimulator({ port: 0, http: true, stateFile: file, profile: 'bmcweb-2021' }),
    ).rejects.toThrow('holds node 0 of profile bmcweb-2019');
  });
});
