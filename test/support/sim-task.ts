// The driver task the cross-part tests give a simulator: its CA written to a file, and waits and
// pacing made small for instant timing, over D-Bus REST (what these tests and their faults are
// about; a bmcweb profile would otherwise be driven over Redfish). Tests add their own driver_info
// on top, openbmc_api included.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task } from '../../driver/index.ts';
import type { RunningSimulator } from '../../simulator/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'obmc-test-ca-'));

export function simTask(
  sim: RunningSimulator,
  password: string,
  extra: Record<string, unknown> = {},
  uuid = 'node-1',
): Task {
  const ca = join(dir, `ca-${new URL(sim.url).port}.pem`);
  writeFileSync(ca, sim.caCertPem ?? '');
  return {
    node: {
      uuid,
      driver_info: {
        openbmc_address: sim.url,
        openbmc_username: 'root',
        openbmc_password: password,
        openbmc_verify_ca: ca,
        openbmc_api: 'rest',
        openbmc_poll_interval: 0.005,
        openbmc_reboot_settle_time: 0,
        openbmc_min_command_interval: 0,
        openbmc_retry_interval: 0.01,
        ...extra,
      },
      driver_internal_info: {},
    },
  };
}
