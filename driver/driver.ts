// The driver as a process uses it: one transport (agents per TLS setting), one lock and request
// gate per BMC address, one cache of what each address speaks, shared by both interfaces.

import type { Dispatcher } from 'undici';

import { type DriverClock, systemClock } from './clock.ts';
import { lastSegment } from './dialects/redfish-session.ts';
import { parseAddress } from './driver-info.ts';
import { OpenBMCHardware } from './hardware-type.ts';
import { KeptSessions } from './kept-sessions.ts';
import { KeyedLock } from './keyed-lock.ts';
import { type DriverLogger, silentLogger } from './logger.ts';
import { OpenBMCManagement } from './management.ts';
import { NoopManagement } from './noop-management.ts';
import type { DriverCore } from './operation.ts';
import { OpenBMCPower } from './power.ts';
import { RequestGate } from './request-gate.ts';
import { type DriverRuntime, endKeptSession } from './session.ts';
import { Transport } from './transport.ts';

export interface DriverOptions {
  logger?: DriverLogger;
  /** Injected time for waits, backoff and rate limits (tests). */
  clock?: DriverClock;
  /** Send every request through this undici dispatcher instead of the driver's agents (tests). */
  dispatcher?: Dispatcher;
}

export class OpenBMCDriver {
  readonly hardware = new OpenBMCHardware();
  readonly power: OpenBMCPower;
  readonly management: OpenBMCManagement;
  readonly noopManagement = new NoopManagement();
  readonly #core: DriverCore;

  constructor(options: DriverOptions = {}) {
    const clock = options.clock ?? systemClock;
    const rt: DriverRuntime = {
      transport: new Transport(options.dispatcher),
      clock,
      logger: options.logger ?? silentLogger,
      gate: new RequestGate(clock),
      facts: new Map(),
      kept: new KeptSessions(),
    };
    this.#core = { rt, lock: new KeyedLock() };
    this.power = new OpenBMCPower(this.#core);
    this.management = new OpenBMCManagement(this.#core);
  }

  /** What the driver detected about an address: its API, dialect and boot layout (once known). */
  detected(address: string): DetectedFacts {
    const origin = parseAddress(address);
    const facts = this.#core.rt.facts.get(origin);
    const root = facts?.redfishRoot;
    return {
      address: origin,
      ...(root ? { api: 'redfish' as const } : facts?.dialect ? { api: 'rest' as const } : {}),
      ...(root?.version ? { redfishVersion: root.version } : {}),
      ...(root && facts?.redfishSystem ? { systemId: lastSegment(facts.redfishSystem) } : {}),
      ...(facts?.dialect ? { dialect: facts.dialect.name } : {}),
      ...(facts?.bootLayout ? { bootLayout: facts.bootLayout } : {}),
    };
  }

  /** Forget what was detected about an address (after a firmware update, say). */
  forget(address: string): void {
    this.#core.rt.facts.delete(parseAddress(address));
  }

  /** Logs out kept sessions (openbmc_session_reuse) and closes connections. */
  async close(): Promise<void> {
    const rt = this.#core.rt;
    await Promise.allSettled(rt.kept.takeAll().map((k) => endKeptSession(rt, k)));
    await rt.transport.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

export interface DetectedFacts {
  address: string;
  /** redfish, or rest (D-Bus REST, in `dialect`). */
  api?: 'redfish' | 'rest';
  redfishVersion?: string;
  systemId?: string;
  dialect?: string;
  bootLayout?: string;
}

export function createOpenBMCDriver(options: DriverOptions = {}): OpenBMCDriver {
  return new OpenBMCDriver(options);
}
