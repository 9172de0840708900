// Tracebacks the Python REST server returned with its 500 errors (Python 3: the recording's build;
// the Python 2 builds are in phosphor-tracebacks-py2.ts), verbatim from
// transcripts-phosphor-rest.md (#14 invalid enum on Set, #19 PUT without a data key). The server
// adds them to `data.traceback` with `data.exception` (openbmc-rest.md 2.2). Each traceback is
// composed from the frame groups below (a frame: its file line, its source and, where CPython 3.11
// prints them, its carets), so each frame's text stands once.

import type { PythonServerBuild } from './python-traceback.ts';

const HEAD = 'Traceback (most recent call last):';

/** bottle's Bottle._handle calling the matched route. */
const HANDLE: readonly string[] = [
  '  File "/usr/lib/python3/dist-packages/bottle.py", line 876, in _handle',
  '    return route.call(**args)',
  '           ^^^^^^^^^^^^^^^^^^',
];

/** AuthorizationPlugin's __call__: every route but `/login` and `/logout`. */
const AUTHORIZATION: readonly string[] = [
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 1306, in __call__',
  '    return self.callback(*a, **kw)',
  '           ^^^^^^^^^^^^^^^^^^^^^^^',
];

/** The plugins between authorization and JsonpPlugin's wrap (rest_dbus.py 1371 wrap, 1595 __call__). */
const TO_JSONP: readonly string[] = [
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 1371, in wrap',
  '    return callback(*a, **kw)',
  '           ^^^^^^^^^^^^^^^^^^',
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 1595, in __call__',
  '    return self.callback(*a, **kw)',
  '           ^^^^^^^^^^^^^^^^^^^^^^^',
];

/** JsonpPlugin's wrap without its carets: they differ between calling on and failing in to_jsonp. */
const JSONP_WRAP_LINES: readonly string[] = [
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 1569, in wrap',
  '    return self.to_jsonp(callback(*a, **kw))',
];

/**
 * JsonpPlugin's wrap calling on, bottle's JSONPlugin wrapper and JsonApiResponsePlugin's wrap: the
 * way down from JSONP to the request plugins.
 */
const JSONP_TO_REQUEST: readonly string[] = [
  ...JSONP_WRAP_LINES,
  '                         ^^^^^^^^^^^^^^^^^^',
  '  File "/usr/lib/python3/dist-packages/bottle.py", line 1756, in wrapper',
  '    rv = callback(*a, **ka)',
  '         ^^^^^^^^^^^^^^^^^^',
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 1533, in wrap',
  '    data = callback(*a, **kw)',
  '           ^^^^^^^^^^^^^^^^^^',
];

/** JsonApiRequestPlugin's wrap calling on (the routes declared application/json). */
const REQUEST: readonly string[] = [
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 1422, in wrap',
  '    return callback(*a, **kw)',
  '           ^^^^^^^^^^^^^^^^^^',
];

/** JsonApiRequestTypePlugin's wrap (routes with a request_type: methods, login). */
const REQUEST_TYPE: readonly string[] = [
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 1453, in wrap',
  '    return callback(*a, **kw)',
  '           ^^^^^^^^^^^^^^^^^^',
];

/** The last plugin's __call__ and RouteHandler.__call__ dispatching to do_<method>. */
const ROUTE: readonly string[] = [
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 1628, in __call__',
  '    resp = self.callback(*a, **kw)',
  '           ^^^^^^^^^^^^^^^^^^^^^^^',
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 244, in __call__',
  "    return getattr(self, 'do_' + request.method.lower())(**kw)",
  '           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
];

/** An authenticated JSON route from bottle down to its handler's do_<method> (#14's frames). */
const TO_HANDLER: readonly string[] = [
  HEAD,
  ...HANDLE,
  ...AUTHORIZATION,
  ...TO_JSONP,
  ...JSONP_TO_REQUEST,
  ...REQUEST,
  ...ROUTE,
];

/** PropertyHandler.do_put calling Set. */
const DO_PUT_SET: readonly string[] = [
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 499, in do_put',
  '    properties_iface.Set(iface, prop, value)',
];

/** dbus-python's _ProxyMethod.__call__ calling Connection.call_blocking. */
const DBUS_PROXY: readonly string[] = [
  '  File "/usr/lib/python3/dist-packages/dbus/proxies.py", line 141, in __call__',
  '    return self._connection.call_blocking(self._named_service,',
  '           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
];

/** call_blocking waiting for the reply (a D-Bus error comes back here). */
const DBUS_SEND: readonly string[] = [
  '  File "/usr/lib/python3/dist-packages/dbus/connection.py", line 634, in call_blocking',
  '    reply_message = self.send_message_with_reply_and_block(',
  '                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
];

/** call_blocking appending the arguments (a value dbus-python cannot encode fails here). */
const DBUS_APPEND: readonly string[] = [
  '  File "/usr/lib/python3/dist-packages/dbus/connection.py", line 625, in call_blocking',
  '    message.append(signature=signature, *args)',
];

export const INVALID_ENUM_EXCEPTION =
  "DBusException('An enumeration mapping was attempted for which no valid enumeration value exists.')";

export const INVALID_ENUM_TRACEBACK: readonly string[] = [
  ...TO_HANDLER,
  ...DO_PUT_SET,
  ...DBUS_PROXY,
  ...DBUS_SEND,
  'dbus.exceptions.DBusException: xyz.openbmc_project.sdbusplus.Error.InvalidEnumString: An enumeration mapping was attempted for which no valid enumeration value exists.',
];

export const NONE_VALUE_EXCEPTION =
  "TypeError('Don\\'t know which D-Bus type to use to encode type \"NoneType\"')";

export const NONE_VALUE_TRACEBACK: readonly string[] = [
  ...TO_HANDLER,
  ...DO_PUT_SET,
  ...DBUS_PROXY,
  ...DBUS_APPEND,
  'TypeError: Don\'t know which D-Bus type to use to encode type "NoneType"',
];

// The tracebacks below are not recorded: they are the frames the plugin chain of rest_dbus.py
// (ad29e43) and bottle 0.12.23 pass through, each frame's source line taken from those files at
// those line numbers (the chain checked against #14 and #19 above), rendered by CPython 3.11's
// traceback module (carets included: binary-operator and subscript lines from a real 3.11 run).

/**
 * `?callback=` and an error raised below the JSONP plugin: JSONPlugin hands the HTTPError back as
 * a value and JsonpPlugin.to_jsonp concatenates it to a string (rest_dbus.py 1564).
 */
const JSONP_EXCEPTION = `TypeError('can only concatenate str (not "HTTPError") to str')`;

/** JsonpPlugin's wrap failing in its own to_jsonp: the carets under the whole call. */
const JSONP_FAILURE: readonly string[] = [
  ...JSONP_WRAP_LINES,
  '           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 1564, in to_jsonp',
  "    json = jwrapper + '(' + json + ');'",
  '           ~~~~~~~~~~~~~~~^~~~~~',
  'TypeError: can only concatenate str (not "HTTPError") to str',
];

export const JSONP_ERROR_TRACEBACK_AUTH: readonly string[] = [
  HEAD,
  ...HANDLE,
  ...AUTHORIZATION,
  ...TO_JSONP,
  ...JSONP_FAILURE,
];

/** The same for a route without the authorization plugin (`/login`, `/logout`). */
export const JSONP_ERROR_TRACEBACK: readonly string[] = [HEAD, ...HANDLE, ...TO_JSONP, ...JSONP_FAILURE];

/**
 * Whole-object PUT: the instance route has no content type, so no request plugin sets
 * `request.parameter_list` and bottle's BaseRequest.__getattr__ raises (rest_dbus.py 619).
 */
export const OBJECT_PUT_TRACEBACK: readonly string[] = [
  HEAD,
  '  File "/usr/lib/python3/dist-packages/bottle.py", line 1405, in __getattr__',
  "    var = self.environ['bottle.request.ext.%s'%name]",
  '          ~~~~~~~~~~~~^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  "KeyError: 'bottle.request.ext.parameter_list'",
  '',
  'During handling of the above exception, another exception occurred:',
  '',
  HEAD,
  ...HANDLE,
  ...AUTHORIZATION,
  ...TO_JSONP,
  ...JSONP_TO_REQUEST,
  ...ROUTE,
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 619, in do_put',
  '    req = set(request.parameter_list.keys())',
  '              ^^^^^^^^^^^^^^^^^^^^^^',
  '  File "/usr/lib/python3/dist-packages/bottle.py", line 1408, in __getattr__',
  "    raise AttributeError('Attribute %r not defined.' % name)",
  "AttributeError: Attribute 'parameter_list' not defined.",
];

/** The frames a login runs through before it checks the credentials (bottle, the plugin chain,
 * do_post -> do_login): the start of both login tracebacks. */
const LOGIN_FRAMES: readonly string[] = [
  HEAD,
  ...HANDLE,
  ...TO_JSONP,
  ...JSONP_TO_REQUEST,
  ...REQUEST,
  ...REQUEST_TYPE,
  ...ROUTE,
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 717, in do_post',
  '    return self.do_login(**kw)',
  '           ^^^^^^^^^^^^^^^^^^^',
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 735, in do_login',
  '    if not self.authenticate(*request.parameter_list):',
  '           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
];

/** Login with a username that is not a string: spwd.getspnam refuses it ({type}: the JSON value's Python type). */
export const LOGIN_USERNAME_TRACEBACK: readonly string[] = [
  ...LOGIN_FRAMES,
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 684, in authenticate',
  '    encoded = spwd.getspnam(username)[1]',
  '              ^^^^^^^^^^^^^^^^^^^^^^^',
  'TypeError: getspnam() argument must be str, not {type}',
];

/** Login as an existing user with a password that is not a string: crypt.crypt refuses it. */
export const LOGIN_PASSWORD_TRACEBACK: readonly string[] = [
  ...LOGIN_FRAMES,
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 685, in authenticate',
  '    return encoded == crypt.crypt(clear, encoded)',
  '                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  '  File "/usr/lib/python3.11/crypt.py", line 82, in crypt',
  '    return _crypt.crypt(word, salt)',
  '           ^^^^^^^^^^^^^^^^^^^^^^^^',
  'TypeError: crypt() argument 1 must be str, not {type}',
];
/** bottle's _handle matching the route: rest_dbus.py's custom_router_match runs the handler's _setup. */
const ROUTING: readonly string[] = [
  HEAD,
  '  File "/usr/lib/python3/dist-packages/bottle.py", line 872, in _handle',
  '    route, args = self.router.match(environ)',
  '                  ^^^^^^^^^^^^^^^^^^^^^^^^^^',
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 1786, in custom_router_match',
  '    route.callback._setup(**args)',
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 231, in _setup',
  '    return self.setup(**kw)',
  '           ^^^^^^^^^^^^^^^^',
];

/** InstanceHandler.setup -> find, asking the mapper for the object. */
const INSTANCE_FIND: readonly string[] = [
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 609, in setup',
  "    request.route_data['map'] = self.find(path, callback)",
  '                                ^^^^^^^^^^^^^^^^^^^^^^^^^',
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 597, in find',
  '    return {path: self.try_mapper_call(',
  '                  ^^^^^^^^^^^^^^^^^^^^^',
];

/** RouteHandler.try_mapper_call calling the mapper binding. */
const TRY_MAPPER: readonly string[] = [
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 264, in try_mapper_call',
  '    return f(**kw)',
  '           ^^^^^^^',
];

/** obmc.mapper's Mapper.retry calling the binding's lambda. */
const MAPPER_RETRY: readonly string[] = [
  '  File "<site-packages>/obmc/mapper/bindings.py", line 47, in retry',
  '    return func()',
  '           ^^^^^^',
];

/** Mapper.get_object -> retry -> GetObject. */
const MAPPER_GET_OBJECT: readonly string[] = [
  '  File "<site-packages>/obmc/mapper/bindings.py", line 62, in get_object',
  '    return self.retry(',
  '           ^^^^^^^^^^^',
  ...MAPPER_RETRY,
  '  File "<site-packages>/obmc/mapper/bindings.py", line 63, in <lambda>',
  '    lambda: self.iface.GetObject(',
  '            ^^^^^^^^^^^^^^^^^^^^^',
];

/** Mapper.get_subtree -> retry -> GetSubTree. */
const MAPPER_GET_SUBTREE: readonly string[] = [
  '  File "<site-packages>/obmc/mapper/bindings.py", line 76, in get_subtree',
  '    return self.retry(',
  '           ^^^^^^^^^^^',
  ...MAPPER_RETRY,
  '  File "<site-packages>/obmc/mapper/bindings.py", line 77, in <lambda>',
  '    lambda: self.iface.GetSubTree(',
  '            ^^^^^^^^^^^^^^^^^^^^^^',
];

/** Mapper.get_subtree_paths -> retry -> GetSubTreePaths. */
const MAPPER_GET_SUBTREE_PATHS: readonly string[] = [
  '  File "<site-packages>/obmc/mapper/bindings.py", line 69, in get_subtree_paths',
  '    return self.retry(',
  '           ^^^^^^^^^^^',
  ...MAPPER_RETRY,
  '  File "<site-packages>/obmc/mapper/bindings.py", line 70, in <lambda>',
  '    lambda: self.iface.GetSubTreePaths(',
  '            ^^^^^^^^^^^^^^^^^^^^^^^^^^^',
];

/** Routing down to the handler's setup/find, the mapper call, and dbus-python refusing the NUL. */
const nulPath = (handler: readonly string[], mapper: readonly string[]): readonly string[] => [
  ...ROUTING,
  ...handler,
  ...TRY_MAPPER,
  ...mapper,
  ...DBUS_PROXY,
  ...DBUS_APPEND,
  'ValueError: embedded null byte',
];

/**
 * A NUL in the path (`%00`): the mapper call made while routing hands it to dbus-python, whose
 * message.append refuses a string with an embedded NUL (ValueError, not a DBusException, so
 * try_mapper_call lets it through): bottle's 500. Frames per handler's setup()/find().
 */
export const NUL_PATH_TRACEBACKS = {
  instance: nulPath(INSTANCE_FIND, MAPPER_GET_OBJECT),
  property: nulPath(
    [
      '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 484, in setup',
      '    name, obj = self.find(path, prop)',
      '                ^^^^^^^^^^^^^^^^^^^^^',
      '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 471, in find',
      '    self.app.instance_handler.setup(path)',
      ...INSTANCE_FIND,
    ],
    MAPPER_GET_OBJECT,
  ),
  directory: nulPath(
    [
      '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 305, in setup',
      "    request.route_data['map'] = self.find(path)",
      '                                ^^^^^^^^^^^^^^^',
      '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 301, in find',
      '    return self.try_mapper_call(',
      '           ^^^^^^^^^^^^^^^^^^^^^',
    ],
    MAPPER_GET_SUBTREE_PATHS,
  ),
  'list-names': nulPath(
    [
      '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 325, in setup',
      "    request.route_data['map'] = self.find(path)",
      '                                ^^^^^^^^^^^^^^^',
      '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 321, in find',
      '    return list(self.try_mapper_call(',
      '                ^^^^^^^^^^^^^^^^^^^^^',
    ],
    MAPPER_GET_SUBTREE,
  ),
  enumerate: nulPath(
    [
      '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 345, in setup',
      "    request.route_data['map'] = self.find(path)",
      '                                ^^^^^^^^^^^^^^^',
      '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 341, in find',
      '    return self.try_mapper_call(',
      '           ^^^^^^^^^^^^^^^^^^^^^',
    ],
    MAPPER_GET_SUBTREE,
  ),
  method: nulPath(
    [
      '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 379, in setup',
      "    request.route_data['map'] = self.find(path, method)",
      '                                ^^^^^^^^^^^^^^^^^^^^^^^',
      '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 367, in find',
      '    buses = self.try_mapper_call(',
      '            ^^^^^^^^^^^^^^^^^^^^^',
    ],
    MAPPER_GET_OBJECT,
  ),
  // Checked against the real server (the run of JSON_RECURSION_FRAMES below, with dbus-python's
  // real call into the mapper), as the instance one was.
  schema: nulPath(
    [
      '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 571, in setup',
      "    request.route_data['map'] = self.find(path)",
      '                                ^^^^^^^^^^^^^^^',
      '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 566, in find',
      '    return self.try_mapper_call(',
      '           ^^^^^^^^^^^^^^^^^^^^^',
    ],
    MAPPER_GET_OBJECT,
  ),
} as const satisfies Record<string, readonly string[]>;

/**
 * A request body nested deeper than the interpreter's recursion limit allows: json's C scanner
 * raises RecursionError inside `request.json` (bottle 0.12.23 BaseRequest.json), which
 * JsonApiRequestPlugin.validate_request does not catch (it catches ValueError, AttributeError,
 * KeyError, TypeError: rest_dbus.py 1400-1403), so bottle's _handle turns it into its 500.
 * Taken from the real server: rest_dbus.py ad29e43 under its own launcher (servers/gevent/
 * phosphor-gevent: TLS, geventwebsocket's handler) with Debian 12's python3 3.11, bottle 0.12.23,
 * gevent 22.10.2 and greenlet 2.0.2 (the environment the recorded tracebacks show: Debian's
 * dist-packages, CPython 3.11), the D-Bus side stood in. `{recursion}` is the exception's text.
 */
const JSON_RECURSION_FRAMES: readonly string[] = [
  ...TO_JSONP,
  ...JSONP_TO_REQUEST,
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 1421, in wrap',
  '    self.validate_request()',
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 1399, in validate_request',
  "    request.parameter_list = request.json.get('data')",
  '                             ^^^^^^^^^^^^',
  '  File "/usr/lib/python3/dist-packages/bottle.py", line 178, in __get__',
  '    if key not in storage: storage[key] = self.getter(obj)',
  '                                          ^^^^^^^^^^^^^^^^',
  '  File "/usr/lib/python3/dist-packages/bottle.py", line 1137, in json',
  '    return json_loads(b)',
  '           ^^^^^^^^^^^^^',
  '  File "/usr/lib/python3/dist-packages/bottle.py", line 103, in <lambda>',
  '    json_loads = lambda s: json_lds(touni(s))',
  '                           ^^^^^^^^^^^^^^^^^^',
  '  File "/usr/lib/python3.11/json/__init__.py", line 346, in loads',
  '    return _default_decoder.decode(s)',
  '           ^^^^^^^^^^^^^^^^^^^^^^^^^^',
  '  File "/usr/lib/python3.11/json/decoder.py", line 337, in decode',
  '    obj, end = self.raw_decode(s, idx=_w(s, 0).end())',
  '               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  '  File "/usr/lib/python3.11/json/decoder.py", line 353, in raw_decode',
  '    obj, end = self.scan_once(s, idx)',
  '               ^^^^^^^^^^^^^^^^^^^^^^',
  'RecursionError: {recursion}',
];

const JSON_RECURSION_EXCEPTION = "RecursionError('{recursion}')";

/** The deep body on `/login` or `/logout` (SessionHandler: no authorization plugin). */
export const JSON_RECURSION_TRACEBACK: readonly string[] = [HEAD, ...HANDLE, ...JSON_RECURSION_FRAMES];

/** The deep body on an authenticated route (`/attr/`, `/action/`): AuthorizationPlugin's frame first. */
export const JSON_RECURSION_TRACEBACK_AUTH: readonly string[] = [
  HEAD,
  ...HANDLE,
  ...AUTHORIZATION,
  ...JSON_RECURSION_FRAMES,
];

/** PropertyHandler.do_put's Set reaching dbus-python's proxy: the frames of #14 and #19. */
const SET_FRAMES: readonly string[] = [...TO_HANDLER, ...DO_PUT_SET, ...DBUS_PROXY];

/** A D-Bus error do_put re-raised: the traceback of #14 with that error as its last line. */
const DBUS_ERROR_TRACEBACK = [
  ...SET_FRAMES,
  ...DBUS_SEND,
  'dbus.exceptions.DBusException: {name}: {dbusMessage}',
];

/**
 * A method call (MethodHandler, request_type list: JsonApiRequestTypePlugin's wrap at 1453 too)
 * down to do_post's call (rest_dbus.py ad29e43 line 405) and dbus-python's proxy: #14's frames
 * otherwise, CPython 3.11's carets under the call expression.
 */
const CALL_FRAMES: readonly string[] = [
  HEAD,
  ...HANDLE,
  ...AUTHORIZATION,
  ...TO_JSONP,
  ...JSONP_TO_REQUEST,
  ...REQUEST,
  ...REQUEST_TYPE,
  ...ROUTE,
  '  File "<site-packages>/obmc/wsgi/apps/rest_dbus.py", line 405, in do_post',
  "    return request.route_data['map'][0](*args)",
  '           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  ...DBUS_PROXY,
];

/** The recording's build: rest_dbus.py ad29e43, bottle 0.12.23, dbus-python 1.3.2, CPython 3.11. */
export const PHOSPHOR_REST_2018_BUILD: PythonServerBuild = {
  python: 3,
  // The recording host: x86_64, C long of 64 bits.
  platform: { python: 3, longBits: 64 },
  put: { retry: 'once', readOnly403: true, serviceChecksSignature: true },
  invalidEnum: { exception: INVALID_ENUM_EXCEPTION, traceback: INVALID_ENUM_TRACEBACK },
  setDbusError: { exception: 'DBusException({dbusRepr})', traceback: DBUS_ERROR_TRACEBACK },
  setNone: { exception: NONE_VALUE_EXCEPTION, traceback: NONE_VALUE_TRACEBACK },
  // message.append refused the value as the type it guessed (#19's frames, another exception).
  setAppendError: { exception: '{pyRepr}', traceback: [...SET_FRAMES, ...DBUS_APPEND, '{pyLast}'] },
  callDbusError: {
    exception: 'DBusException({dbusRepr})',
    traceback: [...CALL_FRAMES, ...DBUS_SEND, 'dbus.exceptions.DBusException: {name}: {dbusMessage}'],
  },
  // ab404fa (2017-12-14): the conversion failure's text; bc0c673 (2017-11): one retry.
  call: { retry: 'once', conversionFailed: 'Bad Request/Invalid Args given', serviceChecksSignature: true },
  callAppendError: {
    exception: '{pyRepr}',
    traceback: [...CALL_FRAMES, ...DBUS_APPEND, '{pyLast}'],
  },
  objectPut: {
    exception: `AttributeError("Attribute 'parameter_list' not defined.")`,
    traceback: OBJECT_PUT_TRACEBACK,
  },
  loginUsername: {
    exception: "TypeError('getspnam() argument must be str, not {value}')",
    traceback: LOGIN_USERNAME_TRACEBACK.map((l) => l.replace('{type}', '{value}')),
  },
  loginPassword: {
    exception: "TypeError('crypt() argument 1 must be str, not {value}')",
    traceback: LOGIN_PASSWORD_TRACEBACK.map((l) => l.replace('{type}', '{value}')),
  },
  jsonp: { exception: JSONP_EXCEPTION, traceback: JSONP_ERROR_TRACEBACK },
  jsonpAuth: { exception: JSONP_EXCEPTION, traceback: JSONP_ERROR_TRACEBACK_AUTH },
  recursion: {
    noAuth: { exception: JSON_RECURSION_EXCEPTION, traceback: JSON_RECURSION_TRACEBACK },
    auth: { exception: JSON_RECURSION_EXCEPTION, traceback: JSON_RECURSION_TRACEBACK_AUTH },
  },
};
