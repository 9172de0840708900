// How each server family logs in and what later requests carry (openbmc-rest.md 1.2-1.4).
// bmcweb: the {"username","password"} form answers {"token"}, sent back as X-Auth-Token (what
// openbmctool and test automation do; no CSRF dance). If a bmcweb answers cookies only, the
// session cookie plus X-XSRF-TOKEN works for every verb (1.3 rule 3).
// Python REST server: only {"data":[user, pass]} and the signed `sid` cookie.

import { AuthHeader, CSRF_COOKIE, RestRoute, SessionCookie } from '../../protocol/index.ts';
import type { HttpAnswer, RequestSpec } from './rest-client.ts';

export type AuthFlavor = 'bmcweb' | 'phosphor';

export interface Credentials {
  username: string;
  password: string;
}

/** What a logged-in session adds to each request, and the values that must never be shown. */
export interface SessionAuth {
  headers: Record<string, string>;
  secrets: string[];
  /** How this session ends, where it is not the REST /logout (Redfish: DELETE of its URI). */
  logout?: RequestSpec;
}

export type LoginResult =
  | { kind: 'ok'; auth: SessionAuth }
  | { kind: 'rejected' }
  | { kind: 'unexpected'; reason: string };

export function loginRequest(flavor: AuthFlavor, c: Credentials): RequestSpec {
  return flavor === 'bmcweb'
    ? { method: 'POST', path: RestRoute.login, body: { username: c.username, password: c.password } }
    : { method: 'POST', path: RestRoute.login, body: { data: [c.username, c.password] } };
}

export const logoutRequest: RequestSpec = { method: 'POST', path: RestRoute.logout, body: { data: [] } };

export function parseLogin(flavor: AuthFlavor, a: HttpAnswer): LoginResult {
  if (a.status === 401) return { kind: 'rejected' };
  if (a.status !== 200) return { kind: 'unexpected', reason: `login answered HTTP ${a.status}` };
  const cookies = setCookies(a);
  if (flavor === 'phosphor') {
    const sid = cookies.get(SessionCookie.phosphor);
    if (!sid) return { kind: 'unexpected', reason: 'login answered 200 without the sid cookie' };
    return { kind: 'ok', auth: { headers: { cookie: `${SessionCookie.phosphor}=${sid}` }, secrets: [sid] } };
  }
  const token = tokenOf(a.body);
  if (token) return { kind: 'ok', auth: { headers: { [AuthHeader.token]: token }, secrets: [token] } };
  const name = cookies.has(SessionCookie.bmcweb2025) ? SessionCookie.bmcweb2025 : SessionCookie.bmcweb;
  const session = cookies.get(name);
  const xsrf = cookies.get(CSRF_COOKIE);
  if (session && xsrf) {
    return {
      kind: 'ok',
      auth: { headers: { cookie: `${name}=${session}`, [AuthHeader.csrf]: xsrf }, secrets: [session, xsrf] },
    };
  }
  return { kind: 'unexpected', reason: 'login answered 200 without a token or session cookies' };
}

function tokenOf(body: string): string | undefined {
  try {
    const j: unknown = JSON.parse(body);
    if (
      typeof j === 'object' &&
      j !== null &&
      'token' in j &&
      typeof j.token === 'string' &&
      j.token !== ''
    ) {
      return j.token;
    }
  } catch {
    // not JSON: no token
  }
  return undefined;
}

/** name -> value of each Set-Cookie (attributes dropped, quoting kept as sent). */
export function setCookies(a: HttpAnswer): Map<string, string> {
  const raw = a.headers['set-cookie'];
  const lines = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const out = new Map<string, string>();
  for (const line of lines) {
    const first = line.split(';', 1)[0] ?? '';
    const eq = first.indexOf('=');
    if (eq <= 0) continue;
    const value = first.slice(eq + 1).trim();
    if (value !== '') out.set(first.slice(0, eq).trim(), value);
  }
  return out;
}
