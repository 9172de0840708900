// JSON -> D-Bus conversion: bmcweb's strict convertJsonToDbus vs phosphor-rest's Python retry
// (openbmc-rest.md 2.4, 2.5, 4.2, 9.5, 9.12), and enum validation through the model.

import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../protocol/index.ts';
import { HostTransition, ObjectPath } from '../../protocol/index.ts';
import { modelBmc } from '../../test/support/model-bmc.ts';
import { bmcweb2021 } from '../profiles/bmcweb-2021.ts';
import { phosphorRest2018 } from '../profiles/phosphor-rest-2018.ts';
import type { Bmc } from './bmc.ts';
import { convertJson, naturalSignature, type Signature } from './dbus-types.ts';

type Row = [Signature, JsonValue, { ok: JsonValue } | { error: string }];
const ok = (v: JsonValue) => ({ ok: v });
const fail = (e: 'type-mismatch' | 'out-of-range') => ({ error: e });
const asExpected = (r: ReturnType<typeof convertJson>) => (r.ok ? { ok: r.value } : { error: r.error });

const STRICT: Row[] = [
  ['s', 'x', ok('x')],
  ['s', 1, fail('type-mismatch')],
  ['s', true, fail('type-mismatch')],
  ['s', null, fail('type-mismatch')],
  ['s', ['a'], fail('type-mismatch')],
  // b: true/false, 0/1, or a string judged by its first letter.
  ['b', true, ok(true)],
  ['b', false, ok(false)],
  ['b', 1, ok(true)],
  ['b', 0, ok(false)],
  ['b', 'true', ok(true)],
  ['b', 'True', ok(true)],
  ['b', 'false', ok(false)],
  ['b', 'yes', ok(false)],
  ['b', 2, fail('out-of-range')],
  ['b', 0.5, fail('type-mismatch')],
  ['b', null, fail('type-mismatch')],
  ['y', 255, ok(255)],
  ['y', 256, fail('out-of-range')],
  ['y', -1, fail('out-of-range')],
  ['n', -32768, ok(-32768)],
  ['n', 32768, fail('out-of-range')],
  ['q', 65536, fail('out-of-range')],
  ['i', 2147483648, fail('out-of-range')],
  ['i', '5', fail('type-mismatch')],
  ['i', 1.5, fail('type-mismatch')],
  ['u', 4294967295, ok(4294967295)],
  ['u', -1, fail('out-of-range')],
  ['t', 0, ok(0)],
  ['t', -1, fail('out-of-range')],
  ['x', -5, ok(-5)],
  ['d', 1.5, ok(1.5)],
  ['d', 2, ok(2)],
  ['d', '1.5', fail('type-mismatch')],
  ['as', ['a', 'b'], ok(['a', 'b'])],
  ['as', ['a', 1], fail('type-mismatch')],
  ['as', 'a', fail('type-mismatch')],
  ['ao', [], ok([])],
];

const PYTHON: Row[] = [
  // bool(): any non-empty string is true, so "false" is true (the cheat-sheet trap).
  ['b', 'false', ok(true)],
  ['b', '', ok(false)],
  ['b', 0, ok(false)],
  ['b', 2, ok(true)],
  ['b', [], ok(false)],
  ['b', [0], ok(true)],
  ['b', null, fail('type-mismatch')],
  // str()
  ['s', 1, ok('1')],
  ['s', true, ok('True')],
  ['s', null, ok('None')],
  ['s', ['a'], ok("['a']")],
  // int()
  ['i', '5', ok(5)],
  ['i', true, ok(1)],
  ['i', '1.5', fail('type-mismatch')],
  ['y', '256', fail('out-of-range')],
  ['u', -1, fail('out-of-range')],
  ['d', '1.5', ok(1.5)],
  ['d', 'abc', fail('type-mismatch')],
  ['d', ' ', fail('type-mismatch')],
  ['as', [1], fail('type-mismatch')],
];

describe('strict conversion (bmcweb)', () => {
  it.each(STRICT)('%s <- %j', (sig, value, expected) => {
    expect(asExpected(convertJson(value, sig, 'strict'))).toEqual(expected);
  });
});

describe('python conversion (phosphor-rest)', () => {
  it.each(PYTHON)('%s <- %j', (sig, value, expected) => {
    expect(asExpected(convertJson(value, sig, 'python'))).toEqual(expected);
  });
});

describe('naturalSignature', () => {
  it.each([
    ['x', 's'],
    [true, 'b'],
    [3, 'i'],
    [3.5, 'd'],
    [[1], 'av'],
    [{ a: 1 }, 'a{sv}'],
    [null, ''],
  ] as [JsonValue, string][])('%j -> %s', (value, sig) => {
    expect(naturalSignature(value)).toBe(sig);
  });
});

describe('PUT through the model: types and enums', () => {
  const put = (b: Bmc, path: string, prop: string, v: JsonValue) =>
    b.setProperty(path, prop, v, b.profile.routing.names);

  it('bmcweb: a number for an enum property is a type mismatch', () => {
    const b = modelBmc(bmcweb2021);
    expect(put(b, ObjectPath.host, 'RequestedHostTransition', 1)).toEqual({
      ok: false,
      error: {
        kind: 'type-mismatch',
        path: ObjectPath.host,
        property: 'RequestedHostTransition',
        signature: 's',
      },
    });
  });

  it('bmcweb: an unknown enum string is InvalidEnumString, a short name too', () => {
    const b = modelBmc(bmcweb2021);
    for (const value of ['xyz.openbmc_project.State.Host.Transition.Bogus', 'On']) {
      expect(put(b, ObjectPath.host, 'RequestedHostTransition', value)).toEqual({
        ok: false,
        error: { kind: 'invalid-enum', path: ObjectPath.host, property: 'RequestedHostTransition', value },
      });
    }
    expect(b.tree.get(ObjectPath.host, 'RequestedHostTransition')).toBe(HostTransition.Off);
  });

  it('bmcweb: "false" on a boolean means false; 2 is out of range', () => {
    const b = modelBmc(bmcweb2021);
    expect(put(b, ObjectPath.identifyLed, 'Asserted', 'true').ok).toBe(true);
    expect(b.tree.get(ObjectPath.identifyLed, 'Asserted')).toBe(true);
    expect(put(b, ObjectPath.identifyLed, 'Asserted', 'false').ok).toBe(true);
    expect(b.tree.get(ObjectPath.identifyLed, 'Asserted')).toBe(false);
    expect(put(b, ObjectPath.identifyLed, 'Asserted', 2)).toMatchObject({
      ok: false,
      error: { kind: 'out-of-range' },
    });
  });

  it('phosphor-rest: "false" on a boolean means true; a number for an enum becomes "1" and fails the enum', () => {
    const b = modelBmc(phosphorRest2018);
    expect(put(b, ObjectPath.identifyLed, 'Asserted', 'false').ok).toBe(true);
    expect(b.tree.get(ObjectPath.identifyLed, 'Asserted')).toBe(true);
    expect(put(b, ObjectPath.host, 'RequestedHostTransition', 1)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-enum', value: '1' },
    });
  });

  it('phosphor-rest matches property names case-insensitively; bmcweb exactly', () => {
    expect(
      put(modelBmc(phosphorRest2018), ObjectPath.host, 'requestedhosttransition', HostTransition.Off).ok,
    ).toBe(true);
    expect(
      put(modelBmc(bmcweb2021), ObjectPath.host, 'requestedhosttransition', HostTransition.Off),
    ).toMatchObject({
      ok: false,
      error: { kind: 'property-not-creatable' },
    });
  });
});
