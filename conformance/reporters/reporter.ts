// Reporter hooks, all optional and awaited in order (after vitest's reporter API, style.md 8.5).

import type { Check } from '../check.ts';
import type { PlannedTarget } from '../plan.ts';
import type { CheckResult, RunSummary, TargetResult } from '../results.ts';
import type { TargetSpec } from '../targets/target.ts';

export interface Reporter {
  onRunStart?(planned: readonly PlannedTarget[]): void | Promise<void>;
  onTargetStart?(target: TargetSpec): void | Promise<void>;
  onCheckStart?(target: TargetSpec, check: Check): void | Promise<void>;
  onCheckEnd?(target: TargetSpec, result: CheckResult): void | Promise<void>;
  onTargetEnd?(result: TargetResult): void | Promise<void>;
  onRunEnd?(summary: RunSummary): void | Promise<void>;
}

/** Several reporters as one: each hook calls them in order. */
export function fanOut(reporters: readonly Reporter[]): Reporter {
  return {
    onRunStart: async (p) => {
      for (const r of reporters) await r.onRunStart?.(p);
    },
    onTargetStart: async (t) => {
      for (const r of reporters) await r.onTargetStart?.(t);
    },
    onCheckStart: async (t, c) => {
      for (const r of reporters) await r.onCheckStart?.(t, c);
    },
    onCheckEnd: async (t, res) => {
      for (const r of reporters) await r.onCheckEnd?.(t, res);
    },
    onTargetEnd: async (res) => {
      for (const r of reporters) await r.onTargetEnd?.(res);
    },
    onRunEnd: async (s) => {
      for (const r of reporters) await r.onRunEnd?.(s);
    },
  };
}
