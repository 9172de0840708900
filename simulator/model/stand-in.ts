// A stand-in object tree: what a recording's D-Bus side held, so the simulator can replay a golden
// transcript recorded against it (fixtures/trees/). It replaces the profile's generated tree and
// may bend the profile's state rules and timings the way the stand-in behaved.

import type { ModelProfile, ModelTimings } from './model-profile.ts';
import type { DbusObject } from './object-tree.ts';

export interface StandIn {
  name: string;
  description: string;
  /** Every object, in the order the mapper listed them. */
  objects: () => DbusObject[];
  state?: Partial<ModelProfile['state']>;
  /** Absolute durations (not scaled by --timing). */
  timings?: Partial<ModelTimings>;
  /** The stand-in answered RequestedBMCTransition writes but rebooted nothing. */
  bmcRebootIgnored?: boolean;
  /** Where a manual clock starts (ms since the epoch). */
  clockStart?: number;
}
