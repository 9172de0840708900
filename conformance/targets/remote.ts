// A real BMC (or anything listening like one) as a target: URL and credentials, TLS verified
// unless told otherwise. No control API: checks that need one are skipped.

import { readFile } from 'node:fs/promises';
import { verifyCaOf } from '../../driver/index.ts';
import { apiSkipsOf } from './api-skips.ts';
import type { Target, TargetSpec } from './target.ts';

export interface RemoteOptions {
  name?: string;
  address: string;
  username: string;
  password: string;
  /** Do not verify the BMC's certificate. */
  insecure?: boolean;
  /** CA bundle (file) that signed the BMC's certificate. */
  ca?: string;
  /** Extra driver_info (timeouts, dialect) for this machine. */
  driverInfo?: Record<string, unknown>;
}

export function remoteTarget(o: RemoteOptions): TargetSpec {
  return {
    name: o.name ?? o.address,
    kind: 'remote',
    simulated: false,
    describe: `${o.address} as ${o.username}${o.insecure ? ' (certificate not verified)' : ''}`,
    // Both APIs, one unit after the other (one machine): each unit finds out whether the BMC
    // serves its API (a Redfish-less or REST-disabled BMC skips that unit's checks, saying why).
    apis: ['rest', 'redfish'],
    apiSkips: apiSkipsOf(o.driverInfo),
    open: async (): Promise<Target> => {
      const ca = o.ca ? await readFile(o.ca, 'utf8') : undefined;
      const close = async () => {};
      return {
        name: o.name ?? o.address,
        address: o.address,
        driverInfo: {
          ...o.driverInfo,
          openbmc_address: o.address,
          openbmc_username: o.username,
          openbmc_password: o.password,
          openbmc_verify_ca: verifyCaOf(o),
        },
        tls: { ...(ca ? { ca } : {}), insecure: o.insecure === true },
        secrets: [o.password],
        // Real firmware: a soft power-off can take the OS minutes (Ironic's 600 s default).
        checkTimeoutMs: 25 * 60_000,
        close,
        [Symbol.asyncDispose]: close,
      };
    },
  };
}
