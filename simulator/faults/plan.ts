// The active faults of one BMC and how many uses each has left.

import type { FaultHooks, ModelFaultKind } from '../model/model-profile.ts';
import { describeFault, type FaultSpec } from './definitions.ts';

interface ActiveFault {
  spec: FaultSpec;
  remaining: number | undefined;
}

export class FaultPlan implements FaultHooks {
  #active: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    this.#active.push({ spec, remaining: spec.times });
  }

  clear(): void {
    this.#active = [];
  }

  take(kind: ModelFaultKind): boolean {
    const fault = this.#active.find((f) => f.spec.kind === kind);
    if (!fault) return false;
    if (fault.remaining !== undefined) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.#active = this.#active.filter((f) => f !== fault);
    }
    return true;
  }

  describe(): string[] {
    return this.#active.map((f) => describeFault(f.spec, f.remaining));
  }
}
