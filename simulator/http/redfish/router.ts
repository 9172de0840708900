// The Redfish face of a bmcweb BMC: a route table and bmcweb's per-request order. app.ts has
// already authenticated (one session store for every face; include/authentication.hpp). Then,
// as in bmcweb's router and setUpRedfishRoute (redfish-core/include/query.hpp): the route
// (404), the verb (405), the privilege (403), the OData-Version header (412), the query
// parameters (501), If-Match (412), the handler; replies get OData-Version and, on a 200 GET,
// an ETag computed from the body (http_response.hpp computeEtag).

import type { Request, Response } from 'express';
import type { JsonValue } from '../../../protocol/index.ts';
import { RedfishPath } from '../../../protocol/index.ts';
import type { Session } from '../../model/sessions.ts';
import type { SimNode } from '../../node.ts';
import type { RedfishRules } from '../../profiles/redfish-eras.ts';
import { sendError, serialize } from '../render.ts';
import { getAccount, getAccountService, getAccounts } from './account-service.ts';
import {
  getChassis,
  getChassisCollection,
  getChassisResetActionInfo,
  getPower,
  getSensor,
  getSensors,
  getThermal,
  resetChassis,
} from './chassis.ts';
import { fail, type RedfishContext, type RedfishReply } from './context.ts';
import { getManager, getManagerResetActionInfo, getManagers, resetManager } from './managers.ts';
import { etagOfText } from './rendered-body.ts';
import { cachedGet } from './resource-cache.ts';
import { getEntry, getMetadata, getOdata, getServiceRoot } from './service-root.ts';
import {
  createSession,
  deleteSession,
  getSession,
  getSessionService,
  getSessions,
  type Privilege,
  patchSessionService,
  privilegesOf,
} from './session-service.ts';
import { getResetActionInfo, getSystem, getSystems, patchSystem, resetSystem } from './systems.ts';

type Verb = 'GET' | 'PATCH' | 'POST' | 'DELETE';
type Handler = (ctx: RedfishContext) => RedfishReply;

interface Route {
  /** Path segments; `{name}` matches one segment. */
  path: string;
  verbs: Partial<Record<Verb, Handler>>;
  /** Privilege per verb where it differs from Login (GET) / ConfigureComponents (writes); null = none. */
  privileges?: Partial<Record<Verb, Privilege | null>>;
  /** Routes only some eras build. */
  when?: (rules: RedfishRules) => boolean;
  /** The GET body depends on the D-Bus tree, profile and switches only: kept per tree version (resource-cache.ts). */
  cached?: true;
}

const sys = '/redfish/v1/Systems/{system}';
const mgr = '/redfish/v1/Managers/{manager}';
const chs = '/redfish/v1/Chassis/{chassis}';

/** bmcweb's Redfish routes this face serves (privileges from redfish-core/include/registries/privilege_registry.hpp). */
const ROUTES: readonly Route[] = [
  { path: RedfishPath.entry, verbs: { GET: getEntry } },
  { path: RedfishPath.root, verbs: { GET: getServiceRoot } },
  { path: RedfishPath.odata, verbs: { GET: getOdata } },
  { path: RedfishPath.metadata, verbs: { GET: getMetadata } },
  {
    path: RedfishPath.sessionService,
    verbs: { GET: getSessionService, PATCH: patchSessionService },
    privileges: { PATCH: 'ConfigureManager' },
  },
  {
    path: RedfishPath.sessions,
    verbs: { GET: getSessions, POST: createSession },
    privileges: { POST: null },
  },
  { path: `${RedfishPath.sessions}/Members`, verbs: { POST: createSession }, privileges: { POST: null } },
  {
    path: `${RedfishPath.sessions}/{id}`,
    verbs: { GET: getSession, DELETE: deleteSession },
    privileges: { DELETE: 'ConfigureSelf' },
  },
  { path: RedfishPath.systems, verbs: { GET: getSystems } },
  { path: sys, verbs: { GET: getSystem, PATCH: patchSystem }, cached: true },
  { path: `${sys}/Actions/ComputerSystem.Reset`, verbs: { POST: resetSystem } },
  {
    path: `${sys}/ResetActionInfo`,
    verbs: { GET: getResetActionInfo },
    when: (r) => r.resetList === 'action-info',
  },
  { path: RedfishPath.managers, verbs: { GET: getManagers } },
  { path: mgr, verbs: { GET: getManager } },
  {
    path: `${mgr}/Actions/Manager.Reset`,
    verbs: { POST: resetManager },
    privileges: { POST: 'ConfigureManager' },
  },
  {
    path: `${mgr}/ResetActionInfo`,
    verbs: { GET: getManagerResetActionInfo },
    when: (r) => r.resetList === 'action-info',
  },
  { path: RedfishPath.chassisCollection, verbs: { GET: getChassisCollection } },
  { path: chs, verbs: { GET: getChassis } },
  { path: `${chs}/Actions/Chassis.Reset`, verbs: { POST: resetChassis } },
  { path: `${chs}/ResetActionInfo`, verbs: { GET: getChassisResetActionInfo } },
  { path: `${chs}/Thermal`, verbs: { GET: getThermal }, when: (r) => r.thermalPower },
  { path: `${chs}/Power`, verbs: { GET: getPower }, when: (r) => r.thermalPower },
  { path: `${chs}/Sensors`, verbs: { GET: getSensors }, when: (r) => !r.odataContext },
  { path: `${chs}/Sensors/{sensor}`, verbs: { GET: getSensor }, when: (r) => !r.odataContext },
  { path: RedfishPath.accountService, verbs: { GET: getAccountService } },
  { path: RedfishPath.accounts, verbs: { GET: getAccounts } },
  { path: `${RedfishPath.accounts}/{account}`, verbs: { GET: getAccount } },
];

const segmentsOf = (path: string) => path.split('/').slice(1);

/** Percent-decoded bytes as UTF-8, a bad sequence as U+FFFD (nlohmann's dump with `replace`). */
const decodeSegment = (s: string): string =>
  // Plain ASCII decodes to itself: no decoder per request for `system`, `bmc`, ...
  !/[%\u0080-\uffff]/.test(s)
    ? s
    : new TextDecoder('utf-8', { fatal: false }).decode(
        Buffer.from(
          s.replace(/%([0-9A-Fa-f]{2})|[^%]+/g, (m, hex: string | undefined) =>
            hex ? String.fromCharCode(Number.parseInt(hex, 16)) : m,
          ),
          'latin1',
        ),
      );
const COMPILED = ROUTES.map((r) => ({ route: r, segments: segmentsOf(r.path) }));

function match(
  rules: RedfishRules,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  const segments = segmentsOf(path);
  let best: { route: Route; params: Record<string, string>; literals: number } | undefined;
  for (const { route, segments: pattern } of COMPILED) {
    if (pattern.length !== segments.length || (route.when && !route.when(rules))) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    let ok = true;
    for (const [i, p] of pattern.entries()) {
      const s = segments[i] ?? '';
      if (p.startsWith('{')) {
        if (s === '') ok = false;
        else params[p.slice(1, -1)] = decodeSegment(s);
      } else if (p === s) literals++;
      else ok = false;
      if (!ok) break;
    }
    // A literal route (Sessions/Members) wins over a parameter route (Sessions/{id}).
    if (ok && (!best || literals > best.literals)) best = { route, params, literals };
  }
  return best;
}

export function routeRedfish(
  req: Request,
  res: Response,
  node: SimNode,
  rawPath: string,
  session: Session | undefined,
): void {
  const { profile } = node;
  const rules = profile.redfish;
  if (!rules) {
    sendError(res, profile, 'no-route');
    return;
  }
  const path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
  // A `%` not followed by two hex digits is no URL Boost.URL parses: bmcweb answers 400 before
  // any route (http_connection.hpp, parse_origin_form).
  if (/%(?![0-9A-Fa-f]{2})/.test(path)) {
    res.status(400).setHeader('Content-Length', 0);
    res.end();
    return;
  }
  const verb = (req.method === 'HEAD' ? 'GET' : req.method) as Verb;
  const found = match(rules, path);
  const ctx: RedfishContext = {
    req,
    node,
    bmc: node.bmc,
    profile,
    rules,
    switches: node.redfishSwitches,
    session,
    path,
    params: found?.params ?? {},
  };
  send(res, ctx, answer(ctx, found?.route, verb));
}

function answer(ctx: RedfishContext, route: Route | undefined, verb: Verb): RedfishReply {
  const { rules } = ctx;
  if (!route) {
    if (rules.unknownRoute === 'empty') return { status: 404 };
    const early = preflight(ctx, verb, undefined);
    if (early) return early;
    const name = ctx.path.split('/').pop() ?? '';
    return fail(rules, [{ key: 'ResourceNotFound', args: ['', name] }], { Allow: '' });
  }
  const handler = route.verbs[verb];
  if (!handler) {
    if (rules.unknownRoute === 'empty') return { status: 405 };
    const early = preflight(ctx, verb, undefined);
    if (early) return early;
    return fail(
      rules,
      [{ key: verb === 'DELETE' ? 'ResourceCannotBeDeleted' : 'OperationNotAllowed' }],
      {},
      405,
    );
  }
  if (ctx.session) {
    const needed =
      route.privileges?.[verb] === undefined
        ? verb === 'GET'
          ? 'Login'
          : 'ConfigureComponents'
        : route.privileges[verb];
    if (needed && !privilegesOf(ctx.bmc.roleOf(ctx.session.username)).has(needed))
      return fail(rules, [{ key: 'InsufficientPrivilege' }]);
  }
  // A query string asks for another rendering of the body ($select, $expand, ...): never kept.
  const keep = route.cached && verb === 'GET' && !ctx.req.originalUrl.includes('?');
  const reply = preflight(ctx, verb, route) ?? (keep ? cachedGet(ctx, handler) : handler(ctx));
  return verb === 'GET' && ctx.switches.has('query') ? expand(ctx, reply) : reply;
}

/**
 * `$expand` where the query switch stands for bmcweb's insecure-enable-redfish-query
 * (query_param.hpp): `.` expands navigation links outside `Links`, `~` only those inside,
 * `*` both, `$levels` deep (default 1). A link this face does not serve stays a link.
 */
function expand(ctx: RedfishContext, reply: RedfishReply): RedfishReply {
  const param = new URL(ctx.req.originalUrl, 'http://bmc').searchParams.get('$expand');
  if (param === null || reply.status !== 200 || typeof reply.body !== 'object' || reply.body === null)
    return reply;
  const m = /^([.*~])(?:\(\$levels=(\d+)\))?$/.exec(param);
  if (!m) return fail(ctx.rules, [{ key: 'QueryParameterValueFormatError', args: [param, '$expand'] }]);
  const kind = m[1] as '.' | '*' | '~';
  const walk = (value: JsonValue, levels: number, inLinks: boolean): JsonValue => {
    if (Array.isArray(value)) return value.map((v) => walk(v, levels, inLinks));
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    const id = value['@odata.id'];
    const wanted = kind === '*' || (kind === '.' ? !inLinks : inLinks);
    if (keys.length === 1 && typeof id === 'string' && wanted && levels > 0) {
      const target = match(ctx.rules, id);
      const get = target?.route.verbs.GET;
      const got = get ? get({ ...ctx, path: id, params: target.params }) : undefined;
      if (got?.status === 200 && typeof got.body === 'object' && got.body !== null)
        return walk(got.body, levels - 1, false);
      return value;
    }
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, walk(v, levels, inLinks || k === 'Links')]),
    );
  };
  return { ...reply, body: walk(reply.body, Number(m[2] ?? 1), false) };
}

/** setUpRedfishRoute: OData-Version, query parameters, If-Match (2022+ eras). */
function preflight(ctx: RedfishContext, verb: Verb, route: Route | undefined): RedfishReply | undefined {
  const { rules, req, switches } = ctx;
  if (rules.odataVersion) {
    const asked = req.headers['odata-version'];
    if (asked !== undefined && asked !== '4.0') return fail(rules, [{ key: 'PreconditionFailed' }]);
  }
  if (rules.queryParameters === 'checked') {
    const query = new URL(req.originalUrl, 'http://bmc').searchParams;
    for (const [key, value] of query) {
      if (!key.startsWith('$')) continue;
      const supported =
        key === '$top' ||
        key === '$skip' ||
        key === '$select' ||
        (key === '$expand' && switches.has('query'));
      if (!supported) {
        const r = fail(rules, [{ key: 'QueryParameterValueFormatError', args: [value, key] }]);
        return { ...r, status: 501 };
      }
    }
  }
  if (rules.ifMatch && ctx.session && route) {
    const ifMatch = req.headers['if-match'];
    if (ifMatch !== undefined && ifMatch !== '*') {
      const get = verb === 'GET' ? undefined : route.verbs.GET;
      const current = get ? etagOf(get(ctx)) : undefined;
      // The `etag-ignored` fault: a BMC that sends ETags but lets any If-Match through.
      if (current !== ifMatch && !ctx.node.faults.take('etag-ignored'))
        return fail(rules, [{ key: 'PreconditionFailed' }]);
    }
  }
  return undefined;
}

/** The ETag a 200 GET reply is sent with. */
function etagOf(reply: RedfishReply): string | undefined {
  if (reply.status !== 200 || reply.body === undefined || typeof reply.body === 'string') return undefined;
  return reply.rendered?.etag ?? etagOfText(serialize(reply.body));
}

function send(res: Response, ctx: RedfishContext, reply: RedfishReply): void {
  const { profile, rules, req } = ctx;
  res.status(reply.status);
  res.sendDate = profile.sendDate;
  for (const [k, v] of Object.entries(profile.responseHeaders)) res.setHeader(k, v);
  if (rules.odataVersion) res.setHeader('OData-Version', '4.0');
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  if (reply.body === undefined) {
    res.setHeader('Content-Length', 0);
    res.end();
    return;
  }
  // The body is serialized once, for the ETag and the wire (or was, when the reply was kept).
  const text = typeof reply.body === 'string' ? reply.body : (reply.rendered?.text ?? serialize(reply.body));
  if (rules.etag && req.method === 'GET' && reply.status === 200 && typeof reply.body !== 'string') {
    const etag = reply.rendered?.etag ?? etagOfText(text);
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.status(304).setHeader('Content-Length', 0);
      res.end();
      return;
    }
  }
  res.setHeader('Content-Type', reply.contentType ?? 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
