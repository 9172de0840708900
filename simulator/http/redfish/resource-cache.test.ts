// A kept rendering of Systems/system is never stale: after a change through each way state moves
// (a D-Bus REST write, a Redfish PATCH and action, timed transitions on the clock, the control
// API's switches and reset), the GET shows it, byte for byte what a fresh rendering says (a
// query string bypasses the cache). Over HTTPS on the two eras with and without ETags.

import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { BootSource, ObjectPath, type ProfileName, RedfishPath, RestRoute } from '../../../protocol/index.ts';
import { ObjectTree } from '../../model/object-tree.ts';
import { type RunningSimulator, startSimulator } from '../../server.ts';
import type { RedfishContext, RedfishReply } from './context.ts';
import { cachedGet } from './resource-cache.ts';

const basic = `Basic ${Buffer.from('root:0penBmc').toString('base64')}`;
const closing: (Agent | RunningSimulator)[] = [];
afterEach(async () => {
  await Promise.all(closing.splice(0).map((c) => c.close()));
});

async function start(profile: ProfileName) {
  const sim = await startSimulator({ profile, port: 0, manualClock: true, timing: 'realistic', seed: 7 });
  const agent = new Agent({ connect: { ca: sim.caCertPem ?? '' } });
  closing.push(agent, sim);
  const send = async (method: 'GET' | 'PUT' | 'PATCH' | 'POST', path: string, body?: unknown) => {
    const res = await request(`${sim.url}${path}`, {
      method,
      dispatcher: agent,
      headers: {
        authorization: basic,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.statusCode, etag: res.headers.etag, text: await res.body.text() };
  };
  /** The System as sent, checked against a fresh rendering of the same state. */
  const system = async () => {
    const kept = await send('GET', RedfishPath.system);
    const fresh = await send('GET', `${RedfishPath.system}?fresh=1`);
    expect(kept.status).toBe(200);
    expect(kept.text).toBe(fresh.text);
    expect(kept.etag).toBe(fresh.etag);
    return JSON.parse(kept.text) as {
      PowerState: string;
      IndicatorLED?: string;
      LocationIndicatorActive?: boolean;
      Boot: Record<string, unknown>;
    };
  };
  return { sim, send, system };
}

describe.each(['bmcweb-2021', 'bmcweb-2024'] as const)('the kept System rendering on %s', (profile) => {
  it('follows D-Bus REST writes and a Redfish PATCH', async () => {
    const { send, system } = await start(profile);
    expect((await system()).Boot.BootSourceOverrideTarget).toBe('None');
    // The L2 layout both eras have: the source on boot, override on with boot.Enabled, once with one_time.
    const writes: [string, string, unknown][] = [
      [ObjectPath.boot, 'BootSource', BootSource.Network],
      [ObjectPath.boot, 'Enabled', true],
      [ObjectPath.bootOneTime, 'Enabled', true],
      [ObjectPath.identifyLed, 'Asserted', true],
    ];
    for (const [path, property, data] of writes)
      expect((await send('PUT', `${path}${RestRoute.attr}${property}`, { data })).status).toBe(200);
    const afterDbus = await system();
    expect(afterDbus.Boot).toMatchObject({
      BootSourceOverrideTarget: 'Pxe',
      BootSourceOverrideEnabled: 'Once',
    });
    expect(profile === 'bmcweb-2021' ? afterDbus.IndicatorLED : afterDbus.LocationIndicatorActive).toBe(
      profile === 'bmcweb-2021' ? 'Lit' : true,
    );
    const patch = await send('PATCH', RedfishPath.system, {
      Boot: { BootSourceOverrideTarget: 'Hdd', BootSourceOverrideEnabled: 'Continuous' },
    });
    expect(patch.status).toBeLessThan(300);
    expect((await system()).Boot).toMatchObject({
      BootSourceOverrideTarget: 'Hdd',
      BootSourceOverrideEnabled: 'Continuous',
    });
  });

  it('follows a reset action through its timed steps on the clock, and the control API', async () => {
    const { sim, send, system } = await start(profile);
    expect((await system()).PowerState).toBe('Off');
    const reset = await send('POST', RedfishPath.systemReset, { ResetType: 'On' });
    expect(reset.status).toBeLessThan(300);
    // Realistic timing: the host is not on yet; only the clock moves it there.
    const starting = await system();
    expect(starting.PowerState).not.toBe('On');
    await sim.control().advance(10 * 60_000);
    expect((await system()).PowerState).toBe('On');

    await sim.control().setRedfishSwitches(['allowable-enabled']);
    expect((await system()).Boot).toHaveProperty('BootSourceOverrideEnabled@Redfish.AllowableValues');
    await sim.control().setRedfishSwitches([]);
    expect((await system()).Boot).not.toHaveProperty('BootSourceOverrideEnabled@Redfish.AllowableValues');

    await send('PATCH', RedfishPath.system, { Boot: { BootSourceOverrideTarget: 'Pxe' } });
    expect((await system()).Boot.BootSourceOverrideTarget).toBe('Pxe');
    await sim.control().reset();
    const after = await system();
    expect(after.PowerState).toBe('Off');
    expect(after.Boot.BootSourceOverrideTarget).toBe('None');
  });
});

describe('cachedGet', () => {
  const contextOf = (tree: ObjectTree, switches = new Set<never>()) =>
    ({ node: {}, bmc: { tree }, switches, path: RedfishPath.system }) as unknown as RedfishContext;

  it('renders once per tree version and switch set, and keeps only 200 answers', () => {
    const tree = new ObjectTree();
    tree.add({
      path: ObjectPath.host,
      interfaces: { i: { properties: { CurrentHostState: { signature: 's', value: 'Off' } } } },
    });
    let renders = 0;
    const handler = (ctx: RedfishContext): RedfishReply => {
      renders++;
      return {
        status: 200,
        body: { PowerState: String(ctx.bmc.tree.get(ObjectPath.host, 'CurrentHostState')) },
      };
    };
    const ctx = contextOf(tree);
    const first = cachedGet(ctx, handler);
    expect(first.rendered?.text).toBe('{\n  "PowerState": "Off"\n}');
    expect(cachedGet(ctx, handler)).toBe(first);
    expect(renders).toBe(1);
    tree.set(ObjectPath.host, 'CurrentHostState', 'On');
    expect(cachedGet(ctx, handler).rendered?.text).toContain('"On"');
    expect(renders).toBe(2);
    const other = contextOf(tree, new Set(['query']) as Set<never>);
    other.node = ctx.node;
    cachedGet(other, handler);
    expect(renders).toBe(3);

    const missing = contextOf(new ObjectTree());
    const notFound = (): RedfishReply => {
      renders++;
      return { status: 404 };
    };
    cachedGet(missing, notFound);
    cachedGet(missing, notFound);
    expect(renders).toBe(5);
  });
});
