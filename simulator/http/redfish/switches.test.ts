// The Redfish switches beyond bmcweb are per BMC: set by a fleet file entry or the options for
// every node, changed at run time through the control API, reported by /_sim/state; over a real
// socket (HTTP), and refused where the profile has no Redfish.

import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { RedfishPath } from '../../../protocol/index.ts';
import { parseFleet } from '../../fleet.ts';
import { startSimulator } from '../../server.ts';

const basic = `Basic ${Buffer.from('root:0penBmc').toString('base64')}`;

async function bootOf(url: string): Promise<Record<string, unknown>> {
  const res = await request(`${url}${RedfishPath.system}`, { headers: { authorization: basic } });
  return ((await res.body.json()) as { Boot: Record<string, unknown> }).Boot;
}

describe('Redfish switches per BMC', () => {
  it('a fleet entry sets them for its BMCs only; the control API replaces them', async () => {
    const fleet = parseFleet(
      { nodes: [{ profile: 'bmcweb-2024', redfish: ['allowable-enabled'] }, { profile: 'bmcweb-2024' }] },
      'test',
    );
    await using sim = await startSimulator({ port: 0, http: true, timing: 'instant', fleet });
    const [first, second] = sim.urls;
    expect((await sim.control(0).state()).redfish).toEqual({ switches: ['allowable-enabled'] });
    expect((await sim.control(1).state()).redfish).toEqual({ switches: [] });
    expect(await bootOf(first ?? '')).toHaveProperty('BootSourceOverrideEnabled@Redfish.AllowableValues');
    expect(await bootOf(second ?? '')).not.toHaveProperty(
      'BootSourceOverrideEnabled@Redfish.AllowableValues',
    );
    await sim.control(1).setRedfishSwitches(['allowable-enabled', 'no-continuous']);
    expect((await bootOf(second ?? ''))['BootSourceOverrideEnabled@Redfish.AllowableValues']).toEqual([
      'Disabled',
      'Once',
    ]);
  });

  it('a fleet file with an unknown switch is refused naming the field', () => {
    expect(() => parseFleet({ nodes: [{ redfish: ['turbo'] }] }, 'f.json')).toThrow(/nodes\.0\.redfish\.0/);
  });

  it('the control API refuses switches on a firmware without Redfish', async () => {
    await using sim = await startSimulator({
      port: 0,
      http: true,
      timing: 'instant',
      profile: 'phosphor-rest-2018',
    });
    await expect(sim.control(0).setRedfishSwitches(['query'])).rejects.toThrow(/409|no Redfish/);
    expect((await sim.control(0).state()).redfish).toBeUndefined();
  });
});
