// Secrets never reach an error: every class, with a known password and token fed through the
// paths that build messages from what a BMC or a library said.

import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import * as errors from './errors.ts';
import { createOpenBMCDriver } from './index.ts';

const PASSWORD = 'Pw-8c41f0-secret';
const TOKEN = 'TkN0aBcDeFgHiJkLmNoP';

function leaks(e: unknown): boolean {
  const err = e as Error;
  const text = `${err.message}\n${err.stack ?? ''}\n${JSON.stringify(err)}`;
  return text.includes(PASSWORD) || text.includes(TOKEN);
}

describe('errors', () => {
  it('keep Ironic names, hierarchy and HTTP codes, plus stable codes', () => {
    const e = new errors.PowerStateFailure('x');
    expect(e).toBeInstanceOf(errors.InvalidState);
    expect(e).toBeInstanceOf(errors.Conflict);
    expect(e).toBeInstanceOf(errors.IronicException);
    expect(e.httpCode).toBe(409);
    expect(new errors.MissingParameterValue('x')).toBeInstanceOf(errors.InvalidParameterValue);
    expect(new errors.UnsupportedDriverExtension('x').httpCode).toBe(400);
    expect(new errors.ExclusiveLockRequired('x')).toBeInstanceOf(errors.NotAuthorized);
    expect(new errors.OpenBMCCertificateError('x')).toBeInstanceOf(errors.OpenBMCConnectionError);
    expect(new errors.OpenBMCConnectionError('x')).toBeInstanceOf(errors.DriverOperationError);
    const codes = Object.values(errors)
      .filter(
        (v): v is typeof errors.IronicException => typeof v === 'function' && v.prototype instanceof Error,
      )
      .map((C) => new C('m').code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('name the node, address, operation, step and status', () => {
    const e = new errors.OpenBMCError('the BMC refused it', {
      context: {
        node: 'n1',
        address: 'https://10.0.0.5',
        operation: 'set power state to power on',
        step: 'request host On',
        httpStatus: 500,
      },
    });
    expect(e.message).toBe(
      'the BMC refused it (node n1, BMC https://10.0.0.5, operation "set power state to power on", step "request host On", HTTP 500)',
    );
    expect(e.toJSON()).toMatchObject({ name: 'OpenBMCError', code: 'OBMC_ERROR', httpCode: 500 });
  });

  it('scrub replaces every known secret', () => {
    expect(errors.scrub(`a ${PASSWORD} b ${TOKEN}`, [PASSWORD, TOKEN])).toBe('a [redacted] b [redacted]');
  });

  it('a BMC that echoes the password and token in its error text does not leak them', async () => {
    const mock = new MockAgent({ enableCallHistory: true });
    mock.disableNetConnect();
    const pool = mock.get('https://bmc.test');
    // bmcweb-shaped: empty 401 without a session, token login, then a hostile error description.
    pool.intercept({ method: 'GET', path: '/xyz/openbmc_project/state/host0' }).reply(401, '').times(3);
    pool
      .intercept({ method: 'POST', path: '/login' })
      .reply(200, JSON.stringify({ token: TOKEN }))
      .times(3);
    pool
      .intercept({ method: 'GET', path: '/xyz/openbmc_project/state/host0/attr/CurrentHostState' })
      .reply(
        200,
        JSON.stringify({
          data: 'xyz.openbmc_project.State.Host.HostState.Off',
          message: '200 OK',
          status: 'ok',
        }),
      )
      .times(3);
    const hostile = JSON.stringify({
      data: { description: `bad request from root:${PASSWORD} token ${TOKEN}` },
      message: '500',
      status: 'error',
    });
    pool
      .intercept({ method: 'PUT', path: '/xyz/openbmc_project/state/host0/attr/RequestedHostTransition' })
      .reply(500, hostile)
      .times(3);
    pool.intercept({ method: 'POST', path: '/logout' }).reply(200, '{}').times(3);
    const driver = createOpenBMCDriver({ dispatcher: mock });
    const task = {
      node: {
        driver_info: {
          openbmc_address: 'https://bmc.test',
          openbmc_username: 'root',
          openbmc_password: PASSWORD,
          openbmc_min_command_interval: 0,
          // D-Bus REST transcripts: a real BMC of these eras would first be asked for its Redfish root.
          openbmc_api: 'rest',
        },
      },
    };
    const err = await driver.power.setPowerState(task, 'power on').catch((e: unknown) => e);
    await driver.close();
    expect(err).toBeInstanceOf(errors.OpenBMCError);
    expect((err as Error).message).toContain('bad request from root:[redacted] token [redacted]');
    expect(leaks(err)).toBe(false);
    expect(leaks(new errors.OpenBMCAuthError('authentication failed', { context: { step: 'login' } }))).toBe(
      false,
    );
  });
});
