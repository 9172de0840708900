// Randomness for tokens and seeded data. Cryptographic by default; `--seed N` makes it reproducible
// (tests only: a seeded BMC's tokens are predictable by design).

import { createHmac, randomInt } from 'node:crypto';

export interface Rng {
  /** An integer in [0, max). */
  int(max: number): number;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** bmcweb's session and CSRF tokens: 20 characters of [A-Za-z0-9] (include/sessions.hpp). */
export function alphanumericToken(rng: Rng, length = 20): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[rng.int(ALPHANUMERIC.length)];
  return out;
}

export function hexToken(rng: Rng, bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes; i++) out += rng.int(256).toString(16).padStart(2, '0');
  return out;
}

export const cryptoRng: Rng = { int: (max) => randomInt(max) };

/** A deterministic stream: HMAC-SHA256(seed, counter), consumed four bytes at a time. */
export function seededRng(seed: number | string): Rng {
  let counter = 0;
  let buffer = Buffer.alloc(0);
  let offset = 0;
  return {
    int(max) {
      if (offset + 4 > buffer.length) {
        buffer = createHmac('sha256', String(seed)).update(String(counter++)).digest();
        offset = 0;
      }
      const n = buffer.readUInt32BE(offset);
      offset += 4;
      return n % max;
    },
  };
}
