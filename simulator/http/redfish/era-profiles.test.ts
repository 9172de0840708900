// The era profiles that differ from their neighbours in what a client sees, over HTTPS:
// bmcweb-2020 (2d5fe9d0), the 2024-07..08 window (cdf25ffb6b..247ae89bc2) and bmcweb-2026
// (8b0993927e, c583f90000). Time moves on the manual clock.

import { afterAll, describe, expect, it } from 'vitest';
import { ChassisPowerState, ObjectPath, RedfishPath } from '../../../protocol/index.ts';
import { closeAll, startHttps } from '../../../test/support/redfish-https.ts';

afterAll(closeAll);

type Message = { MessageId: string };
const ids = (list: unknown) => (list as Message[]).map((m) => m.MessageId);

describe('bmcweb-2020 (OpenBMC 2.9)', () => {
  it('ActionInfo-only resets, PoweringOn with State Disabled, Mode fixed Legacy and unknown to PATCH, Base.1.8.1', async () => {
    const { get, patch, send, token, sim } = await startHttps('bmcweb-2020', 'realistic');
    const system = (await get(RedfishPath.system)).json();
    expect(system['@odata.type']).toBe('#ComputerSystem.v1_13_0.ComputerSystem');
    expect(system['@odata.context']).toBeUndefined();
    expect((system.Actions as Record<string, Record<string, unknown>>)['#ComputerSystem.Reset']).toEqual({
      '@Redfish.ActionInfo': RedfishPath.systemResetInfo,
      target: RedfishPath.systemReset,
    });
    expect((system.Boot as Record<string, unknown>).BootSourceOverrideMode).toBe('Legacy');
    const mode = await patch(RedfishPath.system, { Boot: { BootSourceOverrideMode: 'UEFI' } });
    expect(mode.status).toBe(400);
    expect(ids(mode.json()['BootSourceOverrideMode@Message.ExtendedInfo'])).toEqual([
      'Base.1.8.1.PropertyUnknown',
    ]);
    const on = await send('POST', RedfishPath.systemReset, { ResetType: 'On' }, token);
    expect(on.status).toBe(200);
    await sim.control().advance(4_000);
    expect((await get(RedfishPath.system)).json()).toMatchObject({
      PowerState: 'PoweringOn',
      Status: { State: 'Disabled' },
    });
  });
});

describe('bmcweb-2024-08: setDbusProperty answered 200 + Base.Success (cdf25ffb6b, reverted by 247ae89bc2)', () => {
  it('a Reset and each AccountService set add Base.Success with 200; the Systems PATCH keeps its preset 204', async () => {
    const { patch, send, token } = await startHttps('bmcweb-2024-08');
    const reset = await send('POST', RedfishPath.systemReset, { ResetType: 'On' }, token);
    expect(reset.status).toBe(200);
    expect(ids(reset.json()['@Message.ExtendedInfo'])).toEqual(['Base.1.18.1.Success']);
    const policy = await patch(RedfishPath.accountService, {
      AccountLockoutThreshold: 3,
      MinPasswordLength: 9,
    });
    expect(policy.status).toBe(200);
    expect(ids(policy.json()['@Message.ExtendedInfo'])).toEqual([
      'Base.1.18.1.Success',
      'Base.1.18.1.Success',
    ]);
    const boot = await patch(RedfishPath.system, { Boot: { BootSourceOverrideTarget: 'Pxe' } });
    expect(boot.status).toBe(204);
  });

  it('bmcweb-2024 itself answers 204 to the same requests', async () => {
    const { patch, send, token } = await startHttps('bmcweb-2024');
    expect((await send('POST', RedfishPath.systemReset, { ResetType: 'On' }, token)).status).toBe(204);
    expect((await patch(RedfishPath.accountService, { AccountLockoutThreshold: 3 })).status).toBe(204);
  });
});

describe('bmcweb-2026 (HEAD)', () => {
  it('property errors go inside `error` (8b0993927e): PropertyValueNotInList, PropertyNotWritable 405, PropertyValueModified 200', async () => {
    const { patch } = await startHttps('bmcweb-2026');
    const bad = await patch(RedfishPath.system, { Boot: { BootSourceOverrideTarget: 'Floppy' } });
    expect(bad.status).toBe(400);
    expect(bad.json()['BootSourceTargetOverride@Message.ExtendedInfo']).toBeUndefined();
    expect((bad.json().error as { code: string }).code).toBe('Base.1.19.PropertyValueNotInList');
    const ro = await patch(RedfishPath.accountService, { MaxPasswordLength: 30 });
    expect(ro.status).toBe(405);
    expect((ro.json().error as { code: string }).code).toBe('Base.1.19.PropertyNotWritable');
    const timeout = await patch(RedfishPath.sessionService, { SessionTimeout: 600 });
    expect(timeout.status).toBe(200);
    expect((timeout.json().error as { code: string }).code).toBe('Base.1.19.PropertyValueModified');
  });

  it('the Chassis shows PoweringOn while chassis0 is TransitioningToOn (c583f90000); bmcweb-2025 shows no PowerState then', async () => {
    for (const [profile, expected] of [
      ['bmcweb-2026', { PowerState: 'PoweringOn', Status: { State: 'Starting' } }],
      ['bmcweb-2025', { PowerState: undefined }],
    ] as const) {
      const { get, send, token, sim } = await startHttps(profile, 'realistic');
      expect((await send('POST', RedfishPath.systemReset, { ResetType: 'On' }, token)).status).toBe(204);
      await sim.control().advance(1_000);
      expect(sim.nodes[0]?.bmc.tree.get(ObjectPath.chassis, 'CurrentPowerState')).toBe(
        ChassisPowerState.TransitioningToOn,
      );
      const chassis = (await get(RedfishPath.chassis)).json();
      expect(chassis.PowerState, profile).toBe(expected.PowerState);
      if ('Status' in expected) expect(chassis.Status).toMatchObject(expected.Status);
    }
  });
});
