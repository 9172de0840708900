// A minimum gap between two requests to the same BMC (ironic-contract.md pain point 9).

import type { DriverClock } from './clock.ts';

export class RequestGate {
  readonly #next = new Map<string, number>();
  readonly #clock: DriverClock;

  constructor(clock: DriverClock) {
    this.#clock = clock;
  }

  /** Waits until `address` may be sent another request, and books the slot. */
  async pass(address: string, intervalMs: number): Promise<void> {
    const now = this.#clock.now();
    const at = Math.max(now, this.#next.get(address) ?? 0);
    this.#next.set(address, at + intervalMs);
    if (at > now) await this.#clock.sleep(at - now);
  }
}
