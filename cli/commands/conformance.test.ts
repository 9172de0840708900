// `obmc conformance` in-process: plan first, progress, reports written, exit codes, bad input
// refused with exit 2 and a line naming the problem, secrets kept out of every output.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../simulator/server.ts';
import { asList, junitProperties, parseJunit } from '../../test/support/junit.ts';
import { obmc } from '../../test/support/obmc.ts';

const PASSWORD = 'cli-Conf-Pa55-e41';
const dir = mkdtempSync(join(tmpdir(), 'obmc-conf-cli-'));
let sim: RunningSimulator;
let ca: string;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, host: '127.0.0.1', timing: 'instant', seed: 4, password: PASSWORD });
  ca = join(dir, 'ca.pem');
  writeFileSync(ca, sim.caCertPem ?? '');
});
afterAll(async () => {
  await sim.close();
});

describe('obmc conformance', () => {
  it('runs chosen checks on one embedded profile, prints plan then progress, writes both reports', async () => {
    const junit = join(dir, 'r.xml');
    const json = join(dir, 'r.json');
    const r = await obmc(
      {},
      'conformance',
      '--profile',
      'phosphor-rest-2018',
      '--check',
      'SES-001',
      'pwr-003',
      'MGT-004',
      '--junit',
      junit,
      '--json',
      json,
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^Plan \(3 checks\):\nphosphor-rest-2018: embedded simulator, profile phosphor-rest-2018: 3 of 3 checks run\n/,
    );
    expect(r.out).toMatch(/phosphor-rest-2018 ok {3}SES-001 an operation logs in and logs out/);
    expect(r.out).toMatch(/phosphor-rest-2018 skip MGT-004 .*\n\s+no boot mode on this firmware/);
    expect(r.out).toMatch(/PASSED: 2 passed, 0 failed, 0 errors, 1 skipped/);
    expect(readFileSync(junit, 'utf8')).toContain(
      '<testsuite name="phosphor-rest-2018" tests="3" failures="0" errors="0" skipped="1"',
    );
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({
      schemaVersion: 1,
      counts: { pass: 2, skipped: 1 },
    });
  });

  it('--interop-profile over the embedded Redfish unit: JUnit has a suite per profile, failures only for the gating one', async () => {
    const profile = join(dir, 'vendor.json');
    writeFileSync(
      profile,
      JSON.stringify({
        ProfileName: 'NeedsVendorExtras',
        ProfileVersion: '1.0.0',
        Resources: {
          ServiceRoot: { PropertyRequirements: { RedfishVersion: {}, VendorExtras: {} } },
        },
      }),
    );
    const junit = join(dir, 'interop.xml');
    const r = await obmc(
      {},
      'conformance',
      '--profile',
      'bmcweb-2024',
      '--check',
      'RFP-001',
      '--interop-profile',
      profile,
      '--junit',
      junit,
      '--quiet',
    );
    // The run's checks pass; the gating profile's FAIL fails the run.
    expect(r.code).toBe(1);
    const suites = parseJunit(readFileSync(junit, 'utf8'));
    const interop = suites.filter((x) => String(x.name).startsWith('bmcweb-2024/redfish interop '));
    expect(interop.map((x) => junitProperties(x).interop_role)).toEqual([
      'informational',
      'informational',
      'gate',
    ]);
    const gate = interop[2];
    expect(gate).toMatchObject({
      name: 'bmcweb-2024/redfish interop NeedsVendorExtras 1.0.0',
      tests: '2',
      failures: '1',
    });
    expect(asList(gate?.testcase).find((c) => 'failure' in c)).toMatchObject({
      name: 'ServiceRoot VendorExtras',
      failure: { message: 'FAIL: not present (Mandatory)' },
    });
    // The built-in profiles never fail the JUnit run: their FAILs are skipped with the result.
    for (const x of interop.slice(0, 2)) expect(x.failures).toBe('0');
    expect(suites.find((x) => x.name === 'bmcweb-2024/redfish')).toMatchObject({ tests: '1', failures: '0' });
  });

  it("--timing realistic: the use cases and power checks run at the profile's own timing on the manual clock", async () => {
    const r = await obmc(
      {},
      'conformance',
      '--profile',
      'bmcweb-2025',
      '--timing',
      'realistic',
      '--check',
      'RUC-001',
      'RUC-002',
      'PWR-003',
      'PWR-007',
      '--quiet',
    );
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('embedded simulator, profile bmcweb-2025, realistic timing on the manual clock');
    expect(r.out).toMatch(/PASSED: 4 passed, 0 failed, 0 errors, 2 skipped/);
    const bad = await obmc({}, 'conformance', '--timing', 'slow');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--timing.*slow.*instant, fast, realistic/);
  });

  it('a remote target: password from the environment, plan lists what is skipped, --dry-run stops there', async () => {
    const r = await obmc(
      { OPENBMC_PASSWORD: PASSWORD },
      'conformance',
      '--target',
      sim.url,
      '--username',
      'root',
      '--ca',
      ca,
      '--dry-run',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${sim.url}: ${sim.url} as root: `);
    expect(r.out).toMatch(
      /skipped \(changes power or boot settings: run with --allow-power-changes\): PWR-003/,
    );
    expect(r.out).not.toContain('PASSED');
    expect(r.out + r.err).not.toContain(PASSWORD);
  });

  it('read-only checks against the remote target pass, and exit 1 when one fails', async () => {
    const ok = await obmc(
      { OPENBMC_PASSWORD: PASSWORD },
      'conformance',
      '--target',
      sim.url,
      '--username',
      'root',
      '--ca',
      ca,
      '--quiet',
    );
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/PASSED: \d+ passed, 0 failed, 0 errors, \d+ skipped/);
    const bad = await obmc(
      { OPENBMC_PASSWORD: `${PASSWORD}x` },
      'conformance',
      '--target',
      sim.url,
      '--username',
      'root',
      '--ca',
      ca,
      '--quiet',
      '--check',
      'PWR-001',
    );
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(
      /ERR {2}PWR-001 .*\n\s+> the target did not answer a power state read: OpenBMCAuthError/,
    );
    expect(bad.out + bad.err).not.toContain(PASSWORD);
  });

  it.each([
    [['--target', 'https://10.0.0.1'], /--target needs --username and --password/],
    [['--check', 'NOP-001'], /unknown check id\(s\): NOP-001/],
    [['--profile', 'bmcweb-1999'], /unknown profile 'bmcweb-1999'/],
    [
      ['--targets', '/nonexistent/targets.json'],
      /cannot read targets file \/nonexistent\/targets\.json: ENOENT/,
    ],
  ])('refuses %j with exit 2', async (args, message) => {
    const r = await obmc({}, 'conformance', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('a targets file with an invalid entry is refused naming the file and the entry', async () => {
    const file = join(dir, 'targets.json');
    writeFileSync(file, JSON.stringify({ targets: [{ address: sim.url, username: 'root' }] }));
    const r = await obmc({}, 'conformance', '--targets', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/targets file .*targets\.json is invalid: targets\.0\.passwordEnv/);
  });
});
