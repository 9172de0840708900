// The full conformance run over every profile at instant timing (goal: under 30 s), as
// `npm run conformance` does it, in-process: wall time per run, and the checks that take longest.
// `npx tsx bench/conformance.ts [runs]`

import { resolveConformanceOptions } from '../conformance/options.ts';
import { runConformance } from '../conformance/runner.ts';

const runs = Number(process.argv[2] ?? 3);
// The targets and checks `npm run conformance` resolves with no options (every profile but aliases).
const plan = await resolveConformanceOptions({});
const times: number[] = [];
let last: Awaited<ReturnType<typeof runConformance>> | undefined;
for (let i = 0; i < runs; i++) {
  last = await runConformance({
    targets: plan.targets,
    checks: plan.checks,
    allowPowerChanges: false,
  });
  times.push(last.durationMs);
}
const sorted = [...times].sort((a, b) => a - b);
const byCheck = new Map<string, number>();
for (const t of last?.targets ?? []) {
  for (const r of t.results) byCheck.set(r.id, (byCheck.get(r.id) ?? 0) + r.durationMs);
}
const slowest = [...byCheck.entries()]
  .sort((a, b) => b[1] - a[1])
  .slice(0, 5)
  .map(([id, ms]) => ({ id, msOverProfiles: Math.round(ms) }));
console.log(
  JSON.stringify({
    bench: 'conformance',
    profiles: plan.targets.length,
    checks: plan.checks.length,
    counts: last?.counts,
    runsMs: times,
    medianMs: sorted[Math.floor(sorted.length / 2)],
    slowest,
  }),
);
