// json.loads as the Python REST server's bottle calls it on a request body (bottle 0.12.23
// BaseRequest.json -> json.loads(bytes)), with CPython's own error texts: Modules/_json.c
// scanstring/scan_once and Lib/json/decoder.py (3.11; 2.7 where the texts differ). NaN, Infinity
// and -Infinity are accepted as Python accepts them. Pure and iterative: a body may nest far deeper
// than our own stack.

import type { JsonValue } from '../../protocol/index.ts';

export type PythonJsonResult =
  | { ok: true; value: JsonValue }
  | { ok: false; kind: 'value-error'; message: string }
  | { ok: false; kind: 'recursion'; container: 'array' | 'object' };

class Fail {
  readonly message: string;
  readonly pos: number;
  constructor(message: string, pos: number) {
    this.message = message;
    this.pos = pos;
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** `msg: line L column C (char P)` (json.decoder.JSONDecodeError / Python 2's errmsg). */
function located(doc: string, message: string, pos: number): string {
  const lineno = doc.slice(0, pos).split('\n').length;
  const colno = pos - doc.lastIndexOf('\n', pos - 1);
  return `${message}: line ${lineno} column ${colno} (char ${pos})`;
}

/** The text Python decodes the body bytes to, or UnicodeDecodeError's message. */
function decodeBytes(bytes: Buffer): { ok: true; text: string } | { ok: false; message: string } {
  // json.detect_encoding: a UTF-8 BOM selects utf-8-sig, which drops it.
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    const at = firstInvalidUtf8(body);
    return {
      ok: false,
      message: `'utf-8' codec can't decode byte 0x${(body[at.pos] ?? 0).toString(16).padStart(2, '0')} in position ${at.pos}: ${at.reason}`,
    };
  }
}

function firstInvalidUtf8(b: Buffer): { pos: number; reason: string } {
  for (let i = 0; i < b.length; ) {
    const c = b[i] ?? 0;
    const need =
      c < 0x80
        ? 0
        : c >= 0xc2 && c <= 0xdf
          ? 1
          : c >= 0xe0 && c <= 0xef
            ? 2
            : c >= 0xf0 && c <= 0xf4
              ? 3
              : -1;
    if (need < 0) return { pos: i, reason: 'invalid start byte' };
    for (let k = 1; k <= need; k++) {
      if (i + k >= b.length) return { pos: i, reason: 'unexpected end of data' };
      if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return { pos: i, reason: 'invalid continuation byte' };
    }
    i += need + 1;
  }
  return { pos: 0, reason: 'invalid start byte' };
}

/**
 * `maxDepth`: how many containers may be open at once before the scanner's recursion guard trips
 * (RecursionError in Python 3): the interpreter's limit less the frames the server has on the
 * stack when it parses, so the caller's to say (simulator/http/phosphor-rest.ts).
 */
export function pythonJsonLoads(bytes: Buffer, python: 2 | 3, maxDepth: number): PythonJsonResult {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return { ok: false, kind: 'value-error', message: decoded.message };
  const s = decoded.text;
  let i = 0;
  const ws = () => {
    while (i < s.length && WS.has(s[i] ?? '')) i++;
  };
  const p2 = python === 2;

  const string = (): string => {
    const begin = i - 1;
    let out = '';
    for (;;) {
      if (i >= s.length) throw new Fail('Unterminated string starting at', begin);
      const c = s[i] ?? '';
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        if (i + 1 >= s.length) throw new Fail('Unterminated string starting at', begin);
        const e = s[i + 1] ?? '';
        if (e !== 'u') {
          const mapped = ESCAPES[e];
          if (mapped === undefined) throw new Fail('Invalid \\escape', i);
          out += mapped;
          i += 2;
          continue;
        }
        const hex = s.slice(i + 2, i + 6);
        if (i + 6 >= s.length || !/^[0-9a-fA-F]{4}$/.test(hex))
          throw new Fail('Invalid \\uXXXX escape', i + 1);
        out += String.fromCharCode(Number.parseInt(hex, 16));
        i += 6;
        continue;
      }
      if (c.charCodeAt(0) < 0x20) throw new Fail('Invalid control character at', i);
      out += c;
      i++;
    }
  };

  /** One value at `i`, or undefined where scan_once raises StopIteration (nothing parses here). */
  const scalar = (): JsonValue | undefined | 'container' => {
    const c = s[i];
    if (c === '"') {
      i++;
      return string();
    }
    if (c === '{' || c === '[') return 'container';
    for (const [word, value] of [
      ['null', null],
      ['true', true],
      ['false', false],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['-Infinity', Number.NEGATIVE_INFINITY],
    ] as const) {
      if (s.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(s);
    if (m) {
      i += m[0].length;
      return Number(m[0]);
    }
    return undefined;
  };

  // Explicit stack of open containers: [container, pending key].
  type Frame =
    | { kind: 'array'; value: JsonValue[] }
    | { kind: 'object'; value: Record<string, JsonValue>; key: string };
  const stack: Frame[] = [];
  // Python 2's scanner reports any value it cannot start with one unlocated text.
  const expectingValue = () => new Fail(p2 ? 'No JSON object could be decoded' : 'Expecting value', i);

  try {
    ws();
    // Parse a value at i; containers push a frame and continue in the loop below.
    const startValue = (): JsonValue | undefined => {
      const v = scalar();
      if (v === undefined) throw expectingValue();
      if (v !== 'container') return v;
      const open = s[i];
      if (stack.length >= maxDepth) throw { recursion: open === '[' ? 'array' : 'object' };
      i++;
      ws();
      if (open === '[') {
        stack.push({ kind: 'array', value: [] });
        if (s[i] === ']') {
          i++;
          return (stack.pop() as Frame).value;
        }
        return startValue();
      }
      stack.push({ kind: 'object', value: {}, key: '' });
      if (s[i] === '}') {
        i++;
        return (stack.pop() as Frame).value;
      }
      return objectKey();
    };
    const objectKey = (): JsonValue | undefined => {
      const top = stack[stack.length - 1] as Frame & { kind: 'object' };
      if (s[i] !== '"')
        throw new Fail(
          p2 ? 'Expecting property name' : 'Expecting property name enclosed in double quotes',
          i,
        );
      i++;
      top.key = string();
      ws();
      if (s[i] !== ':') throw new Fail(p2 ? 'Expecting : delimiter' : "Expecting ':' delimiter", i);
      i++;
      ws();
      return startValue();
    };
    let value = startValue();
    // Each completed value goes into the innermost open container, which then expects , or its end.
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as Frame;
      if (value !== undefined) {
        if (top.kind === 'array') top.value.push(value);
        else top.value[top.key] = value;
      }
      ws();
      const close = top.kind === 'array' ? ']' : '}';
      if (s[i] === close) {
        i++;
        stack.pop();
        value = top.value;
        continue;
      }
      if (s[i] !== ',') throw new Fail(p2 ? 'Expecting , delimiter' : "Expecting ',' delimiter", i);
      i++;
      ws();
      value = top.kind === 'array' ? startValue() : objectKey();
    }
    const result = value;
    ws();
    if (i !== s.length) {
      const message = p2
        ? `${located(s, 'Extra data', i).replace(/ \(char \d+\)$/, '')} - ${located(s, 'x', s.length)
            .slice(3)
            .replace(/ \(char \d+\)$/, '')} (char ${i} - ${s.length})`
        : located(s, 'Extra data', i);
      return { ok: false, kind: 'value-error', message };
    }
    return { ok: true, value: result ?? null };
  } catch (e) {
    if (e instanceof Fail) {
      if (e.message === 'No JSON object could be decoded')
        return { ok: false, kind: 'value-error', message: e.message };
      return { ok: false, kind: 'value-error', message: located(s, e.message, e.pos) };
    }
    const recursion = (e as { recursion?: 'array' | 'object' }).recursion;
    if (recursion) return { ok: false, kind: 'recursion', container: recursion };
    throw e;
  }
}
