// The kit's Redfish axis against a small Redfish BMC on a real socket (test/support/fake-redfish.ts)
// as a remote target: the Redfish protocol and use-case checks and the driver checks run over
// Redfish and pass; a BMC that refuses its own ETag fails the check that names it.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findChecks } from '../conformance/checks/index.ts';
import { type ProfileToEvaluate, profileFromFile } from '../conformance/interop/profiles.ts';
import { exitCodeOf } from '../conformance/results.ts';
import { runConformance } from '../conformance/runner.ts';
import { remoteTarget } from '../conformance/targets/remote.ts';
import { FakeRedfish, type FakeRedfishOptions } from './support/fake-redfish.ts';

let bmc: FakeRedfish | undefined;
afterEach(async () => {
  await bmc?.stop();
});

const REDFISH_CHECKS = [
  'RFP-001',
  'RFP-002',
  'RFP-003',
  'RFP-004',
  'RFP-005',
  'RFP-006',
  'RFP-007',
  'RFP-008',
  'RFP-009',
];

async function run(o: FakeRedfishOptions, ids: string[], interopProfiles?: ProfileToEvaluate[]) {
  bmc = new FakeRedfish({ transitionReads: 1, ...o });
  const address = await bmc.start();
  const target = {
    ...remoteTarget({
      name: 'fake',
      address,
      username: bmc.user,
      password: bmc.password,
      driverInfo: {
        openbmc_poll_interval: 0.001,
        openbmc_poll_max_interval: 0.01,
        openbmc_min_command_interval: 0,
      },
    }),
    apis: ['redfish'] as const,
  };
  return runConformance({
    targets: [target],
    checks: findChecks(ids),
    allowPowerChanges: true,
    ...(interopProfiles ? { interopProfiles } : {}),
  });
}

describe('conformance over Redfish', () => {
  it('a well-behaved Redfish BMC passes the protocol, use-case and driver checks, as unit fake/redfish', async () => {
    const ids = [
      ...REDFISH_CHECKS,
      'RUC-001',
      'RUC-002',
      'PWR-001',
      'PWR-003',
      'BOT-003',
      'BOT-004',
      'PRO-001',
    ];
    const s = await run({ etag: 'strong' }, ids);
    expect(s.targets).toHaveLength(1);
    const unit = s.targets[0];
    expect(unit).toMatchObject({ name: 'fake/redfish', api: 'redfish', redfishVersion: '1.17.0' });
    const bad = unit?.results
      .filter((r) => r.status !== 'pass')
      .map((r) => `${r.id} ${r.status}: ${r.message}`);
    expect(bad).toEqual([]);
    // PRO-001 is a D-Bus REST wire check: not on the Redfish axis at all.
    expect(unit?.results.map((r) => r.id)).not.toContain('PRO-001');
    expect(bmc?.deleted).toBe(bmc?.created);
  });

  // The defects the simulator can carry (ETag ignored, sessions kept, one-time never consumed)
  // are proved over it in conformance/defects-redfish.test.ts; this BMC carries the others.
  it('a BMC that refuses its own ETag fails the ETag check naming the 412', async () => {
    const s = await run({ etag: 'strong', ignoreOwnEtag: true }, ['RFP-006']);
    expect(s.targets[0]?.results[0]).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/current ETag answered HTTP 412/),
    });
  });

  it('a BMC without Redfish: every check of the Redfish axis skips, saying so', async () => {
    const s = await run({ rootStatus: 404 }, ['RFP-001', 'PWR-001']);
    expect(s.targets[0]?.results.map((r) => r.status)).toEqual(['skipped', 'skipped']);
    expect(s.targets[0]?.results[0]?.message).toMatch(
      /serves no usable Redfish \(GET \/redfish\/v1\/ answered HTTP 404\)/,
    );
  });

  it('--interop-profile: a profile file the BMC does not meet fails the run, naming the requirement', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'obmc-interop-')), 'vendor.json');
    writeFileSync(
      file,
      JSON.stringify({
        ProfileName: 'NeedsVendor',
        ProfileVersion: '1.0.0',
        Resources: { ServiceRoot: { PropertyRequirements: { Vendor: {}, RedfishVersion: {} } } },
      }),
    );
    const s = await run({}, ['RFP-001'], [await profileFromFile(file)]);
    const report = s.targets[0]?.interop?.[0];
    expect(report).toMatchObject({ profile: 'NeedsVendor', gate: true, counts: { PASS: 1, FAIL: 1 } });
    expect(report?.findings.find((f) => f.result === 'FAIL')).toMatchObject({
      requirement: 'ServiceRoot Vendor',
      detail: 'not present (Mandatory)',
    });
    expect(s.targets[0]?.results[0]?.status).toBe('pass');
    expect(exitCodeOf(s)).toBe(1);
  });
});
