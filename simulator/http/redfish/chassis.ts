// Chassis and Chassis/chassis (bmcweb chassis.hpp): PowerState from chassis0, Chassis.Reset
// PowerCycle only (chassis0 RequestedPowerTransition), and the deprecated Thermal/Power views of
// the same seeded sensors the D-Bus tree holds (thermal.hpp, power.hpp, sensors.hpp), where the
// era builds them.

import type { JsonValue } from '../../../protocol/index.ts';
import { ChassisTransition, ObjectPath, RedfishPath, SensorUnit } from '../../../protocol/index.ts';
import {
  actionDone,
  collectionId,
  fail,
  odataContext,
  ok,
  type RedfishContext,
  type RedfishReply,
} from './context.ts';
import { chassisPower } from './dbus-mapping.ts';
import { readBody, readFields } from './request-body.ts';
import { unknownResource } from './systems.ts';

const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');

export function getChassisCollection(ctx: RedfishContext): RedfishReply {
  const { rules } = ctx;
  return ok({
    '@odata.id': collectionId(rules, RedfishPath.chassisCollection),
    '@odata.type': '#ChassisCollection.ChassisCollection',
    ...odataContext(rules, 'ChassisCollection.ChassisCollection'),
    Members: [{ '@odata.id': RedfishPath.chassis }],
    'Members@odata.count': 1,
    Name: 'Chassis Collection',
  });
}

export function getChassis(ctx: RedfishContext): RedfishReply {
  const { rules, bmc } = ctx;
  if (ctx.params.chassis !== 'chassis') return unknownResource(ctx, 'Chassis', ctx.params.chassis ?? '');
  const power = chassisPower(str(bmc.tree.get(ObjectPath.chassis, 'CurrentPowerState')));
  const body: Record<string, JsonValue> = {
    '@odata.id': RedfishPath.chassis,
    '@odata.type': rules.types.chassis,
    ...odataContext(rules, 'Chassis.Chassis'),
    Actions: {
      '#Chassis.Reset': {
        '@Redfish.ActionInfo': RedfishPath.chassisResetInfo,
        target: RedfishPath.chassisReset,
      },
    },
    ChassisType: 'RackMount',
    Id: 'chassis',
    Links: {
      ComputerSystems: [{ '@odata.id': RedfishPath.system }],
      ManagedBy: [{ '@odata.id': RedfishPath.manager }],
    },
    Name: 'chassis',
    Status: { Health: 'OK', State: power?.State ?? 'Enabled' },
  };
  if (power) body.PowerState = power.PowerState;
  if (rules.thermalPower) {
    body.Thermal = { '@odata.id': RedfishPath.thermal };
    body.Power = { '@odata.id': RedfishPath.power };
  }
  if (!rules.odataContext) body.Sensors = { '@odata.id': `${RedfishPath.chassis}/Sensors` };
  if (rules.indicatorLed)
    body.IndicatorLED = bmc.tree.get(ObjectPath.identifyLed, 'Asserted') === true ? 'Lit' : 'Off';
  return ok(body);
}

export function resetChassis(ctx: RedfishContext): RedfishReply {
  const { rules, bmc } = ctx;
  if (ctx.params.chassis !== 'chassis') return unknownResource(ctx, 'Chassis', ctx.params.chassis ?? '');
  const body = readBody(ctx, 'action');
  if (Array.isArray(body)) return fail(rules, body);
  const { values, problems } = readFields(rules, body, { ResetType: 'string' }, ['ResetType']);
  if (problems.length > 0) return fail(rules, problems);
  const resetType = str(values.ResetType);
  if (resetType !== 'PowerCycle')
    return fail(rules, [{ key: 'ActionParameterNotSupported', args: [resetType, 'ResetType'] }]);
  const r = bmc.setProperty(
    ObjectPath.chassis,
    'RequestedPowerTransition',
    ChassisTransition.PowerCycle,
    'exact',
  );
  return r.ok ? actionDone(rules) : fail(rules, [{ key: 'InternalError' }]);
}

export function getChassisResetActionInfo(ctx: RedfishContext): RedfishReply {
  if (ctx.params.chassis !== 'chassis') return unknownResource(ctx, 'Chassis', ctx.params.chassis ?? '');
  return ok({
    '@odata.id': RedfishPath.chassisResetInfo,
    '@odata.type': '#ActionInfo.v1_1_2.ActionInfo',
    Id: 'ResetActionInfo',
    Name: 'Reset Action Info',
    Parameters: [{ AllowableValues: ['PowerCycle'], DataType: 'String', Name: 'ResetType', Required: true }],
  });
}

interface Reading {
  name: string;
  value: number;
  warn: [number, number];
  crit: [number, number];
}

/** The sensors of one unit from the D-Bus tree, as the sensors daemon publishes them. */
function readings(ctx: RedfishContext, unit: string): Reading[] {
  const t = ctx.bmc.tree;
  const out: Reading[] = [];
  for (const path of t.descendants(ObjectPath.sensors)) {
    if (t.get(path, 'Unit') !== unit) continue;
    const num = (p: string) => {
      const v = t.get(path, p);
      return typeof v === 'number' ? v : 0;
    };
    out.push({
      name: path.split('/').pop() ?? path,
      value: num('Value'),
      warn: [num('WarningLow'), num('WarningHigh')],
      crit: [num('CriticalLow'), num('CriticalHigh')],
    });
  }
  return out;
}

const thresholds = (r: Reading): Record<string, JsonValue> => ({
  LowerThresholdCritical: r.crit[0],
  LowerThresholdNonCritical: r.warn[0],
  UpperThresholdCritical: r.crit[1],
  UpperThresholdNonCritical: r.warn[1],
});

export function getThermal(ctx: RedfishContext): RedfishReply {
  if (ctx.params.chassis !== 'chassis') return unknownResource(ctx, 'Chassis', ctx.params.chassis ?? '');
  const base = `${RedfishPath.thermal}#`;
  const temperatures = readings(ctx, SensorUnit.DegreesC).map((r, i) => ({
    '@odata.id': `${base}/Temperatures/${i}`,
    MemberId: r.name,
    Name: r.name.replace(/_/g, ' '),
    ReadingCelsius: r.value,
    Status: { Health: 'OK', State: 'Enabled' },
    ...thresholds(r),
  }));
  const fans = readings(ctx, SensorUnit.RPMS).map((r, i) => ({
    '@odata.id': `${base}/Fans/${i}`,
    MemberId: r.name,
    Name: r.name.replace(/_/g, ' '),
    Reading: r.value,
    ReadingUnits: 'RPM',
    Status: { Health: 'OK', State: 'Enabled' },
    ...thresholds(r),
  }));
  return ok({
    '@odata.id': RedfishPath.thermal,
    '@odata.type': '#Thermal.v1_4_0.Thermal',
    Fans: fans,
    Id: 'Thermal',
    Name: 'Thermal',
    Temperatures: temperatures,
  });
}

export function getPower(ctx: RedfishContext): RedfishReply {
  if (ctx.params.chassis !== 'chassis') return unknownResource(ctx, 'Chassis', ctx.params.chassis ?? '');
  const base = `${RedfishPath.power}#`;
  const voltages = readings(ctx, SensorUnit.Volts).map((r, i) => ({
    '@odata.id': `${base}/Voltages/${i}`,
    MemberId: r.name,
    Name: r.name.replace(/_/g, ' '),
    ReadingVolts: r.value,
    Status: { Health: 'OK', State: 'Enabled' },
    ...thresholds(r),
  }));
  const watts = readings(ctx, SensorUnit.Watts);
  const control = watts.map((r, i) => ({
    '@odata.id': `${base}/PowerControl/${i}`,
    MemberId: String(i),
    Name: 'Chassis Power Control',
    PowerConsumedWatts: r.value,
    Status: { Health: 'OK', State: 'Enabled' },
  }));
  return ok({
    '@odata.id': RedfishPath.power,
    '@odata.type': '#Power.v1_5_2.Power',
    Id: 'Power',
    Name: 'Power',
    PowerControl: control,
    PowerSupplies: [],
    Voltages: voltages,
  });
}
