// One state, two views: the Redfish <-> D-Bus mapping of redfish.md 2.2 as data. Every Redfish
// write becomes the D-Bus property writes listed here (run through the same model commands as a
// D-Bus REST PUT), and every Redfish read is computed from the D-Bus objects, so the two faces
// cannot disagree. Pure: no express, no model mutation.
// Sources: openbmc/bmcweb redfish-core/lib/systems.hpp at dd118a2e (2019), 638e239e (2021),
// 9dae4dee (2024): getHostState, dbusToRfBootSource, assignBootParameters / rfToDbusBootSource,
// setBootModeOrSource, setBootEnable, setBootType, the ComputerSystem.Reset handler.

import {
  BootMode,
  BootSource,
  BootType,
  ChassisPowerState,
  ChassisTransition,
  HostState,
  HostTransition,
  ObjectPath,
  type ResetType,
} from '../../../protocol/index.ts';
import type { RedfishRules } from '../../profiles/redfish-eras.ts';

/** What a ResetType does on D-Bus. */
export type ResetWrite =
  | { kind: 'host'; transition: string }
  | { kind: 'chassis'; transition: string }
  | { kind: 'nmi' };

const host = (transition: string): ResetWrite => ({ kind: 'host', transition });
const chassis = (transition: string): ResetWrite => ({ kind: 'chassis', transition });

/**
 * ComputerSystem.Reset by mapping generation. 2019 (dd118a2e): ForceRestart wrote chassis
 * `Transition.Reset`, a value phosphor-state-manager does not define (only x86-power-control
 * knew it), so the write fails; GracefulRestart was host Reboot, PowerCycle chassis PowerCycle.
 * 2020+ (`86a0851afa`): the warm reboots and PowerCycle = host Reboot.
 */
export const RESET_WRITES: Record<RedfishRules['resetMapping'], Partial<Record<ResetType, ResetWrite>>> = {
  '2019': {
    On: host(HostTransition.On),
    ForceOn: host(HostTransition.On),
    ForceOff: chassis(ChassisTransition.Off),
    ForceRestart: chassis('xyz.openbmc_project.State.Chassis.Transition.Reset'),
    GracefulShutdown: host(HostTransition.Off),
    GracefulRestart: host(HostTransition.Reboot),
    PowerCycle: chassis(ChassisTransition.PowerCycle),
    Nmi: { kind: 'nmi' },
  },
  '2020': {
    On: host(HostTransition.On),
    ForceOn: host(HostTransition.On),
    ForceOff: chassis(ChassisTransition.Off),
    ForceRestart: host(HostTransition.ForceWarmReboot),
    GracefulShutdown: host(HostTransition.Off),
    GracefulRestart: host(HostTransition.GracefulWarmReboot),
    PowerCycle: host(HostTransition.Reboot),
    Nmi: { kind: 'nmi' },
  },
};

/** The inline list of 2019 and the ActionInfo default list (systems.hpp), in bmcweb's order. */
export const DEFAULT_RESET_TYPES: readonly ResetType[] = [
  'On',
  'ForceOff',
  'ForceOn',
  'ForceRestart',
  'GracefulRestart',
  'GracefulShutdown',
  'PowerCycle',
  'Nmi',
];

/**
 * ResetActionInfo from host AllowedHostTransitions (2024, afterGetAllowedHostTransitions):
 * ForceOff, PowerCycle and Nmi always, then each allowed transition's types.
 */
export function resetTypesFromTransitions(allowed: readonly string[] | undefined): ResetType[] {
  const out: ResetType[] = ['ForceOff', 'PowerCycle', 'Nmi'];
  if (allowed === undefined)
    return [...out, 'On', 'ForceOn', 'ForceRestart', 'GracefulRestart', 'GracefulShutdown'];
  for (const t of allowed) {
    if (t === HostTransition.On) out.push('On', 'ForceOn');
    else if (t === HostTransition.Off) out.push('GracefulShutdown');
    else if (t === HostTransition.GracefulWarmReboot) out.push('GracefulRestart');
    else if (t === HostTransition.ForceWarmReboot) out.push('ForceRestart');
  }
  return out;
}

/** System `PowerState` and `Status.State` from host0 CurrentHostState (getHostState). */
export function systemPower(rules: RedfishRules, hostState: string): { PowerState: string; State: string } {
  if (rules.powerStates === 'on-off') {
    return hostState === HostState.Running
      ? { PowerState: 'On', State: 'Enabled' }
      : { PowerState: 'Off', State: 'Disabled' };
  }
  switch (hostState) {
    case HostState.Running:
      return { PowerState: 'On', State: 'Enabled' };
    case HostState.Quiesced:
      return { PowerState: 'On', State: 'Quiesced' };
    case HostState.DiagnosticMode:
      return { PowerState: 'On', State: 'InTest' };
    case HostState.TransitioningToRunning:
      return { PowerState: 'PoweringOn', State: rules.poweringOnState };
    case HostState.TransitioningToOff:
      return { PowerState: 'PoweringOff', State: 'Disabled' };
    default:
      return { PowerState: 'Off', State: 'Disabled' };
  }
}

/**
 * Chassis `PowerState` from chassis0 CurrentPowerState (chassis.hpp getChassisState): On and Off
 * only, a transitional state shows no PowerState, until c583f90000 (2025-12-01) rendered
 * TransitioningToOff as PoweringOff/StandbyOffline and TransitioningToOn as PoweringOn/Starting.
 */
export function chassisPower(
  rules: RedfishRules,
  state: string,
): { PowerState: string; State: string } | undefined {
  if (state === ChassisPowerState.On) return { PowerState: 'On', State: 'Enabled' };
  if (state === ChassisPowerState.Off) return { PowerState: 'Off', State: 'StandbyOffline' };
  if (!rules.chassisTransitional) return undefined;
  if (state === ChassisPowerState.TransitioningToOff)
    return { PowerState: 'PoweringOff', State: 'StandbyOffline' };
  if (state === ChassisPowerState.TransitioningToOn) return { PowerState: 'PoweringOn', State: 'Starting' };
  return undefined;
}

/**
 * BootSourceOverrideTarget <-> BootSource + BootMode. A target names a source (mode Regular) or
 * a mode (source Default); None is Default + Regular. 2019 code wrote Usb as the non-PDI
 * `Sources.Removable` (so the settings daemon refuses it) and did not advertise Usb.
 */
export const BOOT_TARGETS: readonly { target: string; source: string; mode: string }[] = [
  { target: 'None', source: BootSource.Default, mode: BootMode.Regular },
  { target: 'Pxe', source: BootSource.Network, mode: BootMode.Regular },
  { target: 'Hdd', source: BootSource.Disk, mode: BootMode.Regular },
  { target: 'Cd', source: BootSource.ExternalMedia, mode: BootMode.Regular },
  { target: 'Diags', source: BootSource.Default, mode: BootMode.Safe },
  { target: 'BiosSetup', source: BootSource.Default, mode: BootMode.Setup },
  { target: 'Usb', source: BootSource.RemovableMedia, mode: BootMode.Regular },
];

const USB_2019 = 'xyz.openbmc_project.Control.Boot.Source.Sources.Removable';

/** The D-Bus source and mode a target writes, or undefined when the era does not know it. */
export function targetWrites(
  rules: RedfishRules,
  target: string,
): { source: string; mode: string } | undefined {
  const row = BOOT_TARGETS.find((t) => t.target === target);
  if (!row) return undefined;
  if (row.target === 'Usb' && rules.resetMapping === '2019') return { source: USB_2019, mode: row.mode };
  return { source: row.source, mode: row.mode };
}

/** The target a source/mode pair reads as: a mode other than Regular wins (getBootOverrideMode). */
export function targetOf(source: string, mode: string): string | undefined {
  if (mode !== BootMode.Regular)
    return BOOT_TARGETS.find((t) => t.mode === mode && t.source === BootSource.Default)?.target;
  return BOOT_TARGETS.find((t) => t.source === source && t.mode === BootMode.Regular)?.target;
}

/** Targets the era advertises in `BootSourceOverrideTarget@Redfish.AllowableValues`. */
export function allowableTargets(rules: RedfishRules): string[] {
  return BOOT_TARGETS.map((t) => t.target).filter((t) => t !== 'Usb' || rules.resetMapping !== '2019');
}

export const BOOT_MODES: readonly { mode: string; type: string }[] = [
  { mode: 'Legacy', type: BootType.Legacy },
  { mode: 'UEFI', type: BootType.EFI },
];

/** One D-Bus property write (the settings daemon's objects). */
export interface DbusWrite {
  path: string;
  property: string;
  value: string | boolean;
}

/** What the boot settings read as, per layout: the D-Bus values the view needs. */
export interface BootReadings {
  bootSource: string;
  bootMode: string;
  bootEnabled: boolean | undefined;
  oneTimeEnabled: boolean;
  oneTimeSource: string | undefined;
  oneTimeMode: string | undefined;
  bootType: string | undefined;
}

export interface RedfishBoot {
  BootSourceOverrideEnabled: string;
  BootSourceOverrideTarget: string | undefined;
  BootSourceOverrideMode: string | undefined;
}

/**
 * The Boot object's three override fields. L2 (2021+): target from /boot, Enabled from
 * boot.Enabled (false = Disabled) and one_time.Enabled (Once / Continuous), Mode from BootType.
 * L1 (2019): the object one_time.Enabled selects holds target; Enabled Once/Continuous, but
 * Disabled whenever the target reads None; Mode fixed Legacy.
 */
export function readBoot(rules: RedfishRules, layout: 'L1' | 'L2', r: BootReadings): RedfishBoot {
  if (layout === 'L1') {
    const source = r.oneTimeEnabled ? (r.oneTimeSource ?? '') : r.bootSource;
    const mode = r.oneTimeEnabled ? (r.oneTimeMode ?? '') : r.bootMode;
    const target = targetOf(source, mode);
    return {
      BootSourceOverrideEnabled: target === 'None' ? 'Disabled' : r.oneTimeEnabled ? 'Once' : 'Continuous',
      BootSourceOverrideTarget: target,
      BootSourceOverrideMode: rules.bootMode === 'fixed-legacy' ? 'Legacy' : modeOf(r.bootType),
    };
  }
  return {
    BootSourceOverrideEnabled: !r.bootEnabled ? 'Disabled' : r.oneTimeEnabled ? 'Once' : 'Continuous',
    BootSourceOverrideTarget: targetOf(r.bootSource, r.bootMode),
    BootSourceOverrideMode: rules.bootMode === 'fixed-legacy' ? 'Legacy' : modeOf(r.bootType),
  };
}

const modeOf = (type: string | undefined): string | undefined =>
  type === undefined ? undefined : BOOT_MODES.find((m) => m.type === type)?.mode;

/** A Boot PATCH, already checked against the era's enums. */
export interface BootPatch {
  target?: string;
  enabled?: 'Disabled' | 'Once' | 'Continuous';
  mode?: string;
}

/**
 * The D-Bus writes of a Boot PATCH, in bmcweb's order. L2: BootSource + BootMode on /boot,
 * BootType, then boot.Enabled and (when enabling) one_time.Enabled = !persistent. L1 (2019
 * setBootModeOrSource): source and mode go to the object the resulting one-time setting
 * selects; Disabled writes Default/Regular there; one_time.Enabled is always written.
 */
export function bootWrites(
  rules: RedfishRules,
  layout: 'L1' | 'L2',
  patch: BootPatch,
  oneTimeNow: boolean,
): DbusWrite[] {
  const writes: DbusWrite[] = [];
  const pair = patch.target === undefined ? undefined : targetWrites(rules, patch.target);
  if (layout === 'L1') {
    const oneTime = patch.enabled === undefined ? oneTimeNow : patch.enabled === 'Once';
    const object = oneTime ? ObjectPath.bootOneTime : ObjectPath.boot;
    const values =
      patch.enabled === 'Disabled' ? { source: BootSource.Default, mode: BootMode.Regular } : pair;
    if (values) {
      writes.push({ path: object, property: 'BootSource', value: values.source });
      writes.push({ path: object, property: 'BootMode', value: values.mode });
    }
    writes.push({ path: ObjectPath.bootOneTime, property: 'Enabled', value: oneTime });
    return writes;
  }
  if (pair) {
    writes.push({ path: ObjectPath.boot, property: 'BootSource', value: pair.source });
    writes.push({ path: ObjectPath.boot, property: 'BootMode', value: pair.mode });
  }
  const type = patch.mode === undefined ? undefined : BOOT_MODES.find((m) => m.mode === patch.mode)?.type;
  if (type) writes.push({ path: ObjectPath.boot, property: 'BootType', value: type });
  if (patch.enabled !== undefined) {
    const on = patch.enabled !== 'Disabled';
    writes.push({ path: ObjectPath.boot, property: 'Enabled', value: on });
    if (on)
      writes.push({ path: ObjectPath.bootOneTime, property: 'Enabled', value: patch.enabled === 'Once' });
  }
  return writes;
}
