// A simulator for the tests that speak to it over the network (raw sockets, undici, the driver):
// one node over TLS on a free loopback port, the instant clock (transitions settle at once) unless
// `more` sets another timing, a seed or accounts.

import type { SimulatorOptions } from '../../simulator/options.ts';
import { type RunningSimulator, startSimulator } from '../../simulator/server.ts';

export function startLoopbackSimulator(
  profile: string,
  password?: string,
  more: SimulatorOptions = {},
): Promise<RunningSimulator> {
  return startSimulator({
    port: 0,
    host: '127.0.0.1',
    profile,
    timing: 'instant',
    ...(password === undefined ? {} : { password }),
    ...more,
  });
}
