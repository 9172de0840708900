// Plain HTTP to a BMC for the protocol checks: the wire facts the driver depends on (envelope,
// enum strings, 401 without or after a session), seen without the driver in between. It logs in
// the way every generation accepts (`{"data": [user, password]}`) and carries cookies like a
// browser, sending X-XSRF-TOKEN where bmcweb gave one (openbmc-rest.md 1.1-1.3).

import { Agent, request } from 'undici';
import { setCookies } from '../driver/dialects/auth.ts';
import { AuthHeader, CSRF_COOKIE, RestRoute } from '../protocol/index.ts';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface RawSession {
  /** Cookie header value to send back. */
  cookie: string;
  xsrf?: string;
  login: RawAnswer;
}

export interface RawBmcOptions {
  address: string;
  username: string;
  password: string;
  ca?: string;
  insecure?: boolean;
  timeoutMs?: number;
}

export class RawBmc {
  readonly #o: RawBmcOptions;
  readonly #agent: Agent;
  readonly #base: string;

  constructor(o: RawBmcOptions) {
    this.#o = o;
    this.#base = o.address.replace(/\/+$/, '');
    const timeout = o.timeoutMs ?? 30_000;
    this.#agent = new Agent({
      allowH2: false,
      connectTimeout: timeout,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      connect: { rejectUnauthorized: !o.insecure, ...(o.ca ? { ca: o.ca } : {}) },
    });
  }

  async send(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    opts: { session?: RawSession; body?: unknown } = {},
  ): Promise<RawAnswer> {
    const headers: Record<string, string> = {};
    if (opts.session) {
      headers.cookie = opts.session.cookie;
      if (opts.session.xsrf) headers[AuthHeader.csrf] = opts.session.xsrf;
    }
    return this.request(method, path, { headers, body: opts.body });
  }

  /** Any request with exactly the headers given (the Redfish checks: tokens, If-Match, OData-Version). */
  async request(
    method: 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    opts: { headers?: Record<string, string>; body?: unknown; rawBody?: string } = {},
  ): Promise<RawAnswer> {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
    const res = await request(`${this.#base}${path}`, {
      method,
      headers,
      dispatcher: this.#agent,
      ...(body === undefined ? {} : { body }),
    });
    const text = await res.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, headers: res.headers, text, json };
  }

  get username(): string {
    return this.#o.username;
  }

  get password(): string {
    return this.#o.password;
  }

  /** Logs in with the data-array form; returns the session (or the answer, when refused). */
  async login(password = this.#o.password): Promise<RawSession> {
    const login = await this.send('POST', RestRoute.login, { body: { data: [this.#o.username, password] } });
    const cookies = setCookies({ status: login.status, headers: login.headers, body: login.text });
    const xsrf = cookies.get(CSRF_COOKIE);
    return {
      cookie: [...cookies].map(([n, v]) => `${n}=${v}`).join('; '),
      ...(xsrf ? { xsrf } : {}),
      login,
    };
  }

  logout(session: RawSession): Promise<RawAnswer> {
    return this.send('POST', RestRoute.logout, { session, body: { data: [] } });
  }

  close(): Promise<void> {
    return this.#agent.close();
  }
}
