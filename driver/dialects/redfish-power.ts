// Power over Redfish (redfish.md 1.3, 2.1, 2.2): POST {"ResetType"} to the System's
// Actions.#ComputerSystem.Reset target, each type checked first against what the BMC lists,
// inline (ResetType@Redfish.AllowableValues, bmcweb before 2020-07) or in the ActionInfo (since;
// sushy never reads it, so it sends types the BMC does not have). PowerState reads as Ironic
// reads it (PoweringOn is on), but only On and Off are settled: a wait goes on through
// PoweringOn/PoweringOff, and a host that stopped after an error (Status.State Quiesced) ends it.

import { POWER_TARGETS, PowerState, type PowerStateValue, type PowerTarget } from '../constants.ts';
import { OpenBMCProtocolError, UnsupportedDriverExtension } from '../errors.ts';
import type { PowerAction, PowerPhase, PowerReading } from './power.ts';
import type { RedfishResource, RedfishSession } from './redfish-session.ts';

/** The ResetType each driver action sends (Ironic's redfish power.py map). */
export const RESET_TYPE: Record<PowerAction, string> = {
  on: 'On',
  'hard-off': 'ForceOff',
  'soft-off': 'GracefulShutdown',
  'soft-reboot': 'GracefulRestart',
};

const POWER_STATE: Record<string, { state: PowerStateValue; phase: PowerPhase }> = {
  On: { state: PowerState.on, phase: 'settled' },
  Off: { state: PowerState.off, phase: 'settled' },
  PoweringOn: { state: PowerState.on, phase: 'moving' },
  PoweringOff: { state: PowerState.off, phase: 'moving' },
};

/** A System's power as the driver reads it. */
export function systemPower(system: Record<string, unknown>): PowerReading {
  const ps = system.PowerState;
  if (typeof ps !== 'string') {
    throw new OpenBMCProtocolError(
      `unexpected answer while reading the power state: PowerState is ${JSON.stringify(ps)?.slice(0, 40) ?? 'missing'}, not a string`,
    );
  }
  const status = system.Status;
  const health =
    typeof status === 'object' && status !== null ? (status as Record<string, unknown>).State : undefined;
  // bmcweb renders PSM's Quiesced as On/Quiesced and DiagnosticMode as On/InTest (redfish.md 2.2).
  if (health === 'Quiesced')
    return { state: PowerState.error, phase: 'failed', detail: `PowerState ${ps}, Status.State Quiesced` };
  if (health === 'InTest')
    return { state: PowerState.error, phase: 'moving', detail: `PowerState ${ps}, Status.State InTest` };
  const known = POWER_STATE[ps];
  return known
    ? { ...known, detail: `PowerState ${ps}` }
    : { state: PowerState.error, phase: 'moving', detail: `PowerState ${ps.slice(0, 40)}` };
}

interface ResetAction {
  target: string;
  /** The types the BMC lists, or null where it lists none (all are then tried, as sushy does). */
  allowed: string[] | null;
}

/** The System's reset action and the types it lists, once per operation: the System as already
 * read gives the target, and the ActionInfo (bmcweb's is a fixed list) is read once. */
function resetAction(s: RedfishSession): Promise<ResetAction> {
  return s.once('reset action', async () => readResetAction(s, await s.knownSystem()));
}

async function readResetAction(s: RedfishSession, system: RedfishResource): Promise<ResetAction> {
  const actions = system.body.Actions;
  const reset =
    typeof actions === 'object' && actions !== null
      ? (actions as Record<string, unknown>)['#ComputerSystem.Reset']
      : undefined;
  const r = typeof reset === 'object' && reset !== null ? (reset as Record<string, unknown>) : {};
  if (typeof r.target !== 'string') {
    throw new OpenBMCProtocolError(`the System ${system.path} has no Actions.#ComputerSystem.Reset target`, {
      context: { ...s.context, step: 'find the reset action' },
    });
  }
  const inline = r['ResetType@Redfish.AllowableValues'];
  if (Array.isArray(inline)) return { target: r.target, allowed: strings(inline) };
  const info = r['@Redfish.ActionInfo'];
  if (typeof info !== 'string') return { target: r.target, allowed: null };
  const ai = await s.get(info, 'read the reset ActionInfo');
  const params = Array.isArray(ai.body.Parameters) ? ai.body.Parameters : [];
  const p = params.find(
    (x): x is Record<string, unknown> => typeof x === 'object' && x !== null && x.Name === 'ResetType',
  );
  return { target: r.target, allowed: Array.isArray(p?.AllowableValues) ? strings(p.AllowableValues) : null };
}

const strings = (v: unknown[]) => v.filter((x): x is string => typeof x === 'string');

/** The power operations over one Redfish session. */
export function redfishPower(s: RedfishSession) {
  return {
    async read(): Promise<PowerReading> {
      return systemPower((await s.system('read power state')).body);
    },

    /** bmcweb renders the System's PowerState from CurrentHostState, which PSM sets Off before the
     * chassis power is down; the Chassis resource's PowerState is the chassis power itself
     * (chassis.hpp). A chassis still On is a wait that goes on, as on D-Bus REST. One more read,
     * only at a settled "off". bmcweb leaves PowerState out while the chassis is between states
     * (getChassisState maps only On and Off), so a missing one is still moving too. */
    async confirmOff(host: PowerReading): Promise<PowerReading> {
      const path = await s.chassisOfSystem();
      if (!path) return host;
      const ps = (await s.get(path, 'read chassis power state')).body.PowerState;
      if (ps === 'Off') return host;
      return {
        ...host,
        phase: 'moving',
        detail: `${host.detail}, Chassis PowerState ${ps === undefined ? 'absent' : String(ps).slice(0, 40)}`,
      };
    },

    async request(action: PowerAction): Promise<void> {
      const reset = await resetAction(s);
      const type = RESET_TYPE[action];
      if (reset.allowed && !reset.allowed.includes(type)) {
        throw new UnsupportedDriverExtension(
          `this BMC does not offer ResetType ${type} (it offers: ${reset.allowed.join(', ') || 'none'})`,
          { context: { ...s.context, step: `request ${type}` } },
        );
      }
      await s.post(reset.target, { ResetType: type }, `request ${type}`);
    },

    async supported(): Promise<PowerTarget[]> {
      const reset = await resetAction(s);
      if (!reset.allowed) return [...POWER_TARGETS];
      const has = (t: string) => reset.allowed?.includes(t) === true;
      const offered: Record<PowerTarget, boolean> = {
        [PowerState.on]: has('On'),
        [PowerState.off]: has('ForceOff'),
        // Hard reboot is ForceOff, wait, On (Ironic's reboot since 2020).
        [PowerState.reboot]: has('On') && has('ForceOff'),
        [PowerState.softReboot]: has('GracefulRestart'),
        [PowerState.softPowerOff]: has('GracefulShutdown'),
      };
      return POWER_TARGETS.filter((t) => offered[t]);
    },
  };
}

export type RedfishPower = ReturnType<typeof redfishPower>;
