// An account's password as a BMC keeps it: only a salted hash reaches disk, /etc/shadow-style
// (`$id$params$salt$hash`; OpenBMC's shadow uses SHA-512 crypt, `$6$`, which Node does not ship,
// so the simulator uses its built-in scrypt in the PHC string form `$scrypt$ln=14,r=8,p=1$...`).

import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const PREFIX = '$scrypt$';
const LOG_N = 14;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,})\$([A-Za-z0-9+/]{43})$/;

/** True when `s` is a password hash this module can check. */
export const isPasswordHash = (s: string): boolean => {
  const m = FORMAT.exec(s);
  return m !== null && Number(m[1]) >= 10 && Number(m[1]) <= 20 && Number(m[2]) >= 1 && Number(m[3]) >= 1;
};

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

// One hash per distinct password in the process: a fleet of BMCs sharing a password hashes it
// once (scrypt is slow by design). Keyed by a digest, so no extra plaintext copy is kept.
const hashes = new Map<string, string>();

function hashOf(password: string): string {
  const key = createHash('sha256').update(password).digest('hex');
  let hash = hashes.get(key);
  if (hash === undefined) {
    const salt = randomBytes(16);
    const derived = scryptSync(password, salt, KEY_BYTES, {
      N: 2 ** LOG_N,
      r: R,
      p: P,
      maxmem: 64 * 1024 * 1024,
    });
    hash = `${PREFIX}ln=${LOG_N},r=${R},p=${P}$${b64(salt)}$${b64(derived)}`;
    hashes.set(key, hash);
  }
  return hash;
}

/** A password known in plain text (configured) or only by its hash (restored from a state file). */
export class Password {
  readonly #plain: string | undefined;
  #hash: string | undefined;
  /** Digest of the last password that matched the hash, so a session's Basic auth does not re-run scrypt. */
  #verified: string | undefined;

  private constructor(plain: string | undefined, hash: string | undefined) {
    this.#plain = plain;
    this.#hash = hash;
  }

  static plain(password: string): Password {
    return new Password(password, undefined);
  }

  static hashed(hash: string): Password {
    if (!isPasswordHash(hash)) throw new RangeError('not a $scrypt$ password hash');
    return new Password(undefined, hash);
  }

  /** The shadow-style hash (computed once). */
  hash(): string {
    this.#hash ??= hashOf(this.#plain ?? '');
    return this.#hash;
  }

  matches(candidate: string): boolean {
    if (this.#plain !== undefined) {
      const a = Buffer.from(candidate);
      const b = Buffer.from(this.#plain);
      return a.length === b.length && timingSafeEqual(a, b);
    }
    const digest = createHash('sha256').update(candidate).digest('hex');
    if (digest === this.#verified) return true;
    const m = FORMAT.exec(this.#hash ?? '');
    if (!m) return false;
    const salt = Buffer.from(m[4] ?? '', 'base64');
    const expected = Buffer.from(m[5] ?? '', 'base64');
    const N = 2 ** Number(m[1]);
    const derived = scryptSync(candidate, salt, expected.length, {
      N,
      r: Number(m[2]),
      p: Number(m[3]),
      maxmem: 256 * N * Number(m[2]) + 1024 * 1024,
    });
    const ok = timingSafeEqual(derived, expected);
    if (ok) this.#verified = digest;
    return ok;
  }
}
