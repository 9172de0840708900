// JUnit XML for CI systems: one <testsuite> per target and API, one <testcase> per check, <failure> for
// fail, <error> for error, <skipped message=…/> for skipped; seconds as the unit. Text is escaped
// and stripped of characters XML 1.0 cannot hold and of ANSI colour codes (as vitest's reporter).

import { countResults, type RunSummary, type TargetResult } from '../results.ts';

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

export function toJunitXml(s: RunSummary): string {
  const timestamp = s.startedAt.replace(/\.\d+Z$/, '');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="obmc conformance" tests="${s.targets.reduce((n, t) => n + t.results.length, 0)}" failures="${s.counts.fail}" errors="${s.counts.error}" skipped="${s.counts.skipped}" time="${seconds(s.durationMs)}">`,
    ...s.targets.map((t) => suite(t, timestamp)),
    '</testsuites>',
    '',
  ].join('\n');
}
