// One Redfish session per driver operation, in sushy's order (redfish.md 1.1, 5): the service
// root (already read, unauthenticated, by detection), POST {UserName, Password} to its
// Links.Sessions, X-Auth-Token on every request, and DELETE of the session's URI when the
// operation ends (the caller's `finally`). Basic auth only when openbmc_auth_type says so.
// Every request carries OData-Version: 4.0 as sushy's connector sends it.

import type { JsonValue } from '../../protocol/index.ts';
import {
  type ErrorContext,
  OpenBMCAuthError,
  OpenBMCError,
  OpenBMCProtocolError,
  UnsupportedDriverExtension,
} from '../errors.ts';
import {
  type AddressFacts,
  type DriverRuntime,
  factsOf,
  logout,
  type Operation,
  sendRetrying,
} from '../session.ts';
import type { SessionAuth } from './auth.ts';
import { classifyRedfishRoot, odataId, type RedfishRoot, redfishProbeRequest } from './detect.ts';
import { redfishAnswerError } from './redfish-errors.ts';
import type { HttpAnswer, RequestSpec } from './rest-client.ts';

const ODATA = { 'odata-version': '4.0' } as const;

/** A resource as read: its JSON and the ETag that GET answered (bmcweb 2022-03+). */
export interface RedfishResource {
  path: string;
  body: Record<string, unknown>;
  etag?: string;
}

/**
 * The Redfish service root when this operation speaks Redfish, else null (D-Bus REST). auto
 * asks once per address, without credentials, and keeps the answer; a root that is absent or
 * unusable means D-Bus REST (2016-2018 firmware), a connection failure is reported as such.
 */
export async function resolveRedfish(rt: DriverRuntime, op: Operation): Promise<RedfishRoot | null> {
  if (op.info.api === 'rest') return null;
  const facts = factsOf(rt, op.info.address);
  if (facts.redfishRoot === undefined || (facts.redfishRoot === null && op.info.api === 'redfish')) {
    const step = 'detect the API (Redfish service root)';
    const a = await sendRetrying(rt, op, redfishProbeRequest, step, true, {});
    const r = classifyRedfishRoot(a);
    if (!r.ok && op.info.api === 'redfish') {
      throw new OpenBMCProtocolError(
        `openbmc_api is redfish, but the BMC serves no usable Redfish: ${r.reason}`,
        {
          context: { ...op.context, step, httpStatus: a.status },
        },
      );
    }
    facts.redfishRoot = r.ok ? r.root : null;
    rt.logger.info(
      { address: op.info.address, api: r.ok ? 'redfish' : 'rest', ...(r.ok ? {} : { why: r.reason }) },
      'detected the BMC API',
    );
  }
  return facts.redfishRoot;
}

/** Runs `fn` inside one Redfish session; the session is deleted in `finally`, also after a
 * failure or a timeout (logout has its own deadline). */
export async function withRedfishSession<T>(
  rt: DriverRuntime,
  op: Operation,
  root: RedfishRoot,
  fn: ((s: RedfishSession) => Promise<T>) | undefined,
): Promise<T> {
  op.context.api = 'redfish';
  if (!fn) {
    throw new UnsupportedDriverExtension(
      `${op.context.operation ?? 'this operation'} is not available over Redfish`,
      {
        context: op.context,
      },
    );
  }
  const auth = await redfishLogin(rt, op, root);
  op.secrets.push(...auth.secrets);
  try {
    return await fn(new RedfishSession(rt, op, root, auth));
  } finally {
    if (auth.logout) await logout(rt, op, auth);
  }
}

/** Logs in on the root's sessions collection; the session's URI is what the logout DELETEs. */
export async function redfishLogin(
  rt: DriverRuntime,
  op: Operation,
  root: RedfishRoot,
): Promise<SessionAuth> {
  if (op.info.authType === 'basic') {
    const basic = Buffer.from(`${op.info.username}:${op.info.password}`).toString('base64');
    return { headers: { ...ODATA, authorization: `Basic ${basic}` }, secrets: [basic] };
  }
  const step = 'login';
  const spec: RequestSpec = {
    method: 'POST',
    path: root.sessions,
    body: { UserName: op.info.username, Password: op.info.password },
    headers: { ...ODATA },
  };
  const a = await sendRetrying(rt, op, spec, step, true, {});
  const context: ErrorContext = { ...op.context, step, httpStatus: a.status };
  if (a.status === 401 || a.status === 403) {
    const e = redfishAnswerError(a, { method: 'POST', path: root.sessions }, context, op.secrets);
    throw new OpenBMCAuthError(
      `authentication failed: the BMC rejected openbmc_username/openbmc_password${e.context.messageId ? ` (${e.context.messageId})` : ''}`,
      { context: e.context },
    );
  }
  if (a.status < 200 || a.status > 299)
    throw redfishAnswerError(a, { method: 'POST', path: root.sessions }, context, op.secrets);
  const token = header(a, 'x-auth-token');
  if (!token) {
    // sushy raises MissingXAuthToken here; falling back to Basic silently would hide a broken
    // session service (issue 14), so this is an error.
    throw new OpenBMCProtocolError('login answered without an X-Auth-Token header', { context });
  }
  const uri = sessionUri(a);
  return {
    headers: { ...ODATA, 'x-auth-token': token },
    secrets: [token],
    ...(uri ? { logout: { method: 'DELETE', path: uri } } : {}),
  };
}

/** The session's URI: Location (absolute or not), else the body's @odata.id (sushy's order). */
function sessionUri(a: HttpAnswer): string | undefined {
  const location = header(a, 'location');
  if (location) {
    try {
      return new URL(location, 'https://bmc.invalid').pathname;
    } catch {
      // fall through to the body
    }
  }
  try {
    return odataId(JSON.parse(a.body)) ?? undefined;
  } catch {
    return undefined;
  }
}

function header(a: HttpAnswer, name: string): string | undefined {
  const v = a.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.trim() !== '' ? s.trim() : undefined;
}

export class RedfishSession {
  readonly api = 'redfish' as const;
  readonly root: RedfishRoot;
  readonly #rt: DriverRuntime;
  readonly #op: Operation;
  readonly #auth: SessionAuth;

  constructor(rt: DriverRuntime, op: Operation, root: RedfishRoot, auth: SessionAuth) {
    this.#rt = rt;
    this.#op = op;
    this.root = root;
    this.#auth = auth;
  }

  get facts(): AddressFacts {
    return factsOf(this.#rt, this.#op.info.address);
  }

  get context(): ErrorContext {
    return this.#op.context;
  }

  /** Sends with the session's credentials; GETs are retried on connection errors and 503. */
  async send(spec: RequestSpec, step: string): Promise<HttpAnswer> {
    return sendRetrying(this.#rt, this.#op, spec, step, spec.method === 'GET', this.#auth.headers);
  }

  async get(path: string, step: string): Promise<RedfishResource> {
    const spec: RequestSpec = { method: 'GET', path };
    const a = await this.send(spec, step);
    if (a.status !== 200) throw this.#error(a, spec, step);
    const body = this.#json(a, spec, step);
    const etag = header(a, 'etag');
    return { path, body, ...(etag ? { etag } : {}) };
  }

  /**
   * PATCH with If-Match when the resource was read with an ETag, and sushy's ladder on 412
   * (redfish.md 1.4 step 3, connector._etag_handler): a weak W/"x" is retried as the strong "x",
   * a strong one (or a second 412) without If-Match.
   */
  async patch(resource: RedfishResource, body: JsonValue, step: string): Promise<HttpAnswer> {
    const tags: (string | undefined)[] = [];
    if (resource.etag) {
      tags.push(resource.etag);
      if (resource.etag.startsWith('W/')) tags.push(resource.etag.slice(2));
    }
    tags.push(undefined);
    let a: HttpAnswer | undefined;
    let spec: RequestSpec = { method: 'PATCH', path: resource.path, body };
    for (const tag of tags) {
      spec = { method: 'PATCH', path: resource.path, body, ...(tag ? { headers: { 'if-match': tag } } : {}) };
      a = await this.send(spec, step);
      if (a.status !== 412) break;
      this.#rt.logger.info(
        { address: this.#op.info.address, step, ifMatch: tag ?? null },
        'the BMC answered 412 Precondition Failed; retrying as sushy does',
      );
    }
    if (!a || a.status < 200 || a.status > 299) throw this.#error(a as HttpAnswer, spec, step);
    return a;
  }

  /** POST an action; success is 200 (Base.Success, bmcweb before 2024-04) or 204 (since). */
  async post(path: string, body: JsonValue, step: string): Promise<HttpAnswer> {
    const spec: RequestSpec = { method: 'POST', path, body };
    const a = await this.send(spec, step);
    if (a.status < 200 || a.status > 299) throw this.#error(a, spec, step);
    return a;
  }

  /** The computer system: with no id configured, the only member of Systems, as sushy's
   * get_system() requires (redfish.md 1.2); its path is kept per address. */
  async system(step = 'read the system'): Promise<RedfishResource> {
    const facts = this.facts;
    if (!facts.redfishSystem) {
      const c = await this.get(this.root.systems, 'find the system');
      const members = Array.isArray(c.body.Members) ? c.body.Members.map(odataId) : [];
      const paths = members.filter((m): m is string => m !== null);
      if (paths.length !== 1 || !paths[0]) {
        throw new OpenBMCError(
          `the BMC lists ${paths.length} systems in ${this.root.systems}; the driver needs exactly one`,
          { context: { ...this.#op.context, step: 'find the system' } },
        );
      }
      facts.redfishSystem = paths[0];
    }
    return this.get(facts.redfishSystem, step);
  }

  /** The system's first Links.Chassis (Ironic's utils.get_chassis), else the Chassis collection's only member. */
  async chassisPath(system: RedfishResource): Promise<string | null> {
    const links = system.body.Links;
    const linked =
      typeof links === 'object' && links !== null ? (links as Record<string, unknown>).Chassis : undefined;
    const first = Array.isArray(linked) ? odataId(linked[0]) : null;
    if (first) return first;
    if (!this.root.chassis) return null;
    const c = await this.get(this.root.chassis, 'find the chassis');
    const members = Array.isArray(c.body.Members) ? c.body.Members.map(odataId) : [];
    return members.length === 1 ? (members[0] ?? null) : null;
  }

  /** The system's first Links.ManagedBy (Ironic's utils.get_manager). */
  managerPath(system: RedfishResource): string | null {
    const links = system.body.Links;
    const by =
      typeof links === 'object' && links !== null ? (links as Record<string, unknown>).ManagedBy : undefined;
    return Array.isArray(by) ? odataId(by[0]) : null;
  }

  #json(a: HttpAnswer, spec: RequestSpec, step: string): Record<string, unknown> {
    let json: unknown;
    try {
      json = JSON.parse(a.body);
    } catch {
      json = undefined;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new OpenBMCProtocolError(`unexpected answer to ${spec.method} ${spec.path}: not a JSON object`, {
        context: { ...this.#op.context, step, httpStatus: a.status },
      });
    }
    return json as Record<string, unknown>;
  }

  #error(a: HttpAnswer, spec: RequestSpec, step: string): OpenBMCError {
    return redfishAnswerError(a, spec, { ...this.#op.context, step }, this.#op.secrets);
  }
}
