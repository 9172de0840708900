// A Markdown matrix of checks x targets (pass / FAIL / ERROR / skip with a numbered reason), for
// READMEs, pull-request comments and CI job summaries.

import { countResults, type RunSummary, type Status } from '../results.ts';

const CELL: Record<Status, string> = { pass: 'pass', fail: '**FAIL**', error: '**ERROR**', skipped: 'skip' };

export function toMarkdownMatrix(s: RunSummary): string {
  const reasons: string[] = [];
  const note = (reason: string) => {
    let i = reasons.indexOf(reason);
    if (i < 0) i = reasons.push(reason) - 1;
    return i + 1;
  };
  const ids: { id: string; title: string }[] = [];
  for (const t of s.targets) for (const r of t.results) if (!ids.some((x) => x.id === r.id)) ids.push(r);
  const head = `| check | ${s.targets.map((t) => t.name).join(' | ')} |`;
  const rule = `|---|${s.targets.map(() => '---').join('|')}|`;
  const rows = ids.map(({ id, title }) => {
    const cells = s.targets.map((t) => {
      const r = t.results.find((x) => x.id === id);
      if (!r) return '';
      if (r.status === 'pass') return CELL.pass;
      return `${CELL[r.status]} (${note(r.message ?? r.status)})`;
    });
    return `| ${id} ${title.replace(/\|/g, '\\|')} | ${cells.join(' | ')} |`;
  });
  const totals = `| **pass / fail / error / skip** | ${s.targets
    .map((t) => {
      const c = countResults(t.results);
      return `${c.pass} / ${c.fail} / ${c.error} / ${c.skipped}`;
    })
    .join(' | ')} |`;
  const footnotes = reasons.map((r, i) => `${i + 1}. ${r.replace(/\n/g, ' ')}`);
  return [head, rule, ...rows, totals, '', ...footnotes, '', ...interopTables(s)].join('\n');
}

/** Per Redfish unit and profile: the counts, and every requirement that did not pass. */
function interopTables(s: RunSummary): string[] {
  const lines: string[] = [];
  for (const t of s.targets) {
    for (const r of t.interop ?? []) {
      const c = r.counts;
      lines.push(
        `**${t.name}: interop ${r.profile} ${r.version}**${r.gate ? '' : ' (for information)'}: ${c.PASS} pass, ${c.FAIL} fail, ${c.WARN} warn, ${c.NOT_TESTED} not tested`,
        '',
      );
      const open = r.findings.filter((f) => f.result !== 'PASS');
      if (open.length === 0) continue;
      lines.push('| requirement | result | detail |', '|---|---|---|');
      for (const f of open)
        lines.push(
          `| ${f.requirement.replace(/\|/g, '\\|')} | ${f.result} | ${f.detail.replace(/\|/g, '\\|')} |`,
        );
      lines.push('');
    }
  }
  return lines;
}
