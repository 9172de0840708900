// The driver's Redfish dialect tests' set-up: a FakeRedfish and a driver over it, a pair per test.
// After each test the driver is closed (it logs out, so a leak shows on the BMC) before the BMC stops.

import { afterEach } from 'vitest';
import { createOpenBMCDriver, type DriverOptions, type OpenBMCDriver } from '../../driver/driver.ts';
import { FakeRedfish, type FakeRedfishOptions, fakeTask } from './fake-redfish.ts';

export interface FakeRedfishDriver {
  /** The current test's BMC and driver (after start()). */
  readonly bmc: FakeRedfish;
  readonly driver: OpenBMCDriver;
  /** Starts the BMC and a driver; the task carries the file's defaults, then `extra`. */
  start(
    o?: FakeRedfishOptions,
    extra?: Record<string, unknown>,
    driverOptions?: DriverOptions,
  ): Promise<ReturnType<typeof fakeTask>>;
}

/**
 * Call at a test file's top level: registers the after-each clean-up. `defaults`: driver_info
 * every task carries; `afterClose`: a check once the driver is closed, before the BMC stops.
 */
export function useFakeRedfishDriver(
  options: { defaults?: Record<string, unknown>; afterClose?: (bmc: FakeRedfish) => void } = {},
): FakeRedfishDriver {
  let bmc: FakeRedfish | undefined;
  let driver: OpenBMCDriver | undefined;
  afterEach(async () => {
    await driver?.close();
    if (bmc) options.afterClose?.(bmc);
    await bmc?.stop();
  });
  return {
    get bmc() {
      if (!bmc) throw new Error('start() the fake BMC first');
      return bmc;
    },
    get driver() {
      if (!driver) throw new Error('start() the fake BMC first');
      return driver;
    },
    async start(o = {}, extra = {}, driverOptions = {}) {
      bmc = new FakeRedfish(o);
      const address = await bmc.start();
      driver = createOpenBMCDriver(driverOptions);
      return fakeTask(address, { ...options.defaults, ...extra });
    },
  };
}
