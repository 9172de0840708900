// The active faults of one BMC and how many uses each has left.

import { RedfishPath, RestRoute } from '../../protocol/index.ts';
import type { FaultHooks, ModelFaultKind } from '../model/model-profile.ts';
import {
  describeFault,
  type FaultSpec,
  isTransportFault,
  pathMatches,
  type TransportFault,
} from './definitions.ts';

/** Where a client logs in: D-Bus REST's /login and Redfish's session collection (bmcweb takes it
 * with or without the trailing slash). */
const LOGIN_PATHS = new Set<string>([RestRoute.login, RedfishPath.sessions]);

interface ActiveFault {
  spec: FaultSpec;
  remaining: number | undefined;
}

export class FaultPlan implements FaultHooks {
  #active: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    this.#active.push({ spec, remaining: 'times' in spec ? spec.times : undefined });
  }

  clear(): void {
    this.#active = [];
  }

  /** No fault at all: lets every request skip fault matching (the common case). */
  get idle(): boolean {
    return this.#active.length === 0;
  }

  /** A model fault of this kind applies now (one use is counted). */
  take(kind: ModelFaultKind | 'etag-ignored'): boolean {
    const fault = this.#active.find((f) => f.spec.kind === kind);
    if (!fault) return false;
    this.#use(fault);
    return true;
  }

  /** The transport faults that apply to this request, in the order they were added (uses counted). */
  forRequest(method: string, path: string): TransportFault[] {
    const out: TransportFault[] = [];
    for (const fault of [...this.#active]) {
      const t = fault.spec;
      if (!isTransportFault(t)) continue;
      if (t.kind === 'slow-login') {
        if (method !== 'POST' || !LOGIN_PATHS.has(path.replace(/(.)\/$/, '$1'))) continue;
      } else {
        if (t.method !== undefined && t.method.toUpperCase() !== method) continue;
        if (!pathMatches(t.path, path)) continue;
      }
      out.push(t);
      this.#use(fault);
    }
    return out;
  }

  describe(): string[] {
    return this.#active.map((f) => describeFault(f.spec, f.remaining));
  }

  specs(): FaultSpec[] {
    return this.#active.map((f) => f.spec);
  }

  #use(fault: ActiveFault): void {
    if (fault.remaining === undefined) return;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#active = this.#active.filter((f) => f !== fault);
  }
}
