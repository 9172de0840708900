// HTTP to BMCs over undici (style.md 8.4): one Agent per TLS setting, verification on unless
// the operator turned it off, explicit connect/headers/body timeouts, every body read to the end
// (or destroyed past the size cap), and undici's errors mapped to ours by code.

import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { Agent, type Dispatcher, request } from 'undici';
import type { HttpAnswer, RequestSpec } from './dialects/rest-client.ts';
import {
  type ErrorContext,
  InvalidParameterValue,
  OpenBMCCertificateError,
  OpenBMCConnectionError,
  type OpenBMCError,
  OpenBMCProtocolError,
  OpenBMCTimeoutError,
} from './errors.ts';

/** A BMC's REST answers are small; anything past this is hostile or broken. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface SendOptions {
  address: string;
  verifyCa: boolean | string;
  connectTimeoutMs: number;
  /** Headers and body timeout for this request (already bounded by the operation's deadline). */
  timeoutMs: number;
  headers: Record<string, string>;
  signal?: AbortSignal;
  context: ErrorContext;
}

const CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE',
]);

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export class Transport {
  readonly #agents = new Map<string, Agent>();
  readonly #dispatcher: Dispatcher | undefined;

  /** `dispatcher` replaces the agents (tests: undici's MockAgent). */
  constructor(dispatcher?: Dispatcher) {
    this.#dispatcher = dispatcher;
  }

  async send(spec: RequestSpec, o: SendOptions): Promise<HttpAnswer> {
    const dispatcher = this.#dispatcher ?? this.#agent(o.verifyCa, o.connectTimeoutMs);
    const headers: Record<string, string> = { accept: 'application/json', ...o.headers, ...spec.headers };
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      // Exactly application/json: the Python server answers 415 to any parameter (openbmc-rest.md 1.2).
      headers['content-type'] = 'application/json';
    }
    try {
      const res = await request(`${o.address}${spec.path}`, {
        dispatcher,
        method: spec.method,
        headers,
        body: body ?? null,
        ...(o.signal ? { signal: o.signal } : {}),
        headersTimeout: o.timeoutMs,
        bodyTimeout: o.timeoutMs,
      });
      const text = await readCapped(res.body, o.context);
      return { status: res.statusCode, headers: res.headers, body: text };
    } catch (err) {
      throw mapError(err, o);
    }
  }

  #agent(verifyCa: boolean | string, connectTimeoutMs: number): Agent {
    const key = `${typeof verifyCa === 'string' ? `ca:${verifyCa}` : String(verifyCa)}|${connectTimeoutMs}`;
    let agent = this.#agents.get(key);
    if (!agent) {
      let ca: string | undefined;
      if (typeof verifyCa === 'string') {
        try {
          ca = readFileSync(verifyCa, 'utf8');
        } catch (err) {
          throw new InvalidParameterValue(
            `openbmc_verify_ca: cannot read the CA bundle ${verifyCa} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
          );
        }
      }
      agent = new Agent({
        allowH2: false,
        connectTimeout: connectTimeoutMs,
        keepAliveTimeout: 4_000,
        // One secure context per agent: built per connection, the CA parse cost more than the
        // handshake in a power-sync round over thousands of BMCs.
        connect: {
          rejectUnauthorized: verifyCa !== false,
          secureContext: createSecureContext(ca ? { ca } : {}),
        },
      });
      this.#agents.set(key, agent);
    }
    return agent;
  }

  async close(): Promise<void> {
    const agents = [...this.#agents.values()];
    this.#agents.clear();
    await Promise.allSettled(agents.map((a) => a.close()));
  }
}

async function readCapped(
  body: AsyncIterable<Uint8Array> & { destroy(err?: Error): unknown },
  context: ErrorContext,
) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      throw new OpenBMCProtocolError(`the BMC's answer is larger than ${MAX_BODY_BYTES} bytes`, { context });
    }
    chunks.push(chunk);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

function codeOf(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    if (typeof e === 'object' && 'code' in e && typeof e.code === 'string') {
      if (e.code !== 'UND_ERR_SOCKET' || !('cause' in e) || !e.cause) return e.code;
    }
    e = typeof e === 'object' && 'cause' in e ? e.cause : undefined;
  }
  return undefined;
}

/** Is this failure worth another attempt of a safe request (connection trouble, not TLS trust)? */
export function isTransient(err: unknown): boolean {
  return err instanceof OpenBMCConnectionError && !(err instanceof OpenBMCCertificateError);
}

function mapError(err: unknown, o: SendOptions): OpenBMCError {
  if (err instanceof OpenBMCProtocolError) return err;
  const context = o.context;
  const code = codeOf(err);
  if (code && CERT_CODES.has(code)) {
    return new OpenBMCCertificateError(
      `TLS certificate verification failed (${code}): the BMC's certificate is not trusted; set openbmc_verify_ca to the CA bundle that signed it, or to false to skip verification`,
      { context, cause: err },
    );
  }
  if (o.signal?.aborted || (err instanceof Error && err.name === 'AbortError')) {
    const reason: unknown = o.signal?.reason;
    const timedOut = reason instanceof DOMException && reason.name === 'TimeoutError';
    return new OpenBMCTimeoutError(
      timedOut
        ? `timed out: no answer within ${o.timeoutMs} ms (openbmc_request_timeout or the operation's deadline)`
        : 'the operation was aborted or its deadline passed before the BMC answered',
      {
        context,
        cause: err,
      },
    );
  }
  if (code && TIMEOUT_CODES.has(code)) {
    const what = code === 'UND_ERR_CONNECT_TIMEOUT' ? 'connecting' : 'waiting for the answer';
    return new OpenBMCTimeoutError(`timed out ${what} (${code})`, { context, cause: err });
  }
  if (code && UNREACHABLE_CODES.has(code)) {
    return new OpenBMCConnectionError(`the BMC is unreachable (${code})`, { context, cause: err });
  }
  const text = err instanceof Error ? err.message : String(err);
  return new OpenBMCConnectionError(`connection failed (${code ?? text.slice(0, 120)})`, {
    context,
    cause: err,
  });
}
