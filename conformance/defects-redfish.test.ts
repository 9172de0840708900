// The kit can fail over Redfish too: a simulator with a deliberate defect makes the Redfish unit's
// checks that cover it fail, by name and with a message that says what went wrong.

import { describe, expect, it } from 'vitest';
import type { RedfishSwitch } from '../protocol/index.ts';
import type { FaultSpec } from '../simulator/faults/definitions.ts';
import { findChecks } from './checks/index.ts';
import type { CheckResult } from './results.ts';
import { runConformance } from './runner.ts';
import { embeddedTarget } from './targets/embedded.ts';

async function runWithDefect(
  o: { faults?: FaultSpec[]; redfishSwitches?: RedfishSwitch[] },
  ids: string[],
): Promise<Map<string, CheckResult>> {
  const summary = await runConformance({
    targets: [
      embeddedTarget({
        profile: 'bmcweb-2024',
        apis: ['redfish'],
        ...o,
        driverInfo: { openbmc_power_timeout: 0.1, openbmc_soft_power_timeout: 0.1 },
      }),
    ],
    checks: findChecks(ids),
    allowPowerChanges: false,
    interopProfiles: [],
  });
  expect(summary.targets[0]?.api).toBe('redfish');
  return new Map(summary.targets[0]?.results.map((r) => [r.id, r]));
}

describe('a Redfish BMC with a deliberate defect', () => {
  it('a stuck host: power on through Redfish fails with PowerStateFailure naming PowerState', async () => {
    const r = await runWithDefect({ faults: [{ kind: 'stuck-host' }] }, ['PWR-001', 'PWR-003', 'RUC-001']);
    expect(r.get('PWR-001')?.status).toBe('pass');
    expect(r.get('PWR-003')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/^PowerStateFailure: .*PowerState Off/),
    });
    expect(r.get('RUC-001')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/PowerState should reach On/),
    });
  });

  it('sessions not deleted: the session check fails, the token still works after DELETE', async () => {
    const r = await runWithDefect({ faults: [{ kind: 'drop-logout' }] }, ['RFP-003', 'PWR-001']);
    expect(r.get('RFP-003')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/should be refused \(401\), got 200/),
    });
    expect(r.get('PWR-001')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/session\(s\) still open/),
    });
  });

  it('a boot setting that does not stick: the round trip fails naming what the BMC reports', async () => {
    const r = await runWithDefect({ faults: [{ kind: 'boot-not-sticky' }] }, ['BOT-003']);
    expect(r.get('BOT-003')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/did not keep the boot setting: asked for pxe/),
    });
  });

  it('Continuous refused: the use case fails naming the refusal, the driver still keeps the device (emulated)', async () => {
    const r = await runWithDefect({ redfishSwitches: ['no-continuous'] }, ['RUC-002', 'BOT-004']);
    expect(r.get('RUC-002')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/BootSourceOverrideEnabled":"Continuous".* answered HTTP 400/),
    });
    expect(r.get('BOT-004')?.status).toBe('pass');
  });
});
