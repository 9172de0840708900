// A client for a simulator's control API, over the same listener as the BMC it controls.
// Used by tests, the conformance kit's simulator targets, and anyone scripting a simulator.

import { Agent, request } from 'undici';
import type { RedfishSwitch, SimState } from '../protocol/index.ts';
import type { FaultSpec } from './faults/definitions.ts';

export class SimControlError extends Error {
  override name = 'SimControlError';
}

export class SimControl {
  readonly baseUrl: string;
  readonly #agent: Agent;

  constructor(baseUrl: string, options: { ca?: string } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.#agent = new Agent({ connect: options.ca ? { ca: options.ca } : {}, allowH2: false });
  }

  state(): Promise<SimState> {
    return this.#call<SimState>('GET', '/_sim/state');
  }

  /** Moves a manual clock forward, firing every transition due on the way. */
  advance(ms: number): Promise<SimState> {
    return this.#call<SimState>('POST', '/_sim/clock/advance', { ms });
  }

  async addFault(spec: FaultSpec): Promise<string[]> {
    return (await this.#call<{ faults: string[] }>('POST', '/_sim/faults', spec)).faults;
  }

  async clearFaults(): Promise<void> {
    await this.#call('DELETE', '/_sim/faults');
  }

  /** Replaces the Redfish switches beyond bmcweb this BMC runs with (protocol/redfish.ts). */
  setRedfishSwitches(switches: readonly RedfishSwitch[]): Promise<SimState> {
    return this.#call<SimState>('POST', '/_sim/redfish', { switches });
  }

  reset(): Promise<SimState> {
    return this.#call<SimState>('POST', '/_sim/reset');
  }

  close(): Promise<void> {
    return this.#agent.close();
  }

  async #call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const res = await request(`${this.baseUrl}${path}`, {
      method,
      dispatcher: this.#agent,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) {
      let reason = text;
      try {
        reason = (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        // Not JSON: keep the text.
      }
      throw new SimControlError(`${method} ${path} answered ${res.statusCode}: ${reason}`);
    }
    return JSON.parse(text) as T;
  }
}
