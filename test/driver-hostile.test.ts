// The driver against hostile answers (issue 7): the simulator's `garbage` fault mangles the
// answers to reads and to the login, every REST profile, over real HTTPS. Each ends in a typed
// driver error (never a TypeError or SyntaxError, never a hang), and reads leave zero sessions.
// A login whose answer is lost leaves the session it created on the BMC: no client can end a
// session whose token it never received (those cases assert the exact count, then reset).

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenBMCDriver, IronicException, type OpenBMCDriver, type Task } from '../driver/index.ts';
import { MAX_BODY_BYTES } from '../driver/transport.ts';
import { GARBAGE_MODES, type GarbageMode } from '../simulator/faults/definitions.ts';
import { restEnabledProfiles } from '../simulator/profiles/index.ts';
import type { RunningSimulator } from '../simulator/server.ts';
import { startLoopbackSimulator } from './support/loopback-sim.ts';
import { simTask } from './support/sim-task.ts';

const PASSWORD = 'Sekr1t-hostile-Pa55';

const REST_PROFILES = restEnabledProfiles();
/** Firmware whose login answer sets the session cookie: the body is not needed to go on. */
const COOKIE_LOGIN = new Set<string>([
  'legacy-2016',
  'phosphor-rest-2017',
  'phosphor-rest-2018',
  'bmcweb-2024',
  'bmcweb-2024-08',
]);

function taskFor(sim: RunningSimulator): Task {
  // Small, so slow-drip ends soon; no retries, so a lost login leaves exactly one session.
  return simTask(sim, PASSWORD, { openbmc_request_timeout: 0.3, openbmc_retries: 0 }, 'node-hostile');
}

/** Only slow-drip needs the short timeout; the others get time to read the whole answer (the
 * 16 MiB huge-body up to the driver's cap), so a loaded machine cannot turn them into timeouts. */
function taskForMode(task: Task, mode: GarbageMode): Task {
  if (mode === 'slow-drip') return task;
  return {
    ...task,
    node: { ...task.node, driver_info: { ...task.node.driver_info, openbmc_request_timeout: 10 } },
  };
}

/** What a read under each mode ends in; a sensors answer that is no sensor data is Ironic's
 * FailedToParseSensorData, whatever is wrong with it. */
function readOutcome(mode: GarbageMode, read: string): { name: string; message: RegExp } {
  const outcome = protocolOutcome(mode, read);
  return read === 'sensors' && outcome.name === 'OpenBMCProtocolError'
    ? { name: 'FailedToParseSensorData', message: outcome.message }
    : outcome;
}

function protocolOutcome(mode: GarbageMode, read: string): { name: string; message: RegExp } {
  switch (mode) {
    case 'truncated-json':
    case 'not-json':
      return { name: 'OpenBMCProtocolError', message: /body is not JSON/ };
    case 'missing-fields':
      return { name: 'OpenBMCProtocolError', message: /body is not a D-Bus REST envelope/ };
    case 'wrong-types':
      return {
        name: 'OpenBMCProtocolError',
        message: read === 'power' ? /reading the power state: \w+ is / : /unexpected data shape/,
      };
    case 'huge-body':
      return { name: 'OpenBMCProtocolError', message: new RegExp(`larger than ${MAX_BODY_BYTES} bytes`) };
    case 'slow-drip':
      return { name: 'OpenBMCTimeoutError', message: /timed out|deadline/ };
  }
}

async function failure(p: Promise<unknown>): Promise<Error> {
  const outcome = await p.then(
    (value) => ({ value }),
    (err: unknown) => ({ err }),
  );
  if (!('err' in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.err).toBeInstanceOf(IronicException);
  const err = outcome.err as Error;
  expect(err).not.toBeInstanceOf(TypeError);
  expect(err).not.toBeInstanceOf(SyntaxError);
  expect(`${err.message} ${JSON.stringify(err)} ${String(err.stack)}`).not.toContain(PASSWORD);
  return err;
}

describe.each(REST_PROFILES)('%s', (profile) => {
  let sim: RunningSimulator;
  let driver: OpenBMCDriver;
  let task: Task;
  // Reads of the object tree only: login and logout stay clean, so the session ends.
  const tree = profile === 'legacy-2016' ? '/org/*' : '/xyz/*';

  beforeAll(async () => {
    sim = await startLoopbackSimulator(profile, PASSWORD, { seed: 11 });
    driver = createOpenBMCDriver();
    task = taskFor(sim);
    // Detection (and bmcweb's REST check) happen once, on clean answers.
    expect(await driver.power.getPowerState(task)).toBe('power off');
  });
  afterEach(async () => {
    await sim.control(0).reset();
  });
  afterAll(async () => {
    await driver.close();
    await sim.close();
  });

  const reads = {
    power: (d: OpenBMCDriver, t: Task) => d.power.getPowerState(t),
    boot: (d: OpenBMCDriver, t: Task) => d.management.getBootDevice(t),
    sensors: (d: OpenBMCDriver, t: Task) => d.management.getSensorsData(t),
  };

  describe.each(GARBAGE_MODES)('%s', (mode) => {
    it.each(Object.keys(reads) as (keyof typeof reads)[])(
      'on the %s read: a typed error, no session left',
      async (read) => {
        await sim.control(0).addFault({ kind: 'garbage', mode, path: tree });
        const err = await failure(reads[read](driver, taskForMode(task, mode)));
        const want = readOutcome(mode, read);
        expect(err.name).toBe(want.name);
        expect(err.message).toMatch(want.message);
        expect((await sim.control(0).state()).sessions).toBe(0);
      },
    );

    it('on the login', async () => {
      await sim.control(0).addFault({ kind: 'garbage', mode, method: 'POST', path: '/login' });
      const run = driver.power.getPowerState(taskForMode(task, mode));
      if (COOKIE_LOGIN.has(profile) && mode !== 'huge-body' && mode !== 'slow-drip') {
        // The session cookie came with the headers: the operation goes on and logs out.
        expect(await run).toBe('power off');
        expect((await sim.control(0).state()).sessions).toBe(0);
        return;
      }
      const err = await failure(run);
      if (mode === 'slow-drip') {
        expect(err.name).toBe('OpenBMCTimeoutError');
      } else if (mode === 'huge-body') {
        expect(err.name).toBe('OpenBMCProtocolError');
        expect(err.message).toContain(`larger than ${MAX_BODY_BYTES} bytes`);
      } else {
        expect(err.name).toBe('OpenBMCProtocolError');
        expect(err.message).toMatch(/^login failed: login answered 200 without a token or session cookies/);
        expect(err).toMatchObject({ context: { step: 'login', httpStatus: 200 } });
      }
      // The BMC made a session whose token never reached the driver: nobody can end it.
      expect((await sim.control(0).state()).sessions).toBe(1);
    });
  });
});
