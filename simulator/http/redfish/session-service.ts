// SessionService and its Sessions (bmcweb redfish_sessions.hpp): one session store for every
// face, so a session made here is a `/login` session too, and counts against the same limits
// and idle timeout (redfish.md 2.1; 1800 s default, include/sessions.hpp).

import type { JsonValue } from '../../../protocol/index.ts';
import { AuthHeader, RedfishPath } from '../../../protocol/index.ts';
import type { Role } from '../../model/accounts.ts';
import type { Session } from '../../model/sessions.ts';
import {
  collection,
  fail,
  odataContext,
  ok,
  type RedfishContext,
  type RedfishReply,
  sessionServiceId,
  successBody,
} from './context.ts';
import { errorBody, type Problem } from './messages.ts';
import { readBody, readFields, valueArg } from './request-body.ts';

const sessionUri = (id: string) => `${RedfishPath.sessions}/${id}`;

function sessionBody(ctx: RedfishContext, s: Session): Record<string, JsonValue> {
  const { rules, bmc } = ctx;
  const body: Record<string, JsonValue> = {
    '@odata.id': sessionUri(s.id),
    '@odata.type': rules.types.session,
    ...odataContext(rules, 'Session.Session'),
    Description: 'Manager User Session',
    Id: s.id,
    Name: 'User Session',
    UserName: s.username,
  };
  if (!rules.odataContext) body.ClientOriginIPAddress = s.clientIp ?? '';
  if (rules.odataVersion) {
    // 2022+: the session's role and the client's Context.
    body.Roles = [bmc.roleOf(s.username) ?? 'ReadOnly'];
    if (s.context !== undefined) body.Context = s.context;
  }
  return body;
}

export function getSessionService(ctx: RedfishContext): RedfishReply {
  const { rules, bmc } = ctx;
  const idle = bmc.sessions.limits.idleTimeoutMs;
  return ok({
    '@odata.id': sessionServiceId(rules, RedfishPath.sessionService),
    '@odata.type': '#SessionService.v1_0_2.SessionService',
    ...odataContext(rules, 'SessionService.SessionService'),
    Description: 'Session Service',
    Id: 'SessionService',
    Name: 'Session Service',
    ServiceEnabled: true,
    SessionTimeout: idle === null ? 0 : Math.round(idle / 1000),
    Sessions: { '@odata.id': RedfishPath.sessions },
  });
}

/** SessionTimeout 30..86400 s (SessionService.v1_1_7 bounds), applied to every face's sessions
 * and kept across restarts; no PATCH before f2a4a60698 (2020-08): the router's 405. */
export function patchSessionService(ctx: RedfishContext): RedfishReply {
  const { rules, bmc } = ctx;
  if (!rules.sessionTimeoutPatch) return { status: 405 };
  const body = readBody(ctx, 'patch');
  if (Array.isArray(body)) return fail(rules, body);
  const { values, problems } = readFields(rules, body, { SessionTimeout: 'integer' });
  if (problems.length > 0) return fail(rules, problems);
  const timeout = values.SessionTimeout;
  if (typeof timeout !== 'number') return { status: 204 };
  if (timeout < 30 || timeout > 86400) {
    return fail(rules, [
      {
        key: 'PropertyValueNotInList',
        args: [valueArg(rules, timeout), 'SessionTimeOut'],
        property: 'SessionTimeOut',
      },
    ]);
  }
  bmc.setSessionTimeout(timeout);
  // messages::propertyValueModified under the misspelt "SessionTimeOut": an annotation, inside
  // `error` since 8b0993927e (2026-04), with status 200 either way.
  return ok(
    errorBody(rules, [
      {
        key: 'PropertyValueModified',
        args: ['SessionTimeOut', valueArg(rules, String(timeout))],
        property: 'SessionTimeOut',
      },
    ]),
  );
}

export function getSessions(ctx: RedfishContext): RedfishReply {
  const { rules, bmc } = ctx;
  const members = bmc.sessions
    .list()
    .filter((s) => s.lifetime === 'login')
    .map((s) => sessionUri(s.id));
  return collection(rules, {
    id: sessionServiceId(rules, RedfishPath.sessions),
    type: 'SessionCollection',
    name: 'Session Collection',
    description: 'Session Collection',
    members,
  });
}

/** POST: 201 + X-Auth-Token + Location + the session; bad credentials 401 ResourceAtUriUnauthorized. */
export function createSession(ctx: RedfishContext): RedfishReply {
  const { rules, bmc, req } = ctx;
  const body = readBody(ctx, 'patch');
  if (Array.isArray(body)) return fail(rules, body);
  const spec = rules.odataVersion
    ? ({ UserName: 'string', Password: 'string', Context: 'string' } as const)
    : ({ UserName: 'string', Password: 'string' } as const);
  const { values, problems } = readFields(rules, body, spec, ['UserName', 'Password']);
  if (problems.length > 0) return fail(rules, problems);
  const username = typeof values.UserName === 'string' ? values.UserName : '';
  const password = typeof values.Password === 'string' ? values.Password : '';
  const missing: Problem[] = [];
  if (username === '') missing.push({ key: 'PropertyMissing', args: ['UserName'], property: 'UserName' });
  if (password === '') missing.push({ key: 'PropertyMissing', args: ['Password'], property: 'Password' });
  if (missing.length > 0) return fail(rules, missing);
  const created = bmc.login(username, password);
  if (!created.ok) {
    if (created.error.kind === 'bad-credentials') {
      const url = req.originalUrl.split('?')[0] ?? RedfishPath.sessions;
      return fail(rules, [{ key: 'ResourceAtUriUnauthorized', args: [url, 'Invalid username or password'] }]);
    }
    return fail(rules, [{ key: 'InternalError' }]);
  }
  const session = created.value;
  session.clientIp = req.socket.remoteAddress ?? '';
  if (typeof values.Context === 'string') session.context = values.Context;
  return {
    status: 201,
    body: sessionBody(ctx, session),
    headers: { [AuthHeader.token]: session.token, Location: sessionUri(session.id) },
  };
}

export function getSession(ctx: RedfishContext): RedfishReply {
  const session = ctx.bmc.sessions.byId(ctx.params.id ?? '');
  if (!session) return fail(ctx.rules, [{ key: 'ResourceNotFound', args: ['Session', ctx.params.id ?? ''] }]);
  return ok(sessionBody(ctx, session));
}

/** DELETE ends the session (the drop-logout fault applies as to /logout). Another user's session needs ConfigureUsers. */
export function deleteSession(ctx: RedfishContext): RedfishReply {
  const { rules, bmc, session: caller } = ctx;
  const target = bmc.sessions.byId(ctx.params.id ?? '');
  if (!target) return fail(rules, [{ key: 'ResourceNotFound', args: ['Session', ctx.params.id ?? ''] }]);
  if (
    caller &&
    target.username !== caller.username &&
    !privilegesOf(bmc.roleOf(caller.username)).has('ConfigureUsers')
  )
    return fail(rules, [{ key: 'InsufficientPrivilege' }]);
  const answer =
    rules.sessionDeleteAnswer === 'session' ? ok(sessionBody(ctx, target)) : ok(successBody(rules));
  bmc.logout(target.token);
  return answer;
}

export type Privilege =
  | 'Login'
  | 'ConfigureManager'
  | 'ConfigureUsers'
  | 'ConfigureSelf'
  | 'ConfigureComponents';

/** bmcweb's role -> privileges (redfish-core/include/privileges.hpp getUserPrivileges). */
export function privilegesOf(role: Role | undefined): ReadonlySet<Privilege> {
  switch (role) {
    case 'Administrator':
      return new Set(['Login', 'ConfigureManager', 'ConfigureUsers', 'ConfigureSelf', 'ConfigureComponents']);
    case 'Operator':
      return new Set(['Login', 'ConfigureSelf', 'ConfigureComponents']);
    case 'ReadOnly':
      return new Set(['Login', 'ConfigureSelf']);
    default:
      return new Set();
  }
}
