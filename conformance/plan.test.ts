import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './checks/index.ts';
import { decide, explain, plan, SKIP_NO_PERMISSION, SKIP_NO_SESSION_LIST, SKIP_SIM_ONLY } from './plan.ts';
import { embeddedTarget } from './targets/embedded.ts';
import { remoteTarget } from './targets/remote.ts';

const remote = remoteTarget({
  name: 'lab-7',
  address: 'https://10.0.0.7',
  username: 'root',
  password: 'pw-in-plan?',
});
const sim = embeddedTarget({ profile: 'bmcweb-2021' });

describe('plan', () => {
  it('on real hardware: read-only checks run, power and boot changes only with permission, sim-control never', () => {
    for (const c of CATALOGUE) {
      const d = decide(c, remote, { allowPowerChanges: false });
      if (c.requires?.includes('sim-control')) expect(d).toEqual({ run: false, reason: SKIP_SIM_ONLY });
      else if (c.requires?.includes('session-list'))
        expect(d).toEqual({ run: false, reason: SKIP_NO_SESSION_LIST });
      else if (c.needs === 'read-only') expect(d).toEqual({ run: true });
      else expect(d).toEqual({ run: false, reason: SKIP_NO_PERMISSION });
      const allowed = decide(c, remote, { allowPowerChanges: true });
      expect(allowed.run).toBe(!c.requires?.includes('sim-control') && !c.requires?.includes('session-list'));
    }
  });

  it('on real hardware over Redfish, the session counting checks run (its Sessions collection lists them)', () => {
    for (const id of ['SES-001', 'SES-004']) {
      const c = CATALOGUE.find((x) => x.id === id);
      expect(c && decide(c, remote, { allowPowerChanges: false }, 'redfish'), id).toEqual({ run: true });
      expect(c && decide(c, remote, { allowPowerChanges: false }, 'rest'), id).toEqual({
        run: false,
        reason: SKIP_NO_SESSION_LIST,
      });
    }
  });

  it('on the simulator everything runs', () => {
    expect(CATALOGUE.every((c) => decide(c, sim, { allowPowerChanges: false }).run)).toBe(true);
  });

  it('says what will happen to which machine, never the password', () => {
    const text = explain(plan([remote], CATALOGUE, { allowPowerChanges: true }), { allowPowerChanges: true });
    expect(text).toContain('lab-7: https://10.0.0.7 as root');
    expect(text).toMatch(/change the power state: PWR-003 /);
    expect(text).toContain('PWR-003 powers the host off (if on), then on');
    expect(text).toContain('returned to the power state it was found in');
    expect(text).toMatch(
      /skipped \(needs the simulator's control API \(only on simulator targets\)\): PWR-012 /,
    );
    expect(text).not.toContain('pw-in-plan?');
    const readOnly = explain(plan([remote], CATALOGUE, { allowPowerChanges: false }), {
      allowPowerChanges: false,
    });
    expect(readOnly).toMatch(
      /skipped \(changes power or boot settings: run with --allow-power-changes\): PWR-003/,
    );
    expect(readOnly).not.toContain('returned to the power state');
  });
});
