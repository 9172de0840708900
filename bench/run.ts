// `npm run bench`: every benchmark in its own fresh process (so memory figures are its own),
// one JSON line each, then a Markdown table for the README.

import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

const runs: [string, string[]][] = [
  ['bench/fleet.ts', ['100']],
  ['bench/fleet.ts', ['1000']],
  ['bench/power-sync.ts', ['1000']],
  ['bench/throughput.ts', []],
  ['bench/throughput.ts', ['--https']],
  ['bench/driver.ts', ['1000']],
  ['bench/conformance.ts', ['3']],
  ['bench/cli-startup.ts', ['15']],
];

const results: Record<string, unknown>[] = [];
for (const [file, args] of runs) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', file, ...args], { encoding: 'utf8' });
  const line = out.trim().split('\n').pop() ?? '{}';
  console.log(line);
  results.push(JSON.parse(line) as Record<string, unknown>);
}

console.log(
  `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
);
console.log('\n| BMCs | start (all listening) | RSS | logins OK | login on every BMC |');
console.log('|---|---|---|---|---|');
for (const r of results) {
  if (r.bench === 'fleet') {
    console.log(`| ${r.nodes} | ${r.startMs} ms | ${r.rssMiB} MiB | ${r.loginsOk} | ${r.loginAllMs} ms |`);
  }
}

interface Figure {
  rps: number;
  p50: number;
  p99: number;
}
interface ThroughputRow {
  scenario: 'get' | 'redfish' | 'login';
  connections: number;
  sim: Figure;
  bare: Figure;
  express: Figure;
  ratio: number;
  expressRatio: number;
}
console.log(
  '\n| transport | request | conns | simulator req/s | p50 / p99 ms | bare node:http req/s | p50 / p99 ms | sim/bare | bare express/bare |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  if (r.bench !== 'throughput') continue;
  for (const row of r.rows as ThroughputRow[]) {
    const what = {
      get: 'GET CurrentHostState',
      redfish: 'GET Systems/system (Redfish)',
      login: 'login+logout',
    }[row.scenario];
    console.log(
      `| ${r.transport} | ${what} | ${row.connections} | ${row.sim.rps} | ${row.sim.p50} / ${row.sim.p99} | ${row.bare.rps} | ${row.bare.p50} / ${row.bare.p99} | ${row.ratio} | ${row.expressRatio} |`,
    );
  }
}
for (const r of results) {
  if (r.bench !== 'throughput') continue;
  const ratios = r.redfishVsAttr as { connections: number; ratio: number }[];
  console.log(
    `\n${r.transport}: Redfish System GET / D-Bus attr GET req/s, same run: ${ratios.map((x) => `${x.ratio} at ${x.connections}`).join(', ')} (goal >= 0.8)`,
  );
}

interface DriverBench {
  inProcess: Record<string, { p50: number; p99: number; opsPerSec: number }>;
  sessionsAfterInProcess: number;
  fleetPowerOn: { nodes: number; concurrency: number; ok: number; ms: number; liveSessions: number };
}
for (const r of results) {
  if (r.bench !== 'driver') continue;
  const d = r as unknown as DriverBench;
  console.log('\n| driver operation | figure |');
  console.log('|---|---|');
  for (const [label, f] of Object.entries(d.inProcess)) {
    console.log(
      `| power status in-process (login, read, logout), ${label} | p50 ${f.p50} ms, p99 ${f.p99} ms, ${f.opsPerSec} ops/s |`,
    );
  }
  const f = d.fleetPowerOn;
  console.log(
    `| power on ${f.nodes} nodes, concurrency ${f.concurrency}, fast timing | ${f.ms} ms, ${f.ok}/${f.nodes} on, ${f.liveSessions} sessions left |`,
  );
}

for (const r of results) {
  if (r.bench !== 'conformance') continue;
  const slowest = (r.slowest as { id: string; msOverProfiles: number }[]).map(
    (s) => `${s.id} ${s.msOverProfiles} ms`,
  );
  console.log(
    `\n| conformance, ${r.checks} checks x ${r.profiles} profiles | median ${r.medianMs} ms of ${(r.runsMs as number[]).join(', ')} ms; slowest checks (all profiles): ${slowest.join(', ')} |`,
  );
}

interface StartupRow {
  wallMs: number;
  peakRssMiB: number;
  xNode: number;
}
for (const r of results) {
  if (r.bench !== 'cli-startup') continue;
  console.log('\n| process (median of %d) | wall | x node -e 0 | peak RSS |', r.runs);
  console.log('|---|---|---|---|');
  for (const [row, f] of Object.entries(r.rows as Record<string, StartupRow>))
    console.log(`| \`${row}\` | ${f.wallMs} ms | ${f.xNode} | ${f.peakRssMiB} MiB |`);
}
