import { describe, expect, it } from 'vitest';
import { pythonJsonLoads } from './python-json.ts';

// Expected texts from CPython's json (Lib/json/decoder.py, Modules/_json.c): 2.7's C scanner on a
// byte string (bottle 0.12.9 under Python 2 passes the raw body), 3.11's on the body decoded by
// bottle's touni; each checked against the interpreters (2.7.18, 3.11.7).
const error = (body: string | Buffer, python: 2 | 3): string => {
  const r = pythonJsonLoads(Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'), python, 990);
  return r.ok ? 'OK' : r.kind === 'value-error' ? r.message : `${r.exception}: ${r.message}`;
};

describe('pythonJsonLoads under Python 2.7', () => {
  it.each([
    ['', 'No JSON object could be decoded'],
    ['x', 'No JSON object could be decoded'],
    ['{', 'Expecting object: line 1 column 1 (char 0)'],
    ['[', 'Expecting object: line 1 column 1 (char 0)'],
    ['[1', 'Expecting object: line 1 column 2 (char 1)'],
    ['[1,', 'Expecting object: line 1 column 3 (char 2)'],
    ['{"a":1', 'Expecting object: line 1 column 6 (char 5)'],
    ['{"a":1,', 'Expecting object: line 1 column 7 (char 6)'],
    ['{"a"', 'Expecting : delimiter: line 1 column 5 (char 4)'],
    ['{"a":', 'No JSON object could be decoded'],
    ['{1:2}', 'Expecting property name: line 1 column 2 (char 1)'],
    ['[1 2]', 'Expecting , delimiter: line 1 column 4 (char 3)'],
    ['"abc', 'Unterminated string starting at: line 1 column 1 (char 0)'],
    ['"a\\x"', 'Invalid \\escape: line 1 column 3 (char 2)'],
    ['"a\x01"', 'Invalid control character at: line 1 column 3 (char 2)'],
    ['[1,]', 'No JSON object could be decoded'],
    ['{"a":1,}', 'Expecting property name: line 1 column 8 (char 7)'],
    ['1 2', 'Extra data: line 1 column 3 - line 1 column 4 (char 2 - 3)'],
    ['{"data":1}\n\nx', 'Extra data: line 3 column 1 - line 3 column 2 (char 12 - 13)'],
    ['\xef\xbb\xbf{}', 'No JSON object could be decoded'],
    ['{"a":"\xff"}', "'utf8' codec can't decode byte 0xff in position 0: invalid start byte"],
    ['{"a":"\xc3\xa9\xff"}', "'utf8' codec can't decode byte 0xff in position 2: invalid start byte"],
  ])('%j -> %s', (body, text) => {
    expect(error(body, 2)).toBe(text);
  });

  it('counts positions in bytes, not characters', () => {
    expect(error(Buffer.from('{"é": 1 x}'), 2)).toBe('Expecting , delimiter: line 1 column 10 (char 9)');
    expect(error(Buffer.from('{"é": 1 x}'), 3)).toBe("Expecting ',' delimiter: line 1 column 9 (char 8)");
  });

  it('decodes UTF-8 strings and escapes', () => {
    expect(pythonJsonLoads(Buffer.from('{"data": "h\\u00e9\\n é"}'), 2, 990)).toEqual({
      ok: true,
      value: { data: 'hé\n é' },
    });
  });

  it('runs out of recursion as RuntimeError on a byte string', () => {
    expect(error('['.repeat(5000), 2)).toBe(
      'RuntimeError: maximum recursion depth exceeded while decoding a JSON array from a byte string',
    );
  });

  // CPython 2.7.18 at a fixed stack: n arrays parse up to the limit L; an object (empty or not)
  // and a string each make a call one level deeper, which trips first with PyObject_Call's text.
  const L = 990;
  const nest = (n: number, open: string, leaf: string, close: string) =>
    open.repeat(n) + leaf + close.repeat(n);
  const call = 'RuntimeError: maximum recursion depth exceeded while calling a Python object';
  it.each([
    [
      'arrays',
      (n: number) => nest(n, '[', '', ']'),
      L,
      'RuntimeError: maximum recursion depth exceeded while decoding a JSON array from a byte string',
    ],
    ['objects', (n: number) => nest(n, '{"a":', '1', '}'), L - 1, call],
    ['arrays around a string', (n: number) => nest(n, '[', '"x"', ']'), L - 1, call],
    ['arrays around {}', (n: number) => nest(n, '[', '{}', ']'), L - 2, call],
    [
      '{"data": arrays}',
      (n: number) => `{"data":${nest(n, '[', '', ']')}}`,
      L - 1,
      'RuntimeError: maximum recursion depth exceeded while decoding a JSON array from a byte string',
    ],
  ])('%s: %i levels parse, one more is the error', (_name, body, deepest, text) => {
    expect(error(body(deepest), 2)).not.toMatch(/recursion/);
    expect(error(body(deepest + 1), 2)).toBe(text);
  });
});

describe('pythonJsonLoads under Python 3.11', () => {
  it.each([
    ['', 'Expecting value: line 1 column 1 (char 0)'],
    ['{', 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
    ['[', 'Expecting value: line 1 column 2 (char 1)'],
    ['[1', "Expecting ',' delimiter: line 1 column 3 (char 2)"],
    ['{"a":1,', 'Expecting property name enclosed in double quotes: line 1 column 8 (char 7)'],
    ['1 2', 'Extra data: line 1 column 3 (char 2)'],
    ['[1,]', 'Expecting value: line 1 column 4 (char 3)'],
    ['\xef\xbb\xbf{}', 'Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)'],
    ['{"a":"\xc3\xa9\xff"}', "'utf-8' codec can't decode byte 0xff in position 8: invalid start byte"],
  ])('%j -> %s', (body, text) => {
    expect(error(body, 3)).toBe(text);
  });

  it('strings cost nothing under Python 3: L arrays around a string parse', () => {
    expect(error(`${'['.repeat(990)}"x"${']'.repeat(990)}`, 3)).toBe('OK');
  });

  it('runs out of recursion as RecursionError on a unicode string', () => {
    expect(error('{"a":'.repeat(5000), 3)).toBe(
      'RecursionError: maximum recursion depth exceeded while decoding a JSON object from a unicode string',
    );
  });
});
