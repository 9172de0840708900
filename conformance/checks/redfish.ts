// Redfish protocol checks in the spirit of DMTF's Redfish-Protocol-Validator (redfish.md 3),
// each a wire fact sushy, Ironic and the driver rely on, seen without the driver: the service
// root without credentials, $metadata and the OData service document, sessions (created, used,
// deleted, the token dead afterwards), 401 with WWW-Authenticate, OData-Version, ETag/If-Match
// and 412, Redfish error bodies, Allow on 405. Where an era of bmcweb predates a fact
// (ETag 2022-03, If-Match 2022-07, OData-Version and the 404/405 bodies 2022), the check skips
// naming it, so the matrix says which firmware lacks what.

import assert from 'node:assert/strict';
import { odataId, REDFISH_ROOT } from '../../driver/dialects/detect.ts';
import type { Check } from '../check.ts';
import {
  firstMessageId,
  getSystem,
  header,
  ODATA_HEADERS,
  objectOf,
  openRawSession,
  serviceRoot,
  sessionsPath,
  systemPath,
  withRawRedfish,
} from '../redfish-raw.ts';

const base = { group: 'redfish', api: 'redfish' } as const;

export const redfishChecks: Check[] = [
  {
    ...base,
    id: 'RFP-001',
    title:
      'the service root answers without credentials, with Id, RedfishVersion, Systems and Links.Sessions',
    needs: 'read-only',
    does: 'GET /redfish/v1/ and /redfish without credentials',
    async run(ctx) {
      const root = await serviceRoot(ctx);
      assert.equal(typeof root.Id, 'string', 'the service root must have an Id (sushy requires it)');
      assert.match(String(root.RedfishVersion), /^\d+\.\d+\.\d+$/, 'RedfishVersion is x.y.z');
      assert.ok(odataId(root.Systems), 'the service root links Systems');
      assert.ok(
        odataId((root.Links as Record<string, unknown> | undefined)?.Sessions),
        'the service root has Links.Sessions (sushy falls back to a guess without it)',
      );
      const entry = await ctx.raw.request('GET', '/redfish');
      assert.equal(entry.status, 200, `GET /redfish answered HTTP ${entry.status}`);
      assert.deepEqual(entry.json, { v1: '/redfish/v1/' }, 'GET /redfish names v1');
      ctx.note(`RedfishVersion ${String(root.RedfishVersion)}`);
    },
  },
  {
    ...base,
    id: 'RFP-002',
    title: '$metadata (CSDL XML) and /redfish/v1/odata (service document) answer without credentials',
    needs: 'read-only',
    does: 'GET /redfish/v1/$metadata and /redfish/v1/odata without credentials',
    async run(ctx) {
      const md = await ctx.raw.request('GET', '/redfish/v1/$metadata', {
        headers: { accept: 'application/xml' },
      });
      assert.equal(md.status, 200, `GET /redfish/v1/$metadata answered HTTP ${md.status}`);
      assert.match(String(header(md, 'content-type')), /xml/, '$metadata is XML');
      assert.match(md.text, /<edmx:Edmx[^>]*Version="4\.0"/, '$metadata is an EDMX 4.0 document');
      const od = await ctx.raw.request('GET', '/redfish/v1/odata');
      assert.equal(od.status, 200, `GET /redfish/v1/odata answered HTTP ${od.status}`);
      const doc = objectOf(od, 'GET /redfish/v1/odata');
      assert.ok(Array.isArray(doc.value), 'the service document has a value array');
      const names = (doc.value as Record<string, unknown>[]).map((v) => v.name);
      assert.ok(
        names.includes('Systems'),
        `the service document lists Systems (it lists ${names.join(', ')})`,
      );
    },
  },
  {
    ...base,
    id: 'RFP-003',
    title:
      'a session: 201 with X-Auth-Token and Location, the token works, DELETE ends it, the token is dead after',
    needs: 'read-only',
    does: 'creates a Redfish session, reads Systems with it, deletes it, and tries it once more',
    async run(ctx) {
      const s = await openRawSession(ctx);
      let deleted = false;
      try {
        assert.equal(
          s.login.status,
          201,
          `session creation answered HTTP ${s.login.status}, Redfish says 201`,
        );
        const body = objectOf(s.login, 'the session');
        assert.equal(body.UserName, ctx.raw.username, 'the session names its user');
        const path = await systemPath(ctx, s);
        assert.ok(path.startsWith('/redfish/v1/'), 'the System lives under /redfish/v1/');
        const del = await ctx.raw.request('DELETE', s.uri, { headers: s.headers });
        deleted = true;
        assert.ok(del.status === 200 || del.status === 204, `DELETE ${s.uri} answered HTTP ${del.status}`);
        const after = await ctx.raw.request('GET', '/redfish/v1/Systems', { headers: s.headers });
        assert.equal(
          after.status,
          401,
          `the deleted session's token should be refused (401), got ${after.status}`,
        );
      } finally {
        if (!deleted) await ctx.raw.request('DELETE', s.uri, { headers: s.headers }).catch(() => undefined);
      }
    },
  },
  {
    ...base,
    id: 'RFP-004',
    title: 'a protected resource without credentials is 401 with WWW-Authenticate; a wrong password is 401',
    needs: 'read-only',
    does: 'GET /redfish/v1/Systems without credentials; one session creation with a wrong password',
    async run(ctx) {
      const a = await ctx.raw.request('GET', '/redfish/v1/Systems', { headers: { ...ODATA_HEADERS } });
      assert.equal(a.status, 401, `GET /redfish/v1/Systems without credentials answered HTTP ${a.status}`);
      assert.match(String(header(a, 'www-authenticate')), /^Basic/i, '401 carries WWW-Authenticate: Basic');
      const path = await sessionsPath(ctx);
      const bad = await ctx.raw.request('POST', path, {
        headers: { ...ODATA_HEADERS },
        body: { UserName: ctx.raw.username, Password: `${ctx.raw.password}-wrong` },
      });
      assert.equal(header(bad, 'x-auth-token'), undefined, 'a refused login gives no token');
      if (bad.status === 403)
        return ctx.skip('this firmware refuses a wrong password with 403, not 401 (bmcweb 2019, dd118a2e)');
      assert.equal(bad.status, 401, `a wrong password answered HTTP ${bad.status}`);
    },
  },
  {
    ...base,
    id: 'RFP-005',
    title: 'OData-Version: 4.0 on every answer, and 412 for a request asking another version',
    needs: 'read-only',
    does: 'GET the service root and the System with OData-Version 4.0 and 5.0',
    async run(ctx) {
      const root = await ctx.raw.request('GET', REDFISH_ROOT, { headers: { ...ODATA_HEADERS } });
      const v = header(root, 'odata-version');
      if (v === undefined)
        return ctx.skip('this firmware sends no OData-Version header (bmcweb before 2022)');
      assert.equal(v, '4.0', `OData-Version is ${v}`);
      await withRawRedfish(ctx, async (s) => {
        const path = await systemPath(ctx, s);
        const { answer } = await getSystem(ctx, s, path);
        assert.equal(header(answer, 'odata-version'), '4.0', `GET ${path} carries OData-Version 4.0`);
        const other = await ctx.raw.request('GET', path, {
          headers: { ...s.headers, 'odata-version': '5.0' },
        });
        assert.equal(other.status, 412, `OData-Version 5.0 should be refused with 412, got ${other.status}`);
      });
    },
  },
  {
    ...base,
    id: 'RFP-006',
    title:
      'ETag on the System; PATCH with a stale If-Match is 412 PreconditionFailed, with the current one it applies',
    needs: 'boot',
    does: "PATCHes the System's boot target to its current value, once with a wrong If-Match, once with the right one",
    async run(ctx) {
      await withRawRedfish(ctx, async (s) => {
        const path = await systemPath(ctx, s);
        const { body, answer } = await getSystem(ctx, s, path);
        const etag = header(answer, 'etag');
        if (!etag) return ctx.skip('this firmware sends no ETag (bmcweb before 2022-03)');
        const boot = (body.Boot ?? {}) as Record<string, unknown>;
        const patch = { Boot: { BootSourceOverrideTarget: boot.BootSourceOverrideTarget ?? 'None' } };
        const stale = await ctx.raw.request('PATCH', path, {
          headers: { ...s.headers, 'if-match': '"0BADE7A6"' },
          body: patch,
        });
        // A BMC that sends ETags must evaluate If-Match (RFC 9110 13.1.1; DSP0266 lists If-Match as
        // required): one that lets a stale one through loses concurrent writes, and a client's
        // ETag ladder (sushy) never learns it. bmcweb did so from 2022-03 (ETag) to 2022-07 (2d6cb56b6b).
        assert.ok(
          stale.status < 200 || stale.status >= 300,
          `a stale If-Match was applied (HTTP ${stale.status}): the BMC sends ETags but ignores If-Match, expected 412`,
        );
        assert.equal(stale.status, 412, `a stale If-Match answered HTTP ${stale.status}, expected 412`);
        assert.match(String(firstMessageId(stale)), /PreconditionFailed$/, 'the 412 says PreconditionFailed');
        const ok = await ctx.raw.request('PATCH', path, {
          headers: { ...s.headers, 'if-match': etag },
          body: patch,
        });
        assert.ok(ok.status >= 200 && ok.status < 300, `the current ETag answered HTTP ${ok.status}`);
      });
    },
  },
  {
    ...base,
    id: 'RFP-007',
    title: 'an unknown URI is 404 with a Redfish error body (ResourceNotFound)',
    needs: 'read-only',
    does: 'GET /redfish/v1/NoSuchResource with a session',
    async run(ctx) {
      await withRawRedfish(ctx, async (s) => {
        const a = await ctx.raw.request('GET', '/redfish/v1/NoSuchResource', { headers: s.headers });
        assert.equal(a.status, 404, `an unknown URI answered HTTP ${a.status}`);
        if (a.text.trim() === '')
          return ctx.skip('this firmware answers unknown URIs with an empty body (bmcweb before 2022)');
        assert.match(
          String(firstMessageId(a)),
          /ResourceNotFound$/,
          `the 404 body names ResourceNotFound: ${a.text.slice(0, 120)}`,
        );
      });
    },
  },
  {
    ...base,
    id: 'RFP-008',
    title: 'a PATCH with an unknown property is 400 with a MessageId (PropertyUnknown); nothing changes',
    needs: 'boot',
    does: 'PATCHes the System with a property it does not have (refused)',
    async run(ctx) {
      await withRawRedfish(ctx, async (s) => {
        const path = await systemPath(ctx, s);
        const a = await ctx.raw.request('PATCH', path, { headers: s.headers, body: { NoSuchProperty: 1 } });
        assert.equal(a.status, 400, `PATCH of an unknown property answered HTTP ${a.status}`);
        const id = firstMessageId(a);
        assert.match(
          String(id),
          /PropertyUnknown$/,
          `the 400 names PropertyUnknown, got ${id ?? a.text.slice(0, 120)}`,
        );
      });
    },
  },
  {
    ...base,
    id: 'RFP-009',
    title: 'a method the resource does not allow is 405 with an Allow header (DELETE of the System)',
    needs: 'read-only',
    does: 'DELETE of the System (refused by every BMC)',
    async run(ctx) {
      await withRawRedfish(ctx, async (s) => {
        const path = await systemPath(ctx, s);
        const a = await ctx.raw.request('DELETE', path, { headers: s.headers });
        assert.equal(a.status, 405, `DELETE ${path} answered HTTP ${a.status}`);
        const allow = header(a, 'allow');
        if (allow === undefined)
          return ctx.skip(
            'this firmware sends no Allow header with its 405 (bmcweb never sets Allow on the System, redfish.md 2.1)',
          );
        const verbs = allow.split(',').map((v) => v.trim().toUpperCase());
        assert.ok(verbs.includes('GET'), `Allow lists GET (${allow})`);
        assert.ok(!verbs.includes('DELETE'), `Allow does not list DELETE (${allow})`);
      });
    },
  },
];
