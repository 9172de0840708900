import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../protocol/index.ts';
import { appendVariant, convertType, type PythonPlatform } from './dbus-python.ts';

// Expected texts: dbus-python's C source (message-append.c, int.c), checked against Debian's
// dbus-python 1.3.2 under CPython 3.11 on x86_64 (MethodCallMessage.append(signature='ssv', ...)).
const py3: PythonPlatform = { python: 3, longBits: 64 };
const py2: PythonPlatform = { python: 2, longBits: 32 };

const appended = (v: JsonValue, p = py3): string => {
  const r = appendVariant(v, p);
  return r.ok ? r.signature : `${r.error.cls}: ${r.error.message}`;
};

describe('appendVariant (the value of Properties.Set)', () => {
  it.each<[JsonValue, string]>([
    ['x', 's'],
    [true, 'b'],
    [1, 'i'],
    [1.5, 'd'],
    [['a', 'b'], 'as'],
    [{ a: 1 }, 'a{si}'],
    [[true, 1], 'ab'],
    [[1.5, 1], 'ad'],
    [null, 'TypeError: Don\'t know which D-Bus type to use to encode type "NoneType"'],
    [[], 'ValueError: Unable to guess signature from an empty list'],
    [{}, 'ValueError: Unable to guess signature from an empty dict'],
    [[[]], 'ValueError: Unable to guess signature from an empty list'],
    [[null], 'TypeError: Don\'t know which D-Bus type to use to encode type "NoneType"'],
    [2147483648, 'OverflowError: Value -2147483648 out of range for Int32'],
    [-2147483649, 'OverflowError: Value 2147483647 out of range for Int32'],
    [4294967296, 'OverflowError: Value 0 out of range for Int32'],
    [[1, 2147483648], 'OverflowError: Value -2147483648 out of range for Int32'],
    ['a\u0000b', 'ValueError: embedded null byte'],
    [
      '\ud800',
      "UnicodeEncodeError: 'utf-8' codec can't encode character '\\ud800' in position 0: surrogates not allowed",
    ],
    [['a', 1], 'TypeError: Expected a string or unicode object'],
    [[1, 'a'], "TypeError: 'str' object cannot be interpreted as an integer"],
    [[1, 1.5], "TypeError: 'float' object cannot be interpreted as an integer"],
    [[1, null], "TypeError: 'NoneType' object cannot be interpreted as an integer"],
    [[1.5, 'a'], 'TypeError: must be real number, not str'],
    [{ a: 1, b: 'x' }, "TypeError: 'str' object cannot be interpreted as an integer"],
  ])('%j -> %s', (v, text) => {
    expect(appended(v)).toBe(text);
  });

  it('gives repr() of the exception as rest_dbus reports it', () => {
    const r = appendVariant(2147483648, py3);
    expect(r.ok ? '' : r.error.repr).toBe("OverflowError('Value -2147483648 out of range for Int32')");
    const s = appendVariant('\ud800', py3);
    expect(s.ok ? '' : s.error.repr).toBe(
      "UnicodeEncodeError('utf-8', '\\ud800', 0, 1, 'surrogates not allowed')",
    );
  });

  it('under Python 2 on the 32-bit BMC: a long past sys.maxint is an Int64, no overflow', () => {
    expect(appended(2147483648, py2)).toBe('x');
    expect(appended(2147483647, py2)).toBe('i');
    expect(appended('a\u0000b', py2)).toBe('TypeError: expected string without null bytes');
    expect(appended([], py2)).toBe('ValueError: Unable to guess signature from an empty list');
  });
});

describe('convertType (rest_dbus.py convert_type)', () => {
  const conv = (sig: string, v: JsonValue, p = py3) => {
    const r = convertType(sig, v, p);
    return r.ok ? (r.value === undefined ? 'None' : [r.value, r.signature]) : 'fails';
  };

  it('casts with bool(), int(), float(), str() and the dbus integer types', () => {
    expect(conv('b', 'false')).toEqual([true, 'b']);
    expect(conv('b', '')).toEqual([false, 'b']);
    expect(conv('b', 0)).toEqual([false, 'b']);
    expect(conv('b', [])).toEqual([false, 'b']);
    expect(conv('i', ' 12 ')).toEqual([12, 'i']);
    expect(conv('i', '1_000')).toEqual([1000, 'i']);
    expect(conv('i', '1.5')).toBe('fails');
    expect(conv('i', 1.9)).toEqual([1, 'i']);
    expect(conv('i', true)).toEqual([1, 'i']);
    expect(conv('i', [1])).toBe('fails');
    expect(conv('x', 5)).toEqual([5, 'i']);
    expect(conv('x', 5, py2)).toEqual([5, 'x']);
    expect(conv('u', -1)).toBe('fails');
    expect(conv('u', '7')).toEqual([7, 'u']);
    expect(conv('u', 4294967296)).toBe('fails');
    expect(conv('t', 1.5)).toEqual([1, 't']);
    expect(conv('y', 255)).toEqual([255, 'y']);
    expect(conv('y', 256)).toBe('fails');
    expect(conv('y', 'a')).toBe('fails');
    expect(conv('y', true)).toEqual([1, 'y']);
    expect(conv('d', ' 1.5 ')).toEqual([1.5, 'd']);
    expect(conv('d', 'x')).toBe('fails');
    expect(conv('s', 1)).toEqual(['1', 's']);
    expect(conv('s', true)).toEqual(['True', 's']);
    expect(conv('s', ['a'])).toEqual(["['a']", 's']);
    expect(conv('s', ['a'], py2)).toEqual(["[u'a']", 's']);
    expect(conv('as', 1)).toBe('None');
  });
});
