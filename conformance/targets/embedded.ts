// The embedded simulator as a target: one BMC per profile on an ephemeral loopback port, HTTPS
// with its own CA, instant timing so a full run takes seconds (or `fast` timing, where the host
// really passes through its transitional states, or realistic timing on the simulator's manual
// clock, which the driver's and the checks' sleeps move). Standing faults (a deliberate defect)
// are put back after the reset that starts every check.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProfileName, RedfishSwitch } from '../../protocol/index.ts';
import type { FaultSpec } from '../../simulator/faults/definitions.ts';
import type { Timing } from '../../simulator/options.ts';
import { getProfile } from '../../simulator/profiles/index.ts';
import { startSimulator } from '../../simulator/server.ts';
import type { Api } from '../check.ts';
import { apiSkipsOf } from './api-skips.ts';
import type { Target, TargetSpec } from './target.ts';

export interface EmbeddedOptions {
  profile: ProfileName;
  /** Faults that stay on for the whole run: a simulator with a deliberate defect. */
  faults?: FaultSpec[];
  seed?: number;
  /** Target name; the profile by default. */
  name?: string;
  /** driver_info over the defaults (shorter power timeouts for a defect test, say). */
  driverInfo?: Record<string, unknown>;
  /** The APIs to check it through (default: every API the profile serves). */
  apis?: readonly Api[];
  /** Redfish behaviours beyond bmcweb (a BMC that refuses Continuous, say: protocol/redfish.ts). */
  redfishSwitches?: readonly RedfishSwitch[];
  /** `instant` by default; `fast` runs every transition in order at 1/100 of the profile's time. */
  timing?: Timing;
  /** The simulator on its manual clock (at `timing`, realistic by default there): simulated time
   * moves only when the driver or a check sleeps, so minutes-long transitions take no real time. */
  manualClock?: boolean;
}

/** Waits on a virtual clock: many polls of simulated time, a few requests each. */
const MANUAL_CLOCK_WAITS = {
  openbmc_poll_interval: 0.5,
  openbmc_poll_max_interval: 5,
  openbmc_power_timeout: 600,
  openbmc_soft_power_timeout: 3600,
};

export function embeddedTarget(o: EmbeddedOptions): TargetSpec {
  const name = o.name ?? o.profile;
  return {
    name,
    kind: 'embedded',
    simulated: true,
    describe: `embedded simulator, profile ${o.profile}${timingOf(o) !== 'instant' ? `, ${timingOf(o)} timing` : ''}${o.manualClock ? ' on the manual clock' : ''}${o.faults?.length ? `, with ${o.faults.length} standing fault(s)` : ''}`,
    // Both APIs where the profile has the Redfish face (bmcweb), D-Bus REST only before.
    apis: o.apis ?? (getProfile(o.profile)?.redfish ? ['rest', 'redfish'] : ['rest']),
    apiSkips: apiSkipsOf(o.driverInfo),
    machinePerOpen: true,
    open: () => openEmbedded(name, o),
  };
}

const timingOf = (o: EmbeddedOptions): Timing => o.timing ?? (o.manualClock ? 'realistic' : 'instant');

async function openEmbedded(name: string, o: EmbeddedOptions): Promise<Target> {
  // A fresh random password per run: reports are checked for it, so it must be unguessable.
  const password = `Conf-${randomBytes(9).toString('base64url')}`;
  const sim = await startSimulator({
    host: '127.0.0.1',
    port: 0,
    profile: o.profile,
    timing: timingOf(o),
    manualClock: o.manualClock === true,
    password,
    ...(o.seed === undefined ? {} : { seed: o.seed }),
  });
  const dir = await mkdtemp(join(tmpdir(), 'obmc-conformance-'));
  const caFile = join(dir, 'ca.pem');
  await writeFile(caFile, sim.caCertPem ?? '');
  const control = sim.control(0);
  const manual = sim.nodes[0]?.manualClock;
  // The reset before every check rewinds the simulator's manual clock to its start; the driver
  // lives across checks and must never see its time run backwards (its request pacing and
  // deadlines would sleep the difference away), so its view is shifted by every rewind.
  let rewound = 0;
  for (const sw of o.redfishSwitches ?? []) sim.nodes[0]?.redfishSwitches.add(sw);
  const standing = o.faults ?? [];
  const close = async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  };
  return {
    name,
    address: sim.url,
    driverInfo: {
      openbmc_address: sim.url,
      openbmc_username: 'root',
      openbmc_password: password,
      openbmc_verify_ca: caFile,
      // Instant or fast timing: poll often, no settle wait, no pacing between requests.
      openbmc_poll_interval: 0.005,
      openbmc_poll_max_interval: 0.05,
      openbmc_reboot_settle_time: 0,
      openbmc_min_command_interval: 0,
      openbmc_retry_interval: 0.01,
      openbmc_power_timeout: 10,
      openbmc_soft_power_timeout: 10,
      ...(manual ? MANUAL_CLOCK_WAITS : {}),
      ...o.driverInfo,
    },
    tls: { ca: sim.caCertPem ?? '', insecure: false },
    secrets: [password],
    sim: control,
    ...(manual
      ? {
          // Whole milliseconds, as Date.now() gives: the driver derives request timeouts from it.
          clock: {
            now: () => manual.now() + rewound,
            sleep: async (ms: number) => manual.advance(Math.ceil(ms)),
          },
        }
      : {}),
    async prepare() {
      const before = manual?.now();
      await control.reset();
      if (manual && before !== undefined) rewound += before - manual.now();
      for (const f of standing) await control.addFault(f);
    },
    checkTimeoutMs: 30_000,
    close,
    [Symbol.asyncDispose]: close,
  };
}
