// Live progress for people: one line per check as it ends (prefixed by the target, since
// targets run in parallel), then a summary table per target and the verdict.

import type { PlannedTarget } from '../plan.ts';
import { type CheckResult, countResults, type RunSummary, type TargetResult } from '../results.ts';
import type { TargetSpec } from '../targets/target.ts';
import type { Reporter } from './reporter.ts';

const MARK: Record<CheckResult['status'], string> = {
  pass: 'ok  ',
  fail: 'FAIL',
  error: 'ERR ',
  skipped: 'skip',
};

export interface ConsoleOptions {
  write: (text: string) => void;
  /** Print passing and skipped checks too (default: true). */
  verbose?: boolean;
}

export function consoleReporter(o: ConsoleOptions): Reporter {
  const verbose = o.verbose ?? true;
  let width = 10;
  return {
    onRunStart(planned: readonly PlannedTarget[]) {
      width = Math.max(10, ...planned.map((p) => p.target.name.length));
    },
    onCheckEnd(target: TargetSpec, r: CheckResult) {
      const quiet = r.status === 'pass' || r.status === 'skipped';
      if (quiet && !verbose) return;
      const ms = r.status === 'skipped' ? '' : ` ${formatMs(r.durationMs)}`;
      const why =
        r.message && r.status !== 'pass'
          ? `\n${' '.repeat(width + 3)}${r.status === 'skipped' ? '' : '> '}${r.message}`
          : '';
      o.write(`${target.name.padEnd(width)} ${MARK[r.status]} ${r.id} ${r.title}${ms}${why}\n`);
    },
    onTargetEnd(t: TargetResult) {
      if (t.restored) o.write(`${t.name.padEnd(width)}      ${t.restored}\n`);
      for (const r of t.interop ?? []) {
        const c = r.counts;
        o.write(
          `${t.name.padEnd(width)} interop ${r.profile} ${r.version}${r.gate ? '' : ' (for information)'}: ${c.PASS} pass, ${c.FAIL} fail, ${c.WARN} warn, ${c.NOT_TESTED} not tested\n`,
        );
        for (const f of r.findings.filter((x) => x.result === 'FAIL'))
          o.write(`${' '.repeat(width + 3)}FAIL ${f.requirement}: ${f.detail}\n`);
      }
    },
    onRunEnd(s: RunSummary) {
      o.write(`\n${summaryTable(s)}`);
      const verdict = s.counts.fail + s.counts.error === 0 ? 'PASSED' : 'FAILED';
      o.write(
        `\n${verdict}: ${s.counts.pass} passed, ${s.counts.fail} failed, ${s.counts.error} errors, ${s.counts.skipped} skipped in ${formatMs(s.durationMs)}\n`,
      );
    },
  };
}

export function summaryTable(s: RunSummary): string {
  const rows = s.targets.map((t) => {
    const c = countResults(t.results);
    return [
      t.name,
      t.api,
      t.dialect ?? (t.redfishVersion ? `Redfish ${t.redfishVersion}` : '-'),
      String(c.pass),
      String(c.fail),
      String(c.error),
      String(c.skipped),
      formatMs(t.durationMs),
    ];
  });
  const head = ['target', 'api', 'dialect', 'pass', 'fail', 'error', 'skipped', 'time'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `${cells.map((c, i) => (i < 3 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')}\n`;
  return line(head) + rows.map(line).join('');
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
