import { describe, expect, it } from 'vitest';
import { getProfile } from '../profiles/index.ts';
import { isOnAllowlist } from './auth.ts';
import { classifyRequest, parseRestPath } from './request-classifier.ts';

describe('classifyRequest', () => {
  it('names the face by path, without the query string', () => {
    expect(classifyRequest('/login?x=1', false)).toEqual({ face: 'login', path: '/login' });
    expect(classifyRequest('/logout', false).face).toBe('logout');
    expect(classifyRequest('/redfish', false).face).toBe('redfish');
    expect(classifyRequest('/redfish/v1/Systems', false).face).toBe('redfish');
    expect(classifyRequest('/redfishx', false).face).toBe('dbus-rest');
    expect(classifyRequest('/xyz/openbmc_project/state/host0', false).face).toBe('dbus-rest');
  });

  it('collapses // only where the firmware does', () => {
    expect(classifyRequest('//xyz//a', true).path).toBe('/xyz/a');
    expect(classifyRequest('//xyz//a', false).path).toBe('//xyz//a');
  });
});

describe('parseRestPath', () => {
  it('splits at the first /attr/, then finds /action/ and the suffix in the object path', () => {
    expect(parseRestPath('/xyz/a/attr/B')).toMatchObject({ objectPath: '/xyz/a', property: 'B' });
    expect(parseRestPath('/xyz/a/attr/b/attr/c').property).toBe('b/attr/c');
    expect(parseRestPath('/xyz/a/action/M').action).toEqual({ path: '/xyz/a', method: 'M' });
    // bmcweb finds the action in the part before /attr/.
    expect(parseRestPath('/xyz/a/action/M/attr/P')).toMatchObject({
      property: 'P',
      action: { path: '/xyz/a', method: 'M' },
    });
    expect(parseRestPath('/xyz/a/enumerate').suffix).toEqual({ kind: 'enumerate', path: '/xyz/a' });
    expect(parseRestPath('/list').suffix).toEqual({ kind: 'list', path: '/' });
    expect(parseRestPath('/xyz/a/').suffix).toEqual({ kind: 'directory', path: '/xyz/a' });
    expect(parseRestPath('/xyz/a').suffix).toBeUndefined();
  });
});

describe('isOnAllowlist', () => {
  const bmcweb = getProfile('bmcweb-2021');
  const python = getProfile('phosphor-rest-2018');
  if (!bmcweb || !python) throw new Error('profiles missing');

  it('opens the Redfish entry points and session creation on bmcweb (authentication.hpp)', () => {
    for (const p of [
      '/redfish',
      '/redfish/',
      '/redfish/v1',
      '/redfish/v1/',
      '/redfish/v1/odata',
      '/redfish/v1/$metadata',
    ])
      expect(isOnAllowlist('GET', p, bmcweb)).toBe(true);
    expect(isOnAllowlist('POST', '/redfish/v1/SessionService/Sessions', bmcweb)).toBe(true);
    expect(isOnAllowlist('POST', '/redfish/v1/SessionService/Sessions/Members', bmcweb)).toBe(true);
    expect(isOnAllowlist('POST', '/login', bmcweb)).toBe(true);
    expect(isOnAllowlist('GET', '/redfish/v1/Systems', bmcweb)).toBe(false);
    expect(isOnAllowlist('GET', '/redfish/v1/SessionService/Sessions', bmcweb)).toBe(false);
    expect(isOnAllowlist('POST', '/redfish/v1', bmcweb)).toBe(false);
  });

  it('has no Redfish entry points where the firmware has no Redfish', () => {
    expect(isOnAllowlist('GET', '/redfish/v1', python)).toBe(false);
    expect(isOnAllowlist('POST', '/redfish/v1/SessionService/Sessions', python)).toBe(false);
  });
});
