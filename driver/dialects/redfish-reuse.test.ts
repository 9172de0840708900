// openbmc_session_reuse over Redfish against a small Redfish BMC on a real socket: one session
// serves many operations and close() deletes it; a session the BMC ended is replaced by exactly
// one new login and the operation succeeds; a second 401 is an OpenBMCAuthError. Sessions are
// counted on the BMC side.

import { describe, expect, it } from 'vitest';
import { useFakeRedfishDriver } from '../../test/support/fake-redfish-driver.ts';
import { InvalidParameterValue, OpenBMCAuthError } from '../errors.ts';

const rf = useFakeRedfishDriver({ defaults: { openbmc_session_reuse: true } });

const LOGIN = 'POST /redfish/v1/SessionService/Sessions';
const SESSION_DELETE = /^DELETE \/redfish\/v1\/SessionService\/Sessions\/\w+$/;

describe('session reuse over Redfish', () => {
  it('one session serves every operation, with no DELETE until close(), which deletes it', async () => {
    const task = await rf.start({ transitionReads: 1 });
    expect(await rf.driver.power.getPowerState(task)).toBe('power off');
    await rf.driver.power.setPowerState(task, 'power on');
    expect(await rf.driver.management.getBootDevice(task)).toEqual({ boot_device: null, persistent: null });
    expect(rf.bmc.lines().filter((l) => l === LOGIN)).toHaveLength(1);
    expect(rf.bmc.lines().filter((l) => SESSION_DELETE.test(l))).toHaveLength(0);
    expect(rf.bmc.sessions.size).toBe(1);
    // Every request after the login carried the one token.
    const tokens = new Set(rf.bmc.requests.slice(2).map((r) => r.headers['x-auth-token']));
    expect(tokens.size).toBe(1);
    await rf.driver.close();
    expect(rf.bmc.lines().at(-1)).toMatch(SESSION_DELETE);
    expect(rf.bmc.sessions.size).toBe(0);
    expect(rf.bmc.deleted).toBe(rf.bmc.created);
  });

  it('a session the BMC ended: one new login, the operation succeeds, close() deletes the new one', async () => {
    const task = await rf.start();
    await rf.driver.power.getPowerState(task);
    rf.bmc.sessions.clear(); // the BMC's idle timeout (bmcweb: SessionTimeout, 1800 s)
    const before = rf.bmc.requests.length;
    expect(await rf.driver.power.getPowerState(task)).toBe('power off');
    expect(rf.bmc.lines().slice(before)).toEqual([
      'GET /redfish/v1/Systems/system',
      LOGIN,
      'GET /redfish/v1/Systems/system',
    ]);
    expect(rf.bmc.created).toBe(2);
    expect(rf.bmc.sessions.size).toBe(1);
    await rf.driver.close();
    expect(rf.bmc.sessions.size).toBe(0);
  });

  it('a power change whose kept session ended is sent once, after the new login', async () => {
    const task = await rf.start({ transitionReads: 0 });
    await rf.driver.power.getPowerState(task);
    rf.bmc.sessions.clear();
    await rf.driver.power.setPowerState(task, 'power on');
    expect(rf.bmc.resets).toEqual(['On']);
    expect(rf.bmc.lines().filter((l) => l === LOGIN)).toHaveLength(2);
  });

  it('a 401 again after the new login is an OpenBMCAuthError; nothing more is tried', async () => {
    const task = await rf.start({ sessionsEndAtOnce: true });
    const err = await rf.driver.power.getPowerState(task).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenBMCAuthError);
    expect(err).toMatchObject({ context: { httpStatus: 401, api: 'redfish' } });
    expect(rf.bmc.lines()).toEqual([
      'GET /redfish/v1/',
      LOGIN,
      'GET /redfish/v1/Systems',
      LOGIN,
      'GET /redfish/v1/Systems',
    ]);
  });

  it('without reuse, each operation logs in and deletes its session (the contract)', async () => {
    const task = await rf.start({}, { openbmc_session_reuse: false });
    await rf.driver.power.getPowerState(task);
    await rf.driver.power.getPowerState(task);
    expect(rf.bmc.lines().filter((l) => l === LOGIN)).toHaveLength(2);
    expect(rf.bmc.lines().filter((l) => SESSION_DELETE.test(l))).toHaveLength(2);
    expect(rf.bmc.sessions.size).toBe(0);
  });

  it('Basic auth has no session to keep: refused with the reason before any request', async () => {
    const task = await rf.start({}, { openbmc_auth_type: 'basic' });
    const err = await rf.driver.power.getPowerState(task).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidParameterValue);
    expect((err as Error).message).toMatch(/openbmc_session_reuse .*basic.*no session to keep/);
    expect(rf.bmc.requests).toHaveLength(0);
  });
});
