// The `garbage` fault over a real loopback socket (bmcweb-2021 app): the handler still runs, then
// each mode replaces the answer exactly as documented in garbage-answer.ts; the matcher and
// `times` decide which requests; a faults file can carry it.

import { once } from 'node:events';
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ObjectPath } from '../../protocol/index.ts';
import { describeFault, parseFaultFile } from '../faults/definitions.ts';
import { silentLogger } from '../logger.ts';
import { ManualClock } from '../model/clock.ts';
import { seededRng } from '../model/rng.ts';
import { SimNode } from '../node.ts';
import { scaleTimings } from '../options.ts';
import { bmcweb2021 } from '../profiles/bmcweb-2021.ts';
import { createBmcApp } from './app.ts';
import { HUGE_BODY_BYTES, missingFields, wrongType, wrongTypes } from './garbage-answer.ts';

const clock = new ManualClock();
const node = new SimNode({
  index: 0,
  profile: bmcweb2021,
  timings: scaleTimings(bmcweb2021.timings, 'instant'),
  clock,
  manualClock: clock,
  rng: seededRng('garbage-test'),
  seed: 1,
  users: [{ username: 'root', password: '0penBmc', role: 'Administrator' }],
});
let server: Server;
let port = 0;
let token = '';

interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

function open(method: string, path: string, body?: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = token ? { 'X-Auth-Token': token } : {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

async function call(method: string, path: string, body?: string): Promise<Reply> {
  const res = await open(method, path, body);
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) };
}

const HOST_STATE = `${ObjectPath.host}/attr/CurrentHostState`;
const TRANSITION = `${ObjectPath.host}/attr/RequestedHostTransition`;
const ON = JSON.stringify({ data: 'xyz.openbmc_project.State.Host.Transition.On' });

beforeAll(async () => {
  server = createServer(createBmcApp(node, { control: 'loopback', logger: silentLogger }));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  const login = await call('POST', '/login', JSON.stringify({ username: 'root', password: '0penBmc' }));
  token = (JSON.parse(login.body.toString()) as { token: string }).token;
});
afterEach(() => node.faults.clear());
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

describe('the body transformations', () => {
  it('wrongType: strings become numbers (objects inside containers), scalars strings, null an object', () => {
    expect(wrongType('abc')).toBe(3);
    expect(wrongType(12.5)).toBe('12.5');
    expect(wrongType(true)).toBe('true');
    expect(wrongType(null)).toEqual({});
    expect(wrongType([1, 2])).toBe('[1,2]');
    expect(wrongType({ a: 'x', b: 1, c: { d: false } })).toEqual({
      a: { value: 'x' },
      b: '1',
      c: { d: 'false' },
    });
  });

  it("wrongTypes: a GET's object data becomes its own JSON text; other data wrong-typed; no object: 0", () => {
    const env = Buffer.from('{"data": {"a": 1}, "message": "200 OK", "status": "ok"}');
    expect(JSON.parse(wrongTypes(env, true))).toEqual({ data: '{"a":1}', message: '200 OK', status: 'ok' });
    expect(JSON.parse(wrongTypes(env, false))).toEqual({ data: { a: '1' }, message: '200 OK', status: 'ok' });
    expect(JSON.parse(wrongTypes(Buffer.from('{"token": "abcd"}'), false))).toEqual({ token: 4 });
    expect(wrongTypes(Buffer.from(''), true)).toBe('0');
    expect(wrongTypes(Buffer.from('[1]'), true)).toBe('0');
  });

  it('missingFields: the envelope without data; no object: {}', () => {
    const env = Buffer.from('{"data": null, "message": "200 OK", "status": "ok"}');
    expect(JSON.parse(missingFields(env))).toEqual({ message: '200 OK', status: 'ok' });
    expect(missingFields(Buffer.from('{"token": "abcd"}'))).toBe('{}');
    expect(missingFields(Buffer.from(''))).toBe('{}');
  });
});

describe('garbage answers over a socket', () => {
  it('truncated-json: the real body cut in half, original status, matching Content-Length', async () => {
    const real = await call('GET', HOST_STATE);
    node.addFault({ kind: 'garbage', mode: 'truncated-json', path: HOST_STATE, times: 1 });
    const r = await call('GET', HOST_STATE);
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe(real.body.subarray(0, Math.floor(real.body.length / 2)).toString());
    expect(r.headers['content-length']).toBe(String(Math.floor(real.body.length / 2)));
    expect(() => JSON.parse(r.body.toString())).toThrow(SyntaxError);
    // times: 1, so the next answer is whole again
    expect((await call('GET', HOST_STATE)).body.toString()).toBe(real.body.toString());
  });

  it('truncated-json keeps an error status (404)', async () => {
    node.addFault({ kind: 'garbage', mode: 'truncated-json', times: 1 });
    const r = await call('GET', '/xyz/openbmc_project/nothing/here');
    expect(r.status).toBe(404);
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(r.body.length).toBeGreaterThan(0);
  });

  it('wrong-types: an attribute string becomes a number, an object GET becomes a string', async () => {
    node.addFault({
      kind: 'garbage',
      mode: 'wrong-types',
      method: 'GET',
      path: `${ObjectPath.host}*`,
      times: 2,
    });
    const attr = JSON.parse((await call('GET', HOST_STATE)).body.toString()) as Record<string, unknown>;
    expect(attr).toEqual({
      data: 'xyz.openbmc_project.State.Host.HostState.Off'.length,
      message: '200 OK',
      status: 'ok',
    });
    const obj = await call('GET', ObjectPath.host);
    expect(obj.headers['content-type']).toBe('application/json');
    const data = (JSON.parse(obj.body.toString()) as { data: unknown }).data;
    expect(typeof data).toBe('string');
    expect((JSON.parse(data as string) as Record<string, unknown>).CurrentHostState).toBe(
      'xyz.openbmc_project.State.Host.HostState.Off',
    );
  });

  it('wrong-types on a PUT: the transition still happens; data null becomes {}', async () => {
    node.addFault({ kind: 'garbage', mode: 'wrong-types', method: 'PUT', times: 1 });
    const r = await call('PUT', TRANSITION, ON);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body.toString())).toEqual({ data: {}, message: '200 OK', status: 'ok' });
    expect(node.state().host.requested).toBe('xyz.openbmc_project.State.Host.Transition.On');
    node.reset();
    token = (
      JSON.parse(
        (
          await call('POST', '/login', JSON.stringify({ username: 'root', password: '0penBmc' }))
        ).body.toString(),
      ) as { token: string }
    ).token;
  });

  it('missing-fields: the envelope without data, original status', async () => {
    node.addFault({ kind: 'garbage', mode: 'missing-fields', times: 1 });
    const r = await call('GET', HOST_STATE);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body.toString())).toEqual({ message: '200 OK', status: 'ok' });
  });

  it('not-json: 200 text/html', async () => {
    node.addFault({ kind: 'garbage', mode: 'not-json', times: 1 });
    const r = await call('GET', '/xyz/openbmc_project/nothing/here');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html');
    expect(r.body.toString()).toMatch(/^<html>\n/);
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
  });

  it('huge-body: 16 MiB of valid JSON with a matching Content-Length', async () => {
    node.addFault({ kind: 'garbage', mode: 'huge-body', times: 1 });
    const r = await call('GET', HOST_STATE);
    expect(r.status).toBe(200);
    expect(r.headers['content-length']).toBe(String(HUGE_BODY_BYTES));
    expect(r.body.length).toBe(HUGE_BODY_BYTES);
    const json = JSON.parse(r.body.toString()) as { data: string; status: string };
    expect(json.status).toBe('ok');
    expect(json.data).toMatch(/^x+$/);
  });

  it('huge-body: a client that leaves early ends the stream (the server keeps answering)', async () => {
    node.addFault({ kind: 'garbage', mode: 'huge-body', times: 1 });
    const res = await open('GET', HOST_STATE);
    for await (const _ of res) break;
    res.destroy();
    expect((await call('GET', HOST_STATE)).status).toBe(200);
  });

  it('slow-drip: the real status and length, then one byte per write; stops when the client leaves', async () => {
    const real = await call('GET', HOST_STATE);
    node.addFault({ kind: 'garbage', mode: 'slow-drip', path: HOST_STATE, times: 1 });
    const res = await open('GET', HOST_STATE);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-length']).toBe(String(real.body.length));
    const got: Buffer[] = [];
    for await (const c of res) {
      got.push(c as Buffer);
      if (got.length === 3) break;
    }
    res.destroy();
    expect(got.map((c) => c.length)).toEqual([1, 1, 1]);
    expect(Buffer.concat(got).toString()).toBe(real.body.subarray(0, 3).toString());
    expect((await call('GET', HOST_STATE)).body.toString()).toBe(real.body.toString());
  });
});

describe('the fault definition', () => {
  it('a faults file carries it, with its description', () => {
    const specs = parseFaultFile(
      JSON.stringify([{ kind: 'garbage', mode: 'slow-drip', method: 'GET', path: '/xyz/*', times: 2 }]),
      'f.json',
    );
    expect(specs).toEqual([{ kind: 'garbage', mode: 'slow-drip', method: 'GET', path: '/xyz/*', times: 2 }]);
    expect(describeFault(specs[0] as (typeof specs)[0])).toBe(
      'carry out the request but answer garbage (slow-drip) on GET /xyz/* (2 more times)',
    );
  });

  it('an unknown mode is refused with the entry named', () => {
    expect(() => parseFaultFile('[{"kind": "garbage", "mode": "zalgo"}]', 'f.json')).toThrow(
      /faults file f\.json is invalid: 0\.mode: /,
    );
  });
});
