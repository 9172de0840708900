// D-Bus property signatures and how a REST server converts a JSON value to them.
// bmcweb converts strictly by signature (openbmc-rest.md 2.4, `convertJsonToDbus`);
// phosphor-rest retries a failed Set with Python's own conversions (bool("false") is true).

import type { JsonValue } from '../../protocol/index.ts';
import { pythonRepr } from './python-repr.ts';
import { err, ok, type Result } from './result.ts';

export type Signature = 's' | 'b' | 'y' | 'n' | 'q' | 'i' | 'u' | 'x' | 't' | 'd' | 'as' | 'ao';

export type Coercion = 'strict' | 'python';

const INT_RANGES: Record<string, [number, number]> = {
  y: [0, 255],
  n: [-32768, 32767],
  q: [0, 65535],
  i: [-2147483648, 2147483647],
  u: [0, 4294967295],
  x: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  t: [0, Number.MAX_SAFE_INTEGER],
};

export type ConversionFailure = 'type-mismatch' | 'out-of-range';

/** The D-Bus type dbus-python picks for a decoded JSON value before any conversion. */
export function naturalSignature(value: JsonValue): string {
  if (typeof value === 'string') return 's';
  if (typeof value === 'boolean') return 'b';
  if (typeof value === 'number') return Number.isInteger(value) ? 'i' : 'd';
  if (Array.isArray(value)) return 'av';
  return value === null ? '' : 'a{sv}';
}

export function convertJson(
  value: JsonValue,
  signature: Signature,
  style: Coercion,
): Result<JsonValue, ConversionFailure> {
  return style === 'strict' ? convertStrict(value, signature) : convertPython(value, signature);
}

function convertStrict(value: JsonValue, signature: Signature): Result<JsonValue, ConversionFailure> {
  switch (signature) {
    case 's':
      return typeof value === 'string' ? ok(value) : err('type-mismatch');
    case 'b':
      // bmcweb: true/false, 0/1, or a string judged by its first letter ('t'/'T' = true).
      if (typeof value === 'boolean') return ok(value);
      if (typeof value === 'number') {
        if (value === 0 || value === 1) return ok(value === 1);
        return Number.isInteger(value) ? err('out-of-range') : err('type-mismatch');
      }
      if (typeof value === 'string') return ok(value.startsWith('t') || value.startsWith('T'));
      return err('type-mismatch');
    case 'd':
      return typeof value === 'number' ? ok(value) : err('type-mismatch');
    case 'as':
    case 'ao':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? ok(value)
        : err('type-mismatch');
    case 'y':
    case 'n':
    case 'q':
    case 'i':
    case 'u':
    case 'x':
    case 't':
      return convertInteger(value, signature);
  }
}

function convertInteger(
  value: JsonValue,
  signature: keyof typeof INT_RANGES,
): Result<JsonValue, ConversionFailure> {
  if (typeof value !== 'number' || !Number.isInteger(value)) return err('type-mismatch');
  const [min, max] = INT_RANGES[signature] ?? [0, 0];
  return value < min || value > max ? err('out-of-range') : ok(value);
}

function convertPython(value: JsonValue, signature: Signature): Result<JsonValue, ConversionFailure> {
  switch (signature) {
    case 'b':
      // Python bool(): any non-empty string, non-zero number or non-empty list is true.
      if (typeof value === 'string') return ok(value.length > 0);
      if (typeof value === 'number') return ok(value !== 0);
      if (typeof value === 'boolean') return ok(value);
      if (Array.isArray(value)) return ok(value.length > 0);
      return err('type-mismatch');
    case 's':
      // Python str(): 1 -> '1', True -> 'True', a list -> its repr.
      if (typeof value === 'string') return ok(value);
      if (typeof value === 'number') return ok(String(value));
      return ok(pythonRepr(value));
    case 'd':
      if (typeof value === 'number') return ok(value);
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
        return ok(Number(value));
      return err('type-mismatch');
    case 'as':
    case 'ao':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? ok(value)
        : err('type-mismatch');
    case 'y':
    case 'n':
    case 'q':
    case 'i':
    case 'u':
    case 'x':
    case 't': {
      const n =
        typeof value === 'boolean' ? Number(value) : typeof value === 'string' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n)) return err('type-mismatch');
      return convertInteger(n, signature);
    }
  }
}
