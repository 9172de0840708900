// Host and chassis power, as phosphor-state-manager moves them (openbmc-rest.md 3.1-3.4).
// Pure: a request becomes a list of timed steps (data); applying a step yields the next state
// and effects (data). machine-runner.ts carries steps out on the injected clock.

import {
  BootProgress,
  ChassisPowerState,
  ChassisTransition,
  HostState,
  HostTransition,
  OsStatus,
  RestartCause,
} from '../../protocol/index.ts';

export interface PowerState {
  host: string;
  chassis: string;
  bootProgress: string;
  osState: string;
  restartCause: string;
}

export type PowerEvent =
  | { type: 'chassis'; to: string }
  | { type: 'host'; to: string }
  | { type: 'host-off' }
  | { type: 'progress'; stage: string }
  | { type: 'os'; status: string };

/** `afterMs` counts from the previous step, so a plan reads as a timeline. */
export interface Step {
  afterMs: number;
  event: PowerEvent;
}

export type PowerEffect =
  | { kind: 'consume-one-time-boot' }
  | { kind: 'power-changed'; on: boolean }
  | { kind: 'progress-changed' };

export interface PowerRules {
  hostTransitional: boolean;
  chassisTransitional: boolean;
  bootStages: readonly string[];
  timings: {
    chassisOnMs: number;
    chassisOffMs: number;
    hostStartMs: number;
    softOffMs: number;
    softOffTimeoutMs: number;
    rebootDelayMs: number;
    powerCycleDelayMs: number;
    bootStageMs: number;
  };
}

/** Model faults that bend the plan (simulator/faults). */
export interface PowerFaults {
  /** Requests are stored but nothing moves. */
  stuck: boolean;
  /** Host start ends in Quiesced instead of Running. */
  powerOnFails: boolean;
  /** The host OS does not answer the soft-off request. */
  osIgnoresSoftOff?: boolean;
}

export const NO_POWER_FAULTS: PowerFaults = { stuck: false, powerOnFails: false };

export type PowerRequest = { target: 'host'; transition: string } | { target: 'chassis'; transition: string };

const isOn = (s: PowerState) =>
  s.chassis === ChassisPowerState.On || s.chassis === ChassisPowerState.TransitioningToOn;
const hostUp = (s: PowerState) => s.host === HostState.Running || s.host === HostState.TransitioningToRunning;

function chassisOnSteps(s: PowerState, r: PowerRules): Step[] {
  if (s.chassis === ChassisPowerState.On) return [];
  const steps: Step[] = [];
  if (r.chassisTransitional)
    steps.push({ afterMs: 0, event: { type: 'chassis', to: ChassisPowerState.TransitioningToOn } });
  steps.push({ afterMs: r.timings.chassisOnMs, event: { type: 'chassis', to: ChassisPowerState.On } });
  return steps;
}

function chassisOffSteps(r: PowerRules, hard: boolean): Step[] {
  const steps: Step[] = [];
  // A hard off cuts power: the host is Off at once (obmc-chassis-hard-poweroff stops host targets).
  if (hard) steps.push({ afterMs: 0, event: { type: 'host-off' } });
  if (r.chassisTransitional)
    steps.push({ afterMs: 0, event: { type: 'chassis', to: ChassisPowerState.TransitioningToOff } });
  steps.push({ afterMs: r.timings.chassisOffMs, event: { type: 'chassis', to: ChassisPowerState.Off } });
  return steps;
}

function hostStartSteps(s: PowerState, r: PowerRules, f: PowerFaults): Step[] {
  const steps: Step[] = [...chassisOnSteps(s, r)];
  if (r.hostTransitional)
    steps.push({ afterMs: 0, event: { type: 'host', to: HostState.TransitioningToRunning } });
  if (f.powerOnFails) {
    steps.push({ afterMs: r.timings.hostStartMs, event: { type: 'host', to: HostState.Quiesced } });
    return steps;
  }
  steps.push({ afterMs: r.timings.hostStartMs, event: { type: 'host', to: HostState.Running } });
  // Host firmware reports progress after PSM's Running; the last stage means the OS has started.
  for (const stage of r.bootStages)
    steps.push({ afterMs: r.timings.bootStageMs, event: { type: 'progress', stage } });
  // No reported stages means no host firmware talking to the BMC: the OS state stays as it is.
  if (r.bootStages.length > 0)
    steps.push({ afterMs: 0, event: { type: 'os', status: OsStatus.BootComplete } });
  return steps;
}

function softOffSteps(s: PowerState, r: PowerRules, f: PowerFaults): Step[] {
  const steps: Step[] = [];
  if (s.host !== HostState.Off) {
    if (r.hostTransitional)
      steps.push({ afterMs: 0, event: { type: 'host', to: HostState.TransitioningToOff } });
    if (f.osIgnoresSoftOff) {
      // No answer from the host: when the soft-off timer runs out, PSM powers the chassis off
      // hard (openbmc-rest.md 3.4, 3.5: "PSM forces off after the timeout").
      const [first, ...rest] = chassisOffSteps(r, true);
      return first
        ? [...steps, { ...first, afterMs: first.afterMs + r.timings.softOffTimeoutMs }, ...rest]
        : steps;
    }
    steps.push({ afterMs: r.timings.softOffMs, event: { type: 'host-off' } });
  }
  // obmc-host-shutdown ends with the chassis powered off.
  if (s.chassis !== ChassisPowerState.Off) steps.push(...chassisOffSteps(r, false));
  return steps;
}

function warmRebootSteps(s: PowerState, r: PowerRules, f: PowerFaults, graceful: boolean): Step[] {
  if (!hostUp(s) || !isOn(s)) return hostStartSteps(s, r, f);
  const steps: Step[] = [];
  if (r.hostTransitional)
    steps.push({ afterMs: 0, event: { type: 'host', to: HostState.TransitioningToOff } });
  // The chassis stays on; only the host restarts (obmc-host-warm-reboot / force-warm-reboot).
  steps.push({ afterMs: graceful ? r.timings.softOffMs : 0, event: { type: 'host-off' } });
  return [...steps, ...hostStartSteps({ ...s, host: HostState.Off }, r, f)];
}

/**
 * The steps a request starts from the current state. Repeating a request for the state the
 * machine is already in changes nothing (the systemd target is already active).
 */
export function planPowerRequest(
  s: PowerState,
  req: PowerRequest,
  r: PowerRules,
  f: PowerFaults = NO_POWER_FAULTS,
): Step[] {
  if (f.stuck) return [];
  if (req.target === 'host') {
    switch (req.transition) {
      case HostTransition.On:
        return s.host === HostState.Running && s.chassis === ChassisPowerState.On
          ? []
          : hostStartSteps(s, r, f);
      case HostTransition.Off:
        return softOffSteps(s, r, f);
      case HostTransition.Reboot: {
        // host-reboot: soft off, sleep 5 s, start again (a cold reboot: the chassis power cycles).
        if (s.host === HostState.Off && s.chassis === ChassisPowerState.Off) return hostStartSteps(s, r, f);
        const off = softOffSteps(s, r, f);
        const offState: PowerState = { ...s, host: HostState.Off, chassis: ChassisPowerState.Off };
        const [first, ...rest] = hostStartSteps(offState, r, f);
        return first
          ? [...off, { ...first, afterMs: first.afterMs + r.timings.rebootDelayMs }, ...rest]
          : off;
      }
      case HostTransition.GracefulWarmReboot:
        return warmRebootSteps(s, r, f, true);
      case HostTransition.ForceWarmReboot:
        return warmRebootSteps(s, r, f, false);
      default:
        return [];
    }
  }
  switch (req.transition) {
    case ChassisTransition.Off:
      return s.chassis === ChassisPowerState.Off && s.host === HostState.Off ? [] : chassisOffSteps(r, true);
    case ChassisTransition.On:
      // Power only: the host stays Off (xCAT calls this "on (Chassis)").
      return chassisOnSteps(s, r);
    case ChassisTransition.PowerCycle: {
      const off = s.chassis === ChassisPowerState.Off ? [] : chassisOffSteps(r, true);
      const [first, ...rest] = chassisOnSteps({ ...s, chassis: ChassisPowerState.Off }, r);
      return first
        ? [...off, { ...first, afterMs: first.afterMs + r.timings.powerCycleDelayMs }, ...rest]
        : off;
    }
    default:
      return [];
  }
}

/** One step's effect on the state. */
export function applyPowerEvent(s: PowerState, e: PowerEvent): { next: PowerState; effects: PowerEffect[] } {
  switch (e.type) {
    case 'chassis': {
      const wasOn = s.chassis === ChassisPowerState.On;
      const next = { ...s, chassis: e.to };
      const effects: PowerEffect[] = [];
      if (e.to === ChassisPowerState.On && !wasOn) effects.push({ kind: 'power-changed', on: true });
      if (e.to === ChassisPowerState.Off && s.chassis !== ChassisPowerState.Off) {
        effects.push({ kind: 'power-changed', on: false });
        return { next: hostOff(next), effects };
      }
      return { next, effects };
    }
    case 'host': {
      if (e.to === HostState.Running) {
        // Entering Running is "the next boot": one-time boot overrides are consumed here.
        return {
          next: { ...s, host: e.to, restartCause: RestartCause.RemoteCommand },
          effects: [{ kind: 'consume-one-time-boot' }],
        };
      }
      return { next: { ...s, host: e.to }, effects: [] };
    }
    case 'host-off':
      return { next: hostOff(s), effects: [{ kind: 'progress-changed' }] };
    case 'progress':
      return { next: { ...s, bootProgress: e.stage }, effects: [{ kind: 'progress-changed' }] };
    case 'os':
      return { next: { ...s, osState: e.status }, effects: [] };
  }
}

/** PSM resets BootProgress and OperatingSystemState when the host reaches Off (host_state_manager.cpp). */
function hostOff(s: PowerState): PowerState {
  return {
    ...s,
    host: HostState.Off,
    bootProgress: s.bootProgress === '' ? '' : BootProgress.Unspecified,
    osState: s.osState === '' ? '' : OsStatus.Inactive,
  };
}
