// Systems and Systems/system (bmcweb redfish-core/lib/systems.hpp): PowerState and Boot are read
// from the D-Bus objects and written as D-Bus property writes through the model, by the mapping
// table of dbus-mapping.ts; ComputerSystem.Reset is a Requested*Transition write or the NMI call.

import type { JsonValue, ResetType } from '../../../protocol/index.ts';
import { BootOverrideEnabled, ObjectPath, PowerRestorePolicy, RedfishPath } from '../../../protocol/index.ts';
import type { RedfishRules } from '../../profiles/redfish-eras.ts';
import {
  actionDone,
  asString,
  fail,
  noContent,
  odataContext,
  ok,
  oneMemberCollection,
  type RedfishContext,
  type RedfishReply,
  resetActionInfo,
  successBody,
} from './context.ts';
import {
  allowableTargets,
  BOOT_MODES,
  type BootPatch,
  bootWrites,
  type DbusWrite,
  DEFAULT_RESET_TYPES,
  RESET_WRITES,
  readBoot,
  resetTypesFromTransitions,
  systemPower,
  targetWrites,
} from './dbus-mapping.ts';
import {
  INDICATOR_LED_VALUES,
  indicatorLedWarning,
  indicatorLedWrites,
  locationIndicatorWrites,
  readIndicatorLed,
  readLocationIndicator,
} from './indicator-led.ts';
import type { Problem } from './messages.ts';
import { readBody, readFields, readResetType, valueArg } from './request-body.ts';
import { setFailure } from './set-failure.ts';

export const getSystems = oneMemberCollection(
  RedfishPath.systems,
  'ComputerSystemCollection',
  'Computer System Collection',
  RedfishPath.system,
);

/** Unknown system names: ResourceNotFound where the route takes a name (2022+), else the router's empty 404. */
export function unknownResource(ctx: RedfishContext, type: string, name: string): RedfishReply {
  if (ctx.rules.unknownRoute === 'empty') return { status: 404 };
  return fail(ctx.rules, [{ key: 'ResourceNotFound', args: [type, name] }]);
}

/** Seconds since the epoch as bmcweb's getDateTimeUint writes them. */
export const redfishDate = (ms: number): string =>
  `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}+00:00`;

const BOOT_PROGRESS: Record<string, string> = {
  Unspecified: 'None',
  PrimaryProcInit: 'PrimaryProcessorInitializationStarted',
  BusInit: 'BusInitializationStarted',
  MemoryInit: 'MemoryInitializationStarted',
  SecondaryProcInit: 'SecondaryProcessorInitializationStarted',
  PCIInit: 'PCIResourceConfigStarted',
  SystemInitComplete: 'SystemHardwareInitializationComplete',
  OSStart: 'OSBootStarted',
  OSRunning: 'OSRunning',
};

const RESTORE_POLICIES: readonly { redfish: string; dbus: string }[] = [
  { redfish: 'AlwaysOn', dbus: PowerRestorePolicy.AlwaysOn },
  { redfish: 'AlwaysOff', dbus: PowerRestorePolicy.AlwaysOff },
  { redfish: 'LastState', dbus: PowerRestorePolicy.Restore },
];

const bootLayout = (ctx: RedfishContext): 'L1' | 'L2' | undefined => {
  const layout = ctx.profile.boot.layout;
  return layout === 'L1' || layout === 'L2' ? layout : undefined;
};

function bootObject(ctx: RedfishContext): Record<string, JsonValue> | undefined {
  const { rules, bmc, profile, switches } = ctx;
  const layout = bootLayout(ctx);
  if (!layout) return undefined;
  const t = bmc.tree;
  const read = readBoot(rules, layout, {
    bootSource: asString(t.get(ObjectPath.boot, 'BootSource')),
    bootMode: asString(t.get(ObjectPath.boot, 'BootMode')),
    bootEnabled: t.get(ObjectPath.boot, 'Enabled') === true,
    oneTimeEnabled: t.get(ObjectPath.bootOneTime, 'Enabled') === true,
    oneTimeSource: asString(t.get(ObjectPath.bootOneTime, 'BootSource')),
    oneTimeMode: asString(t.get(ObjectPath.bootOneTime, 'BootMode')),
    bootType: profile.boot.hasBootType ? asString(t.get(ObjectPath.boot, 'BootType')) : undefined,
  });
  const boot: Record<string, JsonValue> = {
    BootSourceOverrideEnabled: read.BootSourceOverrideEnabled,
    'BootSourceOverrideTarget@Redfish.AllowableValues': allowableTargets(rules),
  };
  if (read.BootSourceOverrideTarget !== undefined)
    boot.BootSourceOverrideTarget = read.BootSourceOverrideTarget;
  if (read.BootSourceOverrideMode !== undefined) {
    boot.BootSourceOverrideMode = read.BootSourceOverrideMode;
    if (rules.bootMode === 'boot-type')
      boot['BootSourceOverrideMode@Redfish.AllowableValues'] = ['Legacy', 'UEFI'];
  }
  if (switches.has('allowable-enabled')) {
    boot['BootSourceOverrideEnabled@Redfish.AllowableValues'] = BootOverrideEnabled.filter(
      (v) => v !== 'Continuous' || !switches.has('no-continuous'),
    );
  }
  return boot;
}

function resetAction(ctx: RedfishContext): Record<string, JsonValue> {
  const action: Record<string, JsonValue> = { target: RedfishPath.systemReset };
  if (ctx.rules.resetList === 'inline')
    action['ResetType@Redfish.AllowableValues'] = [...DEFAULT_RESET_TYPES];
  else action['@Redfish.ActionInfo'] = RedfishPath.systemResetInfo;
  return { '#ComputerSystem.Reset': action };
}

export function getSystem(ctx: RedfishContext): RedfishReply {
  const { rules, bmc } = ctx;
  if (ctx.params.system !== 'system') return unknownResource(ctx, 'ComputerSystem', ctx.params.system ?? '');
  const t = bmc.tree;
  const power = systemPower(rules, asString(t.get(ObjectPath.host, 'CurrentHostState')));
  const asset = (name: string) => asString(t.get(ObjectPath.inventorySystem, name));
  const modern = !rules.odataContext;
  const body: Record<string, JsonValue> = {
    '@odata.id': RedfishPath.system,
    '@odata.type': rules.types.computerSystem,
    ...odataContext(rules, 'ComputerSystem.ComputerSystem'),
    Actions: resetAction(ctx),
    AssetTag: asset('AssetTag'),
    Description: 'Computer System',
    Id: 'system',
    Links: {
      Chassis: [{ '@odata.id': RedfishPath.chassis }],
      ManagedBy: [{ '@odata.id': RedfishPath.manager }],
    },
    LogServices: { '@odata.id': `${RedfishPath.system}/LogServices` },
    Manufacturer: asset('Manufacturer'),
    Memory: { '@odata.id': `${RedfishPath.system}/Memory` },
    MemorySummary: { Status: { State: 'Disabled' }, TotalSystemMemoryGiB: 0 },
    Model: asset('Model'),
    Name: modern ? 'system' : 'Computer System',
    PartNumber: asset('PartNumber'),
    PowerState: power.PowerState,
    ProcessorSummary: { Count: 0, Status: { State: 'Disabled' } },
    Processors: { '@odata.id': `${RedfishPath.system}/Processors` },
    SerialNumber: asset('SerialNumber'),
    Status: { Health: 'OK', State: power.State },
    SystemType: 'Physical',
    UUID: asString(t.get(`${ObjectPath.inventorySystem}/chassis/motherboard`, 'UUID')),
  };
  const boot = bootObject(ctx);
  if (boot) body.Boot = boot;
  if (rules.indicatorLed) body.IndicatorLED = readIndicatorLed(ctx);
  if (modern) {
    body.Bios = { '@odata.id': `${RedfishPath.system}/Bios` };
    body.Storage = { '@odata.id': `${RedfishPath.system}/Storage` };
    body.LocationIndicatorActive = readLocationIndicator(ctx);
    const progress = asString(t.get(ObjectPath.host, 'BootProgress')).split('.').pop() ?? '';
    body.BootProgress = { LastState: BOOT_PROGRESS[progress] ?? 'None' };
    const changed = t.get(ObjectPath.chassis, 'LastStateChangeTime');
    if (typeof changed === 'number') body.LastResetTime = redfishDate(changed);
    const policy = asString(t.get(ObjectPath.powerRestorePolicy, 'PowerRestorePolicy'));
    body.PowerRestorePolicy = RESTORE_POLICIES.find((p) => p.dbus === policy)?.redfish ?? 'AlwaysOff';
    body.SerialConsole = {
      IPMI: { ServiceEnabled: true },
      MaxConcurrentSessions: 15,
      SSH: { HotKeySequenceDisplay: 'Press ~. to exit console', Port: 2200, ServiceEnabled: true },
    };
  }
  return ok(body);
}

/**
 * Applies D-Bus writes in order; the first refused one is answered as the era answers a failed
 * set of `property` (set-failure.ts: InternalError until 2024, by D-Bus error name since).
 */
function applyWrites(
  ctx: RedfishContext,
  writes: readonly DbusWrite[],
  redfish: (w: DbusWrite) => { property: string; value: JsonValue },
): Problem[] {
  for (const w of writes) {
    const r = ctx.bmc.setProperty(w.path, w.property, w.value, 'exact');
    if (!r.ok) {
      const { property, value } = redfish(w);
      return [setFailure(ctx.rules, r.error, property, value).problem];
    }
  }
  return [];
}

/** One Redfish property for every write. */
const as = (property: string, value: JsonValue) => (): { property: string; value: JsonValue } => ({
  property,
  value,
});

const ENABLED = new Set<string>(BootOverrideEnabled);

/** The Boot part of a PATCH: validation per setter (each reports on its own), then the writes. */
function patchBoot(ctx: RedfishContext, boot: Record<string, JsonValue>): Problem[] {
  const { rules, bmc, switches } = ctx;
  const layout = bootLayout(ctx);
  const spec =
    rules.bootMode === 'fixed-legacy'
      ? ({ BootSourceOverrideTarget: 'string', BootSourceOverrideEnabled: 'string' } as const)
      : ({
          BootSourceOverrideTarget: 'string',
          BootSourceOverrideEnabled: 'string',
          BootSourceOverrideMode: 'string',
        } as const);
  const { values, problems } = readFields(rules, boot, spec);
  if (problems.length > 0) return problems;
  if (switches.has('full-boot-required')) {
    const missing = Object.keys(spec).filter((k) => !(k in values));
    if (missing.length > 0 && missing.length < Object.keys(spec).length)
      return missing.map((k) => ({ key: 'PropertyMissing', args: [k], property: k }));
  }
  if (!layout) return [{ key: 'InternalError' }];
  const patch: BootPatch = {};
  const out: Problem[] = [];
  const target = values.BootSourceOverrideTarget;
  if (typeof target === 'string') {
    if (targetWrites(rules, target)) patch.target = target;
    else {
      // The typo is bmcweb's, in every era (systems.hpp).
      const bad: Problem = {
        key: 'PropertyValueNotInList',
        args: [valueArg(rules, target), 'BootSourceTargetOverride'],
        property: 'BootSourceTargetOverride',
      };
      out.push(bad);
      if (rules.badTargetReportedTwice) out.push(bad);
    }
  }
  const mode = values.BootSourceOverrideMode;
  if (typeof mode === 'string') {
    if (BOOT_MODES.some((m) => m.mode === mode)) patch.mode = mode;
    else
      out.push({
        key: 'PropertyValueNotInList',
        args: [valueArg(rules, mode), 'BootSourceOverrideMode'],
        property: 'BootSourceOverrideMode',
      });
  }
  const enabled = values.BootSourceOverrideEnabled;
  if (typeof enabled === 'string') {
    if (ENABLED.has(enabled) && !(enabled === 'Continuous' && switches.has('no-continuous')))
      patch.enabled = enabled as BootOverrideEnabled;
    else
      out.push({
        key: 'PropertyValueNotInList',
        args: [valueArg(rules, enabled), 'BootSourceOverrideEnabled'],
        property: 'BootSourceOverrideEnabled',
      });
  }
  // 2019 validated everything before writing; the 2021+ setters write what they validated.
  if (layout === 'L1' && out.length > 0) return out;
  if (patch.mode !== undefined && !ctx.profile.boot.hasBootType) out.push({ key: 'InternalError' });
  const oneTimeNow = bmc.tree.get(ObjectPath.bootOneTime, 'Enabled') === true;
  const { mode: _ignored, ...withoutMode } = patch;
  const writes = bootWrites(rules, layout, ctx.profile.boot.hasBootType ? patch : withoutMode, oneTimeNow);
  // setDbusProperty's names for the Boot setters (systems.hpp at 9dae4dee).
  const redfish = (w: DbusWrite) =>
    w.property === 'BootType'
      ? { property: 'Boot/BootSourceOverrideMode', value: patch.mode ?? null }
      : w.property === 'Enabled'
        ? { property: 'Boot/BootSourceOverrideEnabled', value: patch.enabled ?? null }
        : { property: 'Boot/BootSourceOverrideTarget', value: patch.target ?? null };
  return [...out, ...applyWrites(ctx, writes, redfish)];
}

export function patchSystem(ctx: RedfishContext): RedfishReply {
  const { rules } = ctx;
  if (ctx.params.system !== 'system') return unknownResource(ctx, 'ComputerSystem', ctx.params.system ?? '');
  const body = readBody(ctx, 'patch');
  if (Array.isArray(body)) return fail(rules, body);
  const modern = !rules.odataContext;
  const spec = {
    Boot: 'object',
    ...(rules.indicatorLed ? { IndicatorLED: 'string' } : {}),
    ...(modern
      ? { LocationIndicatorActive: 'boolean', AssetTag: 'string', PowerRestorePolicy: 'string' }
      : {}),
  } as const satisfies Record<string, 'object' | 'string' | 'boolean'>;
  const { values, problems } = readFields(
    rules,
    body,
    spec as Record<string, 'object' | 'string' | 'boolean'>,
  );
  if (problems.length > 0) return fail(rules, problems);
  const out: Problem[] = [];
  const v = values as Record<string, JsonValue | undefined>;
  if (typeof v.AssetTag === 'string')
    out.push(
      ...applyWrites(
        ctx,
        [{ path: ObjectPath.inventorySystem, property: 'AssetTag', value: v.AssetTag }],
        as('AssetTag', v.AssetTag),
      ),
    );
  const boot = v.Boot;
  if (boot && typeof boot === 'object' && !Array.isArray(boot)) out.push(...patchBoot(ctx, boot));
  if (typeof v.LocationIndicatorActive === 'boolean')
    out.push(
      ...applyWrites(
        ctx,
        locationIndicatorWrites(rules, v.LocationIndicatorActive),
        as('LocationIndicatorActive', v.LocationIndicatorActive),
      ),
    );
  let headers: Record<string, string> = {};
  if (typeof v.IndicatorLED === 'string') {
    const led = v.IndicatorLED;
    headers = indicatorLedWarning(rules);
    if ((INDICATOR_LED_VALUES as readonly string[]).includes(led))
      out.push(...applyWrites(ctx, indicatorLedWrites(rules, led), as('IndicatorLED', led)));
    else
      out.push({
        key: 'PropertyValueNotInList',
        args: [valueArg(rules, led), 'IndicatorLED'],
        property: 'IndicatorLED',
      });
  }
  if (typeof v.PowerRestorePolicy === 'string') {
    const policy = RESTORE_POLICIES.find((p) => p.redfish === v.PowerRestorePolicy);
    if (policy)
      out.push(
        ...applyWrites(
          ctx,
          [{ path: ObjectPath.powerRestorePolicy, property: 'PowerRestorePolicy', value: policy.dbus }],
          as('PowerRestorePolicy', policy.redfish),
        ),
      );
    else
      out.push({
        key: 'PropertyValueNotInList',
        args: [valueArg(rules, v.PowerRestorePolicy), 'PowerRestorePolicy'],
        property: 'PowerRestorePolicy',
      });
  }
  return out.length > 0 ? fail(rules, out, headers) : { ...noContent(), headers };
}

/** ComputerSystem.Reset: the era's D-Bus write for the type, or NMI(). */
export function resetSystem(ctx: RedfishContext): RedfishReply {
  const { rules, bmc } = ctx;
  if (ctx.params.system !== 'system') return unknownResource(ctx, 'ComputerSystem', ctx.params.system ?? '');
  const resetType = readResetType(ctx);
  if (typeof resetType !== 'string') return fail(rules, resetType);
  const write = RESET_WRITES[rules.resetMapping][resetType as ResetType];
  if (!write) return fail(rules, [{ key: 'ActionParameterUnknown', args: ['Reset', resetType] }]);
  if (write.kind === 'nmi') {
    const r = bmc.invoke(ObjectPath.nmi, 'NMI', [], 'exact');
    return r.ok ? ok(successBody(rules)) : fail(rules, [{ key: 'InternalError' }]);
  }
  // phosphor-state-manager refuses transitions while the BMC is not Ready (BMCNotReady);
  // bmcweb maps that error name to 503 since setDbusProperty (2024).
  if (!bmc.lifecycle.ready() && rules.dbusErrors === 'error-name')
    return fail(rules, [{ key: 'ServiceTemporarilyUnavailable', args: ['10'] }], { 'Retry-After': '10' });
  const r =
    write.kind === 'host'
      ? bmc.setProperty(ObjectPath.host, 'RequestedHostTransition', write.transition, 'exact')
      : bmc.setProperty(ObjectPath.chassis, 'RequestedPowerTransition', write.transition, 'exact');
  if (!r.ok) return fail(rules, [resetFailure(rules, r.error.kind, resetType)]);
  return actionDone(rules);
}

/** A refused Requested*Transition write: EINVAL -> ActionParameterNotSupported (2019-2021); by error name since 2024 (InvalidEnumString is none of the mapped names). */
function resetFailure(rules: RedfishRules, kind: string, resetType: string): Problem {
  if (rules.dbusErrors === 'errno' && (kind === 'invalid-enum' || kind === 'type-mismatch'))
    return { key: 'ActionParameterNotSupported', args: [resetType, 'Reset'] };
  return { key: 'InternalError' };
}

export function getResetActionInfo(ctx: RedfishContext): RedfishReply {
  const { rules, bmc } = ctx;
  if (ctx.params.system !== 'system') return unknownResource(ctx, 'ComputerSystem', ctx.params.system ?? '');
  let types: readonly string[] = DEFAULT_RESET_TYPES;
  if (rules.allowedHostTransitions) {
    const allowed = bmc.tree.get(ObjectPath.host, 'AllowedHostTransitions');
    types = resetTypesFromTransitions(Array.isArray(allowed) ? allowed.map(String) : undefined);
  }
  return resetActionInfo(RedfishPath.systemResetInfo, types);
}
