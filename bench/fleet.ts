// Fleet benchmark: start N simulated BMCs in one fresh process, measure the time until every
// listener is up and the resident memory, then log in on a sample of 100 BMCs and on every BMC.
// Each login opens its own connection and closes it after the answer, so the client holds no
// sockets and the memory after the logins is the simulator's (the express apps built at first
// request and one session per BMC).
// Ports are fixed (from --port, default 10000, below Linux's ephemeral range): binding thousands of
// listeners to port 0 makes the kernel search an ever fuller ephemeral range on each bind (5,000
// such binds took 4 s, most of a 5 s start).
// Run: npx tsx bench/fleet.ts [N] [--http] [--port P]   (prints one JSON line)

import { createSecureContext } from 'node:tls';
import { Agent, request } from 'undici';
import { DEFAULT_PASSWORD, DEFAULT_USERNAME } from '../protocol/index.ts';
import { startSimulator } from '../simulator/server.ts';

const n = Number(process.argv[2] ?? 1000);
const http = process.argv.includes('--http');
const portAt = process.argv.indexOf('--port');
const port = portAt > 0 ? Number(process.argv[portAt + 1]) : 10_000;
const mib = () => Math.round(process.memoryUsage().rss / 2 ** 20);

// Generate (or load) the certificate before the clock starts: it is cached across runs.
await (await startSimulator({ port: 0, http })).close();
const rssBeforeMiB = mib();

const started = performance.now();
const sim = await startSimulator({ port, nodes: n, timing: 'fast', http });
const startMs = performance.now() - started;
const rssMiB = mib();

// One client secure context for every connection (as the driver's agent has one per CA).
const secureContext = sim.caCertPem ? createSecureContext({ ca: sim.caCertPem }) : undefined;
const agent = new Agent({ connect: secureContext ? { secureContext } : {}, connections: 1 });
const body = JSON.stringify({ username: DEFAULT_USERNAME, password: DEFAULT_PASSWORD });

async function loginAll(urls: string[]): Promise<{ ok: number; ms: number }> {
  let ok = 0;
  const queue = [...urls];
  const t = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
        const res = await request(`${url}/login`, {
          method: 'POST',
          dispatcher: agent,
          reset: true,
          headers: { 'content-type': 'application/json' },
          body,
        });
        await res.body.dump();
        if (res.statusCode === 200) ok++;
      }
    }),
  );
  return { ok, ms: performance.now() - t };
}

// Every 1 in n/100, spread over the fleet.
const sample = sim.urls.filter((_, i) => i % Math.max(1, Math.floor(n / 100)) === 0);
const sampled = await loginAll(sample);
const all = await loginAll(sim.urls);
const rssAfterMiB = mib();
await agent.close();
await sim.close();
console.log(
  JSON.stringify({
    bench: 'fleet',
    nodes: n,
    transport: http ? 'http' : 'https',
    startMs: Math.round(startMs),
    rssBeforeMiB,
    rssMiB,
    sampleLoginsOk: `${sampled.ok}/${sample.length}`,
    sampleLoginMs: Math.round(sampled.ms),
    loginsOk: `${all.ok}/${n}`,
    loginAllMs: Math.round(all.ms),
    rssAfterLoginsMiB: rssAfterMiB,
  }),
);
