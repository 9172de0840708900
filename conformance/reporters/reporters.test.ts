import { describe, expect, it } from 'vitest';
import { asList, junitProperties, type JunitNode as Node, parseJunit } from '../../test/support/junit.ts';
import type { InteropRun, RunSummary } from '../results.ts';
import { summaryTable } from './console.ts';
import { JSON_SCHEMA_VERSION, toJsonReport } from './json.ts';
import { escapeXml, toJunitXml } from './junit.ts';
import { toMarkdownMatrix } from './markdown.ts';

const summary: RunSummary = {
  startedAt: '2026-11-25T10:00:00.000Z',
  durationMs: 1500,
  counts: { pass: 1, fail: 1, error: 1, skipped: 1 },
  targets: [
    {
      name: 'lab<1>',
      api: 'rest',
      kind: 'remote',
      describe: 'https://10.0.0.1 as root',
      dialect: 'bmcweb',
      durationMs: 1500,
      results: [
        {
          id: 'PWR-001',
          title: 'reads',
          group: 'power',
          needs: 'read-only',
          status: 'pass',
          durationMs: 12,
          note: 'ok & fine',
        },
        {
          id: 'PWR-003',
          title: 'on',
          group: 'power',
          needs: 'power',
          status: 'fail',
          durationMs: 250,
          message: '\u001b[31mexpected "on"\u001b[39m <got> \u0000off',
        },
        {
          id: 'BOT-003',
          title: 'boot',
          group: 'boot',
          needs: 'boot',
          status: 'error',
          durationMs: 5,
          message: "set-up failed: it's",
        },
        {
          id: 'SES-001',
          title: 'sessions',
          group: 'session',
          needs: 'read-only',
          status: 'skipped',
          durationMs: 0,
          message: 'needs the simulator',
        },
      ],
    },
  ],
};

/** A Redfish unit with a gating profile and an informational one (a built-in). */
const interop = (gate: boolean, profile: string): InteropRun => ({
  profile,
  version: '1.0.0',
  gate,
  durationMs: 40,
  counts: { PASS: 1, FAIL: 1, WARN: 1, NOT_TESTED: 1 },
  findings: [
    { requirement: 'ServiceRoot RedfishVersion', result: 'PASS', detail: '1.17.0' },
    {
      requirement: 'ComputerSystem Boot.BootSourceOverrideEnabled',
      result: 'FAIL',
      detail: 'lacks <Continuous>',
    },
    { requirement: 'Manager FirmwareVersion', result: 'WARN', detail: 'Recommended, not present' },
    { requirement: 'Chassis Thermal', result: 'NOT_TESTED', detail: 'no Thermal link' },
  ],
});
const withInterop: RunSummary = {
  ...summary,
  targets: [
    ...summary.targets,
    {
      name: 'lab<1>/redfish',
      api: 'redfish',
      kind: 'remote',
      describe: 'https://10.0.0.1 as root',
      redfishVersion: '1.17.0',
      durationMs: 900,
      results: [
        { id: 'RFP-001', title: 'root', group: 'redfish', needs: 'read-only', status: 'pass', durationMs: 3 },
      ],
      interop: [interop(true, 'Vendor'), interop(false, 'OpenStackIronicProfile')],
    },
  ],
  counts: { pass: 2, fail: 1, error: 1, skipped: 1 },
};

describe('reporters', () => {
  it('escapeXml escapes markup, drops ANSI codes, characters XML cannot hold and lone surrogates', () => {
    expect(escapeXml('a<b>&"\'\u001b[1mc\u001b[0m\u0000\u0007\ud800d')).toBe('a&lt;b&gt;&amp;&quot;&apos;cd');
  });

  it('JUnit: one suite per target, failure/error/skipped elements, seconds', () => {
    const xml = toJunitXml(summary);
    expect(xml).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="obmc conformance" tests="4" failures="1" errors="1" skipped="1" time="1\.500">/,
    );
    expect(xml).toContain(
      '<testsuite name="lab&lt;1&gt;" tests="4" failures="1" errors="1" skipped="1" time="1.500" timestamp="2026-11-25T10:00:00">',
    );
    expect(xml).toContain('<property name="api" value="rest"/>');
    expect(xml).toContain(
      '<testcase classname="lab&lt;1&gt;.power" name="PWR-001 reads" time="0.012">\n      <system-out>ok &amp; fine</system-out>',
    );
    expect(xml).toContain(
      '<failure message="expected &quot;on&quot; &lt;got&gt; off" type="AssertionError">',
    );
    expect(xml).toContain('<error message="set-up failed: it&apos;s" type="SetupError">');
    expect(xml).toContain('<skipped message="needs the simulator"/>');
    expect([...xml].some((ch) => ch.charCodeAt(0) < 0x20 && ch !== '\n')).toBe(false);
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml.match(/<\/testcase>|<testcase [^>]*\/>/g)).toHaveLength(4);
    expect(parseJunit(xml)).toHaveLength(1);
  });

  it('JUnit, parsed: interop results are one testcase per requirement, failures only for a gating profile', () => {
    const suites = parseJunit(toJunitXml(withInterop));
    expect(suites.map((x) => x.name)).toEqual([
      'lab<1>',
      'lab<1>/redfish',
      'lab<1>/redfish interop Vendor 1.0.0',
      'lab<1>/redfish interop OpenStackIronicProfile 1.0.0',
    ]);
    const [, , gate, info] = suites;
    expect(junitProperties(gate)).toMatchObject({
      api: 'redfish',
      interop_profile: 'Vendor',
      interop_role: 'gate',
    });
    expect(junitProperties(info)).toMatchObject({
      interop_profile: 'OpenStackIronicProfile',
      interop_role: 'informational',
    });
    expect(gate).toMatchObject({ tests: '4', failures: '1', errors: '0', skipped: '1', time: '0.040' });
    expect(info).toMatchObject({ tests: '4', failures: '0', skipped: '2' });
    const byName = (x: Node | undefined) => new Map(asList(x?.testcase).map((c) => [c.name, c]));
    const g = byName(gate);
    expect(g.get('ComputerSystem Boot.BootSourceOverrideEnabled')).toMatchObject({
      classname: 'lab<1>/redfish.interop.Vendor',
      failure: { message: 'FAIL: lacks <Continuous>', type: 'InteropRequirement' },
    });
    expect(g.get('Chassis Thermal')).toMatchObject({ skipped: { message: 'NOT_TESTED: no Thermal link' } });
    expect(g.get('Manager FirmwareVersion')).toMatchObject({
      'system-out': 'WARN: Recommended, not present',
    });
    expect(g.get('ServiceRoot RedfishVersion')).not.toHaveProperty('failure');
    const i = byName(info);
    expect(i.get('ComputerSystem Boot.BootSourceOverrideEnabled')).toMatchObject({
      skipped: { message: 'FAIL (informational profile, not a gate): lacks <Continuous>' },
    });
    expect(i.get('ComputerSystem Boot.BootSourceOverrideEnabled')).not.toHaveProperty('failure');
  });

  it('JSON and Markdown carry the interop results, saying which profile is for information', () => {
    const doc = JSON.parse(toJsonReport(withInterop));
    expect(doc.targets[1].interop[1]).toMatchObject({ profile: 'OpenStackIronicProfile', gate: false });
    expect(doc.targets[1].interop[0].findings[1]).toEqual({
      requirement: 'ComputerSystem Boot.BootSourceOverrideEnabled',
      result: 'FAIL',
      detail: 'lacks <Continuous>',
    });
    const md = toMarkdownMatrix(withInterop);
    expect(md).toContain('**lab<1>/redfish: interop Vendor 1.0.0**: 1 pass, 1 fail, 1 warn, 1 not tested');
    expect(md).toContain(
      '**lab<1>/redfish: interop OpenStackIronicProfile 1.0.0** (for information): 1 pass, 1 fail, 1 warn, 1 not tested',
    );
    expect(md).toContain('| ComputerSystem Boot.BootSourceOverrideEnabled | FAIL | lacks <Continuous> |');
  });

  it('JSON: the summary under a schema version', () => {
    const doc = JSON.parse(toJsonReport(summary));
    expect(doc.schemaVersion).toBe(JSON_SCHEMA_VERSION);
    expect(doc.tool).toEqual({ name: 'openbmc-kit', command: 'obmc conformance' });
    expect(doc.counts).toEqual(summary.counts);
    expect(doc.targets[0].results[1]).toMatchObject({ id: 'PWR-003', status: 'fail' });
  });

  it('Markdown matrix: a row per check, a column per target, numbered reasons', () => {
    const md = toMarkdownMatrix(summary);
    expect(md).toContain('| check | lab<1> |\n|---|---|\n| PWR-001 reads | pass |\n');
    expect(md).toContain('| PWR-003 on | **FAIL** (1) |');
    expect(md).toContain('| SES-001 sessions | skip (3) |');
    expect(md).toContain('| **pass / fail / error / skip** | 1 / 1 / 1 / 1 |');
    expect(md).toContain("\n2. set-up failed: it's\n3. needs the simulator\n");
  });

  it('console summary: a row per target', () => {
    expect(summaryTable(summary)).toBe(
      'target  api   dialect  pass  fail  error  skipped   time\nlab<1>  rest  bmcweb      1     1      1        1  1.5 s\n',
    );
  });
});
