// POST /login and POST /logout as bmcweb's login routes answer them (openbmc-rest.md 1.2, 1.4;
// bmcweb include/login_routes.hpp of 2021): the form of the body decides the answer.

import type { Request, Response } from 'express';
import { CSRF_COOKIE } from '../../protocol/index.ts';
import type { Bmc } from '../model/bmc.ts';
import type { Session } from '../model/sessions.ts';
import type { LoginAnswer, Profile } from '../profiles/profile.ts';
import { contentType, isObject, parseBody } from './body.ts';
import { sendError, sendJson, sendOk } from './render.ts';

interface Credentials {
  username: string;
  password: string;
  answer: LoginAnswer;
}

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Which credentials a request carries, and which answer form they ask for; undefined = not understood. */
function readCredentials(req: Request, profile: Profile): Credentials | undefined {
  const ct = contentType(req);
  const jsonType =
    profile.login.contentType === 'exact' ? ct === 'application/json' : ct.startsWith('application/json');
  if (jsonType) {
    const body = parseBody(req);
    if (body.kind !== 'json' || !isObject(body.value)) return undefined;
    const v = body.value;
    if ('username' in v && 'password' in v) {
      const username = asString(v.username);
      const password = asString(v.password);
      return username && password
        ? { username, password, answer: profile.login.usernamePassword }
        : undefined;
    }
    const data = v.data;
    if (Array.isArray(data) && data.length === 2) {
      const username = asString(data[0]);
      const password = asString(data[1]);
      return username && password ? { username, password, answer: profile.login.dataArray } : undefined;
    }
    if (isObject(data)) {
      const username = asString(data.username);
      const password = asString(data.password);
      return username && password ? { username, password, answer: profile.login.dataObject } : undefined;
    }
    return undefined;
  }
  if (!profile.login.headerCredentials) return undefined;
  const username = asString(req.headers.username);
  const password = asString(req.headers.password);
  return username && password ? { username, password, answer: 'token' } : undefined;
}

function sessionCookies(profile: Profile, session: Session): string[] {
  const c = profile.cookies;
  const cookies: string[] = [];
  if (c.xsrf) cookies.push(`${CSRF_COOKIE}=${session.csrfToken}; ${c.attributes}`);
  cookies.push(`${c.session}=${session.token}; ${c.attributes}; HttpOnly`);
  return cookies;
}

export function handleLogin(req: Request, res: Response, bmc: Bmc, profile: Profile): void {
  const creds = readCredentials(req, profile);
  if (!creds || creds.answer === 'rejected') {
    sendError(res, profile, 'login-bad-request');
    return;
  }
  const result = bmc.login(creds.username, creds.password);
  if (!result.ok) {
    sendError(res, profile, result.error.kind === 'bad-credentials' ? 'login-failed' : 'session-limit');
    return;
  }
  const session = result.value;
  if (creds.answer === 'phosphor-body') {
    // bmcweb answers phosphor-rest clients in their own format ("looksLikePhosphorRest"), with cookies.
    res.setHeader('Set-Cookie', sessionCookies(profile, session));
    sendOk(res, profile, `User '${creds.username}' logged in`);
    return;
  }
  if (profile.cookies.onTokenLogin) res.setHeader('Set-Cookie', sessionCookies(profile, session));
  sendJson(res, profile, 200, { token: session.token });
}

export function handleLogout(res: Response, bmc: Bmc, profile: Profile, session: Session | undefined): void {
  if (!session) {
    sendError(res, profile, 'unauthorized');
    return;
  }
  bmc.logout(session.token);
  if (profile.cookies.clearOnLogout) {
    res.setHeader(
      'Set-Cookie',
      `${profile.cookies.session}=; ${profile.cookies.attributes}; HttpOnly; expires=Thu, 01 Jan 1970 00:00:00 GMT`,
    );
  }
  sendOk(res, profile, `User '${session.username}' logged out`);
}
