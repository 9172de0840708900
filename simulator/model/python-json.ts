// json.loads as the Python REST server's bottle calls it on a request body, with CPython's own
// error texts (Modules/_json.c scanstring/scan_once, Lib/json/decoder.py). Python 3 (bottle
// 0.12.23 line 103): `json_lds(touni(body))`, the body decoded as UTF-8 first, so a BOM stays a
// U+FEFF that json.loads refuses. Python 2 (bottle 0.12.9 line 116, the 2016-2017 images):
// `json_lds(body)` on the raw byte string, so the C scanner's `_str` variants run: positions count
// bytes, a string's bytes are decoded chunk by chunk (a bad byte is a UnicodeDecodeError of the
// 'utf8' codec at its place in the chunk) and an unclosed container is "Expecting object" at the
// last byte (2.7 _parse_object_str/_parse_array_str). NaN, Infinity and -Infinity are accepted as
// Python accepts them. Pure and iterative: a body may nest far deeper than our own stack.

import type { JsonValue } from '../../protocol/index.ts';

export type PythonJsonResult =
  | { ok: true; value: JsonValue }
  | { ok: false; kind: 'value-error'; message: string }
  | {
      ok: false;
      kind: 'recursion';
      /** The guard that tripped: a container's own, or (Python 2) a call made while decoding. */
      guard: 'array' | 'object' | 'call';
      /** The exception's class and text: RecursionError under Python 3, RuntimeError under 2. */
      exception: 'RecursionError' | 'RuntimeError';
      message: string;
    };

class Fail {
  readonly message: string;
  readonly pos: number;
  constructor(message: string, pos: number) {
    this.message = message;
    this.pos = pos;
  }
}

/** A ValueError whose text carries no position (Python 2's UnicodeDecodeError in a string). */
class Unlocated {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
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

/**
 * bytes.decode('utf8') as Python does it, or its UnicodeDecodeError's text (Python 2 names the
 * codec 'utf8', Python 3 'utf-8'). The BOM is kept: touni does not strip it.
 */
function decodeUtf8(
  bytes: Buffer,
  python: 2 | 3,
): { ok: true; text: string } | { ok: false; message: string } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const codec = python === 2 ? 'utf8' : 'utf-8';
    return {
      ok: false,
      message: `'${codec}' codec can't decode byte 0x${(bytes[at.pos] ?? 0).toString(16).padStart(2, '0')} in position ${at.pos}: ${at.reason}`,
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
  const p2 = python === 2;
  // Python 2 scans the byte string itself: one char per byte (latin1), decoded per string chunk.
  const decoded = p2 ? { ok: true as const, text: bytes.toString('latin1') } : decodeUtf8(bytes, 3);
  if (!decoded.ok) return { ok: false, kind: 'value-error', message: decoded.message };
  const s = decoded.text;
  // Python 3's json.loads(str): "Unexpected UTF-8 BOM (decode using utf-8-sig)" at char 0.
  if (!p2 && s.startsWith('\ufeff'))
    return {
      ok: false,
      kind: 'value-error',
      message: located(s, 'Unexpected UTF-8 BOM (decode using utf-8-sig)', 0),
    };
  let i = 0;
  const ws = () => {
    while (i < s.length && WS.has(s[i] ?? '')) i++;
  };

  /** A run of string bytes between escapes, decoded as scanstring_str does (Python 2 only). */
  const chunk = (raw: string): string => {
    if (!p2 || !/[\x80-\xff]/.test(raw)) return raw;
    const r = decodeUtf8(Buffer.from(raw, 'latin1'), 2);
    if (!r.ok) throw new Unlocated(r.message);
    return r.text;
  };

  const string = (): string => {
    // Python 2 decodes each string of the byte string through the codec, a call one level deeper.
    if (p2 && stack.length >= maxDepth) throw { recursion: 'call' };
    const begin = i - 1;
    let out = '';
    let run = '';
    for (;;) {
      if (i >= s.length) throw new Fail('Unterminated string starting at', begin);
      const c = s[i] ?? '';
      if (c === '"' || c === '\\') {
        out += chunk(run);
        run = '';
      }
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
      run += c;
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
  // Python 2: input that ends inside a container is "Expecting object" at its last byte.
  const unclosed = () => {
    if (p2 && i >= s.length) throw new Fail('Expecting object', s.length - 1);
  };

  try {
    ws();
    // Parse a value at i; containers push a frame and continue in the loop below.
    const startValue = (): JsonValue | undefined => {
      const v = scalar();
      if (v === undefined) throw expectingValue();
      if (v !== 'container') return v;
      const open = s[i];
      if (stack.length >= maxDepth) throw { recursion: open === '[' ? 'array' : 'object' };
      // Python 2.7 (byte string): an object, empty or not, also makes a call one level below its
      // own, so it trips one level earlier than an array, with the call's text (measured on
      // CPython 2.7.18: arrays, objects and strings at every nesting mix).
      if (p2 && open === '{' && stack.length + 1 >= maxDepth) throw { recursion: 'call' };
      i++;
      ws();
      unclosed();
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
      unclosed();
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
      unclosed();
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
    if (e instanceof Unlocated) return { ok: false, kind: 'value-error', message: e.message };
    const recursion = (e as { recursion?: 'array' | 'object' | 'call' }).recursion;
    if (recursion) {
      // Py_EnterRecursiveCall's text in _json.c scan_once_str / scan_once_unicode, or Python 2's
      // PyObject_Call's for the call.
      return {
        ok: false,
        kind: 'recursion',
        guard: recursion,
        exception: p2 ? 'RuntimeError' : 'RecursionError',
        message:
          recursion === 'call'
            ? 'maximum recursion depth exceeded while calling a Python object'
            : `maximum recursion depth exceeded while decoding a JSON ${recursion} from a ${p2 ? 'byte' : 'unicode'} string`,
      };
    }
    throw e;
  }
}
