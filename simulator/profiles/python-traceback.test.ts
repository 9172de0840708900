import { describe, expect, it } from 'vitest';
import { PHOSPHOR_REST_2018_BUILD } from './phosphor-tracebacks.ts';
import { LEGACY_2016_BUILD, PHOSPHOR_REST_2017_BUILD } from './phosphor-tracebacks-py2.ts';
import { exceptionRepr, formatTraceback } from './python-traceback.ts';

const frame = { file: '/x.py', line: 3, func: 'f', source: 'return g(a)', carets: '       ^^^^' };

describe('formatTraceback', () => {
  it('prints carets under Python 3 only', () => {
    expect(formatTraceback(3, [frame], 'ValueError: x')).toEqual([
      'Traceback (most recent call last):',
      '  File "/x.py", line 3, in f',
      '    return g(a)',
      '           ^^^^',
      'ValueError: x',
    ]);
    expect(formatTraceback(2, [frame], 'ValueError: x')).toEqual([
      'Traceback (most recent call last):',
      '  File "/x.py", line 3, in f',
      '    return g(a)',
      'ValueError: x',
    ]);
  });

  it('reprs an exception with Python 2 keeping the args tuple comma', () => {
    expect(exceptionRepr(2, 'ValueError', "'x'")).toBe("ValueError('x',)");
    expect(exceptionRepr(3, 'ValueError', "'x'")).toBe("ValueError('x')");
  });
});

describe('the Python 2 builds', () => {
  const texts = (b: typeof LEGACY_2016_BUILD) => JSON.stringify(b);

  it('print 2.7 tracebacks: 2.7 paths, no carets, no chained exceptions', () => {
    for (const b of [LEGACY_2016_BUILD, PHOSPHOR_REST_2017_BUILD]) {
      expect(b.python).toBe(2);
      const t = texts(b);
      expect(t).not.toMatch(/python3|\^\^|During handling|<class /);
      expect(t).toContain('/usr/lib/python2.7/site-packages/bottle.py');
    }
    expect(texts(PHOSPHOR_REST_2018_BUILD)).toContain('/usr/lib/python3/dist-packages/bottle.py');
  });

  it('give PUT without data the frames of rest_dbus.py b66b18c, bottle 0.12.9 and dbus-python 1.2', () => {
    expect(PHOSPHOR_REST_2017_BUILD.setNone).toEqual({
      exception: `TypeError('Don\\'t know which D-Bus type to use to encode type "NoneType"',)`,
      traceback: [
        'Traceback (most recent call last):',
        '  File "/usr/lib/python2.7/site-packages/bottle.py", line 862, in _handle',
        '    return route.call(**args)',
        '  File "/usr/lib/python2.7/site-packages/obmc/wsgi/apps/rest_dbus.py", line 799, in __call__',
        '    return self.callback(*a, **kw)',
        '  File "/usr/lib/python2.7/site-packages/obmc/wsgi/apps/rest_dbus.py", line 856, in wrap',
        '    return callback(*a, **kw)',
        '  File "/usr/lib/python2.7/site-packages/obmc/wsgi/apps/rest_dbus.py", line 1039, in __call__',
        '    return self.callback(*a, **kw)',
        '  File "/usr/lib/python2.7/site-packages/obmc/wsgi/apps/rest_dbus.py", line 1013, in wrap',
        '    return self.to_jsonp(callback(*a, **kw))',
        '  File "/usr/lib/python2.7/site-packages/bottle.py", line 1732, in wrapper',
        '    rv = callback(*a, **ka)',
        '  File "/usr/lib/python2.7/site-packages/obmc/wsgi/apps/rest_dbus.py", line 978, in wrap',
        '    data = callback(*a, **kw)',
        '  File "/usr/lib/python2.7/site-packages/obmc/wsgi/apps/rest_dbus.py", line 907, in wrap',
        '    return callback(*a, **kw)',
        '  File "/usr/lib/python2.7/site-packages/obmc/wsgi/apps/rest_dbus.py", line 200, in __call__',
        "    return getattr(self, 'do_' + request.method.lower())(**kw)",
        '  File "/usr/lib/python2.7/site-packages/obmc/wsgi/apps/rest_dbus.py", line 433, in do_put',
        '    properties_iface.Set(iface, prop, value)',
        '  File "/usr/lib/python2.7/site-packages/dbus/proxies.py", line 145, in __call__',
        '    **keywords)',
        '  File "/usr/lib/python2.7/site-packages/dbus/connection.py", line 641, in call_blocking',
        '    message.append(signature=signature, *args)',
        'TypeError: Don\'t know which D-Bus type to use to encode type "NoneType"',
      ],
    });
  });

  it('end a re-raised D-Bus error with the class name alone, as 2.7 prints it', () => {
    expect(LEGACY_2016_BUILD.invalidEnum.traceback.at(-1)).toBe(
      'DBusException: xyz.openbmc_project.sdbusplus.Error.InvalidEnumString: An enumeration mapping was attempted for which no valid enumeration value exists.',
    );
    expect(LEGACY_2016_BUILD.invalidEnum.traceback.at(-2)).toBe('    message, timeout)');
    expect(LEGACY_2016_BUILD.invalidEnum.traceback[3]).toBe(
      '  File "/usr/sbin/obmc-rest", line 524, in __call__',
    );
  });

  it('raise RuntimeError for JSON nested too deep, below JsonApiRequestPlugin', () => {
    const r = PHOSPHOR_REST_2017_BUILD.recursion.auth;
    expect(r.exception).toBe(
      // {recursion}: the text json.loads gave (python-json.ts), e.g. "... while calling a Python object".
      "RuntimeError('{recursion}',)",
    );
    expect(r.traceback.slice(-6)).toEqual([
      '    return _default_decoder.decode(s)',
      '  File "/usr/lib/python2.7/json/decoder.py", line 364, in decode',
      '    obj, end = self.raw_decode(s, idx=_w(s, 0).end())',
      '  File "/usr/lib/python2.7/json/decoder.py", line 380, in raw_decode',
      '    obj, end = self.scan_once(s, idx)',
      'RuntimeError: {recursion}',
    ]);
  });
});
