// What MethodHandler.do_post of the Python REST server makes of POST .../action/<method> with
// {"data": [args]}, in its order: the method proxy has no signature (get_object(introspect=False)),
// so dbus-python guesses each argument's type (an exception appending is no DBusException: bottle's
// 500); a dbus-python service (the skeleton's, 2016) calls its Python function with whatever came,
// so a wrong count is that function's TypeError, sent back as a D-Bus error the server re-raises;
// an sd-bus service refuses arguments of another signature with InvalidArgs ("Invalid arguments
// '%s' to call %s.%s(), expecting '%s'.": systemd bus-objects.c method_callbacks_run), which the
// builds from a6a8a4c (2017-08) answer by introspecting the method: no arguments at all is
// "Failed to get method signature", another count "Invalid number of args", else convert_type
// and call again, any failure the build's own text (rest_dbus.py b66b18c, ad29e43).

import type { JsonValue } from '../../protocol/index.ts';
import { appendVariant, convertType, type PythonException, type PythonPlatform } from './dbus-python.ts';
import type { ModelError } from './model-error.ts';
import type { Result } from './result.ts';

export interface PythonCallRules {
  /** none: InvalidArgs is a 400 with its text (b41507f); else the introspection retry. */
  retry: 'none' | 'unbounded' | 'once';
  /** The 400 when converting or the call after it fails. */
  conversionFailed: string;
  /**
   * The services are sd-bus ones (their InvalidArgs text); false for 2016, whose C services
   * (GDBus) are not modelled: their calls go to the model as they are.
   */
  serviceChecksSignature: boolean;
}

export interface CallTarget {
  iface: string;
  name: string;
  args: readonly string[];
  /** A Python function behind dbus-python's service decorator (no signature check). */
  python: boolean;
  call(args: JsonValue[]): Result<JsonValue, ModelError>;
}

export type PythonCallOutcome =
  | { kind: 'done'; value: JsonValue }
  /** The service's D-Bus error on the first call: re-raised (bottle's 500). */
  | { kind: 'refused-first'; error: ModelError }
  | { kind: 'append-error'; error: PythonException }
  | { kind: 'bad-request'; text: string }
  /** The Python function's TypeError ("f() takes exactly N arguments (M given)"). */
  | { kind: 'python-type-error'; message: string };

const INVALID_ARGS = 'org.freedesktop.DBus.Error.InvalidArgs';

const plural = (n: number) => `${n} argument${n === 1 ? '' : 's'}`;

export function pythonCall(
  t: CallTarget,
  args: readonly JsonValue[],
  rules: PythonCallRules,
  platform: PythonPlatform,
): PythonCallOutcome {
  const sigs: string[] = [];
  for (const a of args) {
    const r = appendVariant(a, platform);
    if (!r.ok) return { kind: 'append-error', error: r.error };
    sigs.push(r.signature);
  }
  const call = (values: JsonValue[]): PythonCallOutcome => {
    const r = t.call(values);
    return r.ok ? { kind: 'done', value: r.value } : { kind: 'refused-first', error: r.error };
  };
  if (t.python) {
    // Python 2's arity error counts `self` (dbus.service calls candidate_method(self, *args)).
    if (args.length !== t.args.length)
      return {
        kind: 'python-type-error',
        message: `${t.name}() takes exactly ${plural(t.args.length + 1)} (${args.length + 1} given)`,
      };
    return call([...args]);
  }
  if (!rules.serviceChecksSignature) return call([...args]);
  const expected = t.args.join('');
  const got = sigs.join('');
  if (got === expected) return call([...args]);
  const text = `${INVALID_ARGS}: Invalid arguments '${got}' to call ${t.iface}.${t.name}(), expecting '${expected}'.`;
  if (rules.retry === 'none') return { kind: 'bad-request', text };
  // get_method_signature: the method's `in` args; none at all is falsy.
  if (t.args.length === 0) return { kind: 'bad-request', text: `Failed to get method signature: ${text}` };
  if (t.args.length !== args.length) return { kind: 'bad-request', text: 'Invalid number of args' };
  const failed = { kind: 'bad-request' as const, text: rules.conversionFailed };
  const converted: JsonValue[] = [];
  for (const [i, sig] of t.args.entries()) {
    const c = convertType(sig, args[i] as JsonValue, platform);
    if (!c.ok || c.value === undefined) return failed;
    let sent = c.signature;
    if (sent === 'i') {
      const a = appendVariant(c.value, platform);
      if (!a.ok) return failed;
      sent = a.signature;
    }
    if (sent !== sig) return failed;
    converted.push(c.value);
  }
  const r = t.call(converted);
  // `self.do_post(...); return`: the converted call's result is dropped (null).
  return r.ok ? { kind: 'done', value: null } : failed;
}
