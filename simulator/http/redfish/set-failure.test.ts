import { describe, expect, it } from 'vitest';
import { DbusError } from '../../../protocol/index.ts';
import type { ModelError } from '../../model/model-error.ts';
import { redfish2021, redfish2024 } from '../../profiles/redfish-eras.ts';
import { setFailure } from './set-failure.ts';

const dbus = (name: string): ModelError => ({ kind: 'dbus-error', name, message: '' });

describe('a refused D-Bus set in a PATCH, by era', () => {
  it('2019-2021 callbacks answer every error with InternalError', () => {
    expect(setFailure(redfish2021, dbus(DbusError.invalidArgument), 'AssetTag', 'x').problem.key).toBe(
      'InternalError',
    );
  });

  it("2024's setDbusProperty goes by the error name", () => {
    expect(setFailure(redfish2024, dbus(DbusError.invalidArgument), 'MinPasswordLength', 4).problem).toEqual({
      key: 'PropertyValueIncorrect',
      args: ['MinPasswordLength', '4'],
    });
    expect(setFailure(redfish2024, dbus(DbusError.notAllowed), 'AssetTag', 'x').problem).toEqual({
      key: 'PropertyNotWritable',
      args: ['AssetTag'],
      property: 'AssetTag',
    });
    const notReady = setFailure(
      redfish2024,
      dbus(DbusError.hostBmcNotReady),
      'PowerRestorePolicy',
      'AlwaysOn',
    );
    expect(notReady.problem.key).toBe('ServiceTemporarilyUnavailable');
    expect(notReady.headers).toEqual({ 'Retry-After': '10' });
    const enumError: ModelError = { kind: 'invalid-enum', path: '/x', property: 'P', value: 'v' };
    expect(setFailure(redfish2024, enumError, 'P', 'v').problem.key).toBe('InternalError');
  });
});
