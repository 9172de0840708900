// The session checks on the Redfish axis count what the BMC lists in its Sessions collection, so
// a BMC that keeps the driver's sessions after DELETE fails them there, saying where it counted.

import { describe, expect, it } from 'vitest';
import { findChecks } from './checks/index.ts';
import { runConformance } from './runner.ts';
import { embeddedTarget } from './targets/embedded.ts';

describe('session counting over Redfish', () => {
  it('a BMC that keeps deleted sessions fails SES-001, SES-003 and SES-004 on the Redfish unit', async () => {
    const summary = await runConformance({
      targets: [
        embeddedTarget({ profile: 'bmcweb-2024', faults: [{ kind: 'drop-logout' }], apis: ['redfish'] }),
      ],
      checks: findChecks(['SES-001', 'SES-003', 'SES-004']),
      allowPowerChanges: false,
      interopProfiles: [],
    });
    const byId = new Map(summary.targets[0]?.results.map((r) => [r.id, r]));
    expect(byId.get('SES-001')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(
        /^after one power read the BMC still holds 1 session\(s\): the logout did not end it \(counted in the SessionService Sessions collection, 0 before\)/,
      ),
    });
    expect(byId.get('SES-003')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(
        /^0 session\(s\) before 8 concurrent reads, \d+ after in the SessionService Sessions collection/,
      ),
    });
    expect(byId.get('SES-004')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(
        /^close\(\) should log the kept session out, 1 left in the SessionService Sessions collection/,
      ),
    });
  });
});
