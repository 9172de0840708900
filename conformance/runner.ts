// Runs the plan: targets in parallel up to a bound, the checks of one target one after another
// (they share one machine), every result sent to the reporter as it happens.

import { performance } from 'node:perf_hooks';
import type { Check } from './check.ts';
import { builtInProfiles, type ProfileToEvaluate } from './interop/profiles.ts';
import { type PlannedTarget, type PlanOptions, plan, unitName } from './plan.ts';
import type { Reporter } from './reporters/reporter.ts';
import {
  addCounts,
  type CheckResult,
  countResults,
  type RunSummary,
  resultOf,
  type TargetResult,
} from './results.ts';
import { describeError, TargetRun } from './target-run.ts';
import type { TargetSpec } from './targets/target.ts';

export interface RunOptions extends PlanOptions {
  targets: readonly TargetSpec[];
  checks: readonly Check[];
  /** Targets run at once (DEFAULT_CONCURRENCY). */
  concurrency?: number;
  reporter?: Reporter;
  /** Stops the run after the current checks: the rest are reported skipped, boot settings and
   * power are still put back, targets still closed. */
  signal?: AbortSignal;
  /** Interop profiles evaluated on every Redfish unit (default: OpenBMC's and Ironic's, for information). */
  interopProfiles?: readonly ProfileToEvaluate[];
}

export const DEFAULT_CONCURRENCY = 4;

export const SKIP_INTERRUPTED = 'the run was interrupted';

export async function runConformance(o: RunOptions): Promise<RunSummary> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const planned = plan(o.targets, o.checks, o);
  const reporter = o.reporter ?? {};
  await reporter.onRunStart?.(planned);
  const results: TargetResult[] = new Array(planned.length);
  const batches = batchesOf(planned);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      for (const i of batches[next++] ?? []) {
        const p = planned[i];
        if (p) results[i] = await runTarget(p, o, reporter);
      }
    }
  };
  const width = Math.max(1, Math.min(o.concurrency ?? DEFAULT_CONCURRENCY, batches.length));
  await Promise.all(Array.from({ length: width }, worker));
  const summary: RunSummary = {
    startedAt,
    durationMs: Math.round(performance.now() - started),
    targets: results,
    counts: results.map((t) => countResults(t.results)).reduce(addCounts, countResults([])),
  };
  await reporter.onRunEnd?.(summary);
  return summary;
}

/** Indexes into `planned`, run one batch at a time per worker: a machine's API units one after
 * another (a power check on one would move the host under the other), except where every open
 * gives a machine of its own (an embedded simulator), whose units run at once. */
function batchesOf(planned: readonly PlannedTarget[]): number[][] {
  const batches: number[][] = [];
  const byTarget = new Map<TargetSpec, number[]>();
  for (const [i, p] of planned.entries()) {
    const batch = p.target.machinePerOpen ? undefined : byTarget.get(p.target);
    if (batch) {
      batch.push(i);
      continue;
    }
    const fresh = [i];
    if (!p.target.machinePerOpen) byTarget.set(p.target, fresh);
    batches.push(fresh);
  }
  return batches;
}

async function runTarget(p: PlannedTarget, o: RunOptions, reporter: Reporter): Promise<TargetResult> {
  const started = performance.now();
  // Reporters see the unit (the target on one API) under its own name.
  const unit = { ...p.target, name: unitName(p.target, p.api) };
  await reporter.onTargetStart?.(unit);
  const results: CheckResult[] = [];
  const base = { name: unit.name, api: p.api, kind: p.target.kind, describe: p.target.describe };
  // A unit that is not opened: every check that would have run ends `status` with `why`.
  const unopened = async (status: 'error' | 'skipped', why: string): Promise<TargetResult> => {
    for (const { check, decision } of p.checks) {
      const r = decision.run
        ? resultOf(check, status, 0, why)
        : resultOf(check, 'skipped', 0, decision.reason);
      results.push(r);
      await reporter.onCheckEnd?.(unit, r);
    }
    const result: TargetResult = { ...base, durationMs: Math.round(performance.now() - started), results };
    await reporter.onTargetEnd?.(result);
    return result;
  };
  // The target's driver_info rules this API out (the plan skipped every check): nothing to open.
  const ruledOut = p.target.apiSkips?.[p.api];
  if (ruledOut) return unopened('skipped', ruledOut);
  let run: TargetRun;
  try {
    run = await TargetRun.open(p.target, p.api);
  } catch (err) {
    // The target never came up: every check that would have run is an error, the rest skipped.
    return unopened('error', `could not open the target: ${describeError(err)}`);
  }
  let restored: string | undefined;
  let interop: TargetResult['interop'];
  try {
    for (const { check, decision } of p.checks) {
      await reporter.onCheckStart?.(unit, check);
      const r = await run.runCheck(
        check,
        o.signal?.aborted ? { run: false, reason: SKIP_INTERRUPTED } : decision,
      );
      results.push(r);
      await reporter.onCheckEnd?.(unit, r);
    }
    if (p.api === 'redfish' && !run.probeError && !run.apiAbsent && !o.signal?.aborted) {
      interop = [];
      for (const { profile, gate } of o.interopProfiles ?? builtInProfiles()) {
        const began = performance.now();
        const durationMs = () => Math.round((performance.now() - began) * 10) / 10;
        try {
          const report = await run.evaluateInterop(profile);
          interop.push({ ...report, gate, durationMs: durationMs() });
        } catch (err) {
          const detail = run.redact(describeError(err));
          interop.push({
            profile: profile.ProfileName,
            version: profile.ProfileVersion,
            gate,
            durationMs: durationMs(),
            counts: { PASS: 0, FAIL: 1, WARN: 0, NOT_TESTED: 0 },
            findings: [{ requirement: 'evaluation', result: 'FAIL', detail }],
          });
        }
      }
    }
    if (!p.target.simulated && o.allowPowerChanges && !run.probeError && !run.apiAbsent) {
      try {
        restored = await run.restorePower();
      } catch (err) {
        restored = run.redact(`could not return the host to ${run.initialPower}: ${describeError(err)}`);
      }
    }
  } finally {
    await run.close();
  }
  const detected = run.driver.detected(run.target.address);
  const result: TargetResult = {
    ...base,
    address: run.target.address,
    ...(p.api === 'rest' && detected.dialect ? { dialect: detected.dialect } : {}),
    ...(p.api === 'rest' && detected.bootLayout ? { bootLayout: detected.bootLayout } : {}),
    ...(p.api === 'redfish' && detected.redfishVersion ? { redfishVersion: detected.redfishVersion } : {}),
    durationMs: Math.round(performance.now() - started),
    results,
    ...(restored ? { restored } : {}),
    ...(interop ? { interop } : {}),
  };
  await reporter.onTargetEnd?.(result);
  return result;
}
