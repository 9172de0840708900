// How each object model spells power: the /xyz state objects (openbmc-rest.md 3.1-3.4, 0) and
// the skeleton-era chassis0 methods (section 5). Every firmware state is mapped explicitly;
// an unknown one is ERROR, never a guess (ironic-contract.md pain point 11).

import {
  ChassisPowerState,
  ChassisTransition,
  HostState,
  HostTransition,
  LegacyPath,
  ObjectPath,
} from '../../protocol/index.ts';
import { POWER_TARGETS, PowerState, type PowerStateValue, type PowerTarget } from '../constants.ts';
import { isNotFound, OpenBMCProtocolError } from '../errors.ts';
import type { RestClient } from './rest-client.ts';

/** What the firmware is asked to do; a hard reboot is built from these by the power interface. */
export type PowerAction = 'on' | 'hard-off' | 'soft-off' | 'soft-reboot';

/**
 * Where the reading stands: `settled` (the firmware finished its transition), `moving` (a
 * transition is under way, or a state the driver cannot call final), `failed` (the host stopped
 * after an error and stays there until asked again: a wait for any target ends).
 */
export type PowerPhase = 'settled' | 'moving' | 'failed';

export interface PowerReading {
  state: PowerStateValue;
  phase: PowerPhase;
  /** The firmware's own words, for logs and error messages. */
  detail: string;
}

export interface PowerDialect {
  /** One request: the periodic power sync must stay cheap. */
  read(client: RestClient): Promise<PowerReading>;
  /** A host reading of settled "off", confirmed with the chassis power where the firmware has it:
   * PSM writes host Off before the chassis power is down (openbmc-rest.md 3.4). */
  confirmOff(client: RestClient, host: PowerReading): Promise<PowerReading>;
  request(client: RestClient, action: PowerAction): Promise<void>;
  supported(client: RestClient): Promise<PowerTarget[]>;
}

/** Ironic's reading of CurrentHostState (must-haves: Running/TransitioningToRunning on, Off/TransitioningToOff off). */
const HOST_STATE_MAP: Record<string, PowerStateValue> = {
  [HostState.Running]: PowerState.on,
  [HostState.TransitioningToRunning]: PowerState.on,
  [HostState.Off]: PowerState.off,
  [HostState.TransitioningToOff]: PowerState.off,
  // Quiesced: the host stopped after an error; DiagnosticMode: a debug stop. Neither is on or off.
  [HostState.Quiesced]: PowerState.error,
  [HostState.DiagnosticMode]: PowerState.error,
  // Standby is a hypervisor-only state PSM never sets; its power meaning is not defined.
  [HostState.Standby]: PowerState.error,
};

const malformed = (what: string, v: unknown) =>
  new OpenBMCProtocolError(
    `unexpected answer while reading the power state: ${what} is ${JSON.stringify(v)?.slice(0, 40) ?? 'missing'}, not ${what === 'getPowerState' ? 'a number' : 'a string'}`,
  );

export function hostPowerState(host: unknown): PowerStateValue {
  return typeof host === 'string' ? (HOST_STATE_MAP[host] ?? PowerState.error) : PowerState.error;
}

/** PSM's host state machine (openbmc-rest.md 3.4): Running and Off are where transitions end;
 * Quiesced is where a failed boot stops (it leaves only on a new request or an automatic reboot).
 * DiagnosticMode leaves on its own; Standby (hypervisor only) and unknown values are not called
 * final either way, so a wait runs on to its timeout. */
export function hostPhase(host: string): PowerPhase {
  if (host === HostState.Running || host === HostState.Off) return 'settled';
  if (host === HostState.Quiesced) return 'failed';
  return 'moving';
}

/** AllowedHostTransitions (2024-01+); firmware without it allows every transition (openbmc-rest.md 3.1). */
async function allowedHostTransitions(client: RestClient): Promise<string[]> {
  try {
    const v = await client.getAttr(
      ObjectPath.host,
      'AllowedHostTransitions',
      'read allowed host transitions',
    );
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}

export const xyzPower: PowerDialect = {
  async read(client) {
    const host = await client.getAttr(ObjectPath.host, 'CurrentHostState', 'read power state');
    // An enum string this driver does not know is ERROR; a value that is no string at all is a
    // malformed answer (found by the garbage fault: a number read as "error" without a word).
    if (typeof host !== 'string') throw malformed('CurrentHostState', host);
    return { state: hostPowerState(host), phase: hostPhase(host), detail: `CurrentHostState ${short(host)}` };
  },
  async confirmOff(client, host) {
    const chassis = await client.getAttr(ObjectPath.chassis, 'CurrentPowerState', 'read chassis power state');
    if (chassis === ChassisPowerState.Off) return host;
    return { ...host, phase: 'moving', detail: `${host.detail}, CurrentPowerState ${short(chassis)}` };
  },
  async request(client, action) {
    switch (action) {
      case 'on':
        return client.putAttr(
          ObjectPath.host,
          'RequestedHostTransition',
          HostTransition.On,
          'request host On',
        );
      case 'soft-off':
        return client.putAttr(
          ObjectPath.host,
          'RequestedHostTransition',
          HostTransition.Off,
          'request host Off',
        );
      case 'hard-off':
        return client.putAttr(
          ObjectPath.chassis,
          'RequestedPowerTransition',
          ChassisTransition.Off,
          'request chassis Off',
        );
      case 'soft-reboot': {
        // The graceful warm reboot where the firmware says it has one; otherwise the host's
        // Reboot, which is a graceful shutdown followed by a power cycle (3.4).
        const warm = (await allowedHostTransitions(client)).includes(HostTransition.GracefulWarmReboot);
        const t = warm ? HostTransition.GracefulWarmReboot : HostTransition.Reboot;
        return client.putAttr(ObjectPath.host, 'RequestedHostTransition', t, `request host ${short(t)}`);
      }
    }
  },
  async supported(client) {
    const allowed = await allowedHostTransitions(client);
    if (allowed.length === 0) return [...POWER_TARGETS];
    const has = (t: string) => allowed.includes(t);
    const offered: Record<PowerTarget, boolean> = {
      [PowerState.on]: has(HostTransition.On),
      [PowerState.reboot]: has(HostTransition.On),
      // The chassis Off transition is not subject to AllowedHostTransitions.
      [PowerState.off]: true,
      [PowerState.softPowerOff]: has(HostTransition.Off),
      [PowerState.softReboot]: has(HostTransition.GracefulWarmReboot) || has(HostTransition.Reboot),
    };
    return POWER_TARGETS.filter((t) => offered[t]);
  },
};

const LEGACY_ACTION: Record<PowerAction, string> = {
  on: 'powerOn',
  'hard-off': 'powerOff',
  'soft-off': 'softPowerOff',
  'soft-reboot': 'softReboot',
};

export const legacyPower: PowerDialect = {
  async read(client) {
    const v = await client.call(LegacyPath.chassis, 'getPowerState', [], 'read power state', {
      readOnly: true,
    });
    // getPowerState returns int 0 (off) or 1 (on) (openbmc-rest.md 5).
    if (typeof v !== 'number') throw malformed('getPowerState', v);
    const state = v === 1 ? PowerState.on : v === 0 ? PowerState.off : PowerState.error;
    // The 2016 chassis answers pgood: 0 and 1 are final, any other value is not known to be.
    return {
      state,
      phase: v === 0 || v === 1 ? 'settled' : 'moving',
      detail: `getPowerState ${JSON.stringify(v)}`,
    };
  },
  // getPowerState is the chassis power itself.
  confirmOff: async (_client, host) => host,
  async request(client, action) {
    await client.call(
      LegacyPath.chassis,
      LEGACY_ACTION[action],
      [],
      `call chassis0 ${LEGACY_ACTION[action]}`,
    );
  },
  supported: async () => [...POWER_TARGETS],
};

/** The last segment of a dotted enum, for messages. */
export function short(v: unknown): string {
  if (typeof v !== 'string') return v === undefined ? 'missing' : JSON.stringify(v);
  return v.slice(v.lastIndexOf('.') + 1);
}
