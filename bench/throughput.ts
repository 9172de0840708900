// Throughput benchmark: an authenticated `GET .../attr/CurrentHostState`, the same state read
// over Redfish (`GET /redfish/v1/Systems/system`, the same session) and a login+logout pair,
// at concurrency 1, 16 and 64, against the simulator and against a bare node:http server that
// answers the same bytes (the ceiling on this box) and an express app doing the same (the
// framework's floor), in the same run. autocannon drives the load
// from this process; each server runs alone in a child process, so the two never share a core's
// event loop.
// Run: npx tsx bench/throughput.ts [--https] [--seconds S]   (prints one JSON line)
// `--ratio`: only the attr GET against the Redfish System GET (issue 13: within 20%), on one
// simulator and session, in the order get, redfish, redfish, get at each concurrency and each
// scenario's two runs averaged, so both see the same machine; short enough to repeat on a
// shared box. It also reads the server's CPU time per request (process.cpuUsage in the server,
// asked over its stdin), which other processes on the machine barely move: `cpuRatio` is the
// req/s ratio a server with the CPU to itself would reach. Every run ends with `redfishVsAttr`,
// the ratio per concurrency.

import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import express from 'express';
import { setCookies } from '../driver/dialects/auth.ts';
import {
  AuthHeader,
  DEFAULT_PASSWORD,
  DEFAULT_USERNAME,
  ObjectPath,
  RedfishPath,
  RestRoute,
  SessionCookie,
} from '../protocol/index.ts';
import { startSimulator } from '../simulator/server.ts';

const HOST_STATE = `${ObjectPath.host}${RestRoute.attr}CurrentHostState`;
const LOGIN_BODY = JSON.stringify({ data: [DEFAULT_USERNAME, DEFAULT_PASSWORD] });
const CONCURRENCY = [1, 16, 64] as const;
/** `redfish` reads the same host state as `get`, as a Redfish client does: the whole System resource. */
const SCENARIOS = ['get', 'redfish', 'login'] as const;
type Scenario = (typeof SCENARIOS)[number];
/** `express`: express 5 with the simulator's settings and one handler sending the same bytes (the framework's floor). */
type Kind = 'sim' | 'bare' | 'express';

interface Served {
  url: string;
  ca: string | undefined;
  token: string;
}

/** What the bare server answers: status, headers and body as the simulator sent them. */
interface Canned {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

// ---- child process side: `--serve sim|bare` prints one JSON line with its URL, then serves ----

async function fetchCanned(url: string, ca: string | undefined, init: http.RequestOptions, body?: string) {
  return new Promise<Canned>((resolve, reject) => {
    const req = (url.startsWith('https') ? https : http).request(url, { ...init, ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers: Record<string, string | string[]> = {};
        // Node's own framing headers are its business on either server.
        const framing = new Set(['connection', 'keep-alive', 'date', 'transfer-encoding']);
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined && !framing.has(k)) headers[k] = v;
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The bmcweb session cookie of a login answer (its value is also the X-Auth-Token). */
const sessionCookie = (headers: Record<string, string | string[] | undefined>): string | undefined =>
  setCookies({ status: 200, headers, body: '' }).get(SessionCookie.bmcweb);

const sessionOf = (c: Canned): string => {
  const session = sessionCookie(c.headers);
  if (session === undefined) throw new Error(`login gave no session cookie: ${c.status} ${c.body}`);
  return session;
};

async function serve(kind: Kind, secure: boolean): Promise<void> {
  // The simulator answers first in both modes, so the bare server's bytes are the simulator's own.
  // A build that serves both APIs: the rows compare D-Bus REST and Redfish on one BMC.
  const sim = await startSimulator({
    port: 0,
    http: !secure,
    timing: 'instant',
    seed: 1,
    profile: 'bmcweb-2021',
  });
  const login = await fetchCanned(
    `${sim.url}${RestRoute.login}`,
    sim.caCertPem,
    { method: 'POST', headers: { 'content-type': 'application/json' } },
    LOGIN_BODY,
  );
  const token = sessionOf(login);
  const auth = { headers: { [AuthHeader.token]: token } };
  const get = await fetchCanned(`${sim.url}${HOST_STATE}`, sim.caCertPem, { method: 'GET', ...auth });
  const system = await fetchCanned(`${sim.url}${RedfishPath.system}`, sim.caCertPem, {
    method: 'GET',
    ...auth,
  });
  const logout = await fetchCanned(`${sim.url}${RestRoute.logout}`, sim.caCertPem, {
    method: 'POST',
    ...auth,
  });
  // Logged out again so the table is empty; log in once more for the GET runs.
  const again = sessionOf(
    await fetchCanned(
      `${sim.url}${RestRoute.login}`,
      sim.caCertPem,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      LOGIN_BODY,
    ),
  );
  if (get.status !== 200 || system.status !== 200 || logout.status !== 200)
    throw new Error(`sim answered ${get.status}/${system.status}/${logout.status}`);
  // `cpu` on stdin: this process's CPU time so far (user + system, µs), one JSON line.
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line !== 'cpu') return;
    const used = process.cpuUsage();
    console.log(JSON.stringify({ cpuUs: used.user + used.system }));
  });
  if (kind === 'sim') {
    console.log(JSON.stringify({ url: sim.url, ca: sim.caCertPem, token: again } satisfies Served));
    return;
  }
  await sim.close();
  const answers = new Map<string, Canned>([
    [`GET ${HOST_STATE}`, get],
    [`GET ${RedfishPath.system}`, system],
    ['POST /login', login],
    ['POST /logout', logout],
  ]);
  const bare: http.RequestListener = (req, res) => {
    // Read the body as the simulator does, then send the canned bytes.
    req.resume();
    req.on('end', () => {
      const a = answers.get(`${req.method} ${req.url}`);
      if (!a) {
        res.writeHead(404, { 'content-length': 0 }).end();
        return;
      }
      res.writeHead(a.status, a.headers).end(a.body);
    });
  };
  const handler = kind === 'bare' ? bare : expressFloor(bare);
  const server = secure
    ? https.createServer({ cert: sim.caCertPem, key: await keyOf() }, handler)
    : http.createServer(handler);
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    const url = `${secure ? 'https' : 'http'}://127.0.0.1:${port}`;
    console.log(JSON.stringify({ url, ca: sim.caCertPem, token } satisfies Served));
  });
}

function expressFloor(send: http.RequestListener): http.RequestListener {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req, res) => send(req, res));
  return app;
}

async function keyOf(): Promise<string> {
  const { selfSignedCertificate } = await import('../simulator/tls.ts');
  return (await selfSignedCertificate('127.0.0.1')).keyPem;
}

// ---- parent side: start a server, drive it with autocannon, stop it ----

interface Spawned {
  child: ChildProcess;
  s: Served;
  /** The server process's CPU time so far, µs. */
  cpuUs: () => Promise<number>;
}

async function spawnServer(kind: Kind, secure: boolean): Promise<Spawned> {
  const args = ['--import', 'tsx', 'bench/throughput.ts', '--serve', kind, ...(secure ? ['--https'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout ?? process.stdin });
  let exited: Error | undefined;
  const waiting = new Set<(e: Error) => void>();
  child.once('exit', (code) => {
    exited = new Error(`${kind} server exited with ${code}`);
    for (const reject of waiting) reject(exited);
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      if (exited) return reject(exited);
      waiting.add(reject);
      lines.once('line', (line) => {
        waiting.delete(reject);
        resolve(line);
      });
    });
  const first = await nextLine();
  const cpuUs = async () => {
    const answer = nextLine();
    child.stdin?.write('cpu\n');
    return (JSON.parse(await answer) as { cpuUs: number }).cpuUs;
  };
  return { child, s: JSON.parse(first) as Served, cpuUs };
}

interface Figure {
  rps: number;
  /** Responses counted over the run. */
  requests: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(s: Served, scenario: Scenario, connections: number, seconds: number): Promise<Figure> {
  const common = { url: s.url, connections, duration: seconds, tlsOptions: s.ca ? { ca: s.ca } : {} };
  const requests: autocannon.Request[] =
    scenario === 'get' || scenario === 'redfish'
      ? [
          {
            method: 'GET',
            path: scenario === 'get' ? HOST_STATE : RedfishPath.system,
            headers: { [AuthHeader.token]: s.token },
          },
        ]
      : [
          {
            method: 'POST',
            path: RestRoute.login,
            headers: { 'content-type': 'application/json' },
            body: LOGIN_BODY,
            onResponse: (_status, _body, context, headers) => {
              // Raw header names: the simulator writes `Set-Cookie`.
              const lower = Object.fromEntries(
                Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
              );
              (context as { token?: string }).token = sessionCookie(lower) ?? '';
            },
          },
          {
            method: 'POST',
            path: RestRoute.logout,
            setupRequest: (req, context) => ({
              ...req,
              headers: { ...req.headers, [AuthHeader.token]: (context as { token?: string }).token ?? '' },
            }),
          },
        ];
  const r = await autocannon({ ...common, requests });
  return {
    rps: Math.round(r.requests.average),
    requests: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

async function measure(secure: boolean, seconds: number) {
  const rows: Record<string, unknown>[] = [];
  for (const scenario of SCENARIOS) {
    for (const connections of CONCURRENCY) {
      const figures: Partial<Record<Kind, Figure>> = {};
      for (const kind of ['bare', 'express', 'sim'] as const) {
        const { child, s } = await spawnServer(kind, secure);
        try {
          await load(s, scenario, connections, 1); // warm-up (JIT, TLS session setup)
          figures[kind] = await load(s, scenario, connections, seconds);
        } finally {
          child.kill('SIGTERM');
        }
      }
      const sim = figures.sim;
      const bare = figures.bare;
      const floor = figures.express;
      if (!sim || !bare || !floor) throw new Error('missing figures');
      rows.push({
        scenario,
        connections,
        sim,
        bare,
        express: floor,
        ratio: Math.round((sim.rps / bare.rps) * 100) / 100,
        expressRatio: Math.round((floor.rps / bare.rps) * 100) / 100,
      });
    }
  }
  return rows;
}

/** `--ratio`: the simulator alone, both GETs in ABBA order per concurrency, one server and session. */
async function measureRatio(secure: boolean, seconds: number) {
  const rows: Record<string, unknown>[] = [];
  const { child, s, cpuUs } = await spawnServer('sim', secure);
  try {
    for (const connections of CONCURRENCY) {
      const runs: Record<'get' | 'redfish', { f: Figure; cpuUs: number }[]> = { get: [], redfish: [] };
      for (const scenario of ['get', 'redfish', 'redfish', 'get'] as const) {
        await load(s, scenario, connections, 1); // warm-up (JIT, TLS session setup)
        const before = await cpuUs();
        const f = await load(s, scenario, connections, seconds);
        runs[scenario].push({ f, cpuUs: (await cpuUs()) - before });
      }
      for (const scenario of ['get', 'redfish'] as const) {
        const [a, b] = runs[scenario].map((r) => r.f);
        if (!a || !b) throw new Error('missing figures');
        const mean = (k: keyof Figure) => Math.round((a[k] + b[k]) / 2);
        const sum = (k: keyof Figure) => a[k] + b[k];
        const sim: Figure = {
          rps: mean('rps'),
          requests: sum('requests'),
          p50: mean('p50'),
          p99: mean('p99'),
          errors: sum('errors'),
          non2xx: sum('non2xx'),
        };
        const cpu = runs[scenario].reduce((t, r) => t + r.cpuUs, 0);
        const cpuUsPerRequest = Math.round((cpu / Math.max(1, sim.requests)) * 10) / 10;
        rows.push({ scenario, connections, sim, runs: [a.rps, b.rps], cpuUsPerRequest });
      }
    }
  } finally {
    child.kill('SIGTERM');
  }
  return rows;
}

const argv = process.argv.slice(2);
const secure = argv.includes('--https');
const serveAt = argv.indexOf('--serve');
if (serveAt >= 0) {
  // Exit cleanly on SIGTERM so `node --cpu-prof` writes its profile.
  process.on('SIGTERM', () => process.exit(0));
  const kind = argv[serveAt + 1];
  await serve(kind === 'bare' || kind === 'express' ? kind : 'sim', secure);
} else {
  const secondsAt = argv.indexOf('--seconds');
  const seconds = secondsAt >= 0 ? Number(argv[secondsAt + 1]) : 3;
  const ratioOnly = argv.includes('--ratio');
  const rows = await (ratioOnly ? measureRatio : measure)(secure, seconds);
  // The Redfish System GET against the D-Bus attr GET, same run and concurrency (issue 13: within 20%).
  const simRps = (scenario: string, c: number) =>
    (rows.find((r) => r.scenario === scenario && r.connections === c)?.sim as Figure | undefined)?.rps ?? 0;
  const cpuPerRequest = (scenario: string, c: number) =>
    (rows.find((r) => r.scenario === scenario && r.connections === c)?.cpuUsPerRequest as
      | number
      | undefined) ?? 0;
  const round2 = (x: number) => Math.round(x * 100) / 100;
  const redfishVsAttr = CONCURRENCY.map((c) => ({
    connections: c,
    ratio: round2(simRps('redfish', c) / Math.max(1, simRps('get', c))),
    ...(ratioOnly
      ? { cpuRatio: round2(cpuPerRequest('get', c) / Math.max(0.1, cpuPerRequest('redfish', c))) }
      : {}),
  }));
  console.log(
    JSON.stringify({
      bench: 'throughput',
      transport: secure ? 'https' : 'http',
      seconds,
      ...(ratioOnly ? { mode: 'ratio' } : {}),
      rows,
      redfishVsAttr,
    }),
  );
}
