// How many requests each driver operation sends, per API and firmware generation, cold (a new
// driver: the API and dialect not yet known at the address) and warm (the same driver again),
// against the simulator over HTTPS at instant timing (one poll ends each wait). The figures are
// pinned so they cannot grow unnoticed; they are the README's request-count table.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BootSettingsSnapshot,
  createOpenBMCDriver,
  type OpenBMCDriver,
  type Task,
} from '../driver/index.ts';
import type { ProfileName } from '../protocol/index.ts';
import { type RunningSimulator, startSimulator } from '../simulator/server.ts';
import { simTask } from './support/sim-task.ts';

const PASSWORD = 'Counts-Pa55-word';

type Op =
  | 'get power state'
  | 'power on'
  | 'power off'
  | 'reboot'
  | 'get boot device'
  | 'set boot device'
  | 'sensors';

/** What an operation needs the host to be in before it runs, and the call itself. */
const OPS: Record<Op, { hostOn: boolean; run: (d: OpenBMCDriver, t: Task) => Promise<unknown> }> = {
  'get power state': { hostOn: false, run: (d, t) => d.power.getPowerState(t) },
  'power on': { hostOn: false, run: (d, t) => d.power.setPowerState(t, 'power on') },
  'power off': { hostOn: true, run: (d, t) => d.power.setPowerState(t, 'power off') },
  reboot: { hostOn: true, run: (d, t) => d.power.reboot(t) },
  'get boot device': { hostOn: false, run: (d, t) => d.management.getBootDevice(t) },
  'set boot device': { hostOn: false, run: (d, t) => d.management.setBootDevice(t, 'pxe', false) },
  sensors: { hostOn: true, run: (d, t) => d.management.getSensorsData(t) },
};

interface Column {
  name: string;
  profile: ProfileName;
  driverInfo: Record<string, unknown>;
  /** [cold, warm] per operation. */
  counts: Record<Op, [number, number]>;
}

// Cold REST: the Redfish root (auto), the dialect probe, login, the operation, logout; bmcweb's
// first read is also the check that its REST API is on. Cold Redfish: the root, login, the Systems
// collection (not with openbmc_system_id), the operation, the session's DELETE. A power change
// reads the state, sends one request, polls (once here), and an off is confirmed by the chassis.
// The Redfish sensors read the chassis, its Sensors collection and each of its 6 sensors (no
// $expand on a default bmcweb); cold, the System first for its chassis link.
const COLUMNS: Column[] = [
  {
    name: 'skeleton 2016',
    profile: 'legacy-2016',
    driverInfo: { openbmc_api: 'auto' },
    counts: {
      'get power state': [5, 3],
      'power on': [7, 5],
      'power off': [7, 5],
      reboot: [9, 7],
      'get boot device': [5, 3],
      'set boot device': [7, 5],
      sensors: [5, 3],
    },
  },
  {
    name: 'Python REST 2018',
    profile: 'phosphor-rest-2018',
    driverInfo: { openbmc_api: 'auto' },
    counts: {
      'get power state': [5, 3],
      'power on': [7, 5],
      'power off': [8, 6],
      reboot: [10, 8],
      'get boot device': [5, 3],
      'set boot device': [8, 6],
      sensors: [5, 3],
    },
  },
  {
    name: 'bmcweb D-Bus REST 2021',
    profile: 'bmcweb-2021',
    driverInfo: { openbmc_api: 'rest' },
    counts: {
      'get power state': [4, 3],
      'power on': [6, 5],
      'power off': [7, 6],
      reboot: [9, 8],
      'get boot device': [5, 3],
      'set boot device': [10, 9],
      sensors: [4, 3],
    },
  },
  {
    name: 'Redfish 2025',
    profile: 'bmcweb-2025',
    driverInfo: { openbmc_api: 'auto' },
    counts: {
      'get power state': [5, 3],
      'power on': [8, 6],
      'power off': [9, 7],
      reboot: [11, 9],
      'get boot device': [5, 3],
      'set boot device': [7, 5],
      sensors: [13, 10],
    },
  },
  {
    name: 'Redfish 2025, system id',
    profile: 'bmcweb-2025',
    driverInfo: { openbmc_api: 'auto', openbmc_system_id: 'system' },
    counts: {
      'get power state': [4, 3],
      'power on': [7, 6],
      'power off': [8, 7],
      reboot: [10, 9],
      'get boot device': [4, 3],
      'set boot device': [6, 5],
      sensors: [12, 10],
    },
  },
  {
    name: 'Redfish 2025, session reuse',
    profile: 'bmcweb-2025',
    driverInfo: { openbmc_api: 'auto', openbmc_session_reuse: true },
    counts: {
      'get power state': [4, 1],
      'power on': [7, 4],
      'power off': [8, 5],
      reboot: [10, 7],
      'get boot device': [4, 1],
      'set boot device': [6, 3],
      sensors: [12, 8],
    },
  },
];

function countingDriver() {
  let sent = 0;
  const driver = createOpenBMCDriver({
    logger: {
      debug(_o, msg) {
        if (msg === 'bmc request') sent += 1;
      },
      info() {},
      warn() {},
    },
  });
  return {
    driver,
    take(): number {
      const n = sent;
      sent = 0;
      return n;
    },
  };
}

describe.each(COLUMNS)('$name', (col) => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({
      profile: col.profile,
      port: 0,
      host: '127.0.0.1',
      timing: 'instant',
      seed: 3,
      password: PASSWORD,
    });
  });
  afterAll(async () => {
    await sim.close();
  });

  /** Another driver (its own sessions, ended) puts the BMC where the operation starts from: the
   * boot settings as the fresh BMC had them, the host on or off. The counted driver's kept session
   * survives it. */
  async function prepare(hostOn: boolean, boot: BootSettingsSnapshot | undefined) {
    const helper = createOpenBMCDriver();
    const t = simTask(sim, PASSWORD, { ...col.driverInfo, openbmc_session_reuse: false });
    try {
      if (boot) await helper.management.restoreBootSettings(t, boot);
      const want = hostOn ? 'power on' : 'power off';
      if ((await helper.power.getPowerState(t)) !== want) await helper.power.setPowerState(t, want);
      return boot ?? (await helper.management.saveBootSettings(t));
    } finally {
      await helper.close();
    }
  }

  it.each(Object.keys(OPS) as Op[])('%s', async (op) => {
    const { hostOn, run } = OPS[op];
    await sim.control(0).reset();
    const fresh = await prepare(hostOn, undefined);
    const c = countingDriver();
    const task = simTask(sim, PASSWORD, col.driverInfo);
    await run(c.driver, task);
    const cold = c.take();
    await prepare(hostOn, fresh);
    await run(c.driver, task);
    const warm = c.take();
    await c.driver.close();
    expect((await sim.control(0).state()).sessions).toBe(0);
    expect({ op, cold, warm }).toEqual({ op, cold: col.counts[op][0], warm: col.counts[op][1] });
  });
});
