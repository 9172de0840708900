// The plan, decided before anything runs (style.md 8.5, after mockttp's explain()): for every
// target, which checks run and what they do to the machine, and which are skipped and why.
// The CLI prints it first, so an operator sees what will happen to which machine.

import { type Api, type Check, type Need, runsOn } from './check.ts';
import type { TargetSpec } from './targets/target.ts';

export interface PlanOptions {
  /** Let checks change power and boot settings on remote targets. */
  allowPowerChanges: boolean;
}

export type Decision = { run: true } | { run: false; reason: string };

/** One target on one API: the unit the runner runs and reporters show. */
export interface PlannedTarget {
  target: TargetSpec;
  api: Api;
  checks: { check: Check; decision: Decision }[];
}

/** The name a target's unit is shown under: the target for D-Bus REST, `<target>/redfish` for Redfish. */
export function unitName(target: Pick<TargetSpec, 'name'>, api: Api): string {
  return api === 'rest' ? target.name : `${target.name}/${api}`;
}

export const SKIP_SIM_ONLY = "needs the simulator's control API (only on simulator targets)";
export const SKIP_NO_PERMISSION = 'changes power or boot settings: run with --allow-power-changes';

export const SKIP_NO_SESSION_LIST =
  "counts the BMC's live sessions, which D-Bus REST does not list (only the simulator's control API counts them there; the Redfish unit counts its Sessions collection)";

export function decide(check: Check, target: TargetSpec, opts: PlanOptions, api: Api = 'rest'): Decision {
  if (check.requires?.includes('sim-control') && !target.simulated)
    return { run: false, reason: SKIP_SIM_ONLY };
  if (check.requires?.includes('session-list') && api === 'rest' && !target.simulated)
    return { run: false, reason: SKIP_NO_SESSION_LIST };
  if (check.needs !== 'read-only' && !target.simulated && !opts.allowPowerChanges) {
    return { run: false, reason: SKIP_NO_PERMISSION };
  }
  return { run: true };
}

export function plan(
  targets: readonly TargetSpec[],
  checks: readonly Check[],
  opts: PlanOptions,
): PlannedTarget[] {
  return targets.flatMap((target) =>
    (target.apis ?? ['rest']).map((api) => ({
      target,
      api,
      checks: checks
        .filter((check) => runsOn(check, api))
        .map((check) => {
          const ruledOut = target.apiSkips?.[api];
          const decision: Decision = ruledOut
            ? { run: false, reason: ruledOut }
            : decide(check, target, opts, api);
          return { check, decision };
        }),
    })),
  );
}

const NEED_WORDS: Record<Need, string> = {
  'read-only': 'read only: log in, read, log out',
  power: 'change the power state',
  boot: 'change boot settings (recorded before, restored after)',
};

/** The plan in words: per target, what runs by kind of change, and what is skipped. */
export function explain(
  planned: readonly PlannedTarget[],
  opts: PlanOptions & { verbose?: boolean },
): string {
  const lines: string[] = [];
  for (const p of planned) {
    const run = p.checks.filter((c) => c.decision.run);
    const over = p.api === 'redfish' ? ', over Redfish' : '';
    lines.push(
      `${unitName(p.target, p.api)}: ${p.target.describe}${over}: ${run.length} of ${p.checks.length} checks run`,
    );
    for (const need of ['read-only', 'power', 'boot'] as const) {
      const these = run.filter((c) => c.check.needs === need);
      if (these.length === 0) continue;
      lines.push(
        `  ${String(these.length).padStart(3)} ${NEED_WORDS[need]}: ${these.map((c) => c.check.id).join(' ')}`,
      );
      // On real hardware, say exactly what each check will do (a wrong-password login included).
      if (!p.target.simulated || opts.verbose) {
        for (const c of these) lines.push(`        ${c.check.id} ${c.check.does}`);
      }
    }
    const skipped = new Map<string, string[]>();
    for (const c of p.checks) {
      if (c.decision.run) continue;
      const ids = skipped.get(c.decision.reason) ?? [];
      ids.push(c.check.id);
      skipped.set(c.decision.reason, ids);
    }
    for (const [reason, ids] of skipped)
      lines.push(`  ${String(ids.length).padStart(3)} skipped (${reason}): ${ids.join(' ')}`);
    if (!p.target.simulated && opts.allowPowerChanges && run.some((c) => c.check.needs !== 'read-only')) {
      lines.push('      afterwards the host is returned to the power state it was found in');
    }
  }
  return `${lines.join('\n')}\n`;
}
