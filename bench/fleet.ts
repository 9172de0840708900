// Fleet benchmark: start N simulated BMCs in one fresh process, measure the time until every
// listener is up and the resident memory, then log in once on every BMC.
// Run: npx tsx bench/fleet.ts [N] [--http]   (prints one JSON line)

import { Agent, request } from 'undici';
import { startSimulator } from '../simulator/server.ts';

const n = Number(process.argv[2] ?? 1000);
const http = process.argv.includes('--http');

// Generate (or load) the certificate before the clock starts: it is cached across runs.
await (await startSimulator({ port: 0, http })).close();

const started = performance.now();
const sim = await startSimulator({ port: 0, nodes: n, timing: 'fast', http });
const startMs = performance.now() - started;
const rssMiB = process.memoryUsage().rss / 2 ** 20;

const agent = new Agent({ connect: sim.caCertPem ? { ca: sim.caCertPem } : {}, connections: 1 });
let ok = 0;
const loginStarted = performance.now();
const queue = [...sim.urls];
await Promise.all(
  Array.from({ length: 32 }, async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      const res = await request(`${url}/login`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'root', password: '0penBmc' }),
      });
      await res.body.dump();
      if (res.statusCode === 200) ok++;
    }
  }),
);
const loginMs = performance.now() - loginStarted;
const rssAfterMiB = process.memoryUsage().rss / 2 ** 20;
await agent.close();
await sim.close();
console.log(
  JSON.stringify({
    bench: 'fleet',
    nodes: n,
    transport: http ? 'http' : 'https',
    startMs: Math.round(startMs),
    rssMiB: Math.round(rssMiB),
    loginsOk: ok,
    loginAllMs: Math.round(loginMs),
    rssAfterLoginsMiB: Math.round(rssAfterMiB),
  }),
);
