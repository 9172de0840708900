// The BMC's own reboot (openbmc-rest.md 3.3): the write returns 200, CurrentBMCState goes NotReady,
// the REST listener disappears for a while, comes back NotReady, then Ready.

import { BmcState } from '../../protocol/index.ts';
import type { TimedStep } from './step-runner.ts';

export type BmcEvent =
  | { type: 'bmc-state'; to: string }
  | { type: 'listener'; up: boolean }
  | { type: 'rebooted' };

export interface BmcTimings {
  bmcReplyGraceMs: number;
  bmcDownMs: number;
  bmcNotReadyMs: number;
}

export function planBmcReboot(t: BmcTimings): TimedStep<BmcEvent>[] {
  const steps: TimedStep<BmcEvent>[] = [{ afterMs: 0, event: { type: 'bmc-state', to: BmcState.NotReady } }];
  // With no down time (instant timing) the listener is not dropped at all.
  if (t.bmcDownMs > 0) {
    steps.push({ afterMs: t.bmcReplyGraceMs, event: { type: 'listener', up: false } });
    steps.push({ afterMs: t.bmcDownMs, event: { type: 'rebooted' } });
    steps.push({ afterMs: 0, event: { type: 'listener', up: true } });
  } else {
    steps.push({ afterMs: 0, event: { type: 'rebooted' } });
  }
  steps.push({ afterMs: t.bmcNotReadyMs, event: { type: 'bmc-state', to: BmcState.Ready } });
  return steps;
}
