// Query parameters over HTTPS, one fleet of the four bmcweb eras with the `query` switch off and
// on: 2019/2021 builds read no query string; 2024 (9dae4dee) reads only/$top/$skip/$select and,
// with insecure-enable-redfish-query, $expand ($filter is 501 either way); 2025 adds $filter
// under the option and refuses an unauthenticated $expand (19fab29555).

import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProfileName, RedfishPath } from '../../../protocol/index.ts';
import { parseFleet } from '../../fleet.ts';
import { type RunningSimulator, startSimulator } from '../../server.ts';

const ERAS: ProfileName[] = ['bmcweb-2019', 'bmcweb-2021', 'bmcweb-2024', 'bmcweb-2025'];
const PREFIX: Record<string, string> = { 'bmcweb-2024': 'Base.1.18.1', 'bmcweb-2025': 'Base.1.19' };
const basic = `Basic ${Buffer.from('root:0penBmc').toString('base64')}`;

let sim: RunningSimulator;
let agent: Agent;
/** Node index of an era with the switch off or on. */
const node = (era: ProfileName, query: boolean) => ERAS.indexOf(era) * 2 + (query ? 1 : 0);

beforeAll(async () => {
  const fleet = parseFleet(
    { nodes: ERAS.flatMap((profile) => [{ profile }, { profile, redfish: ['query'] }]) },
    'query.test',
  );
  sim = await startSimulator({ port: 0, manualClock: true, seed: 7, fleet });
  agent = new Agent({ connect: { ca: sim.caCertPem } });
});

afterAll(async () => {
  await agent?.close();
  await sim?.close();
});

type Body = Record<string, unknown> & { Members?: Record<string, unknown>[] };

async function get(
  era: ProfileName,
  query: boolean,
  path: string,
  headers: Record<string, string> = { authorization: basic },
): Promise<{ status: number; body: Body }> {
  const res = await request(`${sim.urls[node(era, query)]}${path}`, { dispatcher: agent, headers });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? (JSON.parse(text) as Body) : {} };
}

const errorId = (body: Body) => (body.error as { code?: string } | undefined)?.code;

async function login(era: ProfileName, query: boolean): Promise<string> {
  const res = await request(`${sim.urls[node(era, query)]}${RedfishPath.sessions}`, {
    dispatcher: agent,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ UserName: 'root', Password: '0penBmc' }),
  });
  await res.body.text();
  expect(res.statusCode).toBe(201);
  return String(res.headers['x-auth-token']);
}

describe('2019 and 2021 builds read no query string, switch or not', () => {
  for (const era of ['bmcweb-2019', 'bmcweb-2021'] as const)
    for (const query of [false, true])
      it(`${era} query=${query}`, async () => {
        const full = await get(era, query, RedfishPath.system);
        for (const qs of [
          '$select=PowerState',
          '$expand=.($levels=1)',
          '$top=abc',
          "$filter=Id eq 'x'",
          'only',
        ])
          expect(await get(era, query, `${RedfishPath.system}?${qs}`), qs).toEqual(full);
        const systems = await get(era, query, `${RedfishPath.systems}?$expand=.($levels=1)`);
        expect(systems.body.Members).toEqual([{ '@odata.id': RedfishPath.system }]);
      });
});

describe('2024 and 2025: the parameters every build reads', () => {
  for (const era of ['bmcweb-2024', 'bmcweb-2025'] as const)
    for (const query of [false, true])
      describe(`${era} query=${query}`, () => {
        it('$select keeps the property and the @odata ones, beside the kept rendering of the plain GET', async () => {
          const plain = await get(era, query, RedfishPath.system);
          const r = await get(
            era,
            query,
            `${RedfishPath.system}?$select=PowerState,Boot/BootSourceOverrideEnabled`,
          );
          expect(r.status).toBe(200);
          expect(Object.keys(r.body).sort()).toEqual(['@odata.id', '@odata.type', 'Boot', 'PowerState']);
          expect(Object.keys(r.body.Boot as object)).toEqual(['BootSourceOverrideEnabled']);
          expect(await get(era, query, RedfishPath.system)).toEqual(plain);
        });

        it('$skip then $top cut Members; the count stays and no nextLink is written', async () => {
          const tokens = [await login(era, query), await login(era, query), await login(era, query)];
          const h = { 'x-auth-token': tokens[0] ?? '' };
          const all = await get(era, query, RedfishPath.sessions, h);
          const cut = await get(era, query, `${RedfishPath.sessions}?$skip=1&$top=1`, h);
          expect(cut.status).toBe(200);
          expect(cut.body.Members).toEqual(all.body.Members?.slice(1, 2));
          expect(cut.body['Members@odata.count']).toBe(all.body['Members@odata.count']);
          // Only the log-entry handlers that page themselves write Members@odata.nextLink.
          expect(cut.body).not.toHaveProperty('Members@odata.nextLink');
          expect((await get(era, query, `${RedfishPath.sessions}?$top=0`, h)).body.Members).toEqual([]);
          expect((await get(era, query, `${RedfishPath.sessions}?$skip=100`, h)).body.Members).toEqual([]);
        });

        it('only answers the one member, a larger collection whole, a resource 400', async () => {
          const one = await get(era, query, `${RedfishPath.systems}?only`);
          expect(one.status).toBe(200);
          expect(one.body).toEqual((await get(era, query, RedfishPath.system)).body);
          await login(era, query);
          await login(era, query);
          const many = await get(era, query, `${RedfishPath.sessions}?only`);
          expect(many.status).toBe(200);
          expect(many.body['@odata.id']).toBe(RedfishPath.sessions);
          const single = await get(era, query, `${RedfishPath.system}?only`);
          expect(single.status).toBe(400);
          // The error is added to what the handler wrote.
          expect(single.body.Id).toBe('system');
          expect(errorId(single.body)).toBe(`${PREFIX[era]}.QueryNotSupportedOnResource`);
        });

        it('answers bad values with the message parseParameters picks', async () => {
          const cases: [string, number, string, unknown[]][] = [
            ['$top=abc', 400, 'QueryParameterValueFormatError', ['abc', '$top']],
            ['$top=1001', 400, 'QueryParameterOutOfRange', ['1001', '$top', '0-1000']],
            ['$skip=99999999999', 400, 'QueryParameterOutOfRange', ['99999999999', '$skip', '0-4294967295']],
            ['only=1', 400, 'QueryParameterValueFormatError', ['1', 'only']],
            ['$select=Foo_Bar', 400, 'QueryParameterValueFormatError', ['Foo_Bar', '$select']],
            ['$levels=2', 501, 'QueryParameterValueFormatError', ['2', '$levels']],
          ];
          for (const [qs, status, id, args] of cases) {
            const r = await get(era, query, `${RedfishPath.sessions}?${qs}`);
            expect(r.status, qs).toBe(status);
            const info = (
              r.body.error as { '@Message.ExtendedInfo': { MessageId: string; MessageArgs: unknown[] }[] }
            )['@Message.ExtendedInfo'][0];
            expect(info, qs).toMatchObject({ MessageId: `${PREFIX[era]}.${id}`, MessageArgs: args });
          }
          const skipOnResource = await get(era, query, `${RedfishPath.system}?$skip=0`);
          expect([skipOnResource.status, errorId(skipOnResource.body)]).toEqual([
            400,
            `${PREFIX[era]}.QueryNotSupportedOnResource`,
          ]);
          // Parameters without `$` are ignored.
          expect((await get(era, query, `${RedfishPath.system}?foo=bar`)).status).toBe(200);
        });
      });
});

describe('$expand', () => {
  for (const era of ['bmcweb-2024', 'bmcweb-2025'] as const) {
    it(`${era}: 501 on a default build, even on a PATCH`, async () => {
      const r = await get(era, false, `${RedfishPath.systems}?$expand=.($levels=1)`);
      expect([r.status, errorId(r.body)]).toEqual([501, `${PREFIX[era]}.QueryParameterValueFormatError`]);
      const before = (await get(era, false, RedfishPath.system)).body.Boot;
      const patch = await request(`${sim.urls[node(era, false)]}${RedfishPath.system}?$expand=.`, {
        dispatcher: agent,
        method: 'PATCH',
        headers: { authorization: basic, 'content-type': 'application/json' },
        body: JSON.stringify({ Boot: { BootSourceOverrideTarget: 'Pxe' } }),
      });
      await patch.body.text();
      expect(patch.statusCode).toBe(501);
      expect((await get(era, false, RedfishPath.system)).body.Boot).toEqual(before);
    });

    it(`${era} with the switch: links expanded level by level, Links only with ~`, async () => {
      const systems = await get(era, true, `${RedfishPath.systems}?$expand=.($levels=1)`);
      expect(systems.status).toBe(200);
      expect(systems.body.Members?.[0]).toMatchObject({ '@odata.id': RedfishPath.system, Id: 'system' });
      expect(systems.body.Members?.[0]?.PowerState).toBeDefined();
      const chassis = await get(era, true, `${RedfishPath.chassis}?$expand=~`);
      const links = chassis.body.Links as { ComputerSystems: Record<string, unknown>[] };
      expect(links.ComputerSystems[0]?.Id).toBe('system');
      expect(chassis.body.Sensors).toEqual({ '@odata.id': `${RedfishPath.chassis}/Sensors` });
      // Two levels reach the Sensors collection, which expands its members itself.
      const deep = await get(era, true, `${RedfishPath.chassis}?$expand=.($levels=2)`);
      const sensors = deep.body.Sensors as Body;
      expect(sensors.Members?.[0]?.Reading).toEqual(expect.any(Number));
      // The Sensors collection expands its members itself for any expand type, `~` included.
      const tilde = await get(era, true, `${RedfishPath.chassis}/Sensors?$expand=~`);
      expect(tilde.body.Members?.[0]?.Reading).toEqual(expect.any(Number));
      // $levels=0 expands nothing.
      const zero = await get(era, true, `${RedfishPath.systems}?$expand=.($levels=0)`);
      expect(zero.body.Members).toEqual([{ '@odata.id': RedfishPath.system }]);
      const both = await get(era, true, `${RedfishPath.systems}?$expand=.&$select=Id`);
      expect([both.status, errorId(both.body)]).toEqual([400, `${PREFIX[era]}.QueryCombinationInvalid`]);
    });
  }

  it('links that point back are expanded up to the simulator limits (1000 GETs, 16 deep), then stay links', async () => {
    const r = await get('bmcweb-2025', true, `${RedfishPath.chassis}?$expand=*($levels=255)`);
    expect(r.status).toBe(200);
    let resources = 0;
    let links = 0;
    let deepest = 0;
    const walk = (v: unknown, depth: number): void => {
      if (Array.isArray(v)) for (const x of v) walk(x, depth);
      else if (v !== null && typeof v === 'object') {
        const keys = Object.keys(v);
        const isResource = keys.includes('@odata.id') && keys.length > 1;
        if (keys.length === 1 && keys[0] === '@odata.id') links++;
        if (isResource) resources++;
        deepest = Math.max(deepest, depth);
        for (const x of Object.values(v)) walk(x, depth + (isResource ? 1 : 0));
      }
    };
    walk(r.body, 0);
    expect(resources).toBeGreaterThan(100);
    expect(resources).toBeLessThanOrEqual(1001 + 200);
    expect(deepest).toBeLessThanOrEqual(17 + 1);
    expect(links).toBeGreaterThan(0);
  });

  it('2024 runs an unauthenticated service-root $expand with no session (fixed by 19fab29555)', async () => {
    const r = await get('bmcweb-2024', true, `${RedfishPath.root}?$expand=.`, {});
    expect(r.status).toBe(200);
    expect((r.body.Systems as Body).Members).toEqual([{ '@odata.id': RedfishPath.system }]);
  });

  it('2025 refuses an unauthenticated $expand with 401 and expands for a session', async () => {
    const anonymous = await get('bmcweb-2025', true, `${RedfishPath.root}?$expand=.`, {});
    expect(anonymous.status).toBe(401);
    const info = (anonymous.body.error as { '@Message.ExtendedInfo': { MessageArgs: string[] }[] })[
      '@Message.ExtendedInfo'
    ][0];
    expect(info?.MessageArgs).toEqual([`${RedfishPath.root}?$expand=.`, 'Invalid username or password']);
    const token = await login('bmcweb-2025', true);
    const r = await get('bmcweb-2025', true, `${RedfishPath.root}?$expand=.`, { 'x-auth-token': token });
    expect(r.status).toBe(200);
    expect((r.body.Systems as Body)['@odata.type']).toBe(
      '#ComputerSystemCollection.ComputerSystemCollection',
    );
    // Without $expand the root stays open.
    expect((await get('bmcweb-2025', true, `${RedfishPath.root}?$top=1`, {})).status).toBe(400);
  });
});

describe('$filter', () => {
  it('is 501 on 2024 even with the switch, and on a default 2025 build', async () => {
    for (const [era, query] of [
      ['bmcweb-2024', true],
      ['bmcweb-2025', false],
    ] as const) {
      const r = await get(era, query, `${RedfishPath.sessions}?$filter=${encodeURIComponent("Id eq 'x'")}`);
      expect([r.status, errorId(r.body)]).toEqual([501, `${PREFIX[era]}.QueryParameterValueFormatError`]);
    }
    const root = await get('bmcweb-2025', true, RedfishPath.root);
    expect((root.body.ProtocolFeaturesSupported as { FilterQuery: boolean }).FilterQuery).toBe(true);
    const root2024 = await get('bmcweb-2024', true, RedfishPath.root);
    expect((root2024.body.ProtocolFeaturesSupported as { FilterQuery: boolean }).FilterQuery).toBe(false);
  });

  it('2025 with the switch filters the expanded Sensors with eq/ne/gt/lt/and/or/not', async () => {
    const sensors = `${RedfishPath.chassis}/Sensors?$expand=.($levels=1)`;
    const all = (await get('bmcweb-2025', true, sensors)).body.Members ?? [];
    expect(all.length).toBeGreaterThan(2);
    const readings = all.map((m) => m.Reading as number).sort((a, b) => a - b);
    const mid = readings[Math.floor(readings.length / 2)] ?? 0;
    const first = all[0] as { Id: string; ReadingType: string };
    const ids = async (expr: string, more = '') => {
      const r = await get('bmcweb-2025', true, `${sensors}&$filter=${encodeURIComponent(expr)}${more}`);
      expect(r.status, expr).toBe(200);
      expect(r.body['Members@odata.count'], expr).toBe(all.length);
      return (r.body.Members ?? []).map((m) => m.Id);
    };
    const where = (f: (m: Record<string, unknown>) => boolean) => all.filter(f).map((m) => m.Id);
    expect(await ids(`Id eq '${first.Id}'`)).toEqual([first.Id]);
    expect(await ids(`Id ne '${first.Id}'`)).toEqual(where((m) => m.Id !== first.Id));
    expect(await ids(`Reading gt ${mid}`)).toEqual(where((m) => (m.Reading as number) > mid));
    expect(await ids(`Reading lt ${mid}`)).toEqual(where((m) => (m.Reading as number) < mid));
    expect(await ids(`ReadingType eq '${first.ReadingType}' and Reading ge 0`)).toEqual(
      where((m) => m.ReadingType === first.ReadingType),
    );
    expect(await ids(`Id eq '${first.Id}' or Reading gt ${mid}`)).toEqual(
      where((m) => m.Id === first.Id || (m.Reading as number) > mid),
    );
    expect(await ids(`not (Status/Health eq 'OK')`)).toEqual(
      where((m) => (m.Status as { Health: string }).Health !== 'OK'),
    );
    // $top runs before $filter: the first member, then filtered.
    expect(await ids(`Id ne '${first.Id}'`, '&$top=1')).toEqual([]);
    const bad = await get('bmcweb-2025', true, `${sensors}&$filter=${encodeURIComponent('Reading gt')}`);
    expect([bad.status, errorId(bad.body)]).toEqual([400, 'Base.1.19.QueryParameterValueFormatError']);
  });

  it('2025 with the switch: on a collection of links a missing key keeps every member', async () => {
    await login('bmcweb-2025', true);
    const all = (await get('bmcweb-2025', true, RedfishPath.sessions)).body.Members ?? [];
    expect(all.length).toBeGreaterThan(0);
    const kept = await get(
      'bmcweb-2025',
      true,
      `${RedfishPath.sessions}?$filter=${encodeURIComponent("UserName eq 'nobody'")}`,
    );
    expect(kept.body.Members).toEqual(all);
    const none = await get(
      'bmcweb-2025',
      true,
      `${RedfishPath.sessions}?$filter=${encodeURIComponent("not (UserName eq 'nobody')")}`,
    );
    expect(none.body.Members).toEqual([]);
    // With $expand the generic expansion runs and $filter never does.
    const expanded = await get(
      'bmcweb-2025',
      true,
      `${RedfishPath.systems}?$expand=.&$filter=${encodeURIComponent("Id eq 'nothing'")}`,
    );
    expect(expanded.body.Members?.[0]?.Id).toBe('system');
  });
});
