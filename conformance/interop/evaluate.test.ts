// The interop evaluator on a bmcweb-shaped tree (redfish.md 2.1): the Ironic profile's known gap
// on bmcweb (BootSourceOverrideEnabled has no AllowableValues, so MinSupportValues FAILs as in
// DMTF's tool), writability NOT_TESTED without Allow/WriteableProperties, ResetType from the
// ActionInfo, MinVersion from @odata.type; the OpenBMC profile's MinVersion and MinCount.

import { describe, expect, it } from 'vitest';
import { BOOT_TARGETS, RESET_TYPES } from '../../test/support/fake-redfish.ts';
import { evaluateProfile, type InteropReport, type RedfishGet } from './evaluate.ts';
import { builtInProfiles } from './profiles.ts';

function tree(o: { allowableEnabled?: boolean; systemType?: string; allowPatch?: boolean } = {}) {
  const sys = {
    '@odata.id': '/redfish/v1/Systems/system',
    '@odata.type': o.systemType ?? '#ComputerSystem.v1_22_0.ComputerSystem',
    Id: 'system',
    PowerState: 'Off',
    Memory: { '@odata.id': '/redfish/v1/Systems/system/Memory' },
    Processors: { '@odata.id': '/redfish/v1/Systems/system/Processors' },
    Links: {
      ManagedBy: [{ '@odata.id': '/redfish/v1/Managers/bmc' }],
      Chassis: [{ '@odata.id': '/redfish/v1/Chassis/chassis' }],
    },
    Boot: {
      BootSourceOverrideEnabled: 'Disabled',
      ...(o.allowableEnabled
        ? { 'BootSourceOverrideEnabled@Redfish.AllowableValues': ['Disabled', 'Once', 'Continuous'] }
        : {}),
      BootSourceOverrideTarget: 'None',
      'BootSourceOverrideTarget@Redfish.AllowableValues': [...BOOT_TARGETS],
      BootSourceOverrideMode: 'UEFI',
    },
    ...(o.allowPatch ? { '@Redfish.WriteableProperties': ['Boot'] } : {}),
    Actions: {
      '#ComputerSystem.Reset': {
        target: '/redfish/v1/Systems/system/Actions/ComputerSystem.Reset',
        '@Redfish.ActionInfo': '/redfish/v1/Systems/system/ResetActionInfo',
      },
    },
  };
  const resources: Record<string, unknown> = {
    '/redfish/v1': {
      '@odata.type': '#ServiceRoot.v1_15_0.ServiceRoot',
      RedfishVersion: '1.17.0',
      Systems: { '@odata.id': '/redfish/v1/Systems' },
      Chassis: { '@odata.id': '/redfish/v1/Chassis' },
      SessionService: { '@odata.id': '/redfish/v1/SessionService' },
    },
    '/redfish/v1/Systems': {
      '@odata.type': '#ComputerSystemCollection.ComputerSystemCollection',
      Members: [{ '@odata.id': '/redfish/v1/Systems/system' }],
    },
    '/redfish/v1/Systems/system': sys,
    '/redfish/v1/Systems/system/ResetActionInfo': {
      '@odata.type': '#ActionInfo.v1_1_2.ActionInfo',
      Parameters: [
        {
          Name: 'ResetType',
          AllowableValues: [...RESET_TYPES],
        },
      ],
    },
    '/redfish/v1/Chassis': {
      '@odata.type': '#ChassisCollection.ChassisCollection',
      Members: [{ '@odata.id': '/redfish/v1/Chassis/chassis' }],
    },
    '/redfish/v1/Chassis/chassis': { '@odata.type': '#Chassis.v1_22_0.Chassis', Id: 'chassis' },
    '/redfish/v1/SessionService': { '@odata.type': '#SessionService.v1_0_2.SessionService' },
  };
  const get: RedfishGet = async (path) => {
    const json = resources[path];
    const allow = o.allowPatch && path === '/redfish/v1/Systems/system' ? { allow: 'GET, HEAD, PATCH' } : {};
    return json ? { status: 200, headers: allow, json } : { status: 404, headers: {}, json: undefined };
  };
  return get;
}

const ironic = () =>
  builtInProfiles().find((p) => p.profile.ProfileName === 'OpenStackIronicProfile')?.profile;
const openbmc = () => builtInProfiles().find((p) => p.profile.ProfileName.startsWith('OpenBMC'))?.profile;
const find = (r: InteropReport, req: string) => r.findings.find((f) => f.requirement === req);

describe('interop evaluator', () => {
  it("Ironic's profile on bmcweb: Enabled's MinSupportValues FAIL without AllowableValues, Target PASS", async () => {
    const profile = ironic();
    if (!profile) throw new Error('no Ironic profile');
    const r = await evaluateProfile(profile, tree());
    expect(find(r, 'ComputerSystem Boot.BootSourceOverrideEnabled')).toMatchObject({
      result: 'FAIL',
      detail: expect.stringMatching(/no BootSourceOverrideEnabled@Redfish.AllowableValues/),
    });
    expect(find(r, 'ComputerSystem Boot.BootSourceOverrideTarget')?.result).toBe('PASS');
    expect(find(r, 'ComputerSystem Boot.BootSourceOverrideTarget (write)')?.result).toBe('NOT_TESTED');
    expect(find(r, 'ComputerSystem Actions.Reset ResetType')).toMatchObject({ result: 'PASS' });
    expect(find(r, 'ComputerSystem IndicatorLED')?.result).toBe('WARN');
    expect(find(r, 'Protocol MinVersion')?.result).toBe('PASS');
    expect(r.counts.FAIL).toBe(1);
  });

  it('with the AllowableValues annotation and Allow: PATCH the Boot requirements pass', async () => {
    const profile = ironic();
    if (!profile) throw new Error('no Ironic profile');
    const r = await evaluateProfile(profile, tree({ allowableEnabled: true, allowPatch: true }));
    expect(find(r, 'ComputerSystem Boot.BootSourceOverrideEnabled')?.result).toBe('PASS');
    expect(find(r, 'ComputerSystem Boot.BootSourceOverrideEnabled (write)')?.result).toBe('PASS');
    expect(r.counts.FAIL).toBe(0);
  });

  it("OpenBMC's profile: ComputerSystem MinVersion 1.18.0 and one member in each collection", async () => {
    const profile = openbmc();
    if (!profile) throw new Error('no OpenBMC profile');
    const ok = await evaluateProfile(profile, tree());
    expect(ok.counts.FAIL).toBe(0);
    const old = await evaluateProfile(profile, tree({ systemType: '#ComputerSystem.v1_6_0.ComputerSystem' }));
    expect(find(old, 'ComputerSystem MinVersion')).toMatchObject({
      result: 'FAIL',
      detail: expect.stringMatching(/v1_6_0/),
    });
  });
});
