// The Redfish face through the express app (supertest), on every bmcweb profile: entry points,
// sessions shared with /login, auth answers, the 2.2 mapping in both directions (a Redfish write
// shows on D-Bus, a D-Bus write shows on Redfish), the one-time override consumed at the next
// boot, and the era differences of redfish.md 2.4.

import type express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  BootSource,
  HostState,
  ObjectPath,
  type ProfileName,
  RedfishPath,
  type RedfishSwitch,
  VersionPurpose,
} from '../../../protocol/index.ts';
import { silentLogger } from '../../logger.ts';
import type { User } from '../../model/accounts.ts';
import { ManualClock } from '../../model/clock.ts';
import { seededRng } from '../../model/rng.ts';
import { SimNode } from '../../node.ts';
import { scaleTimings } from '../../options.ts';
import { getProfile } from '../../profiles/index.ts';
import { createBmcApp } from '../app.ts';

const ROOT: User = { username: 'root', password: '0penBmc', role: 'Administrator' };
const READER: User = { username: 'reader', password: 'readpw', role: 'ReadOnly' };
const BMCWEB: ProfileName[] = ['bmcweb-2019', 'bmcweb-2021', 'bmcweb-2024', 'bmcweb-2025'];

function make(
  name: ProfileName,
  timing: 'instant' | 'realistic' = 'instant',
  switches: RedfishSwitch[] = [],
) {
  const profile = getProfile(name);
  if (!profile) throw new Error(name);
  const clock = new ManualClock();
  const node = new SimNode({
    index: 0,
    profile,
    timings: scaleTimings(profile.timings, timing),
    clock,
    manualClock: clock,
    rng: seededRng(`redfish-${name}`),
    seed: 3,
    users: [ROOT, READER],
  });
  for (const s of switches) node.redfishSwitches.add(s);
  const app = createBmcApp(node, { control: 'loopback', logger: silentLogger });
  return { app, node, clock, profile };
}

interface Reply {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
  json: () => Record<string, unknown>;
}

async function call(
  app: express.Express,
  method: 'get' | 'post' | 'patch' | 'delete' | 'put' | 'head',
  path: string,
  o: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<Reply> {
  let t = request(app)[method](path);
  for (const [k, v] of Object.entries(o.headers ?? {})) t = t.set(k, v);
  if (o.body !== undefined) t = t.set('Content-Type', 'application/json').send(JSON.stringify(o.body));
  const res = await t.buffer(true).parse((r, cb) => {
    let data = '';
    r.on('data', (c: Buffer) => {
      data += c.toString('utf8');
    });
    r.on('end', () => cb(null, data));
  });
  const text = String(res.body ?? '');
  return {
    status: res.status,
    headers: res.headers as Record<string, string | undefined>,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
}

async function redfishLogin(app: express.Express, user = ROOT) {
  const r = await call(app, 'post', RedfishPath.sessions, {
    body: { UserName: user.username, Password: user.password },
  });
  expect(r.status).toBe(201);
  return { token: r.headers['x-auth-token'] ?? '', location: r.headers.location ?? '' };
}

const boot = async (app: express.Express, token: string) =>
  (await call(app, 'get', RedfishPath.system, { headers: { 'X-Auth-Token': token } })).json().Boot as Record<
    string,
    unknown
  >;

describe.each(BMCWEB)('Redfish face on %s', (name) => {
  it('serves the entry points without credentials and refuses the rest with 401 + WWW-Authenticate: Basic', async () => {
    const { app } = make(name);
    expect((await call(app, 'get', '/redfish')).json()).toEqual({ v1: '/redfish/v1/' });
    const root = await call(app, 'get', '/redfish/v1/');
    expect(root.status).toBe(200);
    expect(root.json()).toMatchObject({
      Id: 'RootService',
      Links: { Sessions: { '@odata.id': RedfishPath.sessions } },
    });
    expect(root.json()).not.toHaveProperty('Vendor');
    expect((await call(app, 'get', RedfishPath.odata)).status).toBe(200);
    const metadata = await call(app, 'get', RedfishPath.metadata);
    expect(metadata.headers['content-type']).toBe('application/xml');
    expect(metadata.text).toMatch(
      /^<\?xml[\s\S]*edmx:Reference Uri="\/redfish\/v1\/schema\/ComputerSystem_v1.xml"/,
    );
    const refused = await call(app, 'get', RedfishPath.systems);
    expect(refused.status).toBe(401);
    expect(refused.text).toBe('');
    expect(refused.headers['www-authenticate']).toBe('Basic');
  });

  it("Managers/bmc's FirmwareVersion is the running BMC image's Version (software/functional, Purpose BMC)", async () => {
    const { app, node } = make(name);
    const { token } = await redfishLogin(app);
    const manager = (
      await call(app, 'get', RedfishPath.manager, { headers: { 'X-Auth-Token': token } })
    ).json();
    const endpoints = node.bmc.tree.get(`${ObjectPath.software}/functional`, 'endpoints') as string[];
    const bmcImage = endpoints.find((p) => node.bmc.tree.get(p, 'Purpose') === VersionPurpose.BMC) ?? '';
    expect(manager.FirmwareVersion).toBe(node.bmc.tree.get(bmcImage, 'Version'));
    expect(manager.FirmwareVersion).toMatch(/^2\.11\.0-/);
  });

  it('one session store: a Redfish session works on /xyz, a /login token on Redfish; DELETE leaves none', async () => {
    const { app, node, profile } = make(name);
    const { token, location } = await redfishLogin(app);
    expect(token).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(location).toMatch(/^\/redfish\/v1\/SessionService\/Sessions\/[A-Za-z0-9]{10}$/);
    const members = (
      await call(app, 'get', RedfishPath.sessions, { headers: { 'X-Auth-Token': token } })
    ).json();
    expect(members.Members).toEqual([{ '@odata.id': location }]);
    const rest = await call(app, 'get', `${ObjectPath.host}/attr/CurrentHostState`, {
      headers: { 'X-Auth-Token': token },
    });
    expect(rest.status).toBe(profile.restEnabled ? 200 : 404);
    const login = await call(app, 'post', '/login', { body: { username: 'root', password: '0penBmc' } });
    const loginToken = (login.json() as { token?: string }).token ?? '';
    expect(
      (await call(app, 'get', RedfishPath.system, { headers: { 'X-Auth-Token': loginToken } })).status,
    ).toBe(200);
    expect(node.bmc.sessions.count()).toBe(2);
    const deleted = await call(app, 'delete', location, { headers: { 'X-Auth-Token': token } });
    expect(deleted.status).toBe(200);
    expect((await call(app, 'get', RedfishPath.system, { headers: { 'X-Auth-Token': token } })).status).toBe(
      401,
    );
    await call(app, 'post', '/logout', { headers: { 'X-Auth-Token': loginToken }, body: {} });
    expect(node.bmc.sessions.count()).toBe(0);
  });

  it('takes Basic auth without leaving a session, and answers a wrong password with ResourceAtUriUnauthorized', async () => {
    const { app, node } = make(name);
    const basic = `Basic ${Buffer.from('root:0penBmc').toString('base64')}`;
    expect((await call(app, 'get', RedfishPath.system, { headers: { Authorization: basic } })).status).toBe(
      200,
    );
    expect(node.bmc.sessions.count()).toBe(0);
    const bad = await call(app, 'post', RedfishPath.sessions, {
      body: { UserName: 'root', Password: 'nope' },
    });
    expect(bad.status).toBe(name === 'bmcweb-2019' ? 403 : 401);
    expect((bad.json().error as { code: string }).code).toMatch(/\.ResourceAtUriUnauthorized$/);
  });

  it('a Redfish reset and boot override are D-Bus writes; the one-time override is consumed at the next boot', async () => {
    const { app, node, profile } = make(name);
    const { token } = await redfishLogin(app);
    const h = { 'X-Auth-Token': token };
    const patch = await call(app, 'patch', RedfishPath.system, {
      headers: h,
      body: { Boot: { BootSourceOverrideTarget: 'Pxe', BootSourceOverrideEnabled: 'Once' } },
    });
    expect(patch.status).toBe(204);
    const settings = node.bmc.bootSettings();
    const held = profile.boot.layout === 'L1' ? ObjectPath.bootOneTime : ObjectPath.boot;
    expect(settings[held]?.BootSource).toBe(BootSource.Network);
    expect(settings[ObjectPath.bootOneTime]?.Enabled).toBe(true);
    expect(await boot(app, token)).toMatchObject({
      BootSourceOverrideTarget: 'Pxe',
      BootSourceOverrideEnabled: 'Once',
    });
    const on = await call(app, 'post', RedfishPath.systemReset, { headers: h, body: { ResetType: 'On' } });
    expect(on.status).toBe(profile.redfish && profile.redfish.actionSuccess === 204 ? 204 : 200);
    expect(node.bmc.tree.get(ObjectPath.host, 'CurrentHostState')).toBe(HostState.Running);
    expect((await call(app, 'get', RedfishPath.system, { headers: h })).json().PowerState).toBe('On');
    expect(node.bmc.lastBoot).toMatchObject({ source: BootSource.Network, oneTime: true });
    expect((await boot(app, token)).BootSourceOverrideEnabled).toBe('Disabled');
  });

  it('a D-Bus write shows on Redfish: persistent disk (over D-Bus REST where the build has it)', async () => {
    const { app, node, profile } = make(name);
    const { token } = await redfishLogin(app);
    const set = async (path: string, prop: string, value: string | boolean) => {
      if (!profile.restEnabled) {
        // REST compiled out: the same model command a D-Bus client (busctl) would drive.
        expect(node.bmc.setProperty(path, prop, value, 'exact').ok).toBe(true);
        return;
      }
      const r = await call(app, 'put', `${path}/attr/${prop}`, {
        headers: { 'X-Auth-Token': token },
        body: { data: value },
      });
      expect(r.status).toBe(200);
    };
    await set(ObjectPath.boot, 'BootSource', BootSource.Disk);
    if (profile.boot.layout === 'L2') await set(ObjectPath.boot, 'Enabled', true);
    await set(ObjectPath.bootOneTime, 'Enabled', false);
    expect(await boot(app, token)).toMatchObject({
      BootSourceOverrideTarget: 'Hdd',
      BootSourceOverrideEnabled: 'Continuous',
    });
    if (profile.boot.hasBootType) {
      await set(ObjectPath.boot, 'BootType', 'xyz.openbmc_project.Control.Boot.Type.Types.Legacy');
      expect((await boot(app, token)).BootSourceOverrideMode).toBe('Legacy');
    }
    await set(ObjectPath.host, 'RequestedHostTransition', 'xyz.openbmc_project.State.Host.Transition.On');
    expect(
      (await call(app, 'get', RedfishPath.system, { headers: { 'X-Auth-Token': token } })).json().PowerState,
    ).toBe('On');
  });

  it('Manager.Reset reboots the BMC model; a ReadOnly user may not reset', async () => {
    const { app, node } = make(name, 'realistic');
    const admin = await redfishLogin(app);
    const reader = await redfishLogin(app, READER);
    const denied = await call(app, 'post', RedfishPath.systemReset, {
      headers: { 'X-Auth-Token': reader.token },
      body: { ResetType: 'On' },
    });
    expect(denied.status).toBe(403);
    expect((denied.json().error as { code: string }).code).toMatch(/\.InsufficientPrivilege$/);
    const r = await call(app, 'post', RedfishPath.managerReset, {
      headers: { 'X-Auth-Token': admin.token },
      body: { ResetType: 'GracefulRestart' },
    });
    expect(r.status).toBe(200);
    expect(node.state().bmc).toMatchObject({
      requested: 'xyz.openbmc_project.State.BMC.Transition.Reboot',
      current: 'xyz.openbmc_project.State.BMC.BMCState.NotReady',
    });
    expect(node.state().pending.map((p) => p.event)).toContain('BMC rebooted');
  });
});

describe('Redfish era differences (redfish.md 2.4)', () => {
  it('2019: inline ResetType list, Mode fixed Legacy and unknown to PATCH, Base.1.4.0 with Severity, no ETag', async () => {
    const { app } = make('bmcweb-2019');
    const { token } = await redfishLogin(app);
    const h = { 'X-Auth-Token': token };
    const sys = await call(app, 'get', RedfishPath.system, { headers: h });
    expect(sys.headers.etag).toBeUndefined();
    expect(sys.headers['odata-version']).toBeUndefined();
    expect(sys.json()).toMatchObject({
      '@odata.context': '/redfish/v1/$metadata#ComputerSystem.ComputerSystem',
      Actions: {
        '#ComputerSystem.Reset': {
          'ResetType@Redfish.AllowableValues': expect.arrayContaining(['ForceRestart']),
        },
      },
      Boot: { BootSourceOverrideMode: 'Legacy' },
    });
    const mode = await call(app, 'patch', RedfishPath.system, {
      headers: h,
      body: { Boot: { BootSourceOverrideMode: 'UEFI' } },
    });
    expect(mode.status).toBe(400);
    expect(mode.json()).toEqual({
      'BootSourceOverrideMode@Message.ExtendedInfo': [
        {
          '@odata.type': '/redfish/v1/$metadata#Message.v1_0_0.Message',
          Message:
            'The property BootSourceOverrideMode is not in the list of valid properties for the resource.',
          MessageArgs: ['BootSourceOverrideMode'],
          MessageId: 'Base.1.4.0.PropertyUnknown',
          Resolution:
            'Remove the unknown property from the request body and resubmit the request if the operation failed.',
          Severity: 'Warning',
        },
      ],
    });
    // ForceRestart wrote chassis Transition.Reset, which phosphor-state-manager refuses.
    const force = await call(app, 'post', RedfishPath.systemReset, {
      headers: h,
      body: { ResetType: 'ForceRestart' },
    });
    expect(force.status).toBe(400);
    expect((force.json().error as { code: string }).code).toBe('Base.1.4.0.ActionParameterNotSupported');
    expect((await call(app, 'get', RedfishPath.systemResetInfo, { headers: h })).status).toBe(404);
  });

  it('2021: PoweringOn while the host starts; a bad target is reported twice under the typo', async () => {
    const { app, clock } = make('bmcweb-2021', 'realistic');
    const { token } = await redfishLogin(app);
    const h = { 'X-Auth-Token': token };
    await call(app, 'post', RedfishPath.systemReset, { headers: h, body: { ResetType: 'On' } });
    clock.advance(4_000);
    expect((await call(app, 'get', RedfishPath.system, { headers: h })).json()).toMatchObject({
      PowerState: 'PoweringOn',
      Status: { State: 'Starting' },
    });
    const bad = await call(app, 'patch', RedfishPath.system, {
      headers: h,
      body: { Boot: { BootSourceOverrideTarget: 'Floppy' } },
    });
    expect(bad.status).toBe(400);
    const notes = bad.json()['BootSourceTargetOverride@Message.ExtendedInfo'] as {
      MessageId: string;
      Message: string;
    }[];
    expect(notes.map((n) => n.MessageId)).toEqual([
      'Base.1.8.1.PropertyValueNotInList',
      'Base.1.8.1.PropertyValueNotInList',
    ]);
    expect(notes[0]?.Message).toBe(
      'The value Floppy for the property BootSourceTargetOverride is not in the list of acceptable values.',
    );
  });

  it('2024: ETag and If-Match (412 when stale), OData-Version, 501 for $expand, ResourceNotFound and OperationNotAllowed bodies', async () => {
    const { app } = make('bmcweb-2024');
    const { token } = await redfishLogin(app);
    const h = { 'X-Auth-Token': token };
    const sys = await call(app, 'get', RedfishPath.system, { headers: h });
    expect(sys.headers['odata-version']).toBe('4.0');
    const etag = sys.headers.etag ?? '';
    expect(etag).toMatch(/^"[0-9A-F]{8}"$/);
    expect((await call(app, 'get', RedfishPath.system, { headers: h })).headers.etag).toBe(etag);
    const body = { Boot: { BootSourceOverrideTarget: 'Hdd' } };
    expect(
      (await call(app, 'patch', RedfishPath.system, { headers: { ...h, 'If-Match': '"00000000"' }, body }))
        .status,
    ).toBe(412);
    expect(
      (await call(app, 'patch', RedfishPath.system, { headers: { ...h, 'If-Match': etag }, body })).status,
    ).toBe(204);
    // The resource changed, so its ETag did too: the old one is now stale.
    expect(
      (await call(app, 'patch', RedfishPath.system, { headers: { ...h, 'If-Match': etag }, body })).status,
    ).toBe(412);
    expect((await call(app, 'get', RedfishPath.system, { headers: { ...h, 'If-Match': etag } })).status).toBe(
      412,
    );
    expect(
      (await call(app, 'get', RedfishPath.system, { headers: { ...h, 'OData-Version': '3.0' } })).status,
    ).toBe(412);
    const expand = await call(app, 'get', `${RedfishPath.chassis}?$expand=.($levels=1)`, { headers: h });
    expect(expand.status).toBe(501);
    expect((expand.json().error as { code: string }).code).toBe('Base.1.18.1.QueryParameterValueFormatError');
    const missing = await call(app, 'get', '/redfish/v1/Nothing', { headers: h });
    expect(missing.status).toBe(404);
    expect(missing.headers.allow).toBe('');
    expect(missing.json().error).toMatchObject({ code: 'Base.1.18.1.ResourceNotFound' });
    const verb = await call(app, 'delete', RedfishPath.system, { headers: h });
    expect(verb.status).toBe(405);
    expect(verb.json().error).toMatchObject({ code: 'Base.1.18.1.ResourceCannotBeDeleted' });
    const unknown = await call(app, 'patch', RedfishPath.system, { headers: h, body: { Boot: { Foo: 1 } } });
    expect(unknown.json().error).toMatchObject({ code: 'Base.1.18.1.PropertyUnknown' });
  });

  it('2024: percent-encoding: a bad byte names the resource with U+FFFD, a bare % is a 400 (found by test/fuzz)', async () => {
    const { app } = make('bmcweb-2024');
    const { token } = await redfishLogin(app);
    const h = { 'X-Auth-Token': token };
    const bad = await call(app, 'get', '/redfish/v1/Systems/%FF', { headers: h });
    expect(bad.status).toBe(404);
    expect(bad.json().error).toMatchObject({
      '@Message.ExtendedInfo': [{ MessageArgs: ['ComputerSystem', '\uFFFD'] }],
    });
    expect((await call(app, 'get', '/redfish/v1/AccountService/Accounts/%', { headers: h })).status).toBe(
      400,
    );
  });

  it('2024: a reset while the BMC is NotReady answers 503 ServiceTemporarilyUnavailable with Retry-After', async () => {
    const { app, node } = make('bmcweb-2024', 'realistic');
    const { token } = await redfishLogin(app);
    node.bmc.rebootBmc();
    const r = await call(app, 'post', RedfishPath.systemReset, {
      headers: { 'X-Auth-Token': token },
      body: { ResetType: 'On' },
    });
    expect(r.status).toBe(503);
    expect(r.headers['retry-after']).toBe('10');
    expect(node.bmc.tree.get(ObjectPath.host, 'RequestedHostTransition')).toBe(
      'xyz.openbmc_project.State.Host.Transition.Off',
    );
  });

  it('2025: no Thermal/Power, two-part MessageIds; the old name bmcweb-rest-disabled is the same firmware', async () => {
    const { app } = make('bmcweb-2025');
    const { token } = await redfishLogin(app);
    const h = { 'X-Auth-Token': token };
    const thermal = await call(app, 'get', RedfishPath.thermal, { headers: h });
    expect(thermal.status).toBe(404);
    expect(thermal.json().error).toMatchObject({ code: 'Base.1.19.ResourceNotFound' });
    expect((await call(make('bmcweb-2024').app, 'get', RedfishPath.thermal, { headers: {} })).status).toBe(
      401,
    );
    expect(getProfile('bmcweb-rest-disabled')?.redfish).toBe(getProfile('bmcweb-2025')?.redfish);
  });

  it('Python-server and 2016 firmware had no Redfish: /redfish/v1 is a 404', async () => {
    for (const name of ['legacy-2016', 'phosphor-rest-2017', 'phosphor-rest-2018'] as const) {
      const { app } = make(name);
      expect((await call(app, 'get', '/redfish/v1')).status).toBe(404);
    }
  });
});

describe('Redfish switches beyond bmcweb', () => {
  it('allowable-enabled publishes BootSourceOverrideEnabled@Redfish.AllowableValues; no-continuous refuses Continuous', async () => {
    const { app } = make('bmcweb-2024', 'instant', ['allowable-enabled', 'no-continuous']);
    const { token } = await redfishLogin(app);
    const h = { 'X-Auth-Token': token };
    expect((await boot(app, token))['BootSourceOverrideEnabled@Redfish.AllowableValues']).toEqual([
      'Disabled',
      'Once',
    ]);
    const r = await call(app, 'patch', RedfishPath.system, {
      headers: h,
      body: { Boot: { BootSourceOverrideTarget: 'Pxe', BootSourceOverrideEnabled: 'Continuous' } },
    });
    expect(r.status).toBe(400);
    expect(r.json()).toHaveProperty('BootSourceOverrideEnabled@Message.ExtendedInfo');
    const plain = make('bmcweb-2024');
    const t2 = await redfishLogin(plain.app);
    expect(await boot(plain.app, t2.token)).not.toHaveProperty(
      'BootSourceOverrideEnabled@Redfish.AllowableValues',
    );
  });

  it('full-boot-required refuses a partial Boot object', async () => {
    const { app, node } = make('bmcweb-2024', 'instant', ['full-boot-required']);
    const { token } = await redfishLogin(app);
    const h = { 'X-Auth-Token': token };
    const partial = await call(app, 'patch', RedfishPath.system, {
      headers: h,
      body: { Boot: { BootSourceOverrideTarget: 'Pxe' } },
    });
    expect(partial.status).toBe(400);
    expect(node.bmc.bootSettings()[ObjectPath.boot]?.BootSource).toBe(BootSource.Default);
    const whole = await call(app, 'patch', RedfishPath.system, {
      headers: h,
      body: {
        Boot: {
          BootSourceOverrideTarget: 'Pxe',
          BootSourceOverrideEnabled: 'Once',
          BootSourceOverrideMode: 'UEFI',
        },
      },
    });
    expect(whole.status).toBe(204);
  });

  it('query answers $expand instead of 501', async () => {
    const { app } = make('bmcweb-2024', 'instant', ['query']);
    const { token } = await redfishLogin(app);
    expect(
      (
        await call(app, 'get', `${RedfishPath.chassis}?$expand=.($levels=1)`, {
          headers: { 'X-Auth-Token': token },
        })
      ).status,
    ).toBe(200);
  });
});
