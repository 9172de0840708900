// Property-based fuzzing of every profile's whole HTTP surface (except the simulator's own /_sim
// control API): random and mutated paths built from the real object paths, methods, headers,
// cookies and bodies (deep, huge, wrong types, invalid UTF-8, bad encodings).
// Invariants:
// - the process never crashes and every request is answered;
// - every answer is one the profile defines: 200 with a firmware envelope, or a status and body
//   rendered from the profile's error catalogue (Python tracebacks only where the catalogue has
//   them); never express's HTML pages, stack traces or stray headers;
// - without valid credentials nothing changes: the model state, settings, accounts and object
//   tree are the same afterwards, and sessions only appear through a successful /login;
// - with valid credentials the state stays consistent (enums, session cap, pending events).
// `npm test` runs a bounded number; `npm run fuzz` sets FUZZ_RUNS for the long run.

import fc from 'fast-check';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BmcState, ChassisPowerState, HostState, RedfishPath } from '../../protocol/index.ts';
import { getProfile, implementedProfiles } from '../../simulator/profiles/index.ts';
import { pythonServerErrors } from '../../simulator/profiles/phosphor-rest.ts';
import type { ErrorAnswer, Profile } from '../../simulator/profiles/profile.ts';
import { type RunningSimulator, startSimulator } from '../../simulator/server.ts';

const LONG = Number(process.env.FUZZ_RUNS ?? 0);
const UNAUTH_RUNS = LONG > 0 ? LONG : 250;
const AUTH_RUNS = LONG > 0 ? LONG : 150;
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

const agent = new Agent({ connections: 4, keepAliveTimeout: 10_000 });
afterAll(() => agent.close());

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Uint8Array | undefined;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

// ---------- what a profile may answer ----------

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A catalogue template as a pattern: `{name}` stands for any text. */
const templatePattern = (t: string) =>
  new RegExp(
    `^${t
      .split(/\{\w+\}/)
      .map(escapeRegExp)
      .join('[\\s\\S]*')}$`,
  );

function matchesAnswer(answer: ErrorAnswer, status: number, text: string): boolean {
  if (answer.status !== status) return false;
  if (answer.body === 'empty') return text === '';
  if (text === '') return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  const b = answer.body;
  const env = parsed as { data?: Record<string, unknown>; message?: unknown; status?: unknown };
  const data = env.data;
  if (env.status !== 'error' || typeof env.message !== 'string' || !data || typeof data !== 'object')
    return false;
  const keys = Object.keys(env).sort().join();
  if (keys !== 'data,message,status') return false;
  const wantKeys = [
    'description',
    ...(b.exception ? ['exception'] : []),
    ...(b.traceback ? ['traceback'] : []),
  ];
  if (Object.keys(data).sort().join() !== wantKeys.sort().join()) return false;
  if (!templatePattern(b.message).test(env.message)) return false;
  if (typeof data.description !== 'string' || !templatePattern(b.description).test(data.description))
    return false;
  if (b.exception !== undefined && !templatePattern(b.exception).test(String(data.exception))) return false;
  if (b.traceback !== undefined) {
    const lines = data.traceback;
    if (!Array.isArray(lines) || lines.length !== b.traceback.length) return false;
    if (!b.traceback.every((t, i) => templatePattern(t).test(String(lines[i])))) return false;
  }
  return true;
}

/**
 * A Redfish answer (bmcweb): empty, a resource, the service's odata/$metadata documents, or
 * bmcweb's error envelope / property annotations / Base.Success; never a 500 nor an HTML page.
 */
function judgeRedfish(a: Answer): string | undefined {
  if (a.headers['x-powered-by'] !== undefined) return 'X-Powered-By';
  if (/<html|<pre>|\bat [\w.<>]+ \(|node:internal|node_modules/i.test(a.text)) return 'HTML or stack trace';
  if (a.status === 500) return `500 ${a.text.slice(0, 300)}`;
  if (a.text === '') return undefined;
  if (a.headers['content-type'] === 'application/xml')
    return a.text.startsWith('<?xml') ? undefined : 'bad XML';
  if (a.headers['content-type'] !== 'application/json')
    return `content-type ${String(a.headers['content-type'])}`;
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(a.text) as Record<string, unknown>;
  } catch {
    return 'Redfish answer without JSON';
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) return `unexpected body ${a.text.slice(0, 200)}`;
  const error = o.error as Record<string, unknown> | undefined;
  if (error && (typeof error.code !== 'string' || !Array.isArray(error['@Message.ExtendedInfo'])))
    return `bad error envelope ${a.text.slice(0, 300)}`;
  const keys = Object.keys(o);
  const known = ['@odata.id', '@odata.context', 'v1', 'error', '@Message.ExtendedInfo'];
  if (keys.some((k) => known.includes(k)) || keys.every((k) => k.endsWith('@Message.ExtendedInfo')))
    return undefined;
  return `unexpected Redfish body ${a.text.slice(0, 200)}`;
}

/** The profile's catalogue plus, for the Python server, the answers only its pipeline gives. */
const catalogueOf = (profile: Profile): [string, ErrorAnswer][] => [
  ...Object.entries(profile.errors).filter((e): e is [string, ErrorAnswer] => e[1] !== undefined),
  ...(profile.pythonServer ? Object.entries(pythonServerErrors(profile.pythonServer.build)) : []),
];

/** Why an answer is not one the profile defines, or undefined when it is. */
function judge(profile: Profile, r: FuzzRequest, answer: Answer): string | undefined {
  if (profile.redfish && /^\/redfish(\/|$|\?)/.test(r.path)) return judgeRedfish(answer);
  // bottle routes by the upper-cased method; only HEAD as sent loses its body (Bottle.wsgi).
  const method = r.method === 'head' ? 'GET' : r.method.toUpperCase();
  let a = answer;
  if (a.headers['x-powered-by'] !== undefined) return 'X-Powered-By';
  if (a.headers.etag !== undefined) return 'ETag';
  if (/<html|<pre>|\bat [\w.<>]+ \(|node:internal|node_modules/i.test(a.text)) return 'HTML or stack trace';
  // phosphor-rest's JsonpPlugin: `?callback=cb` wraps the JSON text as `cb(...);`.
  if (
    profile.python !== null &&
    a.headers['content-type'] === 'application/javascript' &&
    method !== 'HEAD'
  ) {
    const callback =
      new URLSearchParams((r.path.split('#')[0] ?? '').split('?').slice(1).join('?'))
        .getAll('callback')
        .at(-1) ?? '';
    if (!a.text.startsWith(`${callback}(`) || !a.text.endsWith(');'))
      return `JSONP body ${a.text.slice(0, 100)}`;
    const inner = a.text.slice(callback.length + 1, -2);
    a = { ...a, text: inner, headers: { ...a.headers, 'content-type': 'application/json' } };
  }
  // phosphor-rest's do_options: an empty body with bottle's default type and the handler's verbs.
  if (profile.python !== null && method === 'OPTIONS' && a.status === 200) {
    return a.text === '' && a.headers['content-type'] === 'text/html; charset=UTF-8' && a.headers.allow
      ? undefined
      : `OPTIONS answer ${a.headers['content-type']} ${a.text.slice(0, 100)}`;
  }
  if (a.text !== '' && a.headers['content-type'] !== 'application/json') {
    return `content-type ${String(a.headers['content-type'])}`;
  }
  const statuses = new Set(catalogueOf(profile).map(([, e]) => e.status));
  if (method === 'HEAD') {
    // No body to judge; the status must still be one the profile gives.
    return a.status === 200 || statuses.has(a.status) ? undefined : `HEAD status ${a.status}`;
  }
  if (a.status === 200) {
    let v: unknown;
    try {
      v = JSON.parse(a.text);
    } catch {
      return '200 without JSON';
    }
    const o = v as Record<string, unknown>;
    if (o && typeof o === 'object') {
      if (o.status === 'ok' && o.message === '200 OK' && 'data' in o) return undefined;
      if (typeof o.token === 'string' && Object.keys(o).length === 1) return undefined;
      // bmcweb's bus introspection root (openbmc-rest.md 2.6).
      if (Array.isArray(o.busses) && o.status === 'ok') return undefined;
      if (profile.redfish && ('@odata.id' in o || 'v1' in o)) return undefined;
    }
    return `unexpected 200 body ${a.text.slice(0, 200)}`;
  }
  for (const [situation, errorAnswer] of catalogueOf(profile)) {
    if (situation === 'injected-status') continue;
    if (matchesAnswer(errorAnswer, a.status, a.text)) return undefined;
  }
  return `not in the catalogue: ${a.status} ${a.text.slice(0, 300)}`;
}

// ---------- requests ----------

const safeChar = fc.constantFrom(
  ...'abcxyzABCXYZ0189-._~!$&\'()*+,;=:@%/?#[]"<>\\^`{|}'.split(''),
  '%00',
  '%2F',
  '%2e%2e',
  '%C3%A9',
  '%FF',
  '..',
  '//',
);
const segment = fc.array(safeChar, { maxLength: 12 }).map((a) => a.join(''));

function pathArb(paths: string[], props: string[], methods: string[]) {
  const roots = [
    '/',
    '/login',
    '/logout',
    '/list',
    '/enumerate',
    '/bus/',
    '/redfish',
    '/redfish/v1',
    // The Redfish face's resources and actions (bmcweb profiles).
    ...Object.values(RedfishPath),
    ...paths,
  ];
  const mutation = fc.oneof(
    fc.constantFrom(props.length ? props : ['X']).map((p) => (s: string) => `${s}/attr/${p}`),
    fc.constantFrom(methods.length ? methods : ['X']).map((m) => (s: string) => `${s}/action/${m}`),
    segment.map((g) => (s: string) => `${s}/attr/${g}`),
    segment.map((g) => (s: string) => `${s}/action/${g}`),
    fc
      .constantFrom(
        '/enumerate',
        '/list',
        '/',
        '//',
        '/.',
        '/..',
        '?a=1',
        '?node=all',
        '?callback=cb',
        '.js',
        '/schema',
      )
      .map((x) => (s: string) => `${s}${x}`),
    segment.map((g) => (s: string) => `${s}/${g}`),
    // Redfish query parameters (query_param.hpp), the bmcweb nodes with the `query` switch on.
    fc
      .tuple(
        fc.constantFrom('$expand', '$filter', '$select', '$top', '$skip', 'only', '$levels'),
        fc.oneof(
          segment,
          fc.constantFrom(
            '.($levels=2)',
            '~',
            "Reading%20gt%2010%20or%20Id%20eq%20'a'",
            'not%20(Status/Health%20ne%20%27OK%27)%20and%201.5%20le%20Reading',
            'Name,Status/Health',
            '1001',
          ),
        ),
      )
      .map(
        ([k, v]) =>
          (s: string) =>
            `${s}${s.includes('?') ? '&' : '?'}${k}=${v}`,
      ),
    fc.nat().map((n) => (s: string) => s.slice(0, n % (s.length + 1))),
    fc.nat().map((n) => (s: string) => {
      const i = n % (s.length + 1);
      return `${s.slice(0, i)}/${s.slice(i)}`;
    }),
    fc.constant((s: string) => s.toUpperCase()),
    fc.constant((s: string) => s.replace(/_/g, '%5F')),
  );
  return (
    fc
      .tuple(
        fc.oneof(
          fc.constantFrom(...roots),
          segment.map((g) => `/${g}`),
        ),
        fc.array(mutation, { maxLength: 3 }),
      )
      .map(([root, ms]) => ms.reduce((s, m) => m(s), root))
      .map((p) => (p.startsWith('/') ? p : `/${p}`))
      // The simulator's own control API is no part of the firmware's surface.
      .filter((p) => !/^\/+_sim/i.test(p))
  );
}

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'PROPFIND', 'MKCOL', 'TRACE'];
/** gevent's pywsgi takes any word as the method (simulator/gevent-request-line.ts); bmcweb's are Node's. */
const PYTHON_METHODS = [...METHODS, 'get', 'Put', 'post', 'head', 'options', 'connect', 'FOO'];
const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
});
const b64 = (s: string) => Buffer.from(s).toString('base64');

function headerArb(stale: string[]) {
  const token = fc.oneof(printable, fc.constantFrom(...stale), fc.constant(''));
  const headerValue = {
    'x-auth-token': token,
    authorization: fc.oneof(
      token.map((t) => `Token ${t}`),
      fc.tuple(printable, printable).map(([u, p]) => `Basic ${b64(`${u}:${p}`)}`),
      fc.constant(`Basic ${b64('root:wrong')}`),
      fc.constant(`Basic ${b64('root')}`),
      printable.map((x) => `Basic ${x}`),
      printable,
    ),
    cookie: fc.oneof(
      token.map((t) => `SESSION=${t}`),
      token.map((t) => `BMCWEB-SESSION=${t}; XSRF-TOKEN=${t}`),
      token.map((t) => `sid="!${t}?${b64(t)}"`),
      token.map((t) => `sid=${t}`),
      printable,
    ),
    'x-xsrf-token': token,
    'content-type': fc.oneof(
      { weight: 4, arbitrary: fc.constant('application/json') },
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'application/json; charset=latin1',
        'APPLICATION/JSON',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ),
      printable,
    ),
    'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown'),
    'x-requested-with': printable,
    'user-agent': printable,
    accept: printable,
    username: printable,
    password: printable,
  } as const;
  // Most requests carry a JSON content type, so bodies get past the content-type checks.
  return fc
    .tuple(fc.record(headerValue, { requiredKeys: [] }), fc.boolean())
    .map(([h, json]) =>
      json && h['content-type'] === undefined ? { ...h, 'content-type': 'application/json' } : h,
    ) as fc.Arbitrary<Record<string, string>>;
}

function bodyArb(limit: number) {
  const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  const deep = (n: number, open: string, close: string) => open.repeat(n) + close.repeat(n);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(json) },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((d) => json({ data: d })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.jsonValue({ maxDepth: 1 }), fc.jsonValue({ maxDepth: 1 }))
        .map(([u, p]) => json({ data: [u, p] })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.jsonValue({ maxDepth: 1 }), fc.jsonValue({ maxDepth: 1 }))
        .map(([u, p]) => json({ username: u, password: p })),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(10, 954, 955, 956, 957, 958, 1000, 5000, 20_000)
        .chain((n) =>
          fc.constantFrom(
            deep(n, '[', ']'),
            `{"data":${deep(n, '[', ']')}}`,
            `{"data":${deep(n, '{"a":', '}').replace(/:}/, ':1}')}}`,
            `{"data":["root",${deep(n, '[', ']')}]}`,
          ),
        )
        .map((s) => new TextEncoder().encode(s)),
    },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    {
      weight: 2,
      arbitrary: fc
        .uint8Array({ minLength: 1, maxLength: 8 })
        .map((bad) =>
          Buffer.concat([
            Buffer.from('{"data":["'),
            Buffer.from(bad.map((b) => b | 0x80)),
            Buffer.from('","x"]}'),
          ]),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(limit - 64, limit + 1)
        .map((n) => new TextEncoder().encode(`{"data":"${'x'.repeat(Math.max(0, n - 11))}"}`)),
    },
  );
}

function requestArb(profile: Profile, paths: string[], props: string[], methods: string[], stale: string[]) {
  return fc.record({
    method: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE') },
      fc.constantFrom(...(profile.python === null ? METHODS : PYTHON_METHODS)),
    ),
    path: pathArb(paths, props, methods),
    headers: headerArb(stale),
    body: bodyArb(profile.body.limitBytes),
  }) as fc.Arbitrary<FuzzRequest>;
}

async function send(
  sim: RunningSimulator,
  r: FuzzRequest,
  extra: Record<string, string> = {},
): Promise<Answer> {
  const res = await request(`${sim.url}${r.path}`, {
    method: r.method as 'GET',
    headers: { ...r.headers, ...extra },
    ...(r.body === undefined ? {} : { body: r.body }),
    dispatcher: agent,
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text };
}

/** Everything a request could change, minus the session table. */
function fingerprint(sim: RunningSimulator): string {
  const node = sim.nodes[0];
  if (!node) throw new Error('no node');
  const { sessions: _sessions, ...state } = node.state();
  const tree = node.bmc.tree;
  return JSON.stringify({
    state,
    snapshot: node.bmc.snapshot(),
    tree: tree.paths().map((p) => [p, tree.properties(p)]),
  });
}

function consistent(sim: RunningSimulator, profile: Profile): void {
  const node = sim.nodes[0];
  if (!node) throw new Error('no node');
  const s = node.state();
  const hosts: string[] = [...Object.values(HostState), ''];
  const chassis: string[] = [...Object.values(ChassisPowerState), ''];
  const bmcs: string[] = [...Object.values(BmcState), ''];
  expect(hosts).toContain(s.host.current);
  expect(chassis).toContain(s.chassis.current);
  expect(bmcs).toContain(s.bmc.current);
  if (profile.sessions.max !== null) expect(s.sessions).toBeLessThanOrEqual(profile.sessions.max);
  for (const p of s.pending) expect(p.dueInMs).toBeGreaterThanOrEqual(0);
}

// ---------- the properties, per profile ----------

const loginBody = JSON.stringify({ data: ['root', '0penBmc'] });

async function login(sim: RunningSimulator, profile: Profile): Promise<Record<string, string>> {
  const res = await request(`${sim.url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: loginBody,
    dispatcher: agent,
  });
  const text = await res.body.text();
  expect(res.statusCode, text).toBe(200);
  const raw = res.headers['set-cookie'];
  const cookies = (Array.isArray(raw) ? raw : [raw ?? '']).map((c) => c.split(';')[0] ?? '');
  const session = cookies.find((c) => c.startsWith(`${profile.cookies.session}=`));
  if (profile.routing.auth === 'after-lookup') return { cookie: session ?? '' };
  const token =
    session?.slice(profile.cookies.session.length + 1) ?? (JSON.parse(text) as { token: string }).token;
  return { 'x-auth-token': token };
}

describe.each(implementedProfiles())('HTTP fuzz: %s', (name) => {
  const profile = getProfile(name) as Profile;
  let sim: RunningSimulator;
  let paths: string[] = [];
  let props: string[] = [];
  let methods: string[] = [];
  const stale: string[] = [];

  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      http: true,
      profile: name,
      timing: 'instant',
      manualClock: true,
      seed: 7,
      ...(profile.redfish ? { redfish: ['query' as const] } : {}),
    });
    const node = sim.nodes[0];
    if (!node) throw new Error('no node');
    const tree = node.bmc.tree;
    paths = tree.paths();
    props = [...new Set(paths.flatMap((p) => Object.keys(tree.properties(p))))];
    methods = [
      ...new Set(
        paths.flatMap((p) =>
          Object.values(tree.object(p)?.interfaces ?? {}).flatMap((i) => Object.keys(i.methods ?? {})),
        ),
      ),
    ];
    // A token and a cookie that were valid once: logged in, then out.
    const auth = await login(sim, profile);
    stale.push(...Object.values(auth).map((v) => v.replace(/^[^=]*=/, '')), ...Object.values(auth));
    // phosphor-rest's /logout is a JSON route: an empty body is a 400 there.
    await send(
      sim,
      {
        method: 'POST',
        path: '/logout',
        headers: { 'content-type': 'application/json' },
        body: new TextEncoder().encode('{"data": []}'),
      },
      auth,
    );
    expect(node.state().sessions).toBe(0);
  });
  afterAll(() => sim.close());

  it('without valid credentials: every answer is in the catalogue and nothing changes', async () => {
    const node = sim.nodes[0];
    if (!node) throw new Error('no node');
    await fc.assert(
      fc.asyncProperty(requestArb(profile, paths, props, methods, stale), async (r) => {
        const before = fingerprint(sim);
        const sessionsBefore = node.state().sessions;
        const a = await send(sim, r);
        expect(judge(profile, r, a), `${r.method} ${r.path}`).toBeUndefined();
        expect(fingerprint(sim)).toBe(before);
        const isLogin =
          r.method.toUpperCase() === 'POST' &&
          /^\/+(login|redfish\/v1\/SessionService\/Sessions(\/Members)?\/?)$/.test(
            r.path.split('?')[0] ?? '',
          );
        const sessionsAfter = node.state().sessions;
        if (isLogin && (a.status === 200 || a.status === 201))
          expect(sessionsAfter).toBeLessThanOrEqual(sessionsBefore + 1);
        else expect(sessionsAfter).toBeLessThanOrEqual(sessionsBefore);
      }),
      { numRuns: UNAUTH_RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
    // Still answering over HTTP, control API included.
    const res = await request(`${sim.url}/_sim/state`, { dispatcher: agent });
    expect(res.statusCode).toBe(200);
    await res.body.dump();
  });

  it('with valid credentials: every answer is in the catalogue and the state stays consistent', async () => {
    const node = sim.nodes[0];
    if (!node) throw new Error('no node');
    let auth = await login(sim, profile);
    await fc.assert(
      fc.asyncProperty(requestArb(profile, paths, props, methods, stale), async (r) => {
        if (node.state().sessions === 0) auth = await login(sim, profile);
        // Valid credentials win over the fuzzed ones of the same name.
        const headers = { ...r.headers };
        for (const k of Object.keys(auth)) delete headers[k];
        const a = await send(sim, { ...r, headers }, auth);
        expect(judge(profile, r, a), `${r.method} ${r.path}`).toBeUndefined();
        consistent(sim, profile);
      }),
      { numRuns: AUTH_RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
    const res = await request(`${sim.url}/_sim/state`, { dispatcher: agent });
    expect(res.statusCode).toBe(200);
    await res.body.dump();
  });
});
