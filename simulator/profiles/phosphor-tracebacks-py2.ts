// The Python 2.7 builds of the REST server: what their 500s print. Every image up to the recipe's
// removal (2019-03) built it with `inherit setuptools`, Yocto's Python 2 class, with python-dbus
// and python-bottle (openbmc/openbmc meta-phosphor phosphor-rest.bb / obmc-rest.bb). The frames
// are the source lines the exception passes through, at the commits the images pinned:
// * legacy-2016: obmc-rest.bb SRCREV b41507f (v1.0 to v1.0.5), the script installed as
//   /usr/sbin/obmc-rest (its setup.cfg install_scripts); plugins installed in RestApp.install_plugins;
// * phosphor-rest-2017: phosphor-rest.inc SRCREV b66b18c (images 2017-09-06 to 09-26, the last
//   before 1738), module obmc/wsgi/apps/rest_dbus.py under site-packages;
// * bottle 0.12.9 (meta-phosphor python-bottle_0.12.9.bb until 2018-02), dbus-python 1.2.0/1.2.4
//   (proxies.py and connection.py as in 1.2.0: posborne/dbus-python), CPython 2.7's json package.
// Python 2 prints no carets and no exception chain; a call spanning lines reports its last line
// (`**keywords)`, `message, timeout)`), as py2.7's line table does.

import { exceptionRepr, formatTraceback, type PyFrame, type PythonServerBuild } from './python-traceback.ts';

const SITE = '/usr/lib/python2.7/site-packages';
const BOTTLE = `${SITE}/bottle.py`;
const PROXIES = `${SITE}/dbus/proxies.py`;
const CONNECTION = `${SITE}/dbus/connection.py`;
const JSON_INIT = '/usr/lib/python2.7/json/__init__.py';
const JSON_DECODER = '/usr/lib/python2.7/json/decoder.py';

const frame = (file: string, line: number, func: string, source: string): PyFrame => ({
  file,
  line,
  func,
  source,
});

/** bottle 0.12.9 Bottle._handle. */
const HANDLE = frame(BOTTLE, 862, '_handle', 'return route.call(**args)');
/** bottle 0.12.9 JSONPlugin.apply's wrapper. */
const JSON_PLUGIN = frame(BOTTLE, 1732, 'wrapper', 'rv = callback(*a, **ka)');

/** dbus-python: _ProxyMethod.__call__ -> Connection.call_blocking, up to the reply. */
const DBUS_CALL = [
  frame(PROXIES, 145, '__call__', '**keywords)'),
  frame(CONNECTION, 651, 'call_blocking', 'message, timeout)'),
];
/** ... or up to appending the arguments. */
const DBUS_APPEND = [
  frame(PROXIES, 145, '__call__', '**keywords)'),
  frame(CONNECTION, 641, 'call_blocking', 'message.append(signature=signature, *args)'),
];

/** request.json -> json.loads on the byte string (bottle 0.12.9 DictProperty and BaseRequest.json). */
const JSON_LOADS = [
  frame(BOTTLE, 166, '__get__', 'if key not in storage: storage[key] = self.getter(obj)'),
  frame(BOTTLE, 1123, 'json', 'return json_loads(b)'),
  frame(JSON_INIT, 339, 'loads', 'return _default_decoder.decode(s)'),
  frame(JSON_DECODER, 364, 'decode', 'obj, end = self.raw_decode(s, idx=_w(s, 0).end())'),
  frame(JSON_DECODER, 380, 'raw_decode', 'obj, end = self.scan_once(s, idx)'),
];

/** The lines one build's frames come from. */
interface BuildSource {
  /** AuthorizationPlugin's __call__ (every route but `/login` and `/logout`). */
  authorization: PyFrame;
  /** The plugin frames between it and JsonpPlugin's wrap. */
  toJsonp: readonly PyFrame[];
  /** JsonpPlugin's wrap, and its to_jsonp concatenating the callback's name to the answer. */
  jsonpWrap: PyFrame;
  jsonpConcat: PyFrame;
  /** JsonApiResponsePlugin's wrap. */
  response: PyFrame;
  /** JsonApiRequestPlugin's wrap calling validate_request, and the line in it that reads request.json. */
  requestValidate: PyFrame;
  requestReads: PyFrame;
  /** JsonApiRequestPlugin's and JsonApiRequestTypePlugin's wraps calling on. */
  request: PyFrame;
  requestType: PyFrame;
  /** RouteHandler.__call__, the handlers' lines. */
  route: PyFrame;
  set: PyFrame;
  callLine: PyFrame;
  objectPutKeys: PyFrame;
  login: readonly PyFrame[];
  getspnam: PyFrame;
  crypt: PyFrame;
  /**
   * Whether the instance route runs the JSON request plugins. Not modelled where it does (2016):
   * there InstanceHandler.do_put compared the body's keys and set each property.
   */
  objectPutParsed: boolean;
  put: PythonServerBuild['put'];
  call: PythonServerBuild['call'];
}

function build(src: BuildSource): PythonServerBuild {
  /** bottle's _handle down to JsonpPlugin's wrap. */
  const toJsonpWrap = (auth: boolean): PyFrame[] => [
    HANDLE,
    ...(auth ? [src.authorization] : []),
    ...src.toJsonp,
    src.jsonpWrap,
  ];
  /** ... on through bottle's JSONPlugin to JsonApiResponsePlugin's wrap. */
  const toResponse = (auth: boolean): PyFrame[] => [...toJsonpWrap(auth), JSON_PLUGIN, src.response];
  const toHandler = (auth: boolean, json: boolean, typed: boolean): PyFrame[] => [
    ...toResponse(auth),
    ...(json ? [src.request] : []),
    ...(typed ? [src.requestType] : []),
    src.route,
  ];
  const dbusError = (frames: PyFrame[]) => ({
    // dbus-python builds the exception from the reply's message ("s"), its name set apart.
    exception: exceptionRepr(2, 'DBusException', '{dbusRepr}'),
    traceback: formatTraceback(2, [...frames, ...DBUS_CALL], 'DBusException: {name}: {dbusMessage}'),
  });
  const put = toHandler(true, true, false);
  const post = toHandler(true, true, true);
  // validate_request runs before the JsonApiRequestTypePlugin is called: the type plugin is no frame.
  const recursion = (auth: boolean) => ({
    exception: exceptionRepr(2, 'RuntimeError', "'{recursion}'"),
    traceback: formatTraceback(
      2,
      [...toResponse(auth), src.requestValidate, src.requestReads, ...JSON_LOADS],
      'RuntimeError: {recursion}',
    ),
  });
  const jsonp = (auth: boolean) => ({
    exception: exceptionRepr(2, 'TypeError', "'coercing to Unicode: need string or buffer, HTTPError found'"),
    traceback: formatTraceback(
      2,
      [...toJsonpWrap(auth), src.jsonpConcat],
      'TypeError: coercing to Unicode: need string or buffer, HTTPError found',
    ),
  });
  const invalidEnum = dbusError([...put, src.set]);
  return {
    python: 2,
    // The BMC's 32-bit ARM: sys.maxint 2**31-1, so json.loads gives a long (Int64) past it.
    platform: { python: 2, longBits: 32 },
    put: src.put,
    call: src.call,
    callAppendError: {
      exception: '{pyRepr}',
      traceback: formatTraceback(2, [...post, src.callLine, ...DBUS_APPEND], '{pyLast}'),
    },
    // dbus.service._method_reply_error: TypeError's module is `exceptions` in Python 2, so the
    // error is org.freedesktop.DBus.Python.exceptions.TypeError (not the TypeError name do_post
    // answers with a 400): re-raised, its message the service's traceback, split into lines.
    callPythonTypeError: {
      exception: exceptionRepr(
        2,
        'DBusException',
        `'Traceback (most recent call last):\\n  File "${SITE}/dbus/service.py", line 707, in _message_cb\\n    retval = candidate_method(self, *args, **keywords)\\nTypeError: {pyMessage}\\n'`,
      ),
      traceback: [
        ...formatTraceback(2, [...post, src.callLine, ...DBUS_CALL], '').slice(0, -1),
        'DBusException: org.freedesktop.DBus.Python.exceptions.TypeError: Traceback (most recent call last):',
        `  File "${SITE}/dbus/service.py", line 707, in _message_cb`,
        '    retval = candidate_method(self, *args, **keywords)',
        'TypeError: {pyMessage}',
        '',
      ],
    },
    setDbusError: invalidEnum,
    invalidEnum: {
      exception: invalidEnum.exception.replace(
        '{dbusRepr}',
        "'An enumeration mapping was attempted for which no valid enumeration value exists.'",
      ),
      traceback: invalidEnum.traceback.map((l) =>
        l
          .replace('{name}', 'xyz.openbmc_project.sdbusplus.Error.InvalidEnumString')
          .replace(
            '{dbusMessage}',
            'An enumeration mapping was attempted for which no valid enumeration value exists.',
          ),
      ),
    },
    setNone: {
      exception: exceptionRepr(
        2,
        'TypeError',
        `'Don\\'t know which D-Bus type to use to encode type "NoneType"'`,
      ),
      traceback: formatTraceback(
        2,
        [...put, src.set, ...DBUS_APPEND],
        'TypeError: Don\'t know which D-Bus type to use to encode type "NoneType"',
      ),
    },
    setAppendError: {
      exception: '{pyRepr}',
      traceback: formatTraceback(2, [...put, src.set, ...DBUS_APPEND], '{pyLast}'),
    },
    callDbusError: dbusError([...post, src.callLine]),
    objectPut: {
      exception: exceptionRepr(2, 'AttributeError', `"Attribute 'parameter_list' not defined."`),
      traceback: formatTraceback(
        2,
        [
          ...toHandler(true, src.objectPutParsed, false),
          src.objectPutKeys,
          frame(BOTTLE, 1394, '__getattr__', "raise AttributeError('Attribute %r not defined.' % name)"),
        ],
        "AttributeError: Attribute 'parameter_list' not defined.",
      ),
    },
    loginUsername: {
      exception: exceptionRepr(2, 'TypeError', "'getspnam() argument 1 must be string, not {value}'"),
      traceback: formatTraceback(
        2,
        [...toHandler(false, true, true), ...src.login, src.getspnam],
        'TypeError: getspnam() argument 1 must be string, not {value}',
      ),
    },
    loginPassword: {
      exception: exceptionRepr(2, 'TypeError', "'crypt() argument 1 must be string, not {value}'"),
      traceback: formatTraceback(
        2,
        [...toHandler(false, true, true), ...src.login, src.crypt],
        'TypeError: crypt() argument 1 must be string, not {value}',
      ),
    },
    jsonp: jsonp(false),
    jsonpAuth: jsonp(true),
    recursion: { auth: recursion(true), noAuth: recursion(false) },
  };
}

const APP_2017 = `${SITE}/obmc/wsgi/apps/rest_dbus.py`;
const at2017 = (line: number, func: string, source: string) => frame(APP_2017, line, func, source);

/** rest_dbus.py at b66b18c (App.install_plugins: Authorization, Cors, ContentChecker, Jsonp, ...). */
export const PHOSPHOR_REST_2017_BUILD: PythonServerBuild = build({
  authorization: at2017(799, '__call__', 'return self.callback(*a, **kw)'),
  toJsonp: [
    at2017(856, 'wrap', 'return callback(*a, **kw)'),
    at2017(1039, '__call__', 'return self.callback(*a, **kw)'),
  ],
  jsonpWrap: at2017(1013, 'wrap', 'return self.to_jsonp(callback(*a, **kw))'),
  jsonpConcat: at2017(1008, 'to_jsonp', "json = jwrapper + '(' + json + ');'"),
  response: at2017(978, 'wrap', 'data = callback(*a, **kw)'),
  requestValidate: at2017(906, 'wrap', 'self.validate_request()'),
  requestReads: at2017(884, 'validate_request', "request.parameter_list = request.json.get('data')"),
  request: at2017(907, 'wrap', 'return callback(*a, **kw)'),
  requestType: at2017(938, 'wrap', 'return callback(*a, **kw)'),
  route: at2017(200, '__call__', "return getattr(self, 'do_' + request.method.lower())(**kw)"),
  set: at2017(433, 'do_put', 'properties_iface.Set(iface, prop, value)'),
  callLine: at2017(337, 'do_post', "return request.route_data['method'](*request.parameter_list)"),
  objectPutKeys: at2017(543, 'do_put', 'req = set(request.parameter_list.keys())'),
  login: [
    at2017(632, 'do_post', 'return self.do_login(**kw)'),
    at2017(654, 'do_login', 'if not self.authenticate(*request.parameter_list):'),
  ],
  getspnam: at2017(599, 'authenticate', 'encoded = spwd.getspnam(username)[1]'),
  crypt: at2017(600, 'authenticate', 'return encoded == crypt.crypt(clear, encoded)'),
  // fb6cd48 (2017-04-10): the JSON request plugins only wrap routes declared application/json.
  objectPutParsed: false,
  put: { retry: 'unbounded', readOnly403: false, serviceChecksSignature: true },
  // a6a8a4c (2017-08-07): the introspection retry; its failure text until ab404fa (2017-12).
  call: { retry: 'unbounded', conversionFailed: 'Failed to convert the types', serviceChecksSignature: true },
});

const APP_2016 = '/usr/sbin/obmc-rest';
const at2016 = (line: number, func: string, source: string) => frame(APP_2016, line, func, source);

/** obmc-rest at b41507f (RestApp.install_plugins: Authorization, Jsonp, JSONPlugin, ...). */
export const LEGACY_2016_BUILD: PythonServerBuild = build({
  authorization: at2016(524, '__call__', 'return self.callback(*a, **kw)'),
  // Jsonp is the plugin installed right after Authorization: nothing between them.
  toJsonp: [],
  jsonpWrap: at2016(680, 'wrap', 'return self.to_jsonp(callback(*a, **kw))'),
  jsonpConcat: at2016(675, 'to_jsonp', "json = jwrapper + '(' + json + ');'"),
  response: at2016(615, 'wrap', "resp = {'data': callback(*a, **kw)}"),
  requestValidate: at2016(577, 'wrap', 'self.validate_request()'),
  requestReads: at2016(560, 'validate_request', "request.parameter_list = request.json.get('data')"),
  request: at2016(578, 'wrap', 'return callback(*a, **kw)'),
  requestType: at2016(603, 'wrap', 'return callback(*a, **kw)'),
  route: at2016(93, '__call__', "return getattr(self, 'do_' + request.method.lower())(**kw)"),
  set: at2016(283, 'do_put', 'properties_iface.Set(iface, prop, value)'),
  callLine: at2016(214, 'do_post', "return request.route_data['method'](*request.parameter_list)"),
  objectPutKeys: at2016(376, 'do_put', 'req = set(request.parameter_list.keys())'),
  login: [
    at2016(465, 'do_post', 'return self.do_login(**kw)'),
    at2016(487, 'do_login', 'if not self.authenticate(*request.parameter_list):'),
  ],
  getspnam: at2016(432, 'authenticate', 'encoded = spwd.getspnam(username)[1]'),
  crypt: at2016(433, 'authenticate', 'return encoded == crypt.crypt(clear, encoded)'),
  objectPutParsed: true,
  put: { retry: 'none', readOnly403: false, serviceChecksSignature: false },
  call: { retry: 'none', conversionFailed: '', serviceChecksSignature: false },
});
