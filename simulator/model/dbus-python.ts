// dbus-python as the Python REST server used it on a JSON value (Python's json.loads types):
// * appendVariant: message.append of a `v` argument (Properties.Set's value, an argument of a method
//   called without a signature): the signature _signature_string_from_pyobject guesses, then the
//   append of each item by it (_dbus_bindings/message-append.c; int.c range checks);
// * convertType: rest_dbus.py convert_type(signature, value), the retry after InvalidArgs
//   (0bdef95, 2017-04): bool(), int(), float(), str(), dbus.Byte/Int16/UInt16/UInt32/UInt64().
// Texts from dbus-python's C source (posborne/dbus-python, 1.2.x) and checked against Debian's
// dbus-python 1.3.2 under CPython 3.11 on a 64-bit host, the recording's environment. A JSON
// number without a fraction is an int here: JavaScript cannot tell 1.0 from 1 (Python: a float).

import type { JsonValue } from '../../protocol/index.ts';
import { pythonRepr } from './python-repr.ts';

/** The interpreter and the width of C `long` (32 on the BMC's ARM, 64 on the recording host). */
export interface PythonPlatform {
  python: 2 | 3;
  longBits: 32 | 64;
}

export interface PythonException {
  cls: 'TypeError' | 'ValueError' | 'OverflowError' | 'UnicodeError' | 'UnicodeEncodeError';
  message: string;
  /** repr(exception), as rest_dbus puts it in `data.exception`. */
  repr: string;
}

/** ValueError and its subclasses: do_put's `except ValueError` turns these into a 400. */
export const isValueError = (e: PythonException): boolean =>
  e.cls === 'ValueError' || e.cls === 'UnicodeError' || e.cls === 'UnicodeEncodeError';

const quote = (s: string): string => pythonRepr(s);

function raise(p: PythonPlatform, cls: PythonException['cls'], message: string): PythonException {
  return { cls, message, repr: p.python === 2 ? `${cls}(${quote(message)},)` : `${cls}(${quote(message)})` };
}

/** Python 2 decodes a JSON integer beyond sys.maxint to a `long` (dbus-python guesses Int64). */
const isPy2Long = (n: number, p: PythonPlatform): boolean =>
  p.python === 2 && Math.abs(n) > 2 ** (p.longBits - 1) - 1;

/** (int)i of a C long, as dbus_py_int32_range_check formats it: the low 32 bits, signed. */
const cInt = (n: number): number => Number(BigInt.asIntN(32, BigInt(n)));

type Guess = { ok: true; signature: string } | { ok: false; error: PythonException };

/** _signature_string_from_pyobject: the signature dbus-python picks for a value. */
function guess(v: JsonValue, p: PythonPlatform): Guess {
  if (v === null)
    return {
      ok: false,
      error: raise(p, 'TypeError', `Don't know which D-Bus type to use to encode type "NoneType"`),
    };
  if (typeof v === 'boolean') return { ok: true, signature: 'b' };
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return { ok: true, signature: 'd' };
    return { ok: true, signature: isPy2Long(v, p) ? 'x' : 'i' };
  }
  if (typeof v === 'string') return { ok: true, signature: 's' };
  if (Array.isArray(v)) {
    if (v.length === 0)
      return { ok: false, error: raise(p, 'ValueError', 'Unable to guess signature from an empty list') };
    const inner = guess(v[0] as JsonValue, p);
    return inner.ok ? { ok: true, signature: `a${inner.signature}` } : inner;
  }
  const entries = Object.entries(v);
  const first = entries[0];
  if (!first)
    return { ok: false, error: raise(p, 'ValueError', 'Unable to guess signature from an empty dict') };
  const value = guess(first[1], p);
  return value.ok ? { ok: true, signature: `a{s${value.signature}}` } : value;
}

/** The first complete type of a signature and the rest (`a{sv}i` -> `a{sv}`, `i`). */
function firstType(sig: string): [string, string] {
  let i = 0;
  while (sig[i] === 'a') i++;
  if (sig[i] === '{' || sig[i] === '(') {
    const open = sig[i];
    const close = open === '{' ? '}' : ')';
    let depth = 0;
    for (; i < sig.length; i++) {
      if (sig[i] === open) depth++;
      if (sig[i] === close && --depth === 0) break;
    }
  }
  return [sig.slice(0, i + 1), sig.slice(i + 1)];
}

/** Appends one value as `sig` (_message_iter_append_pyobject): undefined, or what it raises. */
function append(v: JsonValue, sig: string, p: PythonPlatform): PythonException | undefined {
  const typeName =
    v === null ? 'NoneType' : Array.isArray(v) ? 'list' : typeof v === 'object' ? 'dict' : undefined;
  switch (sig[0]) {
    case 'b':
      return undefined; // PyObject_IsTrue takes anything
    case 's':
      return typeof v === 'string'
        ? appendString(v, p)
        : raise(p, 'TypeError', 'Expected a string or unicode object');
    case 'd':
      if (typeof v === 'number' || typeof v === 'boolean') return undefined;
      return raise(
        p,
        'TypeError',
        p.python === 2 ? 'a float is required' : `must be real number, not ${pyType(v)}`,
      );
    case 'i':
    case 'x': {
      if (typeof v === 'boolean') return undefined;
      if (typeof v !== 'number' || (!Number.isInteger(v) && p.python === 3)) {
        return raise(
          p,
          'TypeError',
          p.python === 2
            ? 'an integer is required'
            : `'${typeName ?? pyType(v)}' object cannot be interpreted as an integer`,
        );
      }
      if (sig[0] === 'x') return undefined;
      const n = Math.trunc(v);
      if (n >= -(2 ** 31) && n < 2 ** 31) return undefined;
      // PyLong_AsLong first: a value past C long overflows there, else the Int32 check names (int)i.
      if (Math.abs(n) >= 2 ** (p.longBits - 1))
        return raise(p, 'OverflowError', 'Python int too large to convert to C long');
      return raise(p, 'OverflowError', `Value ${cInt(n)} out of range for Int32`);
    }
    case 'a': {
      const [inner] = firstType(sig.slice(1));
      if (inner.startsWith('{')) {
        if (v === null || typeof v !== 'object' || Array.isArray(v))
          return raise(p, 'TypeError', `'${typeName ?? pyType(v)}' object is not iterable`);
        const valueSig = inner.slice(2, -1);
        for (const [k, item] of Object.entries(v)) {
          const e = appendString(k, p) ?? append(item, valueSig, p);
          if (e) return e;
        }
        return undefined;
      }
      if (!Array.isArray(v)) {
        if (typeof v === 'string') return undefined; // a str iterates over its characters
        return raise(p, 'TypeError', `'${typeName ?? pyType(v)}' object is not iterable`);
      }
      for (const item of v) {
        const e = append(item, inner, p);
        if (e) return e;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

const pyType = (v: JsonValue): string =>
  v === null
    ? 'NoneType'
    : typeof v === 'boolean'
      ? 'bool'
      : typeof v === 'number'
        ? Number.isInteger(v)
          ? 'int'
          : 'float'
        : typeof v === 'string'
          ? 'str'
          : Array.isArray(v)
            ? 'list'
            : 'dict';

/** _message_iter_append_string: UTF-8 encode, no NUL, valid UTF-8 (lone surrogates). */
function appendString(s: string, p: PythonPlatform): PythonException | undefined {
  if (s.includes('\0'))
    return p.python === 2
      ? raise(p, 'TypeError', 'expected string without null bytes')
      : raise(p, 'ValueError', 'embedded null byte');
  const at = loneSurrogate(s);
  if (at === undefined) return undefined;
  if (p.python === 2) {
    return raise(
      p,
      'UnicodeError',
      'String parameters to be sent over D-Bus must be valid UTF-8 with no noncharacter code points',
    );
  }
  const ch = `\\u${s.charCodeAt(at.unit).toString(16)}`;
  const message = `'utf-8' codec can't encode character '${ch}' in position ${at.index}: surrogates not allowed`;
  return {
    cls: 'UnicodeEncodeError',
    message,
    repr: `UnicodeEncodeError('utf-8', ${pythonRepr(s)}, ${at.index}, ${at.index + 1}, 'surrogates not allowed')`,
  };
}

/** The first unpaired surrogate: its UTF-16 unit and its code-point index (Python's position). */
function loneSurrogate(s: string): { unit: number; index: number } | undefined {
  let index = 0;
  for (let i = 0; i < s.length; i++, index++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) return { unit: i, index };
  }
  return undefined;
}

export type Appended = { ok: true; signature: string } | { ok: false; error: PythonException };

/** message.append of one variant value: the signature sent, or the exception raised. */
export function appendVariant(value: JsonValue, p: PythonPlatform): Appended {
  const g = guess(value, p);
  if (!g.ok) return g;
  const e = append(value, g.signature, p);
  return e ? { ok: false, error: e } : g;
}

/** A value as convert_type returns it: its Python type decides the next guess. */
export type Converted =
  | { ok: true; value: JsonValue; signature: string }
  /** convert_type has no branch for the signature (arrays of basic types: `as`, `ao`): None. */
  | { ok: true; value: undefined }
  | { ok: false };

/** int(): a bool, a number truncated, or a decimal string (whitespace, sign, `_` in Python 3). */
function pyInt(v: JsonValue, p: PythonPlatform): number | undefined {
  if (typeof v === 'boolean') return Number(v);
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : undefined;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  const ok = p.python === 2 ? /^[+-]?\d+$/ : /^[+-]?\d+(_\d+)*$/;
  return ok.test(t) ? Number(t.replace(/_/g, '')) : undefined;
}

/** float(): a bool, a number, or a string Python parses (nan, inf, exponents, `_` in Python 3). */
function pyFloat(v: JsonValue, p: PythonPlatform): number | undefined {
  if (typeof v === 'boolean') return Number(v);
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const t = v.trim().toLowerCase();
  if (/^[+-]?nan$/.test(t)) return Number.NaN;
  if (/^[+-]?inf(inity)?$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  const num =
    p.python === 2
      ? /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/
      : /^[+-]?((\d+(_\d+)*)(\.(\d+(_\d+)*)?)?|\.\d+(_\d+)*)(e[+-]?\d+(_\d+)*)?$/;
  return num.test(t) ? Number(t.replace(/_/g, '')) : undefined;
}

/** bool(): Python truthiness of what json.loads gives. */
const pyBool = (v: JsonValue): boolean =>
  v === null
    ? false
    : typeof v === 'object'
      ? Object.keys(v).length > 0
      : typeof v === 'string'
        ? v.length > 0
        : typeof v === 'number'
          ? v !== 0
          : v;

const RANGES: Record<string, [number, number]> = {
  y: [0, 255],
  n: [-(2 ** 15), 2 ** 15 - 1],
  q: [0, 2 ** 16 - 1],
  u: [0, 2 ** 32 - 1],
  t: [0, 2 ** 64 - 1],
};

/**
 * rest_dbus.py convert_type(signature, value) for a basic signature: `{b: bool, y: dbus.Byte,
 * n: dbus.Int16, i: int, x: long/int, q: dbus.UInt16, u: dbus.UInt32, t: dbus.UInt64, d: float,
 * s: str}`; `signature` is what the converted value is then sent as. Any exception is a failure
 * (the handler's `except Exception`).
 */
export function convertType(signature: string, v: JsonValue, p: PythonPlatform): Converted {
  switch (signature) {
    case 'b':
      return { ok: true, value: pyBool(v), signature: 'b' };
    case 's':
      if (typeof v === 'string') return { ok: true, value: v, signature: 's' };
      // str(): Python 2's str() of a unicode with non-ASCII text is a UnicodeEncodeError.
      return { ok: true, value: pythonRepr(v, p.python), signature: 's' };
    case 'd': {
      const f = pyFloat(v, p);
      return f === undefined ? { ok: false } : { ok: true, value: f, signature: 'd' };
    }
    case 'i':
    case 'x': {
      const n = pyInt(v, p);
      if (n === undefined) return { ok: false };
      // int() is a Python int: guessed Int32 again (Python 2: long for `x`, or past sys.maxint).
      const sent = p.python === 2 && (signature === 'x' || isPy2Long(n, p)) ? 'x' : 'i';
      return { ok: true, value: n, signature: sent };
    }
    case 'y': {
      // dbus.Byte takes an int (bool included) in range, not a number in a string.
      if (typeof v !== 'number' && typeof v !== 'boolean') return { ok: false };
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 255) return { ok: false };
      return { ok: true, value: n, signature: 'y' };
    }
    case 'n':
    case 'q':
    case 'u':
    case 't': {
      const n = pyInt(v, p);
      const [min, max] = RANGES[signature] ?? [0, 0];
      if (n === undefined || n < min || n > max) return { ok: false };
      return { ok: true, value: n, signature };
    }
    default:
      return { ok: true, value: undefined };
  }
}
