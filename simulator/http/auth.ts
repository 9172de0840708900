// Who is asking, for every face of one BMC (D-Bus REST, the Python server, Redfish): one session
// store, so a `/login` token works on Redfish and a Redfish session token on `/xyz/...`, as in
// bmcweb, whose include/authentication.hpp authenticates before any route is chosen. bmcweb tries
// X-Auth-Token, then the session cookie (with the CSRF rule for non-GET), then
// `Authorization: Token`, then Basic (openbmc-rest.md 1.3); phosphor-rest knows only its signed
// `sid` cookie. The profile lists the methods in order; the first that succeeds wins.

import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { AuthHeader, RedfishPath, RestRoute } from '../../protocol/index.ts';
import type { Session } from '../model/sessions.ts';
import type { SimNode } from '../node.ts';
import type { Profile } from '../profiles/profile.ts';
import { decodeSid } from './bottle-cookie.ts';

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const header = (req: Request, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Constant-time compare; the CSRF token must be exactly 20 characters (bmcweb). */
function csrfMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined || given.length !== 20) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function authenticate(req: Request, node: SimNode): Session | undefined {
  const { bmc, profile } = node;
  for (const method of profile.auth.methods) {
    switch (method) {
      case 'x-auth-token': {
        const token = header(req, AuthHeader.token);
        const session = token ? bmc.sessions.use(token) : undefined;
        if (session) return session;
        break;
      }
      case 'cookie': {
        const token = readCookie(req, profile.cookies.session);
        if (!token) break;
        const session = bmc.sessions.use(token);
        if (!session) break;
        // HEAD and OPTIONS count as non-GET too.
        if (
          profile.auth.csrf &&
          req.method !== 'GET' &&
          !csrfMatches(header(req, AuthHeader.csrf), session.csrfToken)
        )
          break;
        return session;
      }
      case 'signed-cookie': {
        // phosphor-rest: Bottle's signed `sid` cookie holds the 32-byte session id.
        const value = readCookie(req, profile.cookies.session);
        const sid = value ? decodeSid(value, node.cookieKey) : undefined;
        const session = sid ? bmc.sessions.use(sid.toString('hex')) : undefined;
        if (session) return session;
        break;
      }
      case 'authorization-token': {
        const auth = header(req, 'authorization');
        if (!auth?.startsWith('Token ')) break;
        const session = bmc.sessions.use(auth.slice('Token '.length));
        if (session) return session;
        break;
      }
      case 'basic': {
        const auth = header(req, 'authorization');
        if (!auth?.startsWith('Basic ')) break;
        const decoded = Buffer.from(auth.slice('Basic '.length), 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon < 0) break;
        const user = bmc.checkPassword(decoded.slice(0, colon), decoded.slice(colon + 1));
        if (!user) break;
        // A single-request session (2019-2021 bmcweb): it never outlives this request.
        const created = bmc.sessions.create(user.username, 'request');
        if (created.ok) return created.value;
        break;
      }
    }
  }
  return undefined;
}

/** bmcweb adds `WWW-Authenticate: Basic` to a 401 unless the client looks like a browser app. */
export function wwwAuthenticate(req: Request, profile: Profile): Record<string, string> {
  if (!profile.auth.methods.includes('basic')) return {};
  switch (profile.auth.wwwAuthenticate) {
    case 'never':
      return {};
    case 'unless-x-requested-with':
      return header(req, 'x-requested-with') ? {} : { 'WWW-Authenticate': 'Basic' };
    case 'unless-user-agent':
      return header(req, 'user-agent') ? {} : { 'WWW-Authenticate': 'Basic' };
  }
}

/**
 * Requests bmcweb serves without credentials (include/authentication.hpp isOnAllowlist): the
 * Redfish entry points on GET, session creation and `/login` on POST; a trailing slash is
 * ignored. Profiles without Redfish have only `/login`.
 */
export function isOnAllowlist(method: string, path: string, profile: Profile): boolean {
  const url = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (method === 'POST') {
    if (url === RestRoute.login) return true;
    return profile.redfish && (url === RedfishPath.sessions || url === `${RedfishPath.sessions}/Members`);
  }
  if (method !== 'GET' || !profile.redfish) return false;
  return (
    url === RedfishPath.entry ||
    url === RedfishPath.root ||
    url === RedfishPath.odata ||
    url === RedfishPath.metadata
  );
}
