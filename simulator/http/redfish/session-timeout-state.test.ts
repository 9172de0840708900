// SessionService SessionTimeout is kept across restarts with --state, as bmcweb keeps `timeout`
// in bmcweb_persistent_data.json (f2a4a60698, 2020-08): PATCH over HTTPS, stop the simulator,
// start a new one on the same state file, and the timeout (and its effect on sessions) is back.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { RedfishPath } from '../../../protocol/index.ts';
import { closeAll, startHttps } from '../../../test/support/redfish-https.ts';
import { startSimulator } from '../../server.ts';

const dirs: string[] = [];
afterAll(async () => {
  await closeAll();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function run(
  stateFile: string,
  body: (send: Send, advance: (ms: number) => Promise<unknown>) => Promise<void>,
) {
  const sim = await startSimulator({
    profile: 'bmcweb-2025',
    port: 0,
    manualClock: true,
    seed: 2,
    stateFile,
  });
  const agent = new Agent({ connect: { ca: sim.caCertPem ?? '' } });
  try {
    const login = await request(`${sim.url}${RedfishPath.sessions}`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ UserName: 'root', Password: '0penBmc' }),
    });
    await login.body.text();
    const token = String(login.headers['x-auth-token']);
    await body(
      async (method, path, json) => {
        const res = await request(`${sim.url}${path}`, {
          method,
          dispatcher: agent,
          headers: { 'x-auth-token': token, 'content-type': 'application/json' },
          ...(json === undefined ? {} : { body: JSON.stringify(json) }),
        });
        const text = await res.body.text();
        return { status: res.statusCode, json: () => JSON.parse(text) as Record<string, unknown> };
      },
      (ms) => sim.control().advance(ms),
    );
  } finally {
    await agent.close();
    await sim.close();
  }
}

type Send = (
  method: 'GET' | 'PATCH',
  path: string,
  json?: unknown,
) => Promise<{ status: number; json: () => Record<string, unknown> }>;

describe('SessionTimeout in --state', () => {
  it('a PATCHed SessionTimeout survives a restart; the default is not written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'obmc-session-timeout-'));
    dirs.push(dir);
    const file = join(dir, 'state.json');
    await run(file, async (send) => {
      expect((await send('GET', RedfishPath.sessionService)).json().SessionTimeout).toBe(1800);
      expect((await send('PATCH', RedfishPath.sessionService, { SessionTimeout: 120 })).status).toBe(200);
    });
    const kept = JSON.parse(await readFile(file, 'utf8')) as { nodes: { sessionTimeoutS?: number }[] };
    expect(kept.nodes[0]?.sessionTimeoutS).toBe(120);
    await run(file, async (send, advance) => {
      expect((await send('GET', RedfishPath.sessionService)).json().SessionTimeout).toBe(120);
      // The restored timeout ends an idle session: 2 min idle and the token is dead.
      await advance(121_000);
      expect((await send('GET', RedfishPath.sessionService)).status).toBe(401);
    });
    await run(file, async (send) => {
      expect((await send('PATCH', RedfishPath.sessionService, { SessionTimeout: 1800 })).status).toBe(200);
    });
    const back = JSON.parse(await readFile(file, 'utf8')) as { nodes: { sessionTimeoutS?: number }[] };
    expect(back.nodes[0]?.sessionTimeoutS).toBeUndefined();
  });

  it('a state file with a SessionTimeout outside 30..86400 is refused with the field named', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'obmc-session-timeout-'));
    dirs.push(dir);
    const file = join(dir, 'state.json');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      file,
      JSON.stringify({
        version: 2,
        savedAt: '2026-01-01T00:00:00.000Z',
        nodes: [
          { node: 0, profile: 'bmcweb-2025', settings: {}, users: [], poweredOn: false, sessionTimeoutS: 5 },
        ],
      }),
    );
    await expect(
      startSimulator({ profile: 'bmcweb-2025', port: 0, manualClock: true, stateFile: file }),
    ).rejects.toThrow(/nodes\[0\]\.sessionTimeoutS/);
  });
});

describe('the control API reset', () => {
  it("puts the SessionTimeout and the account policy back to the firmware's defaults", async () => {
    const { patch, sim, send } = await startHttps('bmcweb-2025');
    expect((await patch(RedfishPath.sessionService, { SessionTimeout: 120 })).status).toBe(200);
    expect((await patch(RedfishPath.accountService, { AccountLockoutThreshold: 2 })).status).toBe(204);
    await sim.control().reset();
    const login = await send('POST', RedfishPath.sessions, { UserName: 'root', Password: '0penBmc' });
    const token = String(login.headers['x-auth-token']);
    expect((await send('GET', RedfishPath.sessionService, undefined, token)).json().SessionTimeout).toBe(
      1800,
    );
    expect(
      (await send('GET', RedfishPath.accountService, undefined, token)).json().AccountLockoutThreshold,
    ).toBe(0);
  });
});
