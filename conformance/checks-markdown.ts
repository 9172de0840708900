// CHECKS.md, generated from the catalogue (`npm run checks-md`); a test keeps the two in sync.

import { apiOf, type Check } from './check.ts';

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function checksMarkdown(checks: readonly Check[]): string {
  const lines = [
    '# Conformance checks',
    '',
    'Generated from `conformance/checks/` by `npm run checks-md`; `conformance/catalogue.test.ts` fails when',
    'this file and the catalogue differ. **Needs**: `read-only` checks only log in, read and log out;',
    '`power` and `boot` checks change the machine and run on real BMCs only with `--allow-power-changes`',
    '(boot settings are recorded before and restored after each). `sim-control` checks drive the',
    "simulator's control API (faults, state) and are skipped on real hardware. **API**: `any` checks",
    'run once per API the target serves (D-Bus REST, and Redfish as `<target>/redfish`); `rest` and',
    '`redfish` checks test that wire protocol; `both` checks run on the Redfish axis and compare with',
    'what D-Bus REST reads.',
    '',
    '| id | group | API | needs | check | what it does to the machine |',
    '|---|---|---|---|---|---|',
  ];
  for (const c of checks) {
    const needs = [c.needs, ...(c.requires ?? [])].join(', ');
    lines.push(`| ${c.id} | ${c.group} | ${apiOf(c)} | ${needs} | ${cell(c.title)} | ${cell(c.does)} |`);
  }
  lines.push('');
  return lines.join('\n');
}
