// The Python REST server's request pipeline (openbmc/phosphor-rest-server rest_dbus.py), for
// profiles with `routing.auth: 'after-lookup'`: `//` collapsed, the route's verb checked and the
// object, property or method looked up while routing, *then* the session (so a bad path gets
// 404/405/403 even without a session), then the exact content type, the body and the handler
// (openbmc-rest.md 1.6, 2.3-2.5; transcripts-phosphor-rest.md).

import type { Request, Response } from 'express';
import type { JsonValue } from '../../protocol/index.ts';
import { naturalSignature } from '../model/dbus-types.ts';
import type { NameMatch } from '../model/object-tree.ts';
import { pythonJsonError, pythonRepr } from '../model/python-repr.ts';
import type { SimNode } from '../node.ts';
import type { ErrorSituation, Profile } from '../profiles/profile.ts';
import { authenticate } from './auth.ts';
import { contentType, isObject } from './body.ts';
import { encodeSid } from './bottle-cookie.ts';
import { situationOf } from './error-catalogue.ts';
import { sendError, sendOk, type TemplateVars } from './render.ts';
import { parseRestPath } from './request-classifier.ts';

type RouteKind = 'login' | 'logout' | 'directory' | 'list' | 'enumerate' | 'property' | 'method' | 'instance';

// The verbs each handler class declares (rest_dbus.py: DirectoryHandler, ListNamesHandler,
// ListHandler, PropertyHandler, MethodHandler, InstanceHandler, SessionHandler).
const VERBS: Record<RouteKind, readonly string[]> = {
  login: ['POST'],
  logout: ['POST'],
  directory: ['GET'],
  list: ['GET'],
  enumerate: ['GET'],
  property: ['PUT', 'GET'],
  method: ['POST'],
  instance: ['GET', 'PUT', 'DELETE'],
};

interface Route {
  kind: RouteKind;
  path: string;
  name: string;
}

function classify(path: string): Route {
  if (path === '/login') return { kind: 'login', path, name: '' };
  if (path === '/logout') return { kind: 'logout', path, name: '' };
  // Bottle's routes in rest_dbus.py order: attr, action, list, enumerate, directory, instance.
  const p = parseRestPath(path);
  if (p.property !== undefined) return { kind: 'property', path: p.objectPath, name: p.property };
  if (p.action) return { kind: 'method', path: p.action.path, name: p.action.method };
  if (p.suffix) return { kind: p.suffix.kind, path: p.suffix.path, name: '' };
  return { kind: 'instance', path, name: '' };
}

interface Parsed {
  raw: string;
  value: JsonValue | undefined;
}

/** How attr names match: case-insensitive since 2017-02-21, exact before (openbmc-rest.md 2.1). */
const propertyNames = (profile: Profile): NameMatch => profile.routing.propertyNames ?? profile.routing.names;

export function routePhosphorRest(req: Request, res: Response, node: SimNode): void {
  const { bmc, profile } = node;
  const python = profile.python ?? 3;
  const fail = (situation: ErrorSituation, vars: TemplateVars = {}, headers: Record<string, string> = {}) =>
    sendError(res, profile, situation, vars, headers);
  const path = (req.originalUrl.split('?')[0] ?? '/').replace(/\/{2,}/g, '/');
  const route = classify(path);

  if (!VERBS[route.kind].includes(req.method)) {
    fail('method-not-allowed', {}, { Allow: VERBS[route.kind].join(', ') });
    return;
  }

  // Lookups done while routing, before any session check.
  if (route.kind !== 'login' && route.kind !== 'logout' && route.path !== '/') {
    if (!bmc.exists(route.path)) {
      fail(route.kind === 'property' && req.method === 'PUT' ? 'path-not-creatable' : 'path-not-found', {
        path: route.path,
      });
      return;
    }
    if (route.kind === 'property' && !bmc.hasProperty(route.path, route.name, propertyNames(profile))) {
      fail(req.method === 'PUT' ? 'property-not-creatable' : 'property-not-found', {
        property: route.name,
        path: route.path,
      });
      return;
    }
    if (route.kind === 'method' && !bmc.hasMethod(route.path, route.name, 'case-insensitive')) {
      fail('method-not-found', { method: route.name, path: route.path });
      return;
    }
    if (route.kind === 'instance' && req.method === 'DELETE' && !bmc.deletable(route.path)) {
      fail('delete-not-supported', { path: route.path });
      return;
    }
  }

  const session = authenticate(req, node);

  if (route.kind === 'login') {
    const body = readJsonBody(req, res, node);
    if (body) login(req, res, node, body, python);
    return;
  }
  if (route.kind === 'logout') {
    if (!readJsonBody(req, res, node)) return;
    if (!session) {
      sendOk(res, profile, 'No user logged in');
      return;
    }
    bmc.logout(session.token);
    res.setHeader(
      'Set-Cookie',
      `${profile.cookies.session}=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=-1`,
    );
    sendOk(res, profile, `User '${session.username}' logged out`);
    return;
  }
  if (!session) {
    fail('unauthorized');
    return;
  }

  switch (route.kind as Exclude<RouteKind, 'login' | 'logout'>) {
    case 'directory': {
      const r = bmc.children(route.path);
      if (r.ok) sendOk(res, profile, r.value);
      else fail('path-not-found', { path: route.path });
      return;
    }
    case 'list': {
      const r = bmc.list(route.path);
      if (r.ok) sendOk(res, profile, r.value);
      else fail('path-not-found', { path: route.path });
      return;
    }
    case 'enumerate': {
      const r = bmc.enumerate(route.path);
      if (r.ok) sendOk(res, profile, r.value);
      else fail('path-not-found', { path: route.path });
      return;
    }
    case 'property': {
      if (req.method === 'GET') {
        const r = bmc.getProperty(route.path, route.name, propertyNames(profile));
        if (r.ok) sendOk(res, profile, r.value);
        else fail(situationOf(r.error, 'get').situation, situationOf(r.error, 'get').vars);
        return;
      }
      const body = readJsonBody(req, res, node);
      if (!body) return;
      putProperty(res, node, route, body);
      return;
    }
    case 'method': {
      const body = readJsonBody(req, res, node);
      if (!body) return;
      const data = isObject(body.value) ? body.value.data : undefined;
      if (!Array.isArray(data)) {
        fail('bad-action-format', { body: pythonRepr(body.value ?? null, python) });
        return;
      }
      const r = bmc.invoke(route.path, route.name, data, 'case-insensitive');
      if (r.ok) sendOk(res, profile, r.value);
      else fail(situationOf(r.error, 'action').situation, situationOf(r.error, 'action').vars);
      return;
    }
    case 'instance': {
      if (req.method === 'GET') {
        const r = bmc.getObject(route.path);
        if (r.ok) sendOk(res, profile, r.value);
        else fail('path-not-found', { path: route.path });
        return;
      }
      if (req.method === 'DELETE') {
        const r = bmc.delete(route.path);
        if (r.ok) sendOk(res, profile, null);
        else fail(situationOf(r.error, 'delete').situation, situationOf(r.error, 'delete').vars);
        return;
      }
      // Whole-object PUT: since the 2017-04 plugin change the instance route's body is never
      // parsed, so the handler dies on a None body (openbmc-rest.md 2.6, inferred).
      fail('null-value');
      return;
    }
  }
}

/** ContentCheckerPlugin + JsonApiRequestPlugin: exact `application/json`, then json.loads. */
function readJsonBody(req: Request, res: Response, node: SimNode): Parsed | undefined {
  const { profile } = node;
  const ct = contentType(req);
  if (ct !== 'application/json') {
    sendError(res, profile, 'unsupported-media-type', { contentType: ct });
    return undefined;
  }
  const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  if (raw === '') return { raw, value: undefined };
  let value: JsonValue;
  try {
    value = JSON.parse(raw) as JsonValue;
  } catch {
    sendError(res, profile, 'bad-json', { body: pythonJsonError(raw, profile.python ?? 3) });
    return undefined;
  }
  // Python's json.loads recurses once per level and gives up near its recursion limit (1000).
  // Found by test/fuzz: deeper bodies overflowed our own recursive repr (an empty 500). The real
  // server's RecursionError escapes the plugin's `except ValueError`; we answer with the catalogue's
  // decode error and Python's message instead (inferred, not recorded).
  // Nesting past the limit needs an opening and a closing bracket per level: shorter bodies
  // cannot reach it, so the walk is skipped for every ordinary request.
  const deep = raw.length > 2 * PYTHON_JSON_DEPTH ? nestedBeyond(value, PYTHON_JSON_DEPTH) : undefined;
  if (deep) {
    sendError(res, profile, 'bad-json', {
      body: `maximum recursion depth exceeded while decoding a JSON ${deep} from a unicode string`,
    });
    return undefined;
  }
  return { raw, value };
}

const PYTHON_JSON_DEPTH = 990;

/** `array` or `object` (the innermost container at the limit) when `value` nests deeper than `limit`. */
function nestedBeyond(value: JsonValue, limit: number): 'array' | 'object' | undefined {
  // Iterative: the value may be nested far deeper than our own stack allows.
  const stack: [JsonValue, number][] = [[value, 1]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [v, depth] = item;
    if (v === null || typeof v !== 'object') continue;
    if (depth > limit) return Array.isArray(v) ? 'array' : 'object';
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return undefined;
}

function login(_req: Request, res: Response, node: SimNode, body: Parsed, python: 2 | 3): void {
  const { bmc, profile } = node;
  const repr = pythonRepr(body.value ?? null, python);
  const data = isObject(body.value) ? body.value.data : undefined;
  if (!Array.isArray(data)) {
    sendError(res, profile, 'login-bad-format', { body: repr });
    return;
  }
  if (data.length !== 2) {
    sendError(res, profile, 'login-bad-pair', { body: repr });
    return;
  }
  const [username, password] = data;
  const result = bmc.login(String(username), String(password));
  if (!result.ok) {
    sendError(res, profile, result.error.kind === 'bad-credentials' ? 'login-failed' : 'session-limit');
    return;
  }
  const cookie = encodeSid(Buffer.from(result.value.token, 'hex'), node.cookieKey);
  res.setHeader('Set-Cookie', `${profile.cookies.session}="${cookie}"; ${profile.cookies.attributes}`);
  sendOk(res, profile, `User '${String(username)}' logged in`);
}

function putProperty(res: Response, node: SimNode, route: Route, body: Parsed): void {
  const { bmc, profile } = node;
  const data = isObject(body.value) ? body.value.data : undefined;
  if (data === undefined || data === null) {
    sendError(res, profile, 'null-value');
    return;
  }
  // dbus-python sends the value with the type it guesses; a mismatch (InvalidArgs) makes the
  // server convert by the property's signature and try once more (openbmc-rest.md 2.4).
  const direct =
    naturalSignature(data) === bmc.propertySignature(route.path, route.name, propertyNames(profile));
  const r = bmc.setProperty(route.path, route.name, data, propertyNames(profile));
  if (r.ok) {
    sendOk(res, profile, null);
    return;
  }
  const e = r.error;
  if (e.kind === 'invalid-enum' && !direct) {
    sendError(res, profile, 'set-failed-after-conversion', {
      name: 'xyz.openbmc_project.sdbusplus.Error.InvalidEnumString',
      dbusMessage: 'An enumeration mapping was attempted for which no valid enumeration value exists.',
    });
    return;
  }
  const { situation, vars } = situationOf(e, 'put');
  sendError(res, profile, situation, vars);
}
