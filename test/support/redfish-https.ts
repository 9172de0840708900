// A simulator on real loopback HTTPS (its self-signed certificate trusted) with a Redfish
// session open as root, for tests that drive the Redfish face and the D-Bus REST face of the
// same BMC. `closeAll` ends every simulator and agent a test file started.

import { Agent, request } from 'undici';
import { expect } from 'vitest';
import { type ProfileName, RedfishPath } from '../../protocol/index.ts';
import { type RunningSimulator, startSimulator } from '../../simulator/server.ts';

export interface HttpsReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => Record<string, unknown>;
}

export type Verb = 'GET' | 'PATCH' | 'PUT' | 'POST' | 'DELETE';

const open: { sim: RunningSimulator; agent: Agent }[] = [];

export async function closeAll(): Promise<void> {
  const all = open.splice(0);
  await Promise.all(all.map((o) => o.agent.close()));
  await Promise.all(all.map((o) => o.sim.close()));
}

/** A ReadOnly account every simulator started here has beside root. */
export const READER = { username: 'reader', password: 'readpw12', role: 'ReadOnly' as const };

export async function startHttps(profile: ProfileName, timing: 'instant' | 'realistic' = 'instant') {
  const sim = await startSimulator({ profile, port: 0, manualClock: true, timing, seed: 7, users: [READER] });
  const agent = new Agent({ connect: { ca: sim.caCertPem ?? '' } });
  open.push({ sim, agent });
  const send = async (method: Verb, path: string, body?: unknown, token?: string): Promise<HttpsReply> => {
    const headers: Record<string, string> = {};
    if (token) headers['x-auth-token'] = token;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await request(`${sim.url}${path}`, {
      method,
      dispatcher: agent,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) };
  };
  const login = await send('POST', RedfishPath.sessions, { UserName: 'root', Password: '0penBmc' });
  expect(login.status).toBe(201);
  const token = String(login.headers['x-auth-token']);
  return {
    sim,
    send,
    token,
    get: (path: string) => send('GET', path, undefined, token),
    patch: (path: string, body: unknown) => send('PATCH', path, body, token),
    /** A D-Bus REST property (`/attr/`), read or written with the same session. */
    readAttr: async (path: string, property: string) =>
      (
        JSON.parse((await send('GET', `${path}/attr/${property}`, undefined, token)).text) as {
          data: unknown;
        }
      ).data,
    writeAttr: (path: string, property: string, data: unknown) =>
      send('PUT', `${path}/attr/${property}`, { data }, token),
  };
}
