// Python's repr() of a value decoded by json.loads, for phosphor-rest's error texts such as
// "Expecting request format { 'data': <class 'list'> }, got '{'data': 'x'}'".

import type { JsonValue } from '../../protocol/index.ts';

function reprString(s: string): string {
  // repr() prefers single quotes and switches to double quotes when the text has ' but no ".
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    // A lone surrogate is not printable: repr() escapes it (`for (const ch of s)` keeps pairs whole).
    else if (code >= 0xd800 && code <= 0xdfff) out += `\\u${code.toString(16)}`;
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

// json.loads("2.0") is a float in Python but a whole number here; such bodies print as 2.
// NaN and the infinities are json.loads's own extensions (float('nan') prints as nan).
const reprNumber = (n: number): string =>
  Number.isNaN(n)
    ? 'nan'
    : n === Number.POSITIVE_INFINITY
      ? 'inf'
      : n === Number.NEGATIVE_INFINITY
        ? '-inf'
        : String(n);

export function pythonRepr(value: JsonValue, python: 2 | 3 = 3): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return reprNumber(value);
  // Python 2 decodes JSON strings to unicode: u'...'.
  if (typeof value === 'string') return python === 2 ? `u${reprString(value)}` : reprString(value);
  if (Array.isArray(value)) return `[${value.map((v) => pythonRepr(v, python)).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${pythonRepr(k, python)}: ${pythonRepr(v, python)}`)
    .join(', ')}}`;
}

/** Python's `'%s' % value`: str() of a string is the string itself, of anything else its repr. */
export function pythonStr(value: JsonValue, python: 2 | 3 = 3): string {
  return typeof value === 'string' ? value : pythonRepr(value, python);
}

/**
 * The type getargs names when a C function refuses an argument ("must be str, not int"): the
 * type of what json.loads gives, None itself for None (Python/getargs.c converterr, both versions).
 */
export function pythonTypeName(value: JsonValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  return Array.isArray(value) ? 'list' : 'dict';
}
