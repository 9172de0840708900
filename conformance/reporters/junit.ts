// JUnit XML for CI systems: one <testsuite> per target and API, one <testcase> per check, <failure> for
// fail, <error> for error, <skipped message=…/> for skipped; seconds as the unit. Then one
// <testsuite> per Redfish unit and interop profile, one <testcase> per requirement (as DMTF's
// Interop Validator reports them): a FAIL is a <failure> only for a profile given with
// --interop-profile, which gates the run; the built-in profiles are informational, so their FAILs
// are <skipped> with the result and detail in the message (a CI run stays green, as the exit code
// does, yet shows them), NOT_TESTED likewise, and a WARN passes with the detail in <system-out>.
// Text is escaped and stripped of characters XML 1.0 cannot hold and of ANSI colour codes (as
// vitest's reporter).

import type { InteropFinding } from '../interop/evaluate.ts';
import { countResults, type InteropRun, type RunSummary, type TargetResult } from '../results.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what must go
const ANSI = /\u001b\[[0-9;]*m/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: characters XML 1.0 forbids
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(ANSI, '')
    .replace(INVALID_XML, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function suite(t: TargetResult, timestamp: string): string {
  const c = countResults(t.results);
  const lines = [
    `  <testsuite name="${escapeXml(t.name)}" tests="${t.results.length}" failures="${c.fail}" errors="${c.error}" skipped="${c.skipped}" time="${seconds(t.durationMs)}" timestamp="${timestamp}">`,
    '    <properties>',
    `      <property name="target" value="${escapeXml(t.describe)}"/>`,
    `      <property name="api" value="${escapeXml(t.api)}"/>`,
    ...(t.redfishVersion
      ? [`      <property name="redfish_version" value="${escapeXml(t.redfishVersion)}"/>`]
      : []),
    ...(t.dialect ? [`      <property name="dialect" value="${escapeXml(t.dialect)}"/>`] : []),
    ...(t.bootLayout ? [`      <property name="boot_layout" value="${escapeXml(t.bootLayout)}"/>`] : []),
    ...(t.restored ? [`      <property name="restored" value="${escapeXml(t.restored)}"/>`] : []),
    '    </properties>',
  ];
  for (const r of t.results) {
    const open = `    <testcase classname="${escapeXml(`${t.name}.${r.group}`)}" name="${escapeXml(`${r.id} ${r.title}`)}" time="${seconds(r.durationMs)}"`;
    const message = escapeXml(r.message ?? '');
    switch (r.status) {
      case 'pass':
        lines.push(
          r.note
            ? `${open}>\n      <system-out>${escapeXml(r.note)}</system-out>\n    </testcase>`
            : `${open}/>`,
        );
        break;
      case 'skipped':
        lines.push(`${open}>\n      <skipped message="${message}"/>\n    </testcase>`);
        break;
      case 'fail':
        lines.push(
          `${open}>\n      <failure message="${message}" type="AssertionError">${message}</failure>\n    </testcase>`,
        );
        break;
      case 'error':
        lines.push(
          `${open}>\n      <error message="${message}" type="SetupError">${message}</error>\n    </testcase>`,
        );
        break;
    }
  }
  lines.push('  </testsuite>');
  return lines.join('\n');
}

type InteropCase = 'pass' | 'failure' | 'skipped';

/** How a requirement's result shows in JUnit: only a gating profile's FAIL fails. */
function interopCase(f: InteropFinding, gate: boolean): InteropCase {
  if (f.result === 'FAIL') return gate ? 'failure' : 'skipped';
  return f.result === 'NOT_TESTED' ? 'skipped' : 'pass';
}

function interopSuite(t: TargetResult, r: InteropRun, timestamp: string): string {
  const cases = r.findings.map((f) => interopCase(f, r.gate));
  const count = (k: InteropCase) => cases.filter((c) => c === k).length;
  const kind = r.gate ? 'gate' : 'informational';
  const lines = [
    `  <testsuite name="${escapeXml(`${t.name} interop ${r.profile} ${r.version}`)}" tests="${cases.length}" failures="${count('failure')}" errors="0" skipped="${count('skipped')}" time="${seconds(r.durationMs)}" timestamp="${timestamp}">`,
    '    <properties>',
    `      <property name="target" value="${escapeXml(t.describe)}"/>`,
    `      <property name="api" value="${escapeXml(t.api)}"/>`,
    `      <property name="interop_profile" value="${escapeXml(r.profile)}"/>`,
    `      <property name="interop_profile_version" value="${escapeXml(r.version)}"/>`,
    `      <property name="interop_role" value="${kind}"/>`,
    '    </properties>',
  ];
  r.findings.forEach((f, i) => {
    const open = `    <testcase classname="${escapeXml(`${t.name}.interop.${r.profile}`)}" name="${escapeXml(f.requirement)}" time="0.000"`;
    const said = escapeXml(`${f.result}: ${f.detail}`);
    switch (cases[i]) {
      case 'failure':
        lines.push(
          `${open}>\n      <failure message="${said}" type="InteropRequirement">${said}</failure>\n    </testcase>`,
        );
        break;
      case 'skipped': {
        const why =
          f.result === 'FAIL'
            ? escapeXml(`${f.result} (informational profile, not a gate): ${f.detail}`)
            : said;
        lines.push(`${open}>\n      <skipped message="${why}"/>\n    </testcase>`);
        break;
      }
      default:
        lines.push(
          f.detail ? `${open}>\n      <system-out>${said}</system-out>\n    </testcase>` : `${open}/>`,
        );
    }
  });
  lines.push('  </testsuite>');
  return lines.join('\n');
}

export function toJunitXml(s: RunSummary): string {
  const timestamp = s.startedAt.replace(/\.\d+Z$/, '');
  const interopCases = s.targets.flatMap((t) =>
    (t.interop ?? []).flatMap((r) => r.findings.map((f) => interopCase(f, r.gate))),
  );
  const tests = s.targets.reduce((n, t) => n + t.results.length, 0) + interopCases.length;
  const failures = s.counts.fail + interopCases.filter((c) => c === 'failure').length;
  const skipped = s.counts.skipped + interopCases.filter((c) => c === 'skipped').length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="obmc conformance" tests="${tests}" failures="${failures}" errors="${s.counts.error}" skipped="${skipped}" time="${seconds(s.durationMs)}">`,
    ...s.targets.flatMap((t) => [
      suite(t, timestamp),
      ...(t.interop ?? []).map((r) => interopSuite(t, r, timestamp)),
    ]),
    '</testsuites>',
    '',
  ].join('\n');
}
