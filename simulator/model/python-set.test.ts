import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../protocol/index.ts';
import type { PythonPlatform } from './dbus-python.ts';
import type { ModelError } from './model-error.ts';
import { type PythonPutRules, pythonSet } from './python-set.ts';
import { err, ok } from './result.ts';

const py3: PythonPlatform = { python: 3, longBits: 64 };
const py2: PythonPlatform = { python: 2, longBits: 32 };
const ONCE: PythonPutRules = { retry: 'once', readOnly403: true, serviceChecksSignature: true };
const UNBOUNDED: PythonPutRules = { retry: 'unbounded', readOnly403: false, serviceChecksSignature: true };
const NONE: PythonPutRules = { retry: 'none', readOnly403: false, serviceChecksSignature: true };

/** A property whose service stores what it gets, or refuses a value not in `allowed`. */
function target(signature: string, opts: { readOnly?: boolean; allowed?: string[] } = {}) {
  const got: JsonValue[] = [];
  return {
    got,
    t: {
      name: 'Prop',
      signature,
      readOnly: opts.readOnly ?? false,
      set: (v: JsonValue) => {
        if (opts.allowed && !opts.allowed.includes(String(v)))
          return err<ModelError>({ kind: 'invalid-enum', path: '/p', property: 'Prop', value: String(v) });
        got.push(v);
        return ok(null);
      },
    },
  };
}

describe('pythonSet (PropertyHandler.do_put)', () => {
  it('sends a value of the right type as it is', () => {
    const { t, got } = target('s');
    expect(pythonSet(t, 'x', ONCE, py3)).toEqual({ kind: 'done' });
    expect(got).toEqual(['x']);
  });

  it('converts after InvalidArgs and sends the converted value', () => {
    const { t, got } = target('u');
    expect(pythonSet(t, '7', ONCE, py3)).toEqual({ kind: 'done' });
    expect(got).toEqual([7]);
  });

  it('answers a failed conversion with its value and type', () => {
    expect(pythonSet(target('u').t, -1, ONCE, py3)).toEqual({
      kind: 'conversion-failed',
      value: '-1',
      signature: 'u',
    });
  });

  it('under Python 3 never sets an int64 (int() is guessed Int32 again)', () => {
    expect(pythonSet(target('x').t, 5, ONCE, py3)).toEqual({
      kind: 'refused',
      text: "org.freedesktop.DBus.Error.InvalidArgs: Incorrect parameters for property 'Prop', expected 'x', got 'i'.",
    });
    const { t, got } = target('x');
    expect(pythonSet(t, 5, UNBOUNDED, py2)).toEqual({ kind: 'done' });
    expect(got).toEqual([5]);
  });

  it('reports the service refusing the converted value by build', () => {
    const enumTarget = () => target('s', { allowed: ['On'] }).t;
    expect(pythonSet(enumTarget(), 1, ONCE, py3)).toEqual({
      kind: 'refused',
      text: 'xyz.openbmc_project.sdbusplus.Error.InvalidEnumString: An enumeration mapping was attempted for which no valid enumeration value exists.',
    });
    expect(pythonSet(enumTarget(), 1, UNBOUNDED, py2)).toEqual({
      kind: 'conversion-failed',
      value: '1',
      signature: 's',
    });
  });

  it('overflows a converted numeral past Int32 (403 under the once-retrying build)', () => {
    expect(pythonSet(target('i').t, '3000000000', ONCE, py3)).toEqual({
      kind: 'refused',
      text: 'Value -1294967296 out of range for Int32',
    });
  });

  it('does not retry in the 2016 build', () => {
    expect(pythonSet(target('u').t, 5, NONE, py2)).toEqual({
      kind: 'refused',
      text: "org.freedesktop.DBus.Error.InvalidArgs: Incorrect parameters for property 'Prop', expected 'u', got 'i'.",
    });
  });

  it('gives a read-only property PropertyReadOnly before any type check', () => {
    expect(pythonSet(target('u', { readOnly: true }).t, 'x', UNBOUNDED, py2)).toEqual({
      kind: 'read-only-raised',
      name: 'org.freedesktop.DBus.Error.PropertyReadOnly',
      message: "Property 'Prop' is not writable.",
    });
  });

  it('fails on the client side first: 400 for a ValueError, 500 for anything else', () => {
    expect(pythonSet(target('as').t, [], ONCE, py3)).toMatchObject({ kind: 'append-error', status: 400 });
    expect(pythonSet(target('u').t, 2 ** 31, ONCE, py3)).toMatchObject({ kind: 'append-error', status: 500 });
  });
});
