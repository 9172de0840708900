// One interface for every kind of target (style.md 8.5, after mockttp's getLocal/getRemote):
// a spec that can be described before anything starts (the plan), and the opened target.

import type { DriverClock } from '../../driver/index.ts';
import type { SimControl } from '../../simulator/control-client.ts';
import type { Api } from '../check.ts';

export interface TargetSpec {
  name: string;
  kind: 'embedded' | 'remote';
  /** In words, for the plan: "embedded simulator, profile bmcweb-2021" or "https://10.0.0.5 as root". */
  describe: string;
  /** False: checks that change power or boot settings need --allow-power-changes. */
  simulated: boolean;
  /** The APIs it is checked through, one unit each (default: D-Bus REST only). */
  apis?: readonly Api[];
  /** APIs among `apis` its driver_info rules out, with the reason their unit's checks skip with (api-skips.ts). */
  apiSkips?: Partial<Record<Api, string>>;
  /** Every open() starts a machine of its own (an embedded simulator), so its API units may run
   * at once; otherwise they share one machine and run one after another. */
  machinePerOpen?: boolean;
  open(): Promise<Target>;
}

export interface Target extends AsyncDisposable {
  name: string;
  address: string;
  /** The node's driver_info (password included); never printed. */
  driverInfo: Record<string, unknown>;
  /** How plain HTTP reaches it (protocol checks). */
  tls: { ca?: string; insecure: boolean };
  /** Strings that must never reach a report: passwords, tokens. */
  secrets: string[];
  sim?: SimControl;
  /** A virtual clock (a simulator on its manual clock): the driver and the checks wait on it. */
  clock?: DriverClock;
  /** Before every check: a clean machine (simulator: reset, standing faults put back). */
  prepare?(): Promise<void>;
  /** A check that has not finished by then is stopped and reported as `error`. */
  checkTimeoutMs: number;
  close(): Promise<void>;
}
