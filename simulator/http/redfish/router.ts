// The Redfish face of a bmcweb BMC: a route table and bmcweb's per-request order. app.ts has
// already authenticated (one session store for every face; include/authentication.hpp). Then,
// as in bmcweb's router and setUpRedfishRoute (redfish-core/include/query.hpp): the route
// (404), the verb (405), the privilege (403), the OData-Version header (412), the query
// parameters (400/501, query-params.ts), If-Match (412), the handler, then on a GET the query
// parameters' work (query.ts processAllParams); replies get OData-Version and, on a 200 GET, an
// ETag computed from the body (http_response.hpp computeEtag).

import type { Request, Response } from 'express';
import { RedfishPath } from '../../../protocol/index.ts';
import type { Session } from '../../model/sessions.ts';
import type { SimNode } from '../../node.ts';
import type { RedfishRules } from '../../profiles/redfish-eras.ts';
import { authenticate } from '../auth.ts';
import { sendError, serialize } from '../render.ts';
import { getAccount, getAccountService, getAccounts, patchAccountService } from './account-service.ts';
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
import { patchChassis } from './chassis-patch.ts';
import { fail, type RedfishContext, type RedfishReply } from './context.ts';
import { getManager, getManagerResetActionInfo, getManagers, resetManager } from './managers.ts';
import { expandMembersInline, processAllParams, type SubGet } from './query.ts';
import { delegate, parseParameters, type Query, type QueryCapabilities } from './query-params.ts';
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
  /** Query parameters the handler does itself (setUpRedfishRouteWithDelegation). */
  delegates?: QueryCapabilities;
  /** The handler never calls setUpRedfishRoute: its query string is not looked at. */
  noQuery?: true;
}

const sys = '/redfish/v1/Systems/{system}';
const mgr = '/redfish/v1/Managers/{manager}';
const chs = '/redfish/v1/Chassis/{chassis}';

/** bmcweb's Redfish routes this face serves (privileges from redfish-core/include/registries/privilege_registry.hpp). */
const ROUTES: readonly Route[] = [
  { path: RedfishPath.entry, verbs: { GET: getEntry } },
  { path: RedfishPath.root, verbs: { GET: getServiceRoot } },
  // A static file until d5c0172e03 (2024-08), then redfishOdataGet; neither parses the query.
  { path: RedfishPath.odata, verbs: { GET: getOdata }, noQuery: true },
  { path: RedfishPath.metadata, verbs: { GET: getMetadata }, noQuery: true },
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
  { path: chs, verbs: { GET: getChassis, PATCH: patchChassis } },
  { path: `${chs}/Actions/Chassis.Reset`, verbs: { POST: resetChassis } },
  { path: `${chs}/ResetActionInfo`, verbs: { GET: getChassisResetActionInfo } },
  { path: `${chs}/Thermal`, verbs: { GET: getThermal }, when: (r) => r.thermalPower },
  { path: `${chs}/Power`, verbs: { GET: getPower }, when: (r) => r.thermalPower },
  {
    path: `${chs}/Sensors`,
    verbs: { GET: getSensors },
    when: (r) => !r.odataContext,
    delegates: { expandLevel: 1 },
  },
  { path: `${chs}/Sensors/{sensor}`, verbs: { GET: getSensor }, when: (r) => !r.odataContext },
  {
    path: RedfishPath.accountService,
    verbs: { GET: getAccountService, PATCH: patchAccountService },
    privileges: { PATCH: 'ConfigureUsers' },
  },
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
  // Most requests have no query string: no URL to parse for them (the hot GETs).
  const search = req.originalUrl.includes('?')
    ? new URL(req.originalUrl, 'http://bmc').searchParams
    : NO_QUERY;
  send(res, ctx, answer(ctx, found?.route, verb, search, { budget: { left: EXPAND_BUDGET }, depth: 0 }));
}

/**
 * The simulator's limits beyond bmcweb, which has none (so `*($levels=255)` over links that point
 * back grows without bound, in GETs and in nesting): one request's `$expand` makes at most 1000
 * GETs, all levels together, and nests at most 16 deep (the service root's `*($levels=6)`, its
 * advertised MaxLevels, takes about 480). Past them, links stay links.
 */
const EXPAND_BUDGET = 1000;
const NO_QUERY: URLSearchParams = new URLSearchParams();
const EXPAND_DEPTH = 16;

/** The request's query work: its sub-requests (bmcweb's app.handle on a new Request, no headers). */
interface Internal {
  /** GETs left to the whole request, every level included. */
  budget: { left: number };
  /** How many sub-requests deep this one is (0: the client's). */
  depth: number;
}

function answer(
  ctx: RedfishContext,
  route: Route | undefined,
  verb: Verb,
  search: URLSearchParams,
  internal: Internal,
): RedfishReply {
  const { rules } = ctx;
  if (!route) {
    if (rules.unknownRoute === 'empty') return { status: 404 };
    const early = preflight(ctx, verb, undefined, search, internal);
    if ('status' in early) return early;
    const name = ctx.path.split('/').pop() ?? '';
    return fail(rules, [{ key: 'ResourceNotFound', args: ['', name] }], { Allow: '' });
  }
  const handler = route.verbs[verb];
  if (!handler) {
    if (rules.unknownRoute === 'empty') return { status: 405 };
    const early = preflight(ctx, verb, undefined, search, internal);
    if ('status' in early) return early;
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
  const early = preflight(ctx, verb, route, search, internal);
  if ('status' in early) return early;
  const { query } = early;
  // A query string asks for another rendering of the body ($select, $expand, ...): never kept,
  // and neither is what a sub-request of the query work reads.
  if (route.cached && verb === 'GET' && !ctx.req.originalUrl.includes('?') && internal.depth === 0)
    return cachedGet(ctx, handler);
  if (!query || verb !== 'GET') return handler(ctx);
  const { query: rest, delegated } = delegate(route.delegates ?? {}, query);
  const subs = subRequests(ctx, internal);
  let reply = handler(ctx);
  if (delegated.expandType !== 'None' && delegated.expandLevel > 0)
    reply = expandMembersInline(reply, subs.member);
  return processAllParams(rules, rest, delegated, reply, subs);
}

/**
 * The GETs processAllParams makes: `only`'s member without a session (processOnly copies none),
 * `$expand`'s links with the caller's session where the era shares it (19fab29555), each through
 * the whole route pipeline with its own query string. A link this face does not serve stays a
 * link; `only` gets the router's own answer for it.
 */
function subRequests(ctx: RedfishContext, internal: Internal): { member: SubGet; expand: SubGet } {
  const get =
    (session: RedfishContext['session'], unserved: 'answer' | 'skip'): SubGet =>
    (uri) => {
      if (internal.budget.left <= 0 || internal.depth >= EXPAND_DEPTH) return undefined;
      internal.budget.left--;
      const url = new URL(uri, 'http://bmc');
      const path =
        url.pathname.length > 1 && url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname;
      const found = match(ctx.rules, path);
      if (!found?.route.verbs.GET && unserved === 'skip') return undefined;
      const sub: RedfishContext = { ...ctx, session, path, params: found?.params ?? {} };
      return answer(sub, found?.route, 'GET', url.searchParams, {
        budget: internal.budget,
        depth: internal.depth + 1,
      });
    };
  return {
    member: get(undefined, 'answer'),
    expand: get(ctx.rules.query?.expandNeedsSession ? ctx.session : undefined, 'skip'),
  };
}

/**
 * setUpRedfishRoute: OData-Version, the query parameters (parsed for every verb, processed for
 * GET), the 2025 refusal of an unauthenticated `$expand`, If-Match (2022+ eras). A
 * sub-request has no headers.
 */
function preflight(
  ctx: RedfishContext,
  verb: Verb,
  route: Route | undefined,
  search: URLSearchParams,
  internal: Internal,
): RedfishReply | { query: Query | undefined } {
  const { rules, req, switches } = ctx;
  if (rules.odataVersion && internal.depth === 0) {
    const asked = req.headers['odata-version'];
    if (asked !== undefined && asked !== '4.0') return fail(rules, [{ key: 'PreconditionFailed' }]);
  }
  let query: Query | undefined;
  if (rules.query && !route?.noQuery) {
    const enabled = switches.has('query');
    const parsed = parseParameters(search, { expand: enabled, filter: enabled && rules.query.filter });
    if (!parsed.ok) return fail(rules, [parsed.problem], {}, parsed.status);
    query = parsed.query;
    if (rules.query.expandNeedsSession && query.expandType !== 'None' && !ctx.session) {
      // Allow-listed URLs are authenticated too when credentials come (http_connection.hpp).
      ctx.session = authenticate(req, ctx.node);
      if (!ctx.session)
        return fail(rules, [
          { key: 'ResourceAtUriUnauthorized', args: [req.originalUrl, 'Invalid username or password'] },
        ]);
    }
  }
  if (rules.ifMatch && ctx.session && route && internal.depth === 0) {
    const ifMatch = req.headers['if-match'];
    if (ifMatch !== undefined && ifMatch !== '*') {
      const get = verb === 'GET' ? undefined : route.verbs.GET;
      const current = get ? etagOf(get(ctx)) : undefined;
      // The `etag-ignored` fault: a BMC that sends ETags but lets any If-Match through.
      if (current !== ifMatch && !ctx.node.faults.take('etag-ignored'))
        return fail(rules, [{ key: 'PreconditionFailed' }]);
    }
  }
  return { query };
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
