// A simulator for the tests that speak HTTP to it by hand (raw sockets, undici): one node over TLS
// on a free loopback port, the instant clock (transitions settle at once).

import { type RunningSimulator, startSimulator } from '../../simulator/server.ts';

export function startLoopbackSimulator(profile: string, password?: string): Promise<RunningSimulator> {
  return startSimulator({
    port: 0,
    host: '127.0.0.1',
    profile,
    timing: 'instant',
    ...(password === undefined ? {} : { password }),
  });
}
