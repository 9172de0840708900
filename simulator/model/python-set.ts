// What PropertyHandler.do_put of the Python REST server makes of a PUT value, in its order:
// dbus-python appends the value as the type it guesses (a ValueError is a 400, anything else
// bottle's 500); the sd-bus service refuses a read-only property, then a variant of another type
// with InvalidArgs ("Incorrect parameters for property ..." : systemd bus-objects.c
// property_get_set_callbacks_run); on InvalidArgs the server converts the value to the
// introspected type (convert_type) and sends it again, as the build's do_put does (python-traceback.ts
// PythonServerBuild.put: rest_dbus.py b41507f, b66b18c, ad29e43).

import type { JsonValue } from '../../protocol/index.ts';
import {
  appendVariant,
  convertType,
  isValueError,
  type PythonException,
  type PythonPlatform,
} from './dbus-python.ts';
import type { ModelError } from './model-error.ts';
import { pythonStr } from './python-repr.ts';
import type { Result } from './result.ts';

export interface PythonPutRules {
  retry: 'none' | 'unbounded' | 'once';
  readOnly403: boolean;
  serviceChecksSignature: boolean;
}

export interface SetTarget {
  /** The property's own name and D-Bus signature. */
  name: string;
  signature: string;
  readOnly: boolean;
  /** The service's Set of a value of the right type (enum checks, refusals, storing). */
  set(value: JsonValue): Result<null, ModelError>;
}

export type PythonSetOutcome =
  | { kind: 'done' }
  /** The first Set, sent with the right type, was refused: the handler's own answer for it. */
  | { kind: 'refused-first'; error: ModelError }
  /** PropertyReadOnly re-raised (builds before 2018-08): bottle's 500 with the D-Bus error. */
  | { kind: 'read-only-raised'; name: string; message: string }
  /** dbus-python's exception appending the value: 400 for a ValueError, else 500. */
  | { kind: 'append-error'; error: PythonException; status: 400 | 500 }
  /** 403 with a text (the D-Bus error, or the second attempt's exception). */
  | { kind: 'refused'; text: string }
  /** 403 "Failed to convert {value} to type {signature}". */
  | { kind: 'conversion-failed'; value: string; signature: string };

const INVALID_ARGS = 'org.freedesktop.DBus.Error.InvalidArgs';

const incorrect = (t: SetTarget, got: string): string =>
  `${INVALID_ARGS}: Incorrect parameters for property '${t.name}', expected '${t.signature}', got '${got}'.`;

/** A D-Bus error's str(): `name: message`. */
const dbusText = (e: ModelError): string | undefined => {
  if (e.kind === 'invalid-enum')
    return 'xyz.openbmc_project.sdbusplus.Error.InvalidEnumString: An enumeration mapping was attempted for which no valid enumeration value exists.';
  if (e.kind === 'dbus-error') return `${e.name}: ${e.message}`;
  return undefined;
};

export function pythonSet(
  t: SetTarget,
  value: JsonValue,
  rules: PythonPutRules,
  platform: PythonPlatform,
): PythonSetOutcome {
  const first = appendVariant(value, platform);
  if (!first.ok)
    return { kind: 'append-error', error: first.error, status: isValueError(first.error) ? 400 : 500 };
  if (t.readOnly && !rules.readOnly403) {
    return {
      kind: 'read-only-raised',
      name: 'org.freedesktop.DBus.Error.PropertyReadOnly',
      message: `Property '${t.name}' is not writable.`,
    };
  }
  if (t.readOnly || !rules.serviceChecksSignature || first.signature === t.signature) {
    const r = t.set(value);
    return r.ok ? { kind: 'done' } : { kind: 'refused-first', error: r.error };
  }
  if (rules.retry === 'none') return { kind: 'refused', text: incorrect(t, first.signature) };
  const failed = {
    kind: 'conversion-failed' as const,
    value: pythonStr(value, platform.python),
    signature: t.signature,
  };
  const converted = convertType(t.signature, value, platform);
  if (!converted.ok) return failed;
  // convert_type's None (no branch for the type): do_put sends the request's value again.
  const again = converted.value === undefined ? value : converted.value;
  let sent = converted.value === undefined ? first.signature : converted.signature;
  if (converted.value !== undefined && sent === 'i') {
    // A Python int again: range-checked as Int32 as at first (a Python 2 long is an Int64).
    const a = appendVariant(again, platform);
    if (!a.ok) return rules.retry === 'once' ? { kind: 'refused', text: a.error.message } : failed;
    sent = a.signature;
  }
  if (sent !== t.signature)
    return rules.retry === 'once' ? { kind: 'refused', text: incorrect(t, sent) } : failed;
  const r = t.set(again);
  if (r.ok) return { kind: 'done' };
  const text = dbusText(r.error);
  return rules.retry === 'once' && text !== undefined ? { kind: 'refused', text } : failed;
}
