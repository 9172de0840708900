// A Python traceback as data (the frames and the exception) and its text as the interpreter that
// ran the server printed it: bottle's _handle stores traceback.format_exc() and the error plugin
// sends it split into lines with repr(exception) (rest_dbus.py JsonApiResponsePlugin.error_callback).

import type { PythonPlatform } from '../model/dbus-python.ts';
import type { PythonCallRules } from '../model/python-call.ts';

export interface PyFrame {
  file: string;
  line: number;
  func: string;
  /** The source line, stripped, as the traceback prints it. */
  source: string;
  /** CPython 3.11's caret line under `source` where it prints one (never under Python 2). */
  carets?: string;
}

/** A 500's `exception` (repr) and `traceback` (lines); both may hold render.ts templates. */
export interface PythonInternalError {
  exception: string;
  traceback: readonly string[];
}

/**
 * traceback.format_exc() of one exception. Python 2.7: no carets, no chained "During handling"
 * block (an exception raised in an `except` shows its own frames only), and the last line names
 * the class without its module (`DBusException: ...`, where Python 3 prints
 * `dbus.exceptions.DBusException: ...`): the caller passes that line as the version prints it.
 */
export function formatTraceback(python: 2 | 3, frames: readonly PyFrame[], last: string): string[] {
  const lines = ['Traceback (most recent call last):'];
  for (const f of frames) {
    lines.push(`  File "${f.file}", line ${f.line}, in ${f.func}`, `    ${f.source}`);
    if (python === 3 && f.carets !== undefined) lines.push(`    ${f.carets}`);
  }
  lines.push(last);
  return lines;
}

/**
 * repr() of an exception raised with one message: `TypeError('msg')` in Python 3,
 * `TypeError('msg',)` in Python 2 (BaseException.__repr__ prints its args tuple).
 */
export function exceptionRepr(python: 2 | 3, cls: string, quotedMessage: string): string {
  return python === 2 ? `${cls}(${quotedMessage},)` : `${cls}(${quotedMessage})`;
}

/**
 * The 500s one build of the Python REST server gives, with the tracebacks of its own source lines
 * (rest_dbus.py at the era's commit, its bottle and dbus-python, the interpreter's paths).
 */
export interface PythonServerBuild {
  python: 2 | 3;
  /** The interpreter and C long width dbus-python ran with (its range checks and guesses). */
  platform: PythonPlatform;
  /**
   * PropertyHandler.do_put after Set: `retry` what an InvalidArgs answer leads to (none: 403 with
   * the D-Bus text, b41507f; unbounded: convert_type and try again, any failure "Failed to
   * convert", 0bdef95..bc0c673; once: a second failure is 403 with its own text, bc0c673 on);
   * `readOnly403`: PropertyReadOnly answered 403 (a8b05d1, 2018-08) rather than re-raised;
   * `serviceChecksSignature`: the services are sd-bus ones that refuse a wrong variant type
   * (the skeleton's dbus-python services of 2016 take any value).
   */
  put: { retry: 'none' | 'unbounded' | 'once'; readOnly403: boolean; serviceChecksSignature: boolean };
  /** MethodHandler.do_post after InvalidArgs (python-call.ts). */
  call: PythonCallRules;
  /** The method's arguments could not be appended ({pyRepr}, {pyLast}): do_post catches D-Bus errors only. */
  callAppendError: PythonInternalError;
  /**
   * A skeleton service's Python function refused the arguments ({pyMessage}: its TypeError's
   * text): absent where no such service answers.
   */
  callPythonTypeError?: PythonInternalError;
  /** properties_iface.Set raised a D-Bus error do_put re-raises ({name}: {dbusMessage}). */
  setDbusError: PythonInternalError;
  /** The recorded InvalidEnumString case of setDbusError (transcripts-phosphor-rest.md #14). */
  invalidEnum: PythonInternalError;
  /** Set with no `data` (None): dbus-python cannot guess a D-Bus type for it. */
  setNone: PythonInternalError;
  /** Set's value could not be appended as the type dbus-python guessed ({exception}: {text}). */
  setAppendError: PythonInternalError;
  /** The method call raised a D-Bus error do_post re-raises. */
  callDbusError: PythonInternalError;
  /** Whole-object PUT: the instance route has no request.parameter_list. */
  objectPut: PythonInternalError;
  /** Login with a username ({value}: its type) or password that is not a string. */
  loginUsername: PythonInternalError;
  loginPassword: PythonInternalError;
  /** `?callback=` with an HTTPError raised below the JSONP plugin (with and without auth). */
  jsonp: PythonInternalError;
  jsonpAuth: PythonInternalError;
  /**
   * json.loads ran out of recursion in JsonApiRequestPlugin ({container}: array or object), on a
   * route with and without AuthorizationPlugin.
   */
  recursion: { auth: PythonInternalError; noAuth: PythonInternalError };
}
