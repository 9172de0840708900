import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../checks/index.ts';
import { plan } from '../plan.ts';
import { apiSkipsOf, SKIP_SYSTEM_ID_REST } from './api-skips.ts';
import { remoteTarget } from './remote.ts';

describe('API units a target driver_info rules out', () => {
  it('openbmc_system_id rules out D-Bus REST (it drives host0 only); unset, null and empty do not', () => {
    expect(apiSkipsOf({ openbmc_system_id: 'system' })).toEqual({ rest: SKIP_SYSTEM_ID_REST });
    expect(apiSkipsOf({ openbmc_system_id: '/redfish/v1/Systems/system' })).toEqual({
      rest: SKIP_SYSTEM_ID_REST,
    });
    for (const unset of [undefined, null, '']) expect(apiSkipsOf({ openbmc_system_id: unset })).toEqual({});
    expect(apiSkipsOf()).toEqual({});
  });

  it('a pinned API or D-Bus REST dialect rules out the other API', () => {
    expect(apiSkipsOf({ openbmc_api: 'redfish' }).rest).toMatch(
      /pins openbmc_api "redfish": checked over Redfish only/,
    );
    expect(apiSkipsOf({ openbmc_api: 'rest' }).redfish).toMatch(
      /pins openbmc_api "rest": checked over D-Bus REST only/,
    );
    expect(apiSkipsOf({ openbmc_dialect: 'bmcweb' })).toEqual({
      redfish: expect.stringMatching(/pins openbmc_dialect "bmcweb"/),
    });
    expect(apiSkipsOf({ openbmc_api: 'auto', openbmc_dialect: 'auto' })).toEqual({});
  });

  it('a remote target is planned on both APIs, the ruled-out unit with every check skipped and why', () => {
    const t = remoteTarget({
      name: 'multi-host',
      address: 'https://10.0.0.9',
      username: 'root',
      password: 'pw',
      driverInfo: { openbmc_system_id: 'system' },
    });
    const [rest, redfish] = plan([t], CATALOGUE, { allowPowerChanges: false });
    expect([rest?.api, redfish?.api]).toEqual(['rest', 'redfish']);
    expect(rest?.checks.length).toBeGreaterThan(0);
    for (const { decision } of rest?.checks ?? [])
      expect(decision).toEqual({ run: false, reason: SKIP_SYSTEM_ID_REST });
    expect(redfish?.checks.some((c) => c.decision.run)).toBe(true);
  });
});
