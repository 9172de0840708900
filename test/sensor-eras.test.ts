// Sensors as each era's firmware publishes them (openbmc-rest.md 6): the Python server's era read
// phosphor-hwmon (int64 Value and thresholds in units of 10^Scale, no MaxValue/MinValue), bmcweb's
// dbus-sensors (doubles, no Scale). The driver reads both to the same readings.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenBMCDriver } from '../driver/index.ts';
import type { RunningSimulator } from '../simulator/server.ts';
import { startLoopbackSimulator } from './support/loopback-sim.ts';
import { simTask } from './support/sim-task.ts';

const PASSWORD = 'Sensor-eras-Pa55';
const AMBIENT = '/xyz/openbmc_project/sensors/temperature/ambient';

describe.each([
  ['phosphor-rest-2018', 'phosphor-hwmon'],
  ['phosphor-rest-2017', 'phosphor-hwmon'],
  ['bmcweb-2021', 'dbus-sensors'],
] as const)('sensors of %s (%s)', (profile, style) => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startLoopbackSimulator(profile, PASSWORD, { seed: 9 });
  });
  afterAll(() => sim.close());

  it('publishes the era-typed Value object', () => {
    const tree = sim.nodes[0]?.bmc.tree;
    const props = tree?.properties(AMBIENT) ?? {};
    if (style === 'phosphor-hwmon') {
      expect(props.Scale).toBe(-3);
      expect(Number.isInteger(props.Value)).toBe(true);
      expect(props.Value).toBeGreaterThan(20_000);
      expect(props).not.toHaveProperty('MaxValue');
      expect(props.CriticalHigh).toBe(45_000);
    } else {
      expect(props).not.toHaveProperty('Scale');
      expect(props.MaxValue).toBeDefined();
    }
  });

  it('reads to degrees through the driver', async () => {
    const driver = createOpenBMCDriver();
    const data = await driver.management.getSensorsData(simTask(sim, PASSWORD));
    await driver.close();
    const ambient = data.Temperature?.ambient as Record<string, string> | undefined;
    const reading = Number.parseFloat(ambient?.['Sensor Reading'] ?? '');
    expect(reading).toBeGreaterThan(20);
    expect(reading).toBeLessThan(28);
    expect(ambient?.['Upper Critical']).toBe('45');
  });
});
