// The Python REST server's request pipeline (openbmc/phosphor-rest-server rest_dbus.py, cited at
// ad29e43, the commit of transcripts-phosphor-rest.md; bottle 0.12.23), in the source's order:
// 1. the WSGI path, percent-decoded, re-decoded as UTF-8, slashes collapsed (bottle-router.ts);
// 2. bottle's router (a method no rule takes: bottle's own 405), then RouteHandler._setup: the
//    handler's verbs (405 + Allow), OPTIONS answered without a lookup, else the lookup (404/403)
//    while routing, before any plugin;
// 3. the plugins, outermost first: AuthorizationPlugin (401), CorsPlugin, ContentCheckerPlugin
//    (415), JsonpPlugin, JSONPlugin, JsonApiResponsePlugin, JsonApiRequestPlugin (the body:
//    413/400), JsonApiRequestTypePlugin (400), then the handler;
// 4. errors through App.custom_error_handler's callbacks: the JSON envelope, JSONP, CORS origin.

import type { Request, Response } from 'express';
import type { JsonValue } from '../../protocol/index.ts';
import type { NameMatch } from '../model/object-tree.ts';
import { pythonCall } from '../model/python-call.ts';
import { pythonJsonLoads } from '../model/python-json.ts';
import { pythonRepr, pythonStr, pythonTypeName } from '../model/python-repr.ts';
import { pythonSet } from '../model/python-set.ts';
import type { WireValue } from '../model/wire-value.ts';
import type { SimNode } from '../node.ts';
import { isPythonSituation, type PythonSituation, pythonServerErrors } from '../profiles/phosphor-rest.ts';
import type { ErrorSituation, Profile } from '../profiles/profile.ts';
import type { PythonServerBuild } from '../profiles/python-traceback.ts';
import { authenticate } from './auth.ts';
import { encodeSid } from './bottle-cookie.ts';
import {
  bottleAllow,
  decodePath,
  handlerVerbs,
  matchRoute,
  type PythonEra,
  type PythonHandler,
  type PythonRoute,
  routedMethods,
} from './bottle-router.ts';
import { situationOf } from './error-catalogue.ts';
import { sdbusSchema } from './python-schema.ts';
import { renderErrorBody, serialize, type TemplateVars } from './render.ts';

/** Handlers whose `_content_type` is application/json: the JSON request plugins apply. */
const JSON_HANDLERS: ReadonlySet<PythonHandler> = new Set(['session', 'method', 'property']);
/** `request_type = list` (MethodHandler and its SessionHandler subclass). */
const LIST_BODY: ReadonlySet<PythonHandler> = new Set(['session', 'method']);
/** `_require_auth = None`: SessionHandler and WebHandler. */
const NO_AUTH: ReadonlySet<PythonHandler> = new Set(['session', 'web']);
const BODY_METHODS = ['PUT', 'POST', 'PATCH'];

/** The era facts of a Python-server profile. */
export const pythonEra = (profile: Profile): PythonEra => ({
  python: profile.python === 2 ? 2 : 3,
  webUi: profile.pythonServer?.webUi ?? false,
  securityHeaders: profile.pythonServer?.securityHeaders ?? false,
  headAndOptions: profile.pythonServer?.headAndOptions ?? true,
  schema: profile.pythonServer?.schema ?? false,
});

/** What the Python server answers: its catalogue (no role model: never `forbidden`) and its own. */
type PythonServerSituation = Exclude<ErrorSituation, 'forbidden'> | PythonSituation;

/** An error raised with abort()/HTTPError, or an exception bottle turns into a 500. */
class Raised {
  readonly situation: PythonServerSituation;
  readonly vars: TemplateVars;
  readonly headers: Record<string, string>;
  /** Raised below JsonpPlugin (plugins and handlers): JSONPlugin returns it as a value. */
  readonly belowJsonp: boolean;
  constructor(
    situation: PythonServerSituation,
    vars: TemplateVars = {},
    headers: Record<string, string> = {},
    belowJsonp = false,
  ) {
    this.situation = situation;
    this.vars = vars;
    this.headers = headers;
    this.belowJsonp = belowJsonp;
  }
}

interface Ctx {
  req: Request;
  res: Response;
  node: SimNode;
  era: PythonEra;
  method: string;
  route: PythonRoute;
  callback: string | undefined;
}

/**
 * gevent's pywsgi reads the request line with readline(MAX_REQUEST_LINE = 8192) and refuses one that
 * long before the application sees it, with a fixed answer (pywsgi.py _REQUEST_TOO_LONG_RESPONSE).
 */
const MAX_REQUEST_LINE = 8192;

function requestLineTooLong(req: Request, res: Response): boolean {
  const line = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
  if (Buffer.byteLength(line, 'latin1') < MAX_REQUEST_LINE) return false;
  res.sendDate = false;
  res.statusCode = 414;
  res.statusMessage = 'Request URI Too Long';
  res.setHeader('Connection', 'close');
  res.setHeader('Content-length', '0');
  res.end();
  return true;
}

export function routePhosphorRest(req: Request, res: Response, node: SimNode): void {
  if (requestLineTooLong(req, res)) return;
  const era = pythonEra(node.profile);
  const [rawPath = '/', query = ''] = splitOnce(req.originalUrl, '?');
  // bottle's request.query: the last `callback` wins; an empty one is no callback (`or None`).
  const callback = new URLSearchParams(query).getAll('callback').at(-1) || undefined;
  const method = (req.method ?? 'GET').toUpperCase();
  const decoded = decodePath(rawPath, era);
  const ctx: Ctx = {
    req,
    res,
    node,
    era,
    method,
    route: { handler: 'instance', path: '/', name: '' },
    callback,
  };
  if (!decoded.ok) {
    // Bottle._handle returns this HTTPError before any hook or route.
    sendRaised(ctx, new Raised('invalid-path'));
    return;
  }
  try {
    ctx.route = matchRoute(decoded.path, era);
    route(ctx);
  } catch (e) {
    if (!(e instanceof Raised)) throw e;
    // Only an HTTPError (abort) comes back as a value; an exception (every 500 here) is bottle's 500.
    if (e.belowJsonp && callback !== undefined && statusOf(ctx, e) !== 500) {
      sendRaised(ctx, jsonpTypeError(ctx));
      return;
    }
    sendRaised(ctx, e);
  }
}

function route(ctx: Ctx): void {
  const { era, method, route } = ctx;
  // Router.match: HEAD falls back to the GET rules; a method no rule is registered for is bottle's 405.
  if (!routedMethods(era).includes(method) && !(method === 'HEAD' && routedMethods(era).includes('GET'))) {
    throw new Raised('method-not-allowed', {}, { Allow: bottleAllow(era) });
  }
  // RouteHandler._setup.
  const verbs = handlerVerbs(route.handler, era);
  if (!verbs.includes(method)) {
    // Before 2017-02-21 _setup looked the path up (self.find) before its 405.
    if (!era.headAndOptions) lookup(ctx, 'GET');
    throw new Raised('method-not-allowed', {}, { Allow: verbs.join(',') });
  }
  if (method === 'OPTIONS') {
    // Neither a lookup nor a session: browsers send no credentials with a preflight.
    sendOptions(ctx, verbs);
    return;
  }
  lookup(ctx, method);

  // route.call: the plugin chain.
  // AuthorizationPlugin: the signed `sid` cookie (one authenticate() for every face).
  const session = authenticate(ctx.req, ctx.node);
  if (!NO_AUTH.has(route.handler) && !session) throw new Raised('unauthorized');
  const cors = corsHeaders(ctx, verbs, true);
  const json = JSON_HANDLERS.has(route.handler);
  const contentType = (ctx.req.headers['content-type'] ?? '').toLowerCase();
  if (json && BODY_METHODS.includes(method) && contentType !== 'application/json') {
    throw new Raised('unsupported-media-type', { contentType });
  }
  const body = json && BODY_METHODS.includes(method) ? readBody(ctx) : undefined;
  if (body !== undefined && LIST_BODY.has(route.handler) && !Array.isArray(body.data)) {
    throw new Raised('bad-action-format', { body: pythonStr(body.json, era.python) }, {}, true);
  }
  const data = handle(ctx, body, session);
  sendData(ctx, data, cors);
}

/** The lookups each handler's setup() makes through the mapper while routing. */
function lookup(ctx: Ctx, method: string): void {
  const { node, route } = ctx;
  const { bmc } = node;
  const path = route.path;
  // dbus-python cannot send a string with a NUL to the mapper (Python 3's message.append).
  if (path.includes('\0') && ctx.era.python === 3 && route.handler !== 'session' && route.handler !== 'web') {
    throw new Raised(`nul-path-${route.handler}`);
  }
  switch (route.handler) {
    case 'session':
    case 'web':
      return;
    case 'directory':
    case 'list-names':
    case 'enumerate':
      // GetSubTree(Paths) answers for namespaces too; a path nothing lives under is FileNotFound.
      if (path !== '/' && !bmc.exists(path)) throw new Raised('path-not-found', { path });
      return;
    case 'method':
      if (!bmc.isObject(path)) throw new Raised('path-not-found', { path });
      if (!bmc.hasMethod(path, route.name, 'case-insensitive'))
        throw new Raised('method-not-found', { method: route.name });
      return;
    case 'property':
      // PropertyHandler.find runs InstanceHandler.setup: a namespace is no object for GetObject.
      if (!bmc.isObject(path))
        throw new Raised(method === 'PUT' ? 'path-not-creatable' : 'path-not-found', { path });
      if (!bmc.hasProperty(path, route.name, propertyNames(node.profile)))
        throw new Raised(method === 'PUT' ? 'property-not-creatable' : 'property-not-found', {
          property: route.name,
        });
      return;
    case 'instance':
      if (!bmc.isObject(path))
        throw new Raised(method === 'PUT' ? 'path-not-creatable' : 'path-not-found', { path });
      return;
    case 'schema':
      // SchemaHandler.find: the mapper's GetObject, as for an instance.
      if (!bmc.isObject(path)) throw new Raised('path-not-found', { path });
      return;
  }
}

/** How attr names match: case-insensitive since 2017-02-21, exact before (openbmc-rest.md 2.1). */
const propertyNames = (profile: Profile): NameMatch => profile.routing.propertyNames ?? profile.routing.names;

interface Body {
  /** json.loads of the body (bottle's request.json). */
  json: JsonValue;
  /** `request.json.get('data')`; null where the key is missing. */
  data: JsonValue;
}

/** JsonApiRequestPlugin.validate_request: `request.json.get('data')`. */
function readBody(ctx: Ctx): Body {
  // bottle's _get_body_string: HTTPError(413) when Content-Length is over MEMFILE_MAX, unread.
  if (ctx.res.locals.bodyOverLimit === true) throw new Raised('payload-too-large', {}, {}, true);
  const raw: unknown = ctx.req.body;
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
  // bottle's request.json is None for an empty body: `None.get` is an AttributeError.
  if (bytes.length === 0) throw new Raised('bad-request-format', { body: 'None' }, {}, true);
  const auth = !NO_AUTH.has(ctx.route.handler);
  const parsed = pythonJsonLoads(bytes, ctx.era.python, jsonDepth(auth));
  if (!parsed.ok) {
    if (parsed.kind === 'recursion') {
      // RecursionError is no ValueError: validate_request lets it through to bottle's 500.
      throw new Raised(auth ? 'json-recursion-auth' : 'json-recursion', { recursion: parsed.message });
    }
    throw new Raised('bad-json', { body: parsed.message }, {}, true);
  }
  const json = parsed.value;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new Raised('bad-request-format', { body: pythonStr(json, ctx.era.python) }, {}, true);
  }
  return { json, data: json.data ?? null };
}

/**
 * How many containers json.loads opens before its recursion guard trips: Python's limit (1000)
 * less what the stack holds when JsonApiRequestPlugin parses the body. Measured on the real server
 * (rest_dbus.py ad29e43 under phosphor-gevent with TLS and geventwebsocket's handler; CPython
 * 3.11.2, gevent 22.10.2, greenlet 2.0.2, bottle 0.12.23): 957 containers parse on `/login`, the
 * 958th raises. In 3.11 every Python frame and every C-level call into a Python object counts
 * against the one limit, and a greenlet starts from the depth of the hub callback that first
 * switches into it, so the figure covers the launcher, gevent's hub and handler, bottle and the
 * plugins. An authenticated route has AuthorizationPlugin.Compose on top, an instance called
 * through slot_tp_call (two counts): 955 there. The Python 2 eras (gevent 1.x, bottle 0.12.9)
 * could not be run here: the same figures are assumed for them.
 */
const jsonDepth = (auth: boolean): number => (auth ? 955 : 957);

type Session = NonNullable<ReturnType<typeof authenticate>>;

/** The handler's do_<verb>: the data of a 200, or a Raised. */
function handle(ctx: Ctx, body: Body | undefined, session: Session | undefined): WireValue | Sent {
  const { node, route, method } = ctx;
  const { bmc, profile } = node;
  const path = route.path;
  const fail = (situation: PythonServerSituation, vars: TemplateVars = {}): never => {
    throw new Raised(situation, vars, {}, true);
  };
  switch (route.handler) {
    case 'session':
      return path === '/login' ? login(ctx, body as Body) : logout(ctx, session);
    case 'web':
      // No web UI is installed in the simulator: WebHandler.do_get finds no file under /usr/share/www.
      return fail('web-file-not-found');
    case 'directory': {
      const r = bmc.children(path);
      return r.ok ? r.value : fail('path-not-found', { path });
    }
    case 'list-names': {
      const r = bmc.list(path);
      return r.ok ? r.value : fail('path-not-found', { path });
    }
    case 'enumerate': {
      const r = bmc.enumerate(path);
      if (!r.ok) return fail('path-not-found', { path });
      // The mapper's GetSubTree leaves the path itself out (phosphor-objmgr obmc/mapper/bindings.py
      // enumerate_subtree walks GetSubTree's answer only).
      const { [path]: _self, ...below } = r.value;
      return below;
    }
    case 'property': {
      if (method !== 'PUT') {
        const r = bmc.getProperty(path, route.name, propertyNames(profile));
        if (!r.ok) return fail(situationOf(r.error, 'get').situation, situationOf(r.error, 'get').vars);
        // A lone dbus.Boolean is no dict or list: dbus_boolean_to_bool leaves it an int (0/1).
        return typeof r.value === 'boolean' ? Number(r.value) : r.value;
      }
      putProperty(ctx, (body as Body).data);
      return null;
    }
    case 'method':
      return callMethod(ctx, (body as Body).data as JsonValue[]);
    case 'schema': {
      const object = bmc.tree.object(path);
      return object ? sdbusSchema(object) : fail('path-not-found', { path });
    }
    case 'instance': {
      if (method === 'GET' || method === 'HEAD') {
        const r = bmc.getObject(path);
        return r.ok ? r.value : fail('path-not-found', { path });
      }
      if (method === 'DELETE') {
        if (!bmc.deletable(path)) return fail('delete-not-supported', { path });
        const r = bmc.delete(path);
        return r.ok
          ? null
          : fail(situationOf(r.error, 'delete').situation, situationOf(r.error, 'delete').vars);
      }
      return fail('object-put');
    }
  }
}

/** A response the handler wrote itself (the login cookie). */
interface Sent {
  readonly sent: true;
  readonly data: WireValue;
  readonly headers: Record<string, string>;
}

function login(ctx: Ctx, body: Body): Sent {
  const { node, era } = ctx;
  const { bmc, profile } = node;
  const pair = body.data as JsonValue[];
  if (pair.length !== 2)
    throw new Raised('login-bad-pair', { body: pythonStr(body.json, era.python) }, {}, true);
  const [username, password] = pair as [JsonValue, JsonValue];
  // SessionHandler.authenticate: spwd.getspnam(username), then crypt.crypt(password, ...) for a
  // user that exists. Anything but strings is a TypeError there, never a session.
  if (typeof username !== 'string') {
    throw new Raised('login-type-error', { value: pythonTypeName(username) }, {}, true);
  }
  const known = bmc.roleOf(username) !== undefined;
  if (known && typeof password !== 'string') {
    throw new Raised('login-password-type-error', { value: pythonTypeName(password) }, {}, true);
  }
  const result = typeof password === 'string' ? bmc.login(username, password) : undefined;
  if (!result?.ok) {
    throw new Raised(
      result && result.error.kind !== 'bad-credentials' ? 'session-limit' : 'login-failed',
      {},
      {},
      true,
    );
  }
  const cookie = encodeSid(Buffer.from(result.value.token, 'hex'), node.cookieKey);
  return {
    sent: true,
    data: `User '${username}' logged in`,
    headers: { 'Set-Cookie': `${profile.cookies.session}="${cookie}"; ${profile.cookies.attributes}` },
  };
}

function logout(ctx: Ctx, session: Session | undefined): Sent | string {
  const { node } = ctx;
  if (!session) return 'No user logged in';
  node.bmc.logout(session.token);
  return {
    sent: true,
    data: `User '${session.username}' logged out`,
    headers: {
      'Set-Cookie': `${node.profile.cookies.session}=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=-1`,
    },
  };
}

function putProperty(ctx: Ctx, data: JsonValue): void {
  const { node, route } = ctx;
  const { bmc, profile } = node;
  if (data === null) throw new Raised('null-value', {}, {}, true);
  const how = propertyNames(profile);
  const info = bmc.propertyInfo(route.path, route.name, how);
  if (!info) throw new Raised('property-not-creatable', { property: route.name }, {}, true);
  const build = buildOf(ctx);
  const outcome = pythonSet(
    { ...info, set: (value) => bmc.setProperty(route.path, info.name, value, how) },
    data,
    build.put,
    build.platform,
  );
  const fail = (situation: PythonServerSituation, vars: TemplateVars) =>
    new Raised(situation, vars, {}, true);
  switch (outcome.kind) {
    case 'done':
      return;
    case 'refused-first': {
      const { situation, vars } = situationOf(outcome.error, 'put');
      throw fail(situation, vars);
    }
    case 'read-only-raised':
      throw fail('dbus-error', {
        name: outcome.name,
        dbusMessage: outcome.message,
        dbusRepr: pythonRepr(outcome.message),
      });
    case 'append-error': {
      const { error } = outcome;
      if (outcome.status === 400) throw fail('put-value-error', { text: error.message });
      throw fail('put-append-error', { pyRepr: error.repr, pyLast: `${error.cls}: ${error.message}` });
    }
    case 'refused':
      throw fail('put-refused', { text: outcome.text });
    case 'conversion-failed':
      throw fail('put-conversion-failed', { value: outcome.value, signature: outcome.signature });
  }
}

function callMethod(ctx: Ctx, args: JsonValue[]): WireValue {
  const { node, route } = ctx;
  const { bmc } = node;
  const info = bmc.methodInfo(route.path, route.name, 'case-insensitive');
  if (!info) throw new Raised('method-not-found', { method: route.name }, {}, true);
  const build = buildOf(ctx);
  const outcome = pythonCall(
    { ...info, call: (values) => bmc.invoke(route.path, info.name, values, 'case-insensitive') },
    args,
    build.call,
    build.platform,
  );
  const fail = (situation: PythonServerSituation, vars: TemplateVars): never => {
    throw new Raised(situation, vars, {}, true);
  };
  switch (outcome.kind) {
    case 'done':
      return outcome.value;
    case 'refused-first': {
      const { situation, vars } = situationOf(outcome.error, 'action');
      return fail(situation, vars);
    }
    case 'append-error':
      return fail('call-append-error', {
        pyRepr: outcome.error.repr,
        pyLast: `${outcome.error.cls}: ${outcome.error.message}`,
      });
    case 'bad-request':
      return fail('call-bad-request', { text: outcome.text });
    case 'python-type-error':
      return fail('call-python-type-error', { pyMessage: outcome.message });
  }
}

/** `?callback=` with an error raised below JsonpPlugin: to_jsonp concatenates the HTTPError. */
const jsonpTypeError = (ctx: Ctx): Raised =>
  new Raised(NO_AUTH.has(ctx.route.handler) ? 'jsonp-type-error' : 'jsonp-type-error-auth');

// ---- writing -----------------------------------------------------------------------------------

/**
 * CorsPlugin: `Origin` echoed with credentials allowed; on a route call, a preflight-shaped request
 * (a verb of the handler, and `Access-Control-Request-Headers` exactly `content-type`) adds the rest.
 */
function corsHeaders(ctx: Ctx, verbs: readonly string[], routeCall: boolean): [string, string][] {
  if (!ctx.era.headAndOptions) return [];
  const h = ctx.req.headers;
  const out: [string, string][] = [];
  const origin = h.origin;
  if (origin) out.push(['Access-Control-Allow-Origin', origin], ['Access-Control-Allow-Credentials', 'true']);
  const method = h['access-control-request-method'];
  const asked = h['access-control-request-headers']?.split(',').map((x) => x.toLowerCase());
  const preflight =
    routeCall &&
    typeof method === 'string' &&
    verbs.includes(method) &&
    asked?.length === 1 &&
    asked[0] === 'content-type';
  if (!preflight) return out;
  out.push(['Access-Control-Allow-Methods', method], ['Access-Control-Allow-Headers', 'Content-Type']);
  if (ctx.era.securityHeaders) {
    out.push(
      ['X-Frame-Options', 'deny'],
      ['X-Content-Type-Options', 'nosniff'],
      ['X-XSS-Protection', '1; mode=block'],
      ['Content-Security-Policy', "default-src 'self'"],
      ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains; preload'],
    );
  }
  return out;
}

function base(ctx: Ctx, status: number, headers: [string, string][]): void {
  const { res, node } = ctx;
  res.status(status);
  res.sendDate = node.profile.sendDate;
  // A body left unread must not be taken for the next request: the connection ends with the answer.
  if (res.locals.bodyOverLimit === true) res.setHeader('Connection', 'close');
  for (const [k, v] of Object.entries(node.profile.responseHeaders)) res.setHeader(k, v);
  for (const [k, v] of headers) res.appendHeader(k, v);
}

/** do_options: `Allow` and no body; bottle's default type stays (text/html; charset=UTF-8). */
function sendOptions(ctx: Ctx, verbs: readonly string[]): void {
  base(ctx, 200, [['Allow', verbs.join(',')], ...corsHeaders(ctx, verbs, true)]);
  ctx.res.setHeader('Content-Type', 'text/html; charset=UTF-8');
  ctx.res.setHeader('Content-Length', 0);
  ctx.res.end();
}

/** JSONPlugin + JsonpPlugin: the JSON text, wrapped as `callback(...);` when asked. */
function writeJson(ctx: Ctx, status: number, body: WireValue, headers: [string, string][]): void {
  let text = serialize(body, ctx.era.python === 2);
  let type = 'application/json';
  if (ctx.callback !== undefined) {
    text = `${ctx.callback}(${text});`;
    type = 'application/javascript';
  }
  base(ctx, status, headers);
  ctx.res.setHeader('Content-Type', type);
  ctx.res.setHeader('Content-Length', Buffer.byteLength(text));
  // bottle drops the body of a HEAD answer and keeps its Content-Length: Bottle.wsgi compares the
  // method as sent (`environ['REQUEST_METHOD'] == 'HEAD'`), so a lower-case `head` gets its body.
  ctx.res.end(ctx.req.method === 'HEAD' ? undefined : text);
}

function sendData(ctx: Ctx, data: WireValue | Sent, cors: [string, string][]): void {
  const sent = isSent(data) ? data : undefined;
  const payload = sent ? sent.data : (data as WireValue);
  const wire = ctx.node.profile.booleans === 'int' ? intBooleans(payload) : payload;
  const headers: [string, string][] = [...cors, ...Object.entries(sent?.headers ?? {})];
  writeJson(ctx, 200, { data: wire, message: '200 OK', status: 'ok' }, headers);
}

const isSent = (v: WireValue | Sent): v is Sent =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && (v as { sent?: unknown }).sent === true;

/** phosphor-rest before 2018-06 sent D-Bus booleans as 0/1 everywhere. */
function intBooleans(value: WireValue): WireValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Array.isArray(value)) return value.map(intBooleans);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, intBooleans(v as WireValue)]));
  }
  return value;
}

/** The build's Python-only answers (its tracebacks); every Python-server profile names its build. */
const buildOf = (ctx: Ctx): PythonServerBuild => {
  const build = ctx.node.profile.pythonServer?.build;
  if (!build) throw new Error(`profile ${ctx.node.profile.name} has no Python server build`);
  return build;
};

const answerOf = (ctx: Ctx, e: Raised) =>
  isPythonSituation(e.situation)
    ? pythonServerErrors(buildOf(ctx))[e.situation]
    : ctx.node.profile.errors[e.situation];

const statusOf = (ctx: Ctx, e: Raised): number => answerOf(ctx, e).status;

/** The error callbacks: the envelope (JsonApiResponsePlugin), JSON text, JSONP, CORS origin. */
function sendRaised(ctx: Ctx, e: Raised): void {
  const answer = answerOf(ctx, e);
  const rendered = renderErrorBody(answer, e.vars);
  const headers: [string, string][] = [
    ...Object.entries({ ...answer.headers, ...e.headers }),
    ...corsHeaders(ctx, [], false),
  ];
  writeJson(ctx, answer.status, rendered ?? null, headers);
}

const splitOnce = (s: string, sep: string): [string, string] => {
  const at = s.indexOf(sep);
  return at < 0 ? [s, ''] : [s.slice(0, at), s.slice(at + 1)];
};
