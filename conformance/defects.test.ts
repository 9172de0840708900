// The kit can fail: a simulator with a deliberate defect makes the checks that cover it fail,
// by name and with a message that says what went wrong, while unrelated checks still pass.

import { describe, expect, it } from 'vitest';
import type { FaultSpec } from '../simulator/faults/definitions.ts';
import { findChecks } from './checks/index.ts';
import type { CheckResult } from './results.ts';
import { runConformance } from './runner.ts';
import { embeddedTarget } from './targets/embedded.ts';

async function runWithDefect(faults: FaultSpec[], ids: string[]): Promise<Map<string, CheckResult>> {
  const summary = await runConformance({
    targets: [
      embeddedTarget({
        profile: 'bmcweb-2021',
        faults,
        // A stuck host must fail in a fraction of a second, not at the 10 s default.
        driverInfo: { openbmc_power_timeout: 0.1, openbmc_soft_power_timeout: 0.1 },
      }),
    ],
    checks: findChecks(ids),
    allowPowerChanges: false,
  });
  return new Map(summary.targets[0]?.results.map((r) => [r.id, r]));
}

describe('a simulator with a deliberate defect', () => {
  it('a stuck host: power on, reboot and soft off fail with PowerStateFailure; reads still pass', async () => {
    const r = await runWithDefect([{ kind: 'stuck-host' }], ['PWR-001', 'PWR-003', 'PWR-009', 'PWR-007']);
    expect(r.get('PWR-001')?.status).toBe('pass');
    for (const id of ['PWR-003', 'PWR-009']) {
      expect(r.get(id)?.status, id).toBe('fail');
      expect(r.get(id)?.message, id).toMatch(
        /^PowerStateFailure: .*after 0\.1 s the BMC still reports CurrentHostState Off/,
      );
    }
    // Soft off starts from "on", which the stuck host never reaches: the set-up fails, so `error`.
    expect(r.get('PWR-007')?.status).toBe('error');
    expect(r.get('PWR-007')?.message).toMatch(/^set-up failed \(power the host on\): PowerStateFailure/);
  });

  it('a boot setting that does not stick: the round-trip checks fail naming the setting', async () => {
    const r = await runWithDefect([{ kind: 'boot-not-sticky' }], ['BOT-002', 'BOT-003', 'BOT-004']);
    expect(r.get('BOT-002')?.status).toBe('pass');
    for (const id of ['BOT-003', 'BOT-004']) {
      expect(r.get(id)?.status, id).toBe('fail');
      expect(r.get(id)?.message, id).toMatch(
        /^OpenBMCError: the BMC did not keep the boot setting: asked for pxe/,
      );
    }
  });

  it('a dropped logout: the session checks fail saying the BMC still holds a session', async () => {
    const r = await runWithDefect([{ kind: 'drop-logout' }], ['SES-001', 'PWR-001']);
    expect(r.get('SES-001')?.status).toBe('fail');
    expect(r.get('SES-001')?.message).toMatch(/after one power read the BMC still holds 1 session/);
    expect(r.get('PWR-001')?.status).toBe('fail');
    expect(r.get('PWR-001')?.message).toMatch(/^1 session\(s\) still open on the BMC after the check/);
  });

  it('a BMC that refuses every login: every check is an error at set-up, none passes', async () => {
    const r = await runWithDefect(
      [{ kind: 'status', status: 500, method: 'POST', path: '/login' }],
      ['PWR-001', 'BOT-002'],
    );
    for (const id of ['PWR-001', 'BOT-002']) {
      expect(r.get(id)?.status, id).toBe('error');
      expect(r.get(id)?.message, id).toMatch(
        /^the target did not answer a power state read: OpenBMCError: login failed: login answered HTTP 500/,
      );
    }
  });
});
