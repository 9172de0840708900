// How the Python REST server finds the handler for a path: WSGI path decoding, bottle's
// before_request hook and router, in that order (openbmc/phosphor-rest-server rest_dbus.py at
// ad29e43: App.install_handlers, RouteHandler.__init__/_setup, App.strip_extra_slashes; bottle
// 0.12.23 Bottle._handle and Router.match, the version whose line numbers the recorded tracebacks
// show). Pure: no express.

/** The handler classes of rest_dbus.py that the simulator serves. */
export type PythonHandler =
  | 'session'
  | 'web'
  | 'directory'
  | 'list-names'
  | 'enumerate'
  | 'method'
  | 'property'
  | 'schema'
  | 'instance';

export interface PythonEra {
  /** WebHandler (d41643e, 2018-02-02): `//` and `*.js`, `*.css`, ... served without a session. */
  webUi: boolean;
  /** HEAD and OPTIONS (88c76a4 and d4c1c55, 2017-02-21): before them neither was routed. */
  headAndOptions: boolean;
  /** CorsPlugin's security headers on a preflight-shaped request (91b46f8, 2018-01-14). */
  securityHeaders: boolean;
  /** SchemaHandler's `<path:path>/schema` answered for sd-bus objects (python-schema.ts). */
  schema: boolean;
  /** Python 3 (249d132, 2018-03-05): bottle re-decodes PATH_INFO as UTF-8. */
  python: 2 | 3;
}

export interface PythonRoute {
  handler: PythonHandler;
  /** The `path` route argument (`/` where the rule has none). */
  path: string;
  /** `<prop>` or `<method>`; `<filename>` of a web file. */
  name: string;
}

/**
 * The verbs a handler answers, as `RouteHandler.__init__` builds `_verbs`: `HEAD` joins a GET
 * handler through `list(set(verbs + ['HEAD']))` and `OPTIONS` is appended. The set's order is
 * Python 2's (string hashes are not randomised there; Python 3 picks an order per process).
 */
const VERBS: Record<PythonHandler, readonly string[]> = {
  session: ['POST', 'OPTIONS'],
  web: ['HEAD', 'GET', 'OPTIONS'],
  directory: ['HEAD', 'GET', 'OPTIONS'],
  'list-names': ['HEAD', 'GET', 'OPTIONS'],
  enumerate: ['HEAD', 'GET', 'OPTIONS'],
  method: ['POST', 'OPTIONS'],
  property: ['PUT', 'HEAD', 'GET', 'OPTIONS'],
  schema: ['HEAD', 'GET', 'OPTIONS'],
  instance: ['PUT', 'HEAD', 'DELETE', 'GET', 'OPTIONS'],
};

/** Before 2017-02-21 `_verbs` was the class's own list. */
const OLD_VERBS: Record<PythonHandler, readonly string[]> = {
  session: ['POST'],
  web: ['GET'],
  directory: ['GET'],
  'list-names': ['GET'],
  enumerate: ['GET'],
  method: ['POST'],
  property: ['PUT', 'GET'],
  schema: ['GET'],
  instance: ['GET', 'PUT', 'DELETE'],
};

export const handlerVerbs = (handler: PythonHandler, era: PythonEra): readonly string[] =>
  (era.headAndOptions ? VERBS : OLD_VERBS)[handler];

/** The methods `RouteHandler.install` registers every rule for; bottle answers others itself. */
export const routedMethods = (era: PythonEra): readonly string[] =>
  era.headAndOptions
    ? ['OPTIONS', 'GET', 'PUT', 'PATCH', 'POST', 'DELETE']
    : ['GET', 'PUT', 'PATCH', 'POST', 'DELETE'];

/**
 * bottle's own 405 for a method no rule is registered for (CONNECT, TRACE): the catch-all instance
 * rule matches every path, so `Allow` lists every registered method, sorted (Router.match).
 */
export const bottleAllow = (era: PythonEra): string => [...routedMethods(era)].sort().join(',');

export type DecodedPath = { ok: true; path: string } | { ok: false; reason: 'not-utf8' };

/**
 * PATH_INFO as the handler sees it: the WSGI server percent-decodes the request path to bytes
 * (gevent pywsgi: unquote, so `%2F` is a `/` and splits segments, `%00` a NUL); bottle under
 * Python 3 then decodes those bytes as UTF-8 and answers 400 when it cannot (Bottle._handle);
 * the before_request hook collapses repeated slashes and keeps a trailing one (strip_extra_slashes:
 * `/` itself becomes `//`).
 */
export function decodePath(rawPath: string, era: PythonEra): DecodedPath {
  const bytes: number[] = [];
  for (let i = 0; i < rawPath.length; i++) {
    const hex = rawPath[i] === '%' ? rawPath.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      for (const b of Buffer.from(rawPath[i] ?? '', 'utf8')) bytes.push(b);
    }
  }
  const buffer = Buffer.from(bytes);
  let path: string;
  if (era.python === 3) {
    try {
      path = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    } catch {
      return { ok: false, reason: 'not-utf8' };
    }
  } else {
    // Python 2 keeps the byte string; our model's paths are text, so read the bytes as UTF-8.
    path = buffer.toString('utf8');
  }
  return { ok: true, path: stripExtraSlashes(path) };
}

export function stripExtraSlashes(path: string): string {
  const trailing = path.endsWith('/') ? '/' : '';
  return `/${path.split('/').filter(Boolean).join('/')}${trailing}`;
}

const WEB_FILES = /^\/(.+\.(js|svg|css|ttf|eot|woff|woff2|map|png|html|ico))$/;

/**
 * The first rule that matches, in install order: static rules first (`/login`, `/logout`,
 * `/list`, `/enumerate`, the web UI's `//`), then the dynamic ones, each `<path:path>` being the
 * non-greedy `.+?` and `<prop>`/`<method>` one segment (`[^/]+`), the instance rule last.
 */
export function matchRoute(path: string, era: PythonEra): PythonRoute {
  const route = (handler: PythonHandler, p: string, name = ''): PythonRoute => ({ handler, path: p, name });
  if (path === '/login' || path === '/logout') return route('session', path);
  if (path === '/list') return route('list-names', '/');
  if (path === '/enumerate') return route('enumerate', '/');
  if (era.webUi && path === '//') return route('web', '/', 'index.html');
  const web = era.webUi ? WEB_FILES.exec(path) : null;
  if (web?.[1]) return route('web', '/', web[1]);
  let m = /^(.+?)\/$/.exec(path);
  if (m?.[1]) return route('directory', m[1]);
  m = /^(.+?)\/list$/.exec(path);
  if (m?.[1]) return route('list-names', m[1]);
  m = /^(.+?)\/enumerate$/.exec(path);
  if (m?.[1]) return route('enumerate', m[1]);
  m = /^(.+?)\/action\/([^/]+)$/.exec(path);
  if (m?.[1] && m[2]) return route('method', m[1], m[2]);
  m = /^(.+?)\/attr\/([^/]+)$/.exec(path);
  if (m?.[1] && m[2]) return route('property', m[1], m[2]);
  // SchemaHandler is installed after PropertyHandler (App.install_handlers).
  m = era.schema ? /^(.+?)\/schema$/.exec(path) : null;
  if (m?.[1]) return route('schema', m[1]);
  return route('instance', path);
}
