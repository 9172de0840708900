// What a run produces: plain data every reporter reads (and the JSON report is, with a version).

import type { Api, Group, Need } from './check.ts';
import type { InteropReport } from './interop/evaluate.ts';

/** pass; fail: the check's assertion failed; error: its set-up (or the target) failed;
 * skipped: not applicable here, with the reason. */
export type Status = 'pass' | 'fail' | 'error' | 'skipped';
export const STATUSES: readonly Status[] = ['pass', 'fail', 'error', 'skipped'];

export interface CheckResult {
  id: string;
  title: string;
  group: Group;
  needs: Need;
  status: Status;
  durationMs: number;
  /** Why it failed, errored or was skipped (secrets removed). */
  message?: string;
  /** How the driver coped (resilience checks), or what the check saw. */
  note?: string;
}

/** One interop profile evaluated on a unit: `gate` (given with --interop-profile) or informational
 * (the built-ins); how long the evaluation took. */
export type InteropRun = InteropReport & { gate: boolean; durationMs: number };

export interface TargetResult {
  /** The unit's name: the target, with /redfish for its Redfish axis. */
  name: string;
  /** The API this unit drove the BMC through. */
  api: Api;
  kind: 'embedded' | 'remote';
  describe: string;
  address?: string;
  /** What the driver detected: dialect and boot layout (D-Bus REST), Redfish version (Redfish). */
  dialect?: string;
  redfishVersion?: string;
  bootLayout?: string;
  durationMs: number;
  results: CheckResult[];
  /** Said when the runner put the machine's power back the way it found it. */
  restored?: string;
  /** Interop profiles evaluated on a Redfish unit, per requirement; `gate` ones fail the run on FAIL. */
  interop?: InteropRun[];
}

/** A check's result; messages and notes must already be free of secrets. */
export function resultOf(
  check: Pick<CheckResult, 'id' | 'title' | 'group' | 'needs'>,
  status: Status,
  durationMs: number,
  message?: string,
  note?: string,
): CheckResult {
  return {
    id: check.id,
    title: check.title,
    group: check.group,
    needs: check.needs,
    status,
    durationMs,
    ...(message === undefined ? {} : { message }),
    ...(note === undefined ? {} : { note }),
  };
}

export type Counts = Record<Status, number>;

export interface RunSummary {
  startedAt: string;
  durationMs: number;
  targets: TargetResult[];
  counts: Counts;
}

export function countResults(results: readonly CheckResult[]): Counts {
  const counts: Counts = { pass: 0, fail: 0, error: 0, skipped: 0 };
  for (const r of results) counts[r.status] += 1;
  return counts;
}

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    pass: a.pass + b.pass,
    fail: a.fail + b.fail,
    error: a.error + b.error,
    skipped: a.skipped + b.skipped,
  };
}

/** Exit code of a run: 1 on any fail or error. */
export function exitCodeOf(summary: RunSummary): number {
  const gateFailed = summary.targets.some((t) => t.interop?.some((r) => r.gate && r.counts.FAIL > 0));
  return summary.counts.fail > 0 || summary.counts.error > 0 || gateFailed ? 1 : 0;
}
