// One BMC session per driver operation (ironic-contract.md 7): detect the dialect (once per
// address), log in, run the operation with that session (its wait loop included), and log out
// in `finally` with a fresh deadline, so the logout also runs after a failure or a timeout
// (unless openbmc_session_reuse keeps the session: kept-sessions.ts). Reads and logins are
// retried on connection errors and 503; 401/403 are not retried, but a kept session the BMC has
// ended is replaced by one new login.

import { type BootLayoutName, type JsonValue, RestRoute } from '../protocol/index.ts';
import type { DriverClock } from './clock.ts';
import { loginRequest, logoutRequest, parseLogin, type SessionAuth } from './dialects/auth.ts';
import {
  classifyProbe,
  DIALECTS,
  type Dialect,
  probeRequest,
  type RedfishRoot,
  restCheckRequest,
} from './dialects/detect.ts';
import { errorDescription, parseEnvelope } from './dialects/envelope.ts';
import type { HttpAnswer, RequestSpec, RestClient } from './dialects/rest-client.ts';
import type { DriverInfo } from './driver-info.ts';
import {
  type ErrorContext,
  OpenBMCAuthError,
  OpenBMCError,
  OpenBMCProtocolError,
  OpenBMCRestDisabledError,
  OpenBMCTimeoutError,
  scrub,
} from './errors.ts';
import type { KeptSession, KeptSessions } from './kept-sessions.ts';
import type { DriverLogger } from './logger.ts';
import type { RequestGate } from './request-gate.ts';
import { isTransient, type Transport } from './transport.ts';

/** What the driver knows about one address, learnt once. */
export interface AddressFacts {
  dialect?: Dialect;
  /** Set once a REST check answered 200; a disabled REST API is asked again each time (a BMC can be rebuilt). */
  restEnabled?: true;
  bootLayout?: BootLayoutName;
  /** The Redfish service root, or null once it was found absent or unusable (then D-Bus REST). */
  redfishRoot?: RedfishRoot | null;
  /** The computer system's URI the last Redfish operation drove (what `detected()` shows). */
  redfishSystem?: string;
  /** The only member of Systems, once read: the system when openbmc_system_id names none. */
  redfishDefaultSystem?: string;
  /** Each System's chassis (or null: none found), by the System's path. */
  redfishChassis?: Record<string, string | null>;
  /** Redfish settings the driver learnt from refusals (redfish.md 5's full-boot and no-continuous BMCs). */
  redfishQuirks?: { fullBoot?: true; noContinuous?: true };
  /** When a $expand was last refused (501): not asked again for a minute. */
  redfishExpandRefusedAt?: number;
}

export interface DriverRuntime {
  transport: Transport;
  clock: DriverClock;
  logger: DriverLogger;
  gate: RequestGate;
  facts: Map<string, AddressFacts>;
  /** Sessions kept per address, account and API when openbmc_session_reuse is on. */
  kept: KeptSessions;
}

export interface Operation {
  info: DriverInfo;
  context: ErrorContext;
  deadlineAt: number;
  /** Password and session tokens: scrubbed from anything the BMC says before it reaches a message. */
  secrets: string[];
}

const LOGOUT_TIMEOUT_MS = 10_000;
const MAX_RETRY_AFTER_MS = 30_000;

export class BmcSession implements RestClient {
  readonly dialect: Dialect;
  readonly #rt: DriverRuntime;
  readonly #op: Operation;
  #auth: SessionAuth;
  #relogged = false;
  /** bmcweb whose REST API has not yet answered 200 at this address: it may be built without it. */
  #restUnknown: boolean;
  readonly #justRead = new Map<string, Record<string, unknown>>();

  constructor(rt: DriverRuntime, op: Operation, dialect: Dialect, auth: SessionAuth) {
    this.#rt = rt;
    this.#op = op;
    this.dialect = dialect;
    this.#auth = auth;
    this.#restUnknown = dialect.name === 'bmcweb' && this.facts.restEnabled !== true;
  }

  get facts(): AddressFacts {
    return factsOf(this.#rt, this.#op.info.address);
  }

  async getObject(path: string, step: string): Promise<Record<string, unknown>> {
    const kept = this.#justRead.get(path);
    if (kept) {
      this.#justRead.delete(path);
      return kept;
    }
    const data = await this.#json({ method: 'GET', path }, step, true);
    return asRecord(data, step, this.#ctx(step));
  }

  /** Offers an object this operation has just read to its next read of the same path, once,
   * unless something is written first (the boot layout probe's read is the plan's first read). */
  remember(path: string, object: Record<string, unknown>): void {
    this.#justRead.set(path, object);
  }

  async getAttr(path: string, name: string, step: string): Promise<unknown> {
    return this.#json({ method: 'GET', path: `${path}${RestRoute.attr}${name}` }, step, true);
  }

  async enumerate(path: string, step: string): Promise<Record<string, Record<string, unknown>>> {
    const data = asRecord(
      await this.#json({ method: 'GET', path: `${path}${RestRoute.enumerate}` }, step, true),
      step,
      this.#ctx(step),
    );
    const out: Record<string, Record<string, unknown>> = {};
    for (const [k, v] of Object.entries(data)) out[k] = asRecord(v, step, this.#ctx(step));
    return out;
  }

  async putAttr(path: string, name: string, value: JsonValue, step: string): Promise<void> {
    await this.#json(
      { method: 'PUT', path: `${path}${RestRoute.attr}${name}`, body: { data: value } },
      step,
      false,
    );
  }

  async call(path: string, method: string, args: JsonValue[], step: string, opts?: { readOnly?: boolean }) {
    return this.#json(
      { method: 'POST', path: `${path}${RestRoute.action}${method}`, body: { data: args } },
      step,
      opts?.readOnly === true,
    );
  }

  /** Sends with the session's credentials; a reused session that expired logs in again once. */
  async send(spec: RequestSpec, step: string, safe: boolean): Promise<HttpAnswer> {
    // Until bmcweb's REST API is known to be on, the operation's first read is the check (one
    // request fewer than a separate check); a change is never the first thing sent to it.
    if (spec.method !== 'GET') this.#justRead.clear();
    if (this.#restUnknown && spec.method !== 'GET') await this.#checkRest();
    const a = await this.#sendAuthenticated(spec, step, safe);
    if (this.#restUnknown) this.#judgeRest(a, step);
    return a;
  }

  async #sendAuthenticated(spec: RequestSpec, step: string, safe: boolean): Promise<HttpAnswer> {
    const a = await sendRetrying(this.#rt, this.#op, spec, step, safe, this.#auth.headers);
    if (a.status === 401 && this.#op.info.sessionReuse && !this.#relogged) {
      this.#relogged = true;
      this.#rt.kept.drop(this.#op.info, 'rest');
      this.#auth = await login(this.#rt, this.#op, this.dialect);
      this.#op.secrets.push(...this.#auth.secrets);
      this.#rt.kept.keep(this.#op.info, 'rest', this.#auth);
      return sendRetrying(this.#rt, this.#op, spec, step, safe, this.#auth.headers);
    }
    return a;
  }

  async #checkRest(): Promise<void> {
    const step = 'check the REST API is enabled';
    this.#judgeRest(await this.#sendAuthenticated(restCheckRequest, step, true), step);
  }

  /**
   * bmcweb built without -Drest=enabled (the default since 2021-12) answers 404 with an empty
   * body to any /xyz path once authenticated; with REST on, its 404s carry the JSON envelope
   * (openbmc-rest.md 8, "bmcweb-default-2022+"). Any other answer (busy, session gone) is left to
   * the operation to report.
   */
  #judgeRest(a: HttpAnswer, step: string): void {
    if (a.status === 200) {
      this.facts.restEnabled = true;
      this.#restUnknown = false;
    }
    if (a.status === 404 && a.body.trim() === '') {
      throw new OpenBMCRestDisabledError(
        "the BMC's D-Bus REST API is disabled (bmcweb's default build since 2022); use Ironic's redfish hardware type, or rebuild bmcweb with -Drest=enabled",
        { context: { ...this.#op.context, step, httpStatus: a.status } },
      );
    }
  }

  async #json(spec: RequestSpec, step: string, safe: boolean): Promise<unknown> {
    const a = await this.send(spec, step, safe);
    const context = { ...this.#ctx(step), httpStatus: a.status };
    if (a.status === 200) {
      const env = parseEnvelope(a.body);
      if (!env.ok || env.envelope.status !== 'ok') {
        throw new OpenBMCProtocolError(
          `unexpected answer to ${spec.method} ${spec.path}: ${env.ok ? 'status is not ok' : env.reason}`,
          { context },
        );
      }
      return env.envelope.data;
    }
    throw answerError(a, spec, context, this.#op.secrets);
  }

  #ctx(step: string): ErrorContext {
    return { ...this.#op.context, step };
  }
}

/** Runs `fn` inside one D-Bus REST session and always ends the session (unless it is a reused one). */
export async function withSession<T>(
  rt: DriverRuntime,
  op: Operation,
  fn: (s: BmcSession) => Promise<T>,
): Promise<T> {
  const facts = factsOf(rt, op.info.address);
  const dialect = await resolveDialect(rt, op, facts);
  op.context.api = `rest/${dialect.name}`;
  const auth = rt.kept.get(op.info, 'rest') ?? (await login(rt, op, dialect));
  op.secrets.push(...auth.secrets);
  const session = new BmcSession(rt, op, dialect, auth);
  rt.kept.keep(op.info, 'rest', auth);
  try {
    return await fn(session);
  } finally {
    if (!op.info.sessionReuse) await logout(rt, op, auth);
  }
}

/** Logs out a kept session (driver.close()): D-Bus REST's /logout, or the Redfish session's DELETE. */
export async function endKeptSession(rt: DriverRuntime, { api, auth, info }: KeptSession): Promise<void> {
  const op: Operation = {
    info,
    context: { address: info.address, operation: 'close', api },
    deadlineAt: 0,
    secrets: [info.password, ...auth.secrets],
  };
  if (api === 'rest' || auth.logout) await logout(rt, op, auth);
  else rt.logger.warn({ address: info.address }, 'the kept Redfish session has no URI to DELETE');
}

async function resolveDialect(rt: DriverRuntime, op: Operation, facts: AddressFacts): Promise<Dialect> {
  if (op.info.dialect !== 'auto') return DIALECTS[op.info.dialect];
  if (facts.dialect) return facts.dialect;
  const a = await sendRetrying(rt, op, probeRequest, 'detect firmware dialect', true, {});
  const r = classifyProbe(a);
  if (!r.ok)
    throw new OpenBMCProtocolError(`not an OpenBMC REST API: ${r.reason}`, {
      context: { ...op.context, step: 'detect firmware dialect', httpStatus: a.status },
    });
  facts.dialect = r.dialect;
  rt.logger.info({ address: op.info.address, dialect: r.dialect.name }, 'detected the BMC firmware dialect');
  return r.dialect;
}

async function login(rt: DriverRuntime, op: Operation, dialect: Dialect): Promise<SessionAuth> {
  const step = 'login';
  const a = await sendRetrying(rt, op, loginRequest(dialect.auth, op.info), step, true, {});
  const r = parseLogin(dialect.auth, a);
  const context = { ...op.context, step, httpStatus: a.status };
  switch (r.kind) {
    case 'ok':
      return r.auth;
    case 'rejected':
      throw new OpenBMCAuthError(
        'authentication failed: the BMC rejected openbmc_username/openbmc_password',
        { context },
      );
    case 'unexpected': {
      const said = errorDescription(a.body);
      // A 200 without usable credentials is a malformed answer, not a refusal.
      const Failure = a.status === 200 ? OpenBMCProtocolError : OpenBMCError;
      throw new Failure(`login failed: ${r.reason}${said ? `: ${scrub(said, op.secrets)}` : ''}`, {
        context,
      });
    }
  }
}

/** The logout's own deadline: two tries of at most 10 s each and one retry pause. */
export function logoutBoundMs(info: DriverInfo): number {
  return 2 * Math.min(info.requestTimeoutMs, LOGOUT_TIMEOUT_MS) + info.retryIntervalMs;
}

export async function logout(rt: DriverRuntime, op: Operation, auth: SessionAuth): Promise<void> {
  // Its own deadline (the operation's may already have passed), with room for one retry after a
  // lost connection or 503: logging out twice is harmless (an ended session answers 401), a
  // session left behind on the BMC is not.
  const own: Operation = {
    ...op,
    info: { ...op.info, retries: Math.min(op.info.retries, 1) },
    deadlineAt: rt.clock.now() + logoutBoundMs(op.info),
  };
  try {
    const a = await sendRetrying(rt, own, auth.logout ?? logoutRequest, 'logout', true, auth.headers);
    if (a.status < 200 || a.status > 299)
      rt.logger.warn({ address: op.info.address, status: a.status }, 'logout was not accepted');
  } catch (err) {
    // Logging out is best effort: the operation itself has its own outcome (ironic-contract.md 7).
    rt.logger.warn(
      { address: op.info.address, error: err instanceof Error ? err.message : String(err) },
      'logout failed',
    );
  }
}

export async function sendRetrying(
  rt: DriverRuntime,
  op: Operation,
  spec: RequestSpec,
  step: string,
  safe: boolean,
  headers: Record<string, string>,
): Promise<HttpAnswer> {
  const attempts = safe ? op.info.retries + 1 : 1;
  const context: ErrorContext = { ...op.context, step };
  for (let attempt = 1; ; attempt++) {
    const remaining = op.deadlineAt - rt.clock.now();
    if (remaining <= 0) throw new OpenBMCTimeoutError('the operation deadline passed', { context });
    await rt.gate.pass(op.info.address, op.info.minCommandIntervalMs);
    const started = performance.now();
    // Whole milliseconds: AbortSignal.timeout throws on a fraction, which an injected clock can leave.
    const timeoutMs = Math.max(1, Math.ceil(Math.min(op.info.requestTimeoutMs, remaining)));
    let answer: HttpAnswer | undefined;
    let failure: unknown;
    try {
      answer = await rt.transport.send(spec, {
        address: op.info.address,
        verifyCa: op.info.verifyCa,
        // The configured value, not what is left of the deadline: agents are kept per connect
        // timeout, and the signal below already ends the request at the deadline.
        connectTimeoutMs: op.info.connectTimeoutMs,
        timeoutMs,
        headers,
        // The exact end of this request: undici runs its header and body timeouts on timers of
        // 1 s resolution, so on their own they fire up to a second late and eat the retries' budget.
        signal: AbortSignal.timeout(timeoutMs),
        context,
      });
    } catch (err) {
      failure = err;
    }
    const ms = Math.round(performance.now() - started);
    rt.logger.debug(
      { address: op.info.address, method: spec.method, path: spec.path, status: answer?.status, ms, attempt },
      'bmc request',
    );
    const retryable = answer ? answer.status === 503 : isTransient(failure);
    if (!retryable || attempt >= attempts) {
      if (answer) return answer;
      throw failure;
    }
    const wait = Math.min(retryAfterMs(answer) ?? op.info.retryIntervalMs, MAX_RETRY_AFTER_MS);
    if (rt.clock.now() + wait >= op.deadlineAt) {
      if (answer) return answer;
      throw failure;
    }
    rt.logger.info({ address: op.info.address, step, attempt, waitMs: wait }, 'retrying a safe request');
    await rt.clock.sleep(wait);
  }
}

function retryAfterMs(a: HttpAnswer | undefined): number | undefined {
  const v = a?.headers['retry-after'];
  const s = typeof v === 'string' ? Number(v) : Number.NaN;
  return Number.isFinite(s) && s >= 0 ? s * 1000 : undefined;
}

function answerError(
  a: HttpAnswer,
  spec: RequestSpec,
  context: ErrorContext,
  secrets: readonly string[],
): OpenBMCError {
  const said = errorDescription(a.body);
  const bmcSays = said ? `: ${scrub(said, secrets)}` : '';
  const what = `${spec.method} ${spec.path}`;
  if (a.status === 401) {
    return new OpenBMCAuthError(`the BMC no longer accepts the session (expired or ended) for ${what}`, {
      context,
    });
  }
  if (a.status === 403 && !said) {
    return new OpenBMCAuthError(`the account may not do ${what} (needs the Operator or Administrator role)`, {
      context,
    });
  }
  if (a.status === 503)
    return new OpenBMCError(`the BMC is busy or not ready for ${what}${bmcSays}`, { context });
  return new OpenBMCError(`the BMC refused ${what}${bmcSays}`, { context });
}

function asRecord(v: unknown, step: string, context: ErrorContext): Record<string, unknown> {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  throw new OpenBMCProtocolError(`unexpected data shape while trying to ${step}: expected an object`, {
    context,
  });
}

export function factsOf(rt: DriverRuntime, address: string): AddressFacts {
  let f = rt.facts.get(address);
  if (!f) {
    f = {};
    rt.facts.set(address, f);
  }
  return f;
}

/** True when a driver error is the BMC saying the object or property does not exist. */
