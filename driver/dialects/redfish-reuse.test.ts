// openbmc_session_reuse over Redfish against a small Redfish BMC on a real socket: one session
// serves many operations and close() deletes it; a session the BMC ended is replaced by exactly
// one new login and the operation succeeds; a second 401 is an OpenBMCAuthError. Sessions are
// counted on the BMC side.

import { afterEach, describe, expect, it } from 'vitest';
import { FakeRedfish, type FakeRedfishOptions, fakeTask } from '../../test/support/fake-redfish.ts';
import { createOpenBMCDriver, type OpenBMCDriver } from '../driver.ts';
import { InvalidParameterValue, OpenBMCAuthError } from '../errors.ts';

let bmc: FakeRedfish;
let driver: OpenBMCDriver;

async function start(o: FakeRedfishOptions = {}, extra: Record<string, unknown> = {}) {
  bmc = new FakeRedfish(o);
  const address = await bmc.start();
  driver = createOpenBMCDriver();
  return fakeTask(address, { openbmc_session_reuse: true, ...extra });
}

afterEach(async () => {
  await driver?.close();
  await bmc?.stop();
});

const LOGIN = 'POST /redfish/v1/SessionService/Sessions';
const SESSION_DELETE = /^DELETE \/redfish\/v1\/SessionService\/Sessions\/\w+$/;

describe('session reuse over Redfish', () => {
  it('one session serves every operation, with no DELETE until close(), which deletes it', async () => {
    const task = await start({ transitionReads: 1 });
    expect(await driver.power.getPowerState(task)).toBe('power off');
    await driver.power.setPowerState(task, 'power on');
    expect(await driver.management.getBootDevice(task)).toEqual({ boot_device: null, persistent: null });
    expect(bmc.lines().filter((l) => l === LOGIN)).toHaveLength(1);
    expect(bmc.lines().filter((l) => SESSION_DELETE.test(l))).toHaveLength(0);
    expect(bmc.sessions.size).toBe(1);
    // Every request after the login carried the one token.
    const tokens = new Set(bmc.requests.slice(2).map((r) => r.headers['x-auth-token']));
    expect(tokens.size).toBe(1);
    await driver.close();
    expect(bmc.lines().at(-1)).toMatch(SESSION_DELETE);
    expect(bmc.sessions.size).toBe(0);
    expect(bmc.deleted).toBe(bmc.created);
  });

  it('a session the BMC ended: one new login, the operation succeeds, close() deletes the new one', async () => {
    const task = await start();
    await driver.power.getPowerState(task);
    bmc.sessions.clear(); // the BMC's idle timeout (bmcweb: SessionTimeout, 1800 s)
    const before = bmc.requests.length;
    expect(await driver.power.getPowerState(task)).toBe('power off');
    expect(bmc.lines().slice(before)).toEqual([
      'GET /redfish/v1/Systems/system',
      LOGIN,
      'GET /redfish/v1/Systems/system',
    ]);
    expect(bmc.created).toBe(2);
    expect(bmc.sessions.size).toBe(1);
    await driver.close();
    expect(bmc.sessions.size).toBe(0);
  });

  it('a power change whose kept session ended is sent once, after the new login', async () => {
    const task = await start({ transitionReads: 0 });
    await driver.power.getPowerState(task);
    bmc.sessions.clear();
    await driver.power.setPowerState(task, 'power on');
    expect(bmc.resets).toEqual(['On']);
    expect(bmc.lines().filter((l) => l === LOGIN)).toHaveLength(2);
  });

  it('a 401 again after the new login is an OpenBMCAuthError; nothing more is tried', async () => {
    const task = await start({ sessionsEndAtOnce: true });
    const err = await driver.power.getPowerState(task).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenBMCAuthError);
    expect(err).toMatchObject({ context: { httpStatus: 401, api: 'redfish' } });
    expect(bmc.lines()).toEqual([
      'GET /redfish/v1/',
      LOGIN,
      'GET /redfish/v1/Systems',
      LOGIN,
      'GET /redfish/v1/Systems',
    ]);
  });

  it('without reuse, each operation logs in and deletes its session (the contract)', async () => {
    const task = await start({}, { openbmc_session_reuse: false });
    await driver.power.getPowerState(task);
    await driver.power.getPowerState(task);
    expect(bmc.lines().filter((l) => l === LOGIN)).toHaveLength(2);
    expect(bmc.lines().filter((l) => SESSION_DELETE.test(l))).toHaveLength(2);
    expect(bmc.sessions.size).toBe(0);
  });

  it('Basic auth has no session to keep: refused with the reason before any request', async () => {
    const task = await start({}, { openbmc_auth_type: 'basic' });
    const err = await driver.power.getPowerState(task).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidParameterValue);
    expect((err as Error).message).toMatch(/openbmc_session_reuse .*basic.*no session to keep/);
    expect(bmc.requests).toHaveLength(0);
  });
});
