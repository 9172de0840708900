// phosphor-rest's `sid` cookie is a Bottle signed cookie: "!" + base64(HMAC-MD5(key, msg)) + "?" + msg,
// where msg = base64(pickle(('sid', <32 random bytes>), protocol 5)) (bottle.cookie_encode; the
// shape matches transcripts-phosphor-rest.md #6). Only the session id matters to the server.

import { createHmac } from 'node:crypto';

const PICKLE_HEAD = Buffer.from([
  0x80, 0x05, 0x95, 0x2c, 0, 0, 0, 0, 0, 0, 0, 0x8c, 0x03, 0x73, 0x69, 0x64, 0x94, 0x43, 0x20,
]);
const PICKLE_TAIL = Buffer.from([0x94, 0x86, 0x94, 0x2e]);

/** The cookie value (without quotes) for a 32-byte session id. */
export function encodeSid(sessionId: Buffer, key: string): string {
  const msg = Buffer.concat([PICKLE_HEAD, sessionId, PICKLE_TAIL]).toString('base64');
  const sig = createHmac('md5', key).update(msg).digest('base64');
  return `!${sig}?${msg}`;
}

/** The session id inside a cookie value, or undefined when the signature or shape is wrong. */
export function decodeSid(value: string, key: string): Buffer | undefined {
  const unquoted = value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  const m = /^!([^?]+)\?(.+)$/.exec(unquoted);
  if (!m?.[1] || !m[2]) return undefined;
  const expected = createHmac('md5', key).update(m[2]).digest('base64');
  if (expected !== m[1]) return undefined;
  const raw = Buffer.from(m[2], 'base64');
  if (raw.length !== PICKLE_HEAD.length + 32 + PICKLE_TAIL.length) return undefined;
  return raw.subarray(PICKLE_HEAD.length, PICKLE_HEAD.length + 32);
}
