// The session table on an injected clock (openbmc-rest.md 1.2, 1.5, 9.14): bmcweb's 1800 s idle
// timeout refreshed by each use, phosphor-rest's 16-session LRU, token format and reproducibility.

import { describe, expect, it } from 'vitest';
import { bmcweb2021 } from '../profiles/bmcweb-2021.ts';
import { phosphorRest2018 } from '../profiles/phosphor-rest-2018.ts';
import { ManualClock } from './clock.ts';
import { cryptoRng, type Rng, seededRng } from './rng.ts';
import { type SessionLimits, SessionStore } from './sessions.ts';

const TOKEN = /^[A-Za-z0-9]{20}$/;

const store = (limits: SessionLimits, rng: Rng = seededRng(3)) => {
  const clock = new ManualClock();
  return { clock, sessions: new SessionStore(clock, rng, limits) };
};

const created = (s: SessionStore, user = 'root') => {
  const r = s.create(user);
  if (!r.ok) throw new Error(`no session: ${r.error.kind}`);
  return r.value;
};

describe('bmcweb-2021 sessions', () => {
  it('uses an idle timeout of exactly 1800 s', () => {
    expect(bmcweb2021.sessions.idleTimeoutMs).toBe(1_800_000);
  });

  it('expires a session 1800 s after its last use, not after its creation', () => {
    const { clock, sessions } = store(bmcweb2021.sessions);
    const s = created(sessions);
    clock.advance(1_799_999);
    expect(sessions.use(s.token)?.username).toBe('root');
    // The use above restarted the idle clock: another 1799.999 s is still fine.
    clock.advance(1_799_999);
    expect(sessions.use(s.token)).toBeDefined();
    expect(sessions.count()).toBe(1);
    clock.advance(1_800_000);
    expect(sessions.use(s.token)).toBeUndefined();
    expect(sessions.count()).toBe(0);
  });

  it('expires at exactly 1800 s idle', () => {
    const { clock, sessions } = store(bmcweb2021.sessions);
    const s = created(sessions);
    clock.advance(1_800_000);
    expect(sessions.use(s.token)).toBeUndefined();
  });

  it('keeps lastUsedAt on the injected clock', () => {
    const { clock, sessions } = store(bmcweb2021.sessions);
    const s = created(sessions);
    expect(s.createdAt).toBe(clock.now());
    clock.advance(42_000);
    expect(sessions.use(s.token)?.lastUsedAt).toBe(clock.now());
  });

  it('has no small cap', () => {
    const { sessions } = store(bmcweb2021.sessions);
    for (let i = 0; i < 100; i++) created(sessions);
    expect(sessions.count()).toBe(100);
  });

  it('makes 20-character alphanumeric session and CSRF tokens that differ', () => {
    const { sessions } = store(bmcweb2021.sessions, cryptoRng);
    for (let i = 0; i < 50; i++) {
      const s = created(sessions);
      expect(s.token).toMatch(TOKEN);
      expect(s.csrfToken).toMatch(TOKEN);
      expect(s.csrfToken).not.toBe(s.token);
    }
  });

  it('does not count or keep single-request (Basic) sessions', () => {
    const { sessions } = store(bmcweb2021.sessions);
    const r = sessions.create('root', 'request');
    expect(r.ok && r.value.token).toMatch(TOKEN);
    expect(sessions.count()).toBe(0);
    if (r.ok) expect(sessions.use(r.value.token)).toBeUndefined();
  });

  it('removes a session on logout', () => {
    const { sessions } = store(bmcweb2021.sessions);
    const s = created(sessions);
    expect(sessions.remove(s.token)).toBe(true);
    expect(sessions.remove(s.token)).toBe(false);
    expect(sessions.use(s.token)).toBeUndefined();
  });
});

describe('session limits', () => {
  it('phosphor-rest: a 17th login silently evicts the oldest, and there is no idle timeout', () => {
    const { clock, sessions } = store(phosphorRest2018.sessions);
    const all = [];
    for (let i = 0; i < 16; i++) {
      all.push(created(sessions, `u${i}`));
      clock.advance(1_000);
    }
    const newest = created(sessions, 'u16');
    expect(sessions.count()).toBe(16);
    expect(sessions.use(all[0]?.token ?? '')).toBeUndefined();
    expect(sessions.use(all[1]?.token ?? '')?.username).toBe('u1');
    clock.advance(365 * 24 * 3600 * 1000);
    expect(sessions.use(newest.token)?.username).toBe('u16');
  });

  it('phosphor-rest tokens are 32 random bytes in hex', () => {
    const { sessions } = store(phosphorRest2018.sessions);
    expect(created(sessions).token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a rejecting cap refuses the login beyond it', () => {
    const { sessions } = store({ max: 2, whenFull: 'reject', idleTimeoutMs: null });
    created(sessions);
    created(sessions);
    expect(sessions.create('root')).toEqual({ ok: false, error: { kind: 'session-limit' } });
    expect(sessions.count()).toBe(2);
  });

  it('an expired session frees its place under a cap', () => {
    const { clock, sessions } = store({ max: 1, whenFull: 'reject', idleTimeoutMs: 1_000 });
    created(sessions);
    expect(sessions.create('root').ok).toBe(false);
    clock.advance(1_000);
    expect(sessions.create('root').ok).toBe(true);
  });
});

describe('token randomness', () => {
  const tokens = (rng: Rng) => {
    const { sessions } = store(bmcweb2021.sessions, rng);
    return [created(sessions), created(sessions)].flatMap((s) => [s.token, s.csrfToken]);
  };

  it('is reproducible with a seed', () => {
    expect(tokens(seededRng(7))).toEqual(tokens(seededRng(7)));
    expect(tokens(seededRng('7:0'))).toEqual(tokens(seededRng('7:0')));
  });

  it('differs between seeds', () => {
    expect(tokens(seededRng(7))[0]).not.toBe(tokens(seededRng(8))[0]);
  });

  it('is not reproducible from the cryptographic RNG', () => {
    const a = tokens(cryptoRng);
    const b = tokens(cryptoRng);
    expect(new Set([...a, ...b]).size).toBe(8);
  });

  it('draws from all of [A-Za-z0-9]', () => {
    const rng = seededRng(5);
    const { sessions } = store(bmcweb2021.sessions, rng);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) for (const ch of created(sessions).token) seen.add(ch);
    expect(seen.size).toBe(62);
  });
});
