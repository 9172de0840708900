// bottle refuses a body over MEMFILE_MAX (102,400 bytes) only where a plugin reads it
// (rest_dbus.py JsonApiRequestPlugin -> bottle BaseRequest._get_body_string: HTTPError 413), so
// the routing lookups, the session and the content type answer first, a route that reads no body
// ignores it, and the connection closes after the answer (the body stays unread).

import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../simulator/server.ts';
import { startLoopbackSimulator } from './support/loopback-sim.ts';

const PASSWORD = 'Body-limit-Pa55';
const HOST_PUT = '/xyz/openbmc_project/state/host0/attr/RequestedHostTransition';
const BIG = JSON.stringify({ data: 'x'.repeat(102_400) });

describe('phosphor-rest-2018: a body over MEMFILE_MAX', () => {
  let sim: RunningSimulator;
  let agent: Agent;
  let cookie = '';
  beforeAll(async () => {
    sim = await startLoopbackSimulator('phosphor-rest-2018', PASSWORD);
    agent = new Agent({ connect: { ca: sim.caCertPem ?? '' } });
    const res = await request(`${sim.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: ['root', PASSWORD] }),
      dispatcher: agent,
    });
    await res.body.text();
    cookie = [res.headers['set-cookie'] ?? []].flat()[0]?.split(';')[0] ?? '';
  });
  afterAll(async () => {
    await agent.close();
    await sim.close();
  });

  const send = async (method: string, path: string, headers: Record<string, string>) => {
    const res = await request(`${sim.url}${path}`, {
      method: method as 'PUT',
      headers,
      body: BIG,
      dispatcher: agent,
    });
    const text = await res.body.text();
    return {
      status: res.statusCode,
      connection: res.headers.connection,
      json: JSON.parse(text) as { data: unknown },
    };
  };

  it('without a session: 401 first', async () => {
    const r = await send('PUT', HOST_PUT, { 'content-type': 'application/json' });
    expect(r.status).toBe(401);
    expect(r.connection).toBe('close');
  });

  it('on a path that does not exist: the lookup answers first', async () => {
    const r = await send('PUT', '/xyz/openbmc_project/nope/attr/X', {
      'content-type': 'application/json',
      cookie,
    });
    expect(r.status).toBe(403);
  });

  it('with the wrong content type: 415 first', async () => {
    const r = await send('PUT', HOST_PUT, { 'content-type': 'text/plain', cookie });
    expect(r.status).toBe(415);
  });

  it('read by the JSON plugin: 413', async () => {
    const r = await send('PUT', HOST_PUT, { 'content-type': 'application/json', cookie });
    expect(r.status).toBe(413);
    expect(r.json).toEqual({
      data: { description: 'Request entity too large' },
      message: '413 Request Entity Too Large',
      status: 'error',
    });
    expect(r.connection).toBe('close');
  });

  it('on a route that reads no body: answered as usual', async () => {
    const r = await send('GET', '/xyz/openbmc_project/state/host0/attr/CurrentHostState', { cookie });
    expect(r.status).toBe(200);
    expect(r.json.data).toMatch(/\.Off$/);
  });
});
