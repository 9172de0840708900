// What every generation of the Python REST server shares (openbmc/phosphor-rest-server
// rest_dbus.py; openbmc-rest.md 1.2-1.6, 2.2-2.6 column P; transcripts-phosphor-rest.md).

import { SessionCookie } from '../../protocol/index.ts';
import { NUL_PATH_TRACEBACKS } from './phosphor-tracebacks.ts';
import type { ErrorAnswer, ErrorCatalogue } from './profile.ts';

import type { PythonInternalError, PythonServerBuild } from './python-traceback.ts';

const envelope = (description: string, message: string) => ({ description, message });

/** bottle's 500 for an exception the handlers let through, with the build's traceback. */
const internal = ({ exception, traceback }: PythonInternalError) => ({
  status: 500,
  body: {
    description: 'Internal Server Error',
    message: '500 Internal Server Error',
    exception,
    traceback,
  },
});

/**
 * The error catalogue of one build of the server: its Python version prints the type of a list
 * (`<type 'list'>` in Python 2) and its tracebacks are the build's own.
 */
export function phosphorErrors(build: PythonServerBuild): ErrorCatalogue {
  const list = build.python === 2 ? "<type 'list'>" : "<class 'list'>";
  const notFound = envelope(
    'org.freedesktop.DBus.Error.FileNotFound: path or object not found: {path}',
    '404 Not Found',
  );
  const methodNotAllowed = envelope('Method not allowed.', '405 Method Not Allowed');
  return {
    unauthorized: { status: 401, body: envelope('Login required', '401 Unauthorized') },
    'no-route': { status: 404, body: notFound },
    'method-not-allowed': { status: 405, body: methodNotAllowed },
    'verb-not-routed': { status: 405, body: methodNotAllowed },
    'path-not-found': { status: 404, body: notFound },
    'property-not-found': {
      status: 404,
      body: envelope("The specified property cannot be found: '{property}'", '404 Not Found'),
    },
    'property-not-creatable': {
      status: 403,
      body: envelope("The specified property cannot be created: '{property}'", '403 Forbidden'),
    },
    'path-not-creatable': {
      status: 403,
      body: envelope("The specified resource cannot be created: '{path}'", '403 Forbidden'),
    },
    // The instance route has no JSON plugins: do_put finds no request.parameter_list (rest_dbus.py 619).
    'object-put': internal(build.objectPut),
    'directory-put': { status: 405, body: methodNotAllowed },
    'read-only': {
      status: 403,
      body: envelope(
        "org.freedesktop.DBus.Error.PropertyReadOnly: Property '{property}' is not writable.",
        '403 Forbidden',
      ),
    },
    // The Set raised InvalidEnumString, which is neither ReadOnly nor InvalidArgs: re-raised as 500.
    'invalid-enum': internal(build.invalidEnum),
    // Inferred (openbmc-rest.md 2.5): the InvalidArgs retry could not convert the value.
    'type-mismatch': {
      status: 403,
      body: envelope('Failed to convert value to type {signature}', '403 Forbidden'),
    },
    'out-of-range': {
      status: 403,
      body: envelope('Failed to convert value to type {signature}', '403 Forbidden'),
    },
    'method-not-found': {
      status: 404,
      body: envelope("The specified method cannot be found: '{method}'", '404 Not Found'),
    },
    'method-args': { status: 400, body: envelope('Invalid number of args', '400 Bad Request') },
    'method-arg-type': { status: 400, body: envelope('Bad Request/Invalid Args given', '400 Bad Request') },
    'delete-not-found': { status: 404, body: notFound },
    'delete-not-supported': {
      status: 403,
      body: envelope("The specified resource cannot be removed: '{path}'", '403 Forbidden'),
    },
    'dbus-error': internal(build.setDbusError),
    'action-dbus-error': internal(build.callDbusError),
    'bad-json': { status: 400, body: envelope('{body}', '400 Bad Request') },
    'bad-request-format': {
      status: 400,
      body: envelope("Expecting request format { 'data': <value> }, got '{body}'", '400 Bad Request'),
    },
    'bad-action-format': {
      status: 400,
      body: envelope(`Expecting request format { 'data': ${list} }, got '{body}'`, '400 Bad Request'),
    },
    'unsupported-media-type': {
      status: 415,
      body: envelope(
        "Expecting content type 'application/json', got '{contentType}'",
        '415 Unsupported Media Type',
      ),
    },
    // Bottle refuses JSON bodies over MEMFILE_MAX (102400 bytes).
    'payload-too-large': {
      status: 413,
      body: envelope('Request entity too large', '413 Request Entity Too Large'),
    },
    'login-bad-request': {
      status: 400,
      body: envelope(`Expecting request format { 'data': ${list} }, got '{body}'`, '400 Bad Request'),
    },
    'login-failed': { status: 401, body: envelope('Invalid username or password', '401 Unauthorized') },
    // Never reached: a full table silently evicts the oldest session.
    'session-limit': { status: 401, body: envelope('Invalid username or password', '401 Unauthorized') },
    'rest-disabled': { status: 404, body: notFound },
    'null-value': internal(build.setNone),
    'set-failed-after-conversion': { status: 403, body: envelope('{name}: {dbusMessage}', '403 Forbidden') },
    'login-bad-format': {
      status: 400,
      body: envelope(`Expecting request format { 'data': ${list} }, got '{body}'`, '400 Bad Request'),
    },
    'injected-status': { status: 503, body: envelope('{reason}', '{statusLine}') },
    'login-bad-pair': {
      status: 400,
      body: envelope(
        "Expecting request format { 'data': [<username>, <password>] }, got '{body}'",
        '400 Bad Request',
      ),
    },
  };
}

/** Answers only the Python server gives (its pipeline in simulator/http/phosphor-rest.ts). */
export type PythonSituation =
  | 'invalid-path'
  | 'put-value-error'
  | 'put-append-error'
  | 'put-refused'
  | 'put-conversion-failed'
  | 'call-bad-request'
  | 'call-append-error'
  | 'call-python-type-error'
  | 'web-file-not-found'
  | 'login-type-error'
  | 'login-password-type-error'
  | 'jsonp-type-error'
  | 'jsonp-type-error-auth'
  | 'json-recursion'
  | 'json-recursion-auth'
  | `nul-path-${keyof typeof NUL_PATH_TRACEBACKS}`;

const nulPathSituations = Object.keys(NUL_PATH_TRACEBACKS).map((h) => `nul-path-${h}`);

const PYTHON_SITUATIONS: readonly string[] = [
  'invalid-path',
  'put-value-error',
  'put-append-error',
  'put-refused',
  'put-conversion-failed',
  'call-bad-request',
  'call-append-error',
  'call-python-type-error',
  'web-file-not-found',
  'login-type-error',
  'login-password-type-error',
  'jsonp-type-error',
  'jsonp-type-error-auth',
  'json-recursion',
  'json-recursion-auth',
  ...nulPathSituations,
];

export const isPythonSituation = (s: string): s is PythonSituation => PYTHON_SITUATIONS.includes(s);

export function pythonServerErrors(build: PythonServerBuild): Record<PythonSituation, ErrorAnswer> {
  return {
    // bottle 0.12.23 Bottle._handle under Python 3: PATH_INFO bytes that are not UTF-8.
    'invalid-path': { status: 400, body: envelope('Invalid path string. Expected UTF-8', '400 Bad Request') },
    // PropertyHandler.do_put: dbus-python raised a ValueError appending the value (abort 400).
    'put-value-error': { status: 400, body: envelope('{text}', '400 Bad Request') },
    // ... or another exception: no handler catches it, bottle's 500.
    'put-append-error': internal(build.setAppendError),
    // The retry after InvalidArgs failed (403 str(e)), or the build never retried.
    'put-refused': { status: 403, body: envelope('{text}', '403 Forbidden') },
    'put-conversion-failed': {
      status: 403,
      body: envelope('Failed to convert {value} to type {signature}', '403 Forbidden'),
    },
    // MethodHandler.do_post: abort(400, ...) after InvalidArgs.
    'call-bad-request': { status: 400, body: envelope('{text}', '400 Bad Request') },
    'call-append-error': internal(build.callAppendError),
    // Builds without Python services never raise it; their catalogue still names an answer.
    'call-python-type-error': internal(build.callPythonTypeError ?? build.callAppendError),
    // WebHandler.do_get: abort(404, "Path not found") when /usr/share/www has no such file.
    'web-file-not-found': { status: 404, body: envelope('Path not found', '404 Not Found') },
    'login-type-error': internal(build.loginUsername),
    'login-password-type-error': internal(build.loginPassword),
    'jsonp-type-error': internal(build.jsonp),
    'jsonp-type-error-auth': internal(build.jsonpAuth),
    // A body nested past the recursion limit: json's RecursionError escapes JsonApiRequestPlugin.
    'json-recursion': internal(build.recursion.noAuth),
    'json-recursion-auth': internal(build.recursion.auth),
    ...(Object.fromEntries(
      Object.entries(NUL_PATH_TRACEBACKS).map(([h, tb]) => [
        `nul-path-${h}`,
        internal({ exception: "ValueError('embedded null byte')", traceback: tb }),
      ]),
    ) as Record<`nul-path-${keyof typeof NUL_PATH_TRACEBACKS}`, ErrorAnswer>),
  };
}

/** The parts of a profile every phosphor-rest era shares. */
export const phosphorRestBase = {
  objectModel: 'xyz',
  // The Python server's era read phosphor-hwmon sensors (openbmc-rest.md 6).
  sensors: 'phosphor-hwmon',
  restEnabled: true,
  routing: {
    roots: 'any',
    collapseSlashes: true,
    names: 'case-insensitive',
    auth: 'after-lookup',
    listing: 'insertion',
    // Mapper.enumerate_subtree gives every GetSubTree path a dict, {} when it has no properties
    // (phosphor-objmgr obmc/mapper/bindings.py 686ae77a); #35 leaves control/host0/boot out as
    // the path itself, which GetSubTree never answers (the pipeline drops it).
    enumerateEmpty: 'include',
  },
  login: {
    contentType: 'exact',
    dataArray: 'phosphor-body',
    dataObject: 'rejected',
    usernamePassword: 'rejected',
    headerCredentials: false,
  },
  cookies: {
    session: SessionCookie.phosphor,
    xsrf: false,
    attributes: 'HttpOnly; Secure',
    onTokenLogin: false,
    clearOnLogout: true,
  },
  auth: { methods: ['signed-cookie'], csrf: false, wwwAuthenticate: 'never' },
  logout: { requiresAuth: false },
  sessions: { max: 16, whenFull: 'evict-oldest', idleTimeoutMs: null, tokens: 'hex-32-bytes' },
  sessionsSurviveBmcReboot: false,
  body: { limitBytes: 102_400, contentType: 'exact-json' },
  coercion: 'python',
  // HEAD, OPTIONS and CORS from 2017-02-21 (88c76a4, d4c1c55); CORS security headers from 2018-01-14
  // (91b46f8); the web UI routes from 2018-02-02 (d41643e).
  // SchemaHandler exists in every era; its answer is modelled for the sd-bus objects of /xyz.
  pythonServer: { webUi: false, headAndOptions: true, securityHeaders: false, schema: true },
  redfish: false,
  responseHeaders: {},
  sendDate: true,
} as const;
