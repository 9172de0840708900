// The BMC's session table. Idle time comes from the injected clock; tokens from the injected RNG.
// Nothing here logs a token.

import type { Clock } from './clock.ts';
import { err, ok, type Result } from './result.ts';
import { alphanumericToken, hexToken, type Rng } from './rng.ts';

export interface SessionLimits {
  /** At most this many sessions; null = no small cap (bmcweb). */
  max: number | null;
  /** phosphor-rest silently evicts the oldest session when full (openbmc-rest.md 1.5). */
  whenFull: 'evict-oldest' | 'reject';
  /** Idle timeout, refreshed by each authenticated request; null = none (phosphor-rest). */
  idleTimeoutMs: number | null;
  /** bmcweb: 20 alphanumerics; phosphor-rest: 32 random bytes (carried in a signed cookie), as hex. */
  tokens?: 'alphanumeric-20' | 'hex-32-bytes';
}

export interface Session {
  /** The session's public name (bmcweb's uniqueId: the Redfish Session Id), never a credential. */
  id: string;
  token: string;
  csrfToken: string;
  username: string;
  createdAt: number;
  lastUsedAt: number;
  /** Where the session was created from and the client's own label (Redfish ClientOriginIPAddress, Context). */
  clientIp?: string;
  context?: string;
  /** 'request' sessions (Basic auth) live for one request only and are never counted. */
  lifetime: 'login' | 'request';
}

export type SessionFailure = { kind: 'session-limit' };

export class SessionStore {
  readonly #sessions = new Map<string, Session>();

  readonly clock: Clock;
  readonly rng: Rng;
  limits: SessionLimits;

  constructor(clock: Clock, rng: Rng, limits: SessionLimits) {
    this.clock = clock;
    this.rng = rng;
    this.limits = limits;
  }

  create(username: string, lifetime: Session['lifetime'] = 'login'): Result<Session, SessionFailure> {
    this.#expire();
    const now = this.clock.now();
    const session: Session = {
      token: this.limits.tokens === 'hex-32-bytes' ? hexToken(this.rng, 32) : alphanumericToken(this.rng),
      csrfToken: alphanumericToken(this.rng),
      id: alphanumericToken(this.rng, 10),
      username,
      createdAt: now,
      lastUsedAt: now,
      lifetime,
    };
    if (lifetime === 'request') return ok(session);
    if (this.limits.max !== null && this.#sessions.size >= this.limits.max) {
      if (this.limits.whenFull === 'reject') return err({ kind: 'session-limit' });
      const oldest = [...this.#sessions.values()].sort((a, b) => a.createdAt - b.createdAt)[0];
      if (oldest) this.#sessions.delete(oldest.token);
    }
    this.#sessions.set(session.token, session);
    return ok(session);
  }

  /** The live session for a token, refreshed (its idle clock restarts); undefined if unknown or expired. */
  use(token: string): Session | undefined {
    this.#expire();
    const session = this.#sessions.get(token);
    if (session) session.lastUsedAt = this.clock.now();
    return session;
  }

  /** The live session with this public id (Redfish `Sessions/<id>`), without refreshing it. */
  byId(id: string): Session | undefined {
    this.#expire();
    for (const s of this.#sessions.values()) if (s.id === id) return s;
    return undefined;
  }

  remove(token: string): boolean {
    return this.#sessions.delete(token);
  }

  clear(): void {
    this.#sessions.clear();
  }

  count(): number {
    this.#expire();
    return this.#sessions.size;
  }

  /** Sessions as plain data (persistence); tokens included, so callers must never log this. */
  list(): Session[] {
    this.#expire();
    return [...this.#sessions.values()].map((s) => ({ ...s }));
  }

  restore(sessions: Session[]): void {
    this.#sessions.clear();
    for (const s of sessions) this.#sessions.set(s.token, { ...s });
  }

  #expire(): void {
    const idle = this.limits.idleTimeoutMs;
    if (idle === null) return;
    const now = this.clock.now();
    for (const [token, s] of this.#sessions) if (now - s.lastUsedAt >= idle) this.#sessions.delete(token);
  }
}
