// Routes of the bmcweb-2021 profile through the express app (supertest): the error catalogue of
// openbmc-rest.md 2.5 (column B) byte for byte, auth modes (1.3), login and logout (1.2, 1.4),
// unauthenticated answers (1.6), idle timeout (1.5) and express's tells switched off.

import type express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ObjectPath } from '../../protocol/index.ts';
import { silentLogger } from '../logger.ts';
import type { User } from '../model/bmc.ts';
import { ManualClock } from '../model/clock.ts';
import { seededRng } from '../model/rng.ts';
import { SimNode } from '../node.ts';
import { scaleTimings } from '../options.ts';
import { bmcweb2021 } from '../profiles/bmcweb-2021.ts';
import { createBmcApp } from './app.ts';

const ROOT: User = { username: 'root', password: '0penBmc', role: 'Administrator' };
const READER: User = { username: 'reader', password: 'readpw', role: 'ReadOnly' };
const TOKEN = /^[A-Za-z0-9]{20}$/;

function make() {
  const clock = new ManualClock();
  const node = new SimNode({
    index: 0,
    profile: bmcweb2021,
    timings: scaleTimings(bmcweb2021.timings, 'instant'),
    clock,
    manualClock: clock,
    rng: seededRng('app-test'),
    seed: 1,
    users: [ROOT, READER],
  });
  const app = createBmcApp(node, { control: 'loopback', logger: silentLogger });
  return { clock, node, app };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head';

async function call(
  app: express.Express,
  method: Method,
  path: string,
  o: { headers?: Record<string, string>; body?: string | object } = {},
): Promise<Reply> {
  let t = request(app)[method](path);
  for (const [k, v] of Object.entries(o.headers ?? {})) t = t.set(k, v);
  if (o.body !== undefined) {
    if (!o.headers || !Object.keys(o.headers).some((k) => k.toLowerCase() === 'content-type'))
      t = t.set('Content-Type', 'application/json');
    t = t.send(typeof o.body === 'string' ? o.body : JSON.stringify(o.body));
  }
  const res = await t.buffer(true).parse((r, cb) => {
    let data = '';
    r.setEncoding('utf8');
    r.on('data', (c: string) => {
      data += c;
    });
    r.on('end', () => cb(null, data));
  });
  return { status: res.status, headers: res.headers, text: res.body as string };
}

/** The bmcweb error envelope, as nlohmann dump(2) writes it with sorted keys. */
const errorBody = (description: string, message: string) =>
  `{\n  "data": {\n    "description": ${JSON.stringify(description)}\n  },\n  "message": ${JSON.stringify(message)},\n  "status": "error"\n}`;
const okBody = (data: string) => `{\n  "data": ${data},\n  "message": "200 OK",\n  "status": "ok"\n}`;

async function login(app: express.Express, user: User = ROOT): Promise<string> {
  const r = await call(app, 'post', '/login', { body: { username: user.username, password: user.password } });
  expect(r.status).toBe(200);
  const token = (JSON.parse(r.text) as { token: string }).token;
  expect(token).toMatch(TOKEN);
  return token;
}

function expectEmpty(r: Reply, status: number) {
  expect(r.status).toBe(status);
  expect(r.text).toBe('');
  expect(r.headers['content-length']).toBe('0');
  expect(r.headers['content-type']).toBeUndefined();
}

function expectJson(r: Reply, status: number, body: string) {
  expect(r.status).toBe(status);
  expect(r.headers['content-type']).toBe('application/json');
  expect(r.text).toBe(body);
}

describe('bmcweb-2021 error catalogue (openbmc-rest.md 2.5, column B)', async () => {
  const { app } = make();
  const token = await login(app);
  const auth = { 'X-Auth-Token': token };
  const NOT_FOUND = errorBody(
    'org.freedesktop.DBus.Error.FileNotFound: path or object not found',
    '404 Not Found',
  );
  const CANNOT_CREATE_PROP = errorBody('403 Forbidden', 'The specified property cannot be created');
  const CANNOT_CREATE_RES = errorBody('The specified resource cannot be created', '403 Forbidden');
  const NOT_ALLOWED = errorBody('Method not allowed', '405 Method Not Allowed');

  it.each([
    ['GET object', 'get', '/xyz/idont/exist'],
    ['GET path/', 'get', '/xyz/idont/exist/'],
    ['GET /list', 'get', '/xyz/idont/exist/list'],
    ['GET /enumerate', 'get', '/xyz/idont/exist/enumerate'],
    ['POST action', 'post', '/xyz/idont/exist/action/Foo'],
  ] as const)('path does not exist: %s -> 404 with the fixed mapper text', async (_n, method, path) => {
    const r = await call(app, method, path, {
      headers: auth,
      ...(method === 'post' ? { body: { data: [] } } : {}),
    });
    expectJson(r, 404, NOT_FOUND);
  });

  it('PUT attr on a path that does not exist -> 403 with swapped fields', async () => {
    const r = await call(app, 'put', '/xyz/idont/exist/attr/Foo', { headers: auth, body: { data: 1 } });
    expectJson(r, 403, CANNOT_CREATE_PROP);
  });

  it('PUT on an object URL without /attr/ -> 403 resource cannot be created', async () => {
    const r = await call(app, 'put', ObjectPath.host, {
      headers: auth,
      body: { data: { RequestedHostTransition: 'xyz.openbmc_project.State.Host.Transition.On' } },
    });
    expectJson(r, 403, CANNOT_CREATE_RES);
  });

  it('PUT to a path ending / -> 403 resource cannot be created', async () => {
    const r = await call(app, 'put', '/xyz/i/dont/exist/', { headers: auth, body: { data: 1 } });
    expectJson(r, 403, CANNOT_CREATE_RES);
  });

  it('GET unknown property -> 404 without the name', async () => {
    const r = await call(app, 'get', `${ObjectPath.host}/attr/Foo`, { headers: auth });
    expectJson(r, 404, errorBody('The specified property cannot be found', '404 Not Found'));
  });

  it('GET a property in the wrong case -> 404 (exact case)', async () => {
    const r = await call(app, 'get', `${ObjectPath.host}/attr/currenthoststate`, { headers: auth });
    expectJson(r, 404, errorBody('The specified property cannot be found', '404 Not Found'));
  });

  it('PUT unknown property -> 403 with swapped fields', async () => {
    const r = await call(app, 'put', `${ObjectPath.host}/attr/Foo`, { headers: auth, body: { data: 1 } });
    expectJson(r, 403, CANNOT_CREATE_PROP);
  });

  it('PUT a const property -> 403 PropertyReadOnly with the D-Bus message', async () => {
    const list = await call(app, 'get', `${ObjectPath.software}/`, { headers: auth });
    const version = (JSON.parse(list.text) as { data: string[] }).data.find(
      (p) => !p.endsWith('/functional'),
    );
    expect(version).toBeDefined();
    const r = await call(app, 'put', `${version}/attr/Version`, { headers: auth, body: { data: '9' } });
    expectJson(
      r,
      403,
      errorBody('org.freedesktop.DBus.Error.PropertyReadOnly', "Property 'Version' is not writable."),
    );
  });

  it('PUT an invalid enum string -> 403 InvalidEnumString', async () => {
    const r = await call(app, 'put', `${ObjectPath.host}/attr/RequestedHostTransition`, {
      headers: auth,
      body: { data: 'xyz.openbmc_project.State.Host.Transition.Bogus' },
    });
    expectJson(
      r,
      403,
      errorBody(
        'xyz.openbmc_project.sdbusplus.Error.InvalidEnumString',
        'An enumeration mapping was attempted for which no valid enumeration value exists.',
      ),
    );
  });

  it('PUT the wrong JSON type -> 500 whose message says 400 Bad Request', async () => {
    const r = await call(app, 'put', `${ObjectPath.host}/attr/RequestedHostTransition`, {
      headers: auth,
      body: { data: 1 },
    });
    expectJson(r, 500, errorBody('Invalid arg type', '400 Bad Request'));
  });

  it('PUT an integer out of range -> 500 out of range, message 400 Bad Request', async () => {
    const r = await call(app, 'put', `${ObjectPath.identifyLed}/attr/Asserted`, {
      headers: auth,
      body: { data: 2 },
    });
    expectJson(
      r,
      500,
      errorBody('Provided property value is out of range for the property type', '400 Bad Request'),
    );
  });

  it('method not found -> 404', async () => {
    const r = await call(app, 'post', `${ObjectPath.nmi}/action/Foo`, { headers: auth, body: { data: [] } });
    expectJson(r, 404, errorBody('The specified method cannot be found', '404 Not Found'));
  });

  it('method in the wrong case -> 404 (exact case)', async () => {
    const r = await call(app, 'post', `${ObjectPath.nmi}/action/nmi`, { headers: auth, body: { data: [] } });
    expectJson(r, 404, errorBody('The specified method cannot be found', '404 Not Found'));
  });

  it('method argument count wrong -> 400 Invalid method args', async () => {
    const r = await call(app, 'post', `${ObjectPath.nmi}/action/NMI`, { headers: auth, body: { data: [1] } });
    expectJson(r, 400, errorBody('Invalid method args', '400 Bad Request'));
  });

  it('NMI with no arguments -> 200 data null', async () => {
    const r = await call(app, 'post', `${ObjectPath.nmi}/action/NMI`, { headers: auth, body: { data: [] } });
    expectJson(r, 200, okBody('null'));
  });

  it.each([
    ['PUT attr', 'put', `${ObjectPath.host}/attr/RequestedHostTransition`],
    ['POST action', 'post', `${ObjectPath.nmi}/action/NMI`],
  ] as const)('bad JSON on %s -> 400 No JSON object could be decoded', async (_n, method, path) => {
    const r = await call(app, method, path, { headers: auth, body: '{"data": ' });
    expectJson(r, 400, errorBody('No JSON object could be decoded', '400 Bad Request'));
  });

  it.each([
    ['PUT attr without data', 'put', `${ObjectPath.host}/attr/RequestedHostTransition`, '{"value": 1}'],
    ['PUT attr with a list', 'put', `${ObjectPath.host}/attr/RequestedHostTransition`, '[1]'],
    ['action with data not a list', 'post', `${ObjectPath.nmi}/action/NMI`, '{"data": {}}'],
  ] as const)('%s -> 400 with the same "No JSON object" text', async (_n, method, path, body) => {
    const r = await call(app, method, path, { headers: auth, body });
    expectJson(r, 400, errorBody('No JSON object could be decoded', '400 Bad Request'));
  });

  it('does not check Content-Type on REST writes (2021: only from 2023-06)', async () => {
    const r = await call(app, 'put', `${ObjectPath.identifyLed}/attr/Asserted`, {
      headers: { ...auth, 'Content-Type': 'text/plain' },
      body: '{"data": false}',
    });
    expectJson(r, 200, okBody('null'));
  });

  it('POST to an object without /action/ -> 405 Method not allowed', async () => {
    const r = await call(app, 'post', ObjectPath.host, { headers: auth, body: { data: [] } });
    expectJson(r, 405, NOT_ALLOWED);
  });

  it('PATCH on /xyz/... -> 405 with Allow and an empty body', async () => {
    const r = await call(app, 'patch', ObjectPath.host, { headers: auth, body: { data: 1 } });
    expectEmpty(r, 405);
    expect(r.headers.allow).toBeDefined();
  });

  it('DELETE a non-existent path -> 405 Method not allowed', async () => {
    const r = await call(app, 'delete', '/xyz/nothere', { headers: auth });
    expectJson(r, 405, NOT_ALLOWED);
  });

  it('DELETE an object without the Delete interface -> 404 method cannot be found', async () => {
    const r = await call(app, 'delete', ObjectPath.host, { headers: auth });
    expectJson(r, 404, errorBody('The specified method cannot be found', '404 Not Found'));
  });

  it('DELETE an object with the Delete interface -> 200 data null, then it is gone', async () => {
    const entry = '/xyz/openbmc_project/logging/entry/1';
    expectJson(await call(app, 'delete', entry, { headers: auth }), 200, okBody('null'));
    expectJson(await call(app, 'get', entry, { headers: auth }), 404, NOT_FOUND);
  });

  // The 2020 test suite against bmcweb (openbmc-rest.md 2.5, "Verification from real test expectations").
  it.each([
    ['put', '/', 405],
    ['put', '/xyz/', 404],
    ['put', '/xyz/i/dont/exist/', 403],
    ['post', '/xyz/', 404],
    ['post', '/xyz/i/dont/exist/', 405],
    ['post', '/xyz/login', 405],
    ['delete', '/xyz/nothere/', 405],
    ['delete', '/xyz/openbmc_project/state/', 405],
  ] as const)('%s %s -> %i (2020 REST suite)', async (method, path, status) => {
    const r = await call(app, method, path, {
      headers: auth,
      ...(method === 'delete' ? {} : { body: { data: [] } }),
    });
    expect(r.status).toBe(status);
    // Which of these carry a JSON body follows the catalogue rows above.
    if (status === 404 || (method === 'put' && status === 405)) expectEmpty(r, status);
    if (method === 'delete' || (method === 'post' && status === 405)) expectJson(r, 405, NOT_ALLOWED);
    if (status === 403) expectJson(r, 403, CANNOT_CREATE_RES);
  });

  it('no `//` collapsing: //xyz/... -> 404 with an empty body', async () => {
    expectEmpty(await call(app, 'get', `/${ObjectPath.host}`, { headers: auth }), 404);
  });

  it('unknown roots get 404 with an empty body', async () => {
    expectEmpty(await call(app, 'get', '/nothing/here', { headers: auth }), 404);
  });

  it('a ReadOnly user can GET but gets 403 with an empty body on PUT', async () => {
    const reader = await login(app, READER);
    expectJson(
      await call(app, 'get', `${ObjectPath.identifyLed}/attr/Asserted`, {
        headers: { 'X-Auth-Token': reader },
      }),
      200,
      okBody('false'),
    );
    const r = await call(app, 'put', `${ObjectPath.identifyLed}/attr/Asserted`, {
      headers: { 'X-Auth-Token': reader },
      body: { data: true },
    });
    expectEmpty(r, 403);
  });

  it('rejects a body over 1 MiB with an empty answer', async () => {
    const big = JSON.stringify({ data: 'x'.repeat(1024 * 1024) });
    const r = await call(app, 'put', `${ObjectPath.identifyLed}/attr/Asserted`, { headers: auth, body: big });
    expectEmpty(r, 413);
  });
});

describe('bmcweb-2021 success envelope', () => {
  it('GET host0: sorted keys, 2-space indent, full dotted enums, exact Content-Type', async () => {
    const { app } = make();
    const token = await login(app);
    const r = await call(app, 'get', ObjectPath.host, { headers: { 'X-Auth-Token': token } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.text).toBe(
      [
        '{',
        '  "data": {',
        '    "AttemptsLeft": 3,',
        '    "BootProgress": "xyz.openbmc_project.State.Boot.Progress.ProgressStages.Unspecified",',
        '    "BootProgressLastUpdate": 0,',
        '    "CurrentHostState": "xyz.openbmc_project.State.Host.HostState.Off",',
        '    "OperatingSystemState": "xyz.openbmc_project.State.OperatingSystem.Status.OSStatus.Inactive",',
        '    "RequestedHostTransition": "xyz.openbmc_project.State.Host.Transition.Off",',
        '    "RestartCause": "xyz.openbmc_project.State.Host.RestartCause.Unknown"',
        '  },',
        '  "message": "200 OK",',
        '  "status": "ok"',
        '}',
      ].join('\n'),
    );
  });

  it('GET a leaf with a trailing slash -> 200 data []', async () => {
    const { app } = make();
    const token = await login(app);
    expectJson(
      await call(app, 'get', `${ObjectPath.bmc}/`, { headers: { 'X-Auth-Token': token } }),
      200,
      okBody('[]'),
    );
  });
});

describe('bmcweb-2021 login (openbmc-rest.md 1.2)', () => {
  it('{"data":[u,p]}: phosphor-style body plus XSRF-TOKEN and SESSION cookies', async () => {
    const { app } = make();
    const r = await call(app, 'post', '/login', { body: { data: ['root', '0penBmc'] } });
    expectJson(r, 200, okBody('"User \'root\' logged in"'));
    const cookies = r.headers['set-cookie'] as string[];
    expect(cookies).toHaveLength(2);
    expect(cookies[0]).toMatch(/^XSRF-TOKEN=[A-Za-z0-9]{20}; SameSite=Strict; Secure$/);
    expect(cookies[1]).toMatch(/^SESSION=[A-Za-z0-9]{20}; SameSite=Strict; Secure; HttpOnly$/);
    // The session cookie value is the X-Auth-Token.
    const session = /^SESSION=([A-Za-z0-9]{20});/.exec(cookies[1] ?? '')?.[1] ?? '';
    const xsrf = /^XSRF-TOKEN=([A-Za-z0-9]{20});/.exec(cookies[0] ?? '')?.[1] ?? '';
    expect(session).not.toBe(xsrf);
    expect((await call(app, 'get', ObjectPath.bmc, { headers: { 'X-Auth-Token': session } })).status).toBe(
      200,
    );
  });

  it('{"username","password"}: {"token"} body and no cookies', async () => {
    const { app } = make();
    const r = await call(app, 'post', '/login', { body: { username: 'root', password: '0penBmc' } });
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/^\{\n {2}"token": "[A-Za-z0-9]{20}"\n\}$/);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('{"data":{"username","password"}}: a token body too', async () => {
    const { app } = make();
    const r = await call(app, 'post', '/login', {
      body: { data: { username: 'root', password: '0penBmc' } },
    });
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/^\{\n {2}"token": "[A-Za-z0-9]{20}"\n\}$/);
  });

  it('accepts Content-Type with a charset (prefix match since 2019-07)', async () => {
    const { app } = make();
    const r = await call(app, 'post', '/login', {
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: '{"username": "root", "password": "0penBmc"}',
    });
    expect(r.status).toBe(200);
  });

  it('accepts username:/password: headers without a JSON body', async () => {
    const { app } = make();
    const r = await call(app, 'post', '/login', { headers: { username: 'root', password: '0penBmc' } });
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/"token": "[A-Za-z0-9]{20}"/);
  });

  it.each([
    ['malformed JSON', '{"username": "root", '],
    ['missing password', '{"username": "root"}'],
    ['a non-string field', '{"username": "root", "password": 1}'],
    ['data with three items', '{"data": ["root", "0penBmc", "x"]}'],
    ['data not a list', '{"data": "root"}'],
    ['a JSON list', '["root", "0penBmc"]'],
    ['an empty body', ''],
  ])('%s -> 400 with an empty body', async (_n, body) => {
    const { app, node } = make();
    const r = await call(app, 'post', '/login', { headers: { 'Content-Type': 'application/json' }, body });
    expectEmpty(r, 400);
    expect(node.bmc.sessions.count()).toBe(0);
  });

  it.each([
    ['wrong password', { username: 'root', password: 'nope' }],
    ['unknown user', { username: 'admin', password: '0penBmc' }],
    ['wrong password, data form', { data: ['root', 'nope'] }],
  ])('%s -> 401 with an empty body and no cookies', async (_n, body) => {
    const { app } = make();
    const r = await call(app, 'post', '/login', { body });
    expectEmpty(r, 401);
    expect(r.headers['set-cookie']).toBeUndefined();
  });
});

describe('bmcweb-2021 authentication (openbmc-rest.md 1.3, 1.6)', () => {
  const PUT_LED = `${ObjectPath.identifyLed}/attr/Asserted`;

  it('X-Auth-Token and Authorization: Token both authenticate', async () => {
    const { app } = make();
    const token = await login(app);
    expect(
      (await call(app, 'put', PUT_LED, { headers: { 'X-Auth-Token': token }, body: { data: true } })).status,
    ).toBe(200);
    expect(
      (
        await call(app, 'put', PUT_LED, {
          headers: { Authorization: `Token ${token}` },
          body: { data: false },
        })
      ).status,
    ).toBe(200);
    expect((await call(app, 'get', PUT_LED, { headers: { Authorization: `Token ${token}x` } })).status).toBe(
      401,
    );
  });

  it('Basic authenticates each request without leaving a session behind', async () => {
    const { app, node } = make();
    const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
    const r = await call(app, 'put', PUT_LED, {
      headers: { Authorization: basic('root', '0penBmc') },
      body: { data: true },
    });
    expectJson(r, 200, okBody('null'));
    expect(node.bmc.tree.get(ObjectPath.identifyLed, 'Asserted')).toBe(true);
    expect(node.bmc.sessions.count()).toBe(0);
    expectEmpty(await call(app, 'get', PUT_LED, { headers: { Authorization: basic('root', 'wrong') } }), 401);
  });

  it('cookie auth: GET works; a non-GET needs X-XSRF-TOKEN equal to the XSRF cookie', async () => {
    const { app, node } = make();
    const r = await call(app, 'post', '/login', { body: { data: ['root', '0penBmc'] } });
    const cookies = r.headers['set-cookie'] as string[];
    const session = /^SESSION=([A-Za-z0-9]{20});/.exec(cookies[1] ?? '')?.[1] ?? '';
    const xsrf = /^XSRF-TOKEN=([A-Za-z0-9]{20});/.exec(cookies[0] ?? '')?.[1] ?? '';
    const Cookie = `XSRF-TOKEN=${xsrf}; SESSION=${session}`;
    expect((await call(app, 'get', PUT_LED, { headers: { Cookie } })).status).toBe(200);
    // Missing CSRF header.
    expectEmpty(await call(app, 'put', PUT_LED, { headers: { Cookie }, body: { data: true } }), 401);
    // Wrong value of the right length, and the session token in its place.
    const wrong = xsrf.startsWith('A') ? `B${xsrf.slice(1)}` : `A${xsrf.slice(1)}`;
    expectEmpty(
      await call(app, 'put', PUT_LED, { headers: { Cookie, 'X-XSRF-TOKEN': wrong }, body: { data: true } }),
      401,
    );
    expectEmpty(
      await call(app, 'put', PUT_LED, { headers: { Cookie, 'X-XSRF-TOKEN': session }, body: { data: true } }),
      401,
    );
    expectEmpty(
      await call(app, 'post', `${ObjectPath.nmi}/action/NMI`, { headers: { Cookie }, body: { data: [] } }),
      401,
    );
    expectEmpty(
      await call(app, 'delete', '/xyz/openbmc_project/logging/entry/1', { headers: { Cookie } }),
      401,
    );
    expect(node.bmc.tree.get(ObjectPath.identifyLed, 'Asserted')).toBe(false);
    const ok = await call(app, 'put', PUT_LED, {
      headers: { Cookie, 'X-XSRF-TOKEN': xsrf },
      body: { data: true },
    });
    expectJson(ok, 200, okBody('null'));
    expect(node.bmc.tree.get(ObjectPath.identifyLed, 'Asserted')).toBe(true);
  });

  it('cookie auth: HEAD counts as non-GET, and logout by cookie needs the CSRF header too', async () => {
    const { app, node } = make();
    const r = await call(app, 'post', '/login', { body: { data: ['root', '0penBmc'] } });
    const cookies = r.headers['set-cookie'] as string[];
    const session = /^SESSION=([A-Za-z0-9]{20});/.exec(cookies[1] ?? '')?.[1] ?? '';
    const xsrf = /^XSRF-TOKEN=([A-Za-z0-9]{20});/.exec(cookies[0] ?? '')?.[1] ?? '';
    const Cookie = `XSRF-TOKEN=${xsrf}; SESSION=${session}`;
    expect((await call(app, 'head', ObjectPath.host, { headers: { Cookie } })).status).toBe(401);
    expectEmpty(await call(app, 'post', '/logout', { headers: { Cookie }, body: { data: [] } }), 401);
    expect(node.bmc.sessions.count()).toBe(1);
    const out = await call(app, 'post', '/logout', {
      headers: { Cookie, 'X-XSRF-TOKEN': xsrf },
      body: { data: [] },
    });
    expectJson(out, 200, okBody('"User \'root\' logged out"'));
    expect(node.bmc.sessions.count()).toBe(0);
    expectEmpty(await call(app, 'get', ObjectPath.host, { headers: { Cookie } }), 401);
  });

  it('unauthenticated: 401, empty body, WWW-Authenticate: Basic unless X-Requested-With', async () => {
    const { app } = make();
    for (const [method, path] of [
      ['get', ObjectPath.host],
      ['get', '/xyz/idont/exist'],
      ['put', PUT_LED],
      ['post', '/logout'],
      ['get', '/nothing/here'],
    ] as const) {
      const r = await call(app, method, path, method === 'get' ? {} : { body: { data: [] } });
      expectEmpty(r, 401);
      expect(r.headers['www-authenticate']).toBe('Basic');
    }
    const xhr = await call(app, 'get', ObjectPath.host, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expectEmpty(xhr, 401);
    expect(xhr.headers['www-authenticate']).toBeUndefined();
  });

  it('expires a session after 1800 s idle on the injected clock, refreshed by each request', async () => {
    const { app, clock } = make();
    const token = await login(app);
    const get = () => call(app, 'get', ObjectPath.bmc, { headers: { 'X-Auth-Token': token } });
    clock.advance(1_799_000);
    expect((await get()).status).toBe(200);
    clock.advance(1_799_000);
    expect((await get()).status).toBe(200);
    clock.advance(1_800_000);
    expectEmpty(await get(), 401);
  });
});

describe('bmcweb-2021 logout (openbmc-rest.md 1.4)', () => {
  it('ends the session; the token then gets 401', async () => {
    const { app, node } = make();
    const token = await login(app);
    expect(node.bmc.sessions.count()).toBe(1);
    const r = await call(app, 'post', '/logout', { headers: { 'X-Auth-Token': token }, body: { data: [] } });
    expectJson(r, 200, okBody('"User \'root\' logged out"'));
    // No clearing cookie before 2022-06.
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(node.bmc.sessions.count()).toBe(0);
    expectEmpty(await call(app, 'get', ObjectPath.host, { headers: { 'X-Auth-Token': token } }), 401);
  });

  it('ignores the body', async () => {
    const { app } = make();
    const token = await login(app);
    const r = await call(app, 'post', '/logout', { headers: { 'X-Auth-Token': token }, body: 'not json' });
    expect(r.status).toBe(200);
  });

  it('needs authentication: 401 with an empty body', async () => {
    const { app } = make();
    expectEmpty(await call(app, 'post', '/logout', { body: { data: [] } }), 401);
  });
});

describe("express's tells are absent", () => {
  it('no X-Powered-By, no ETag, no HTML 404, no Date; bmcweb security headers present', async () => {
    const { app } = make();
    const token = await login(app);
    for (const path of [ObjectPath.host, '/nothing', '/xyz/idont/exist']) {
      const r = await call(app, 'get', path, { headers: { 'X-Auth-Token': token } });
      expect(r.headers['x-powered-by']).toBeUndefined();
      expect(r.headers.etag).toBeUndefined();
      expect(r.headers.date).toBeUndefined();
      expect(r.text).not.toMatch(/<html|<pre|Cannot GET/i);
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['strict-transport-security']).toBe('max-age=31536000; includeSubdomains; preload');
    }
    const unauth = await call(app, 'get', '/nothing');
    expect(unauth.headers['x-powered-by']).toBeUndefined();
  });

  it('GET /redfish/v1 answers without a session', async () => {
    const { app } = make();
    const r = await call(app, 'get', '/redfish/v1');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toMatchObject({ '@odata.id': '/redfish/v1', Id: 'RootService' });
  });
});
