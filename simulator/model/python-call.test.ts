import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../protocol/index.ts';
import type { PythonPlatform } from './dbus-python.ts';
import { type PythonCallRules, pythonCall } from './python-call.ts';
import { ok } from './result.ts';

const py3: PythonPlatform = { python: 3, longBits: 64 };
const py2: PythonPlatform = { python: 2, longBits: 32 };
const R2018: PythonCallRules = {
  retry: 'once',
  conversionFailed: 'Bad Request/Invalid Args given',
  serviceChecksSignature: true,
};
const R2017: PythonCallRules = {
  retry: 'unbounded',
  conversionFailed: 'Failed to convert the types',
  serviceChecksSignature: true,
};
const R2016: PythonCallRules = { retry: 'none', conversionFailed: '', serviceChecksSignature: false };

function method(args: string[], python = false) {
  const calls: JsonValue[][] = [];
  return {
    calls,
    t: {
      iface: 'x.y.Z',
      name: 'M',
      args,
      python,
      call: (values: JsonValue[]) => {
        calls.push(values);
        return ok<JsonValue>('result');
      },
    },
  };
}

describe('pythonCall (MethodHandler.do_post)', () => {
  it('calls with arguments of the right types and returns the result', () => {
    const { t, calls } = method(['s', 'b']);
    expect(pythonCall(t, ['a', true], R2018, py3)).toEqual({ kind: 'done', value: 'result' });
    expect(calls).toEqual([['a', true]]);
  });

  it('answers arguments to a method without any with the empty introspected signature', () => {
    expect(pythonCall(method([]).t, [1], R2018, py3)).toEqual({
      kind: 'bad-request',
      text: "Failed to get method signature: org.freedesktop.DBus.Error.InvalidArgs: Invalid arguments 'i' to call x.y.Z.M(), expecting ''.",
    });
  });

  it('answers another count with "Invalid number of args"', () => {
    expect(pythonCall(method(['s']).t, ['a', 'b'], R2018, py3)).toEqual({
      kind: 'bad-request',
      text: 'Invalid number of args',
    });
  });

  it('converts and calls again, dropping the result (`self.do_post(...); return`)', () => {
    const { t, calls } = method(['u']);
    expect(pythonCall(t, ['5'], R2018, py3)).toEqual({ kind: 'done', value: null });
    expect(calls).toEqual([[5]]);
  });

  it("answers a failed conversion with the build's text", () => {
    expect(pythonCall(method(['u']).t, [-1], R2018, py3)).toEqual({
      kind: 'bad-request',
      text: 'Bad Request/Invalid Args given',
    });
    expect(pythonCall(method(['u']).t, ['x'], R2017, py2)).toEqual({
      kind: 'bad-request',
      text: 'Failed to convert the types',
    });
  });

  it('lets an argument dbus-python cannot append escape (bottle 500)', () => {
    expect(pythonCall(method([]).t, [[]], R2018, py3)).toMatchObject({
      kind: 'append-error',
      error: { cls: 'ValueError', message: 'Unable to guess signature from an empty list' },
    });
  });

  it("gives a skeleton Python method's arity error, counting self", () => {
    expect(pythonCall(method([], true).t, [1], R2016, py2)).toEqual({
      kind: 'python-type-error',
      message: 'M() takes exactly 1 argument (2 given)',
    });
    expect(pythonCall(method(['i'], true).t, [], R2016, py2)).toEqual({
      kind: 'python-type-error',
      message: 'M() takes exactly 2 arguments (1 given)',
    });
  });
});
