// `npm run bench`: every benchmark in its own fresh process (so memory figures are its own),
// one JSON line each, then a Markdown table for the README.

import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

const runs: [string, string[]][] = [
  ['bench/fleet.ts', ['100']],
  ['bench/fleet.ts', ['1000']],
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
    console.log(
      `| ${r.nodes} | ${r.startMs} ms | ${r.rssMiB} MiB | ${r.loginsOk}/${r.nodes} | ${r.loginAllMs} ms |`,
    );
  }
}
