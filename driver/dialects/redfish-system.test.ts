// openbmc_system_id against a small Redfish BMC on a real socket: the configured System is read
// directly (no collection read, as sushy with redfish_system_id), several Systems without one is
// a MissingParameterValue naming them, an Id the BMC lacks an InvalidParameterValue naming
// the ones it has; the system's Id is in every error message and in what the driver detected.

import { describe, expect, it } from 'vitest';
import { useFakeRedfishDriver } from '../../test/support/fake-redfish-driver.ts';
import { InvalidParameterValue, MissingParameterValue } from '../errors.ts';

const rf = useFakeRedfishDriver({ afterClose: (bmc) => expect(bmc.sessions.size).toBe(0) });

const TWO = { systems: ['system0', 'system1'] };

describe('choosing the Redfish system', () => {
  it('several systems and none chosen: MissingParameterValue naming them, the session deleted', async () => {
    const task = await rf.start(TWO);
    const err = await rf.driver.power.getPowerState(task).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingParameterValue);
    expect((err as Error).message).toMatch(
      /^the BMC lists 2 systems in \/redfish\/v1\/Systems \(system0, system1\); set openbmc_system_id/,
    );
    expect(err).toMatchObject({ context: { api: 'redfish', step: 'find the system' } });
  });

  it('openbmc_system_id: that System, read directly; the others untouched; its Id in what was detected', async () => {
    const task = await rf.start({ ...TWO, transitionReads: 0 }, { openbmc_system_id: 'system1' });
    expect(await rf.driver.power.getPowerState(task)).toBe('power off');
    await rf.driver.power.setPowerState(task, 'power on');
    const paths = rf.bmc.lines().filter((l) => l.includes('/Systems'));
    expect(paths.length).toBeGreaterThan(0);
    for (const l of paths) expect(l).toMatch(/\/Systems\/system1(\/|$)/);
    expect(rf.bmc.resets).toEqual(['On']);
    expect(rf.driver.detected(String(task.node.driver_info.openbmc_address))).toMatchObject({
      systemId: 'system1',
    });
    const info = await rf.driver.management.getBmcInfo(task);
    expect(info.system_id).toBe('system1');
  });

  it("Ironic's path form is accepted as the same System", async () => {
    const task = await rf.start(TWO, { openbmc_system_id: '/redfish/v1/Systems/system0' });
    expect(await rf.driver.power.getPowerState(task)).toBe('power off');
    expect(rf.bmc.lines()).toContain('GET /redfish/v1/Systems/system0');
  });

  it('an Id the BMC does not have: InvalidParameterValue naming the ones it has', async () => {
    const task = await rf.start(TWO, { openbmc_system_id: 'system7' });
    const err = await rf.driver.power.getPowerState(task).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidParameterValue);
    expect((err as Error).message).toMatch(
      /^openbmc_system_id "system7" is not a system of this BMC: \/redfish\/v1\/Systems lists system0, system1 \(.*API redfish, system system7,/,
    );
  });

  it('the system is named in errors of later steps too', async () => {
    const task = await rf.start({ inlineResetTypes: ['On'] }, { openbmc_system_id: 'system' });
    rf.bmc.power = 'On';
    const err = await rf.driver.power.setPowerState(task, 'power off').catch((e: unknown) => e);
    expect((err as Error).message).toContain('API redfish, system system,');
  });

  it('a BMC without Redfish (auto falls back to D-Bus REST): the system id is refused, not ignored', async () => {
    const task = await rf.start({ rootStatus: 404 }, { openbmc_system_id: 'system' });
    const err = await rf.driver.power.getPowerState(task).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidParameterValue);
    expect((err as Error).message).toMatch(/serves no Redfish; .*drop openbmc_system_id \(.*API rest,/);
    expect(rf.bmc.lines()).toEqual(['GET /redfish/v1/']);
  });
});
