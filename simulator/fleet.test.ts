// Fleet files: validated with errors naming the file and field; each BMC gets its own profile,
// credentials and port.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFleetFile, parseFleet } from './fleet.ts';
import { startSimulator } from './server.ts';

describe('fleet file', () => {
  it('expands count and keeps per-node fields', () => {
    const specs = parseFleet(
      { nodes: [{ profile: 'legacy-2016', count: 2 }, { password: 'secret1' }] },
      'f.json',
    );
    expect(specs).toEqual([{ profile: 'legacy-2016' }, { profile: 'legacy-2016' }, { password: 'secret1' }]);
  });

  it('names the file and the field of a mistake', () => {
    expect(() => parseFleet({ nodes: [{ profile: 'bmcweb-1999' }] }, 'fleet.json')).toThrow(
      /fleet file fleet.json is invalid: nodes\.0\.profile/,
    );
    expect(() => parseFleet({ nodes: [{ prfile: 'x' }] }, 'fleet.json')).toThrow(
      /nodes\.0: Unrecognized key/,
    );
    expect(() => parseFleet({ nodes: [] }, 'fleet.json')).toThrow(/nodes:/);
  });

  it('refuses a file that is not JSON', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'obmc-fleet-')), 'fleet.json');
    await writeFile(file, '{nodes');
    await expect(loadFleetFile(file)).rejects.toThrow(`fleet file ${file} is not valid JSON`);
  });

  it('serves each BMC with its own profile and credentials', async () => {
    const fleet = parseFleet(
      { nodes: [{ profile: 'bmcweb-2019' }, { profile: 'bmcweb-2024', username: 'admin', password: 'pw2' }] },
      'x',
    );
    await using sim = await startSimulator({ port: 0, http: true, timing: 'instant', fleet });
    expect(sim.nodes.map((n) => n.profile.name)).toEqual(['bmcweb-2019', 'bmcweb-2024']);
    expect(new Set(sim.urls).size).toBe(2);
    const login = (url: string, u: string, p: string) =>
      fetch(`${url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: u, password: p }),
      });
    expect((await login(sim.urls[1] ?? '', 'admin', 'pw2')).status).toBe(200);
    expect((await login(sim.urls[1] ?? '', 'root', '0penBmc')).status).toBe(401);
    expect((await login(sim.urls[0] ?? '', 'root', '0penBmc')).status).toBe(200);
  });

  it('lets one listener address one node or all through the control API', async () => {
    await using sim = await startSimulator({ port: 0, http: true, timing: 'instant', nodes: 3 });
    const base = sim.urls[0] ?? '';
    const add = await fetch(`${base}/_sim/faults?node=all`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'stuck-host' }),
    });
    expect(add.status).toBe(200);
    const states = (await (await fetch(`${base}/_sim/state?node=all`)).json()) as {
      node: number;
      faults: string[];
    }[];
    expect(states.map((s) => [s.node, s.faults.length])).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
    await fetch(`${base}/_sim/faults?node=2`, { method: 'DELETE' });
    expect((await sim.control(2).state()).faults).toEqual([]);
    expect((await sim.control(1).state()).faults).toHaveLength(1);
    expect((await fetch(`${base}/_sim/state?node=7`)).status).toBe(404);
  });
});
