// Chassis and Chassis/chassis (bmcweb chassis.hpp): PowerState from chassis0, Chassis.Reset
// PowerCycle only (chassis0 RequestedPowerTransition), and the deprecated Thermal/Power views of
// the same seeded sensors the D-Bus tree holds (thermal.hpp, power.hpp, sensors.hpp), where the
// era builds them.

import type { JsonValue } from '../../../protocol/index.ts';
import { ChassisTransition, ObjectPath, RedfishPath, SensorUnit } from '../../../protocol/index.ts';
import {
  actionDone,
  asString,
  fail,
  odataContext,
  ok,
  oneMemberCollection,
  type RedfishContext,
  type RedfishReply,
  resetActionInfo,
} from './context.ts';
import { chassisPower } from './dbus-mapping.ts';
import { readIndicatorLed, readLocationIndicator } from './indicator-led.ts';
import { readResetType } from './request-body.ts';
import { unknownResource } from './systems.ts';

export const getChassisCollection = oneMemberCollection(
  RedfishPath.chassisCollection,
  'ChassisCollection',
  'Chassis Collection',
  RedfishPath.chassis,
);

export function getChassis(ctx: RedfishContext): RedfishReply {
  const { rules, bmc } = ctx;
  if (ctx.params.chassis !== 'chassis') return unknownResource(ctx, 'Chassis', ctx.params.chassis ?? '');
  const power = chassisPower(rules, asString(bmc.tree.get(ObjectPath.chassis, 'CurrentPowerState')));
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
  // IndicatorLED (1c8fba97b1, 2019-12) and LocationIndicatorActive (9f8bfa7c6d, 2020-09) came to
  // the Chassis after the 2019 snapshot.
  if (!rules.odataContext) {
    if (rules.indicatorLed) body.IndicatorLED = readIndicatorLed(ctx);
    body.LocationIndicatorActive = readLocationIndicator(ctx);
  }
  return ok(body);
}

export function resetChassis(ctx: RedfishContext): RedfishReply {
  const { rules, bmc } = ctx;
  if (ctx.params.chassis !== 'chassis') return unknownResource(ctx, 'Chassis', ctx.params.chassis ?? '');
  const resetType = readResetType(ctx);
  if (typeof resetType !== 'string') return fail(rules, resetType);
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
  return resetActionInfo(RedfishPath.chassisResetInfo, ['PowerCycle']);
}

interface Reading {
  /** bmcweb's Sensor Id: `<D-Bus kind>_<name>` (sensors.hpp). */
  id: string;
  name: string;
  unit: string;
  value: number;
  warn: [number, number];
  crit: [number, number];
}

/** The sensors (of one unit, or all) from the D-Bus tree, as the sensors daemon publishes them. */
function readings(ctx: RedfishContext, unit?: string): Reading[] {
  const t = ctx.bmc.tree;
  const out: Reading[] = [];
  for (const path of t.descendants(ObjectPath.sensors)) {
    const u = t.get(path, 'Unit');
    if (typeof u !== 'string' || (unit !== undefined && u !== unit)) continue;
    const num = (p: string) => {
      const v = t.get(path, p);
      return typeof v === 'number' ? v : 0;
    };
    const [kind = '', name = ''] = path.slice(ObjectPath.sensors.length + 1).split('/');
    out.push({
      id: `${kind}_${name}`,
      name,
      unit: u,
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

/** One sensor of the Thermal/Power arrays (sensors.hpp objectInterfacesToJson: MemberId and Name
 * from the sensor's name, the reading under the array's own key, thresholds where set). */
const sensorMember =
  (base: string, array: string, readingKey: string, extra: Record<string, JsonValue> = {}) =>
  (r: Reading, i: number): Record<string, JsonValue> => ({
    '@odata.id': `${base}/${array}/${i}`,
    MemberId: r.name,
    Name: r.name.replace(/_/g, ' '),
    [readingKey]: r.value,
    ...extra,
    Status: { Health: 'OK', State: 'Enabled' },
    ...thresholds(r),
  });

export function getThermal(ctx: RedfishContext): RedfishReply {
  if (ctx.params.chassis !== 'chassis') return unknownResource(ctx, 'Chassis', ctx.params.chassis ?? '');
  const base = `${RedfishPath.thermal}#`;
  const temperatures = readings(ctx, SensorUnit.DegreesC).map(
    sensorMember(base, 'Temperatures', 'ReadingCelsius'),
  );
  const fans = readings(ctx, SensorUnit.RPMS).map(
    sensorMember(base, 'Fans', 'Reading', { ReadingUnits: 'RPM' }),
  );
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
  const voltages = readings(ctx, SensorUnit.Volts).map(sensorMember(base, 'Voltages', 'ReadingVolts'));
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

/** D-Bus sensor unit -> Redfish ReadingType and ReadingUnits (sensors.hpp toReadingType / toReadingUnits). */
const SENSOR_KINDS: Record<string, { type: string; units: string }> = {
  [SensorUnit.DegreesC]: { type: 'Temperature', units: 'Cel' },
  [SensorUnit.RPMS]: { type: 'Rotational', units: 'RPM' },
  [SensorUnit.Volts]: { type: 'Voltage', units: 'V' },
  [SensorUnit.Amperes]: { type: 'Current', units: 'A' },
  [SensorUnit.Watts]: { type: 'Power', units: 'W' },
  [SensorUnit.Joules]: { type: 'EnergyJoules', units: 'J' },
  [SensorUnit.Percent]: { type: 'Percent', units: '%' },
  [SensorUnit.Meters]: { type: 'Altitude', units: 'm' },
};

const sensorUri = (id: string) => `${RedfishPath.chassis}/Sensors/${id}`;

/** The Sensors collection (2021+; the only sensor view of a default build since 2025-08). */
export function getSensors(ctx: RedfishContext): RedfishReply {
  if (ctx.params.chassis !== 'chassis') return unknownResource(ctx, 'Chassis', ctx.params.chassis ?? '');
  const members = readings(ctx).map((r) => ({ '@odata.id': sensorUri(r.id) }));
  return ok({
    '@odata.id': `${RedfishPath.chassis}/Sensors`,
    '@odata.type': '#SensorCollection.SensorCollection',
    Description: 'Collection of Sensors for this Chassis',
    Members: members,
    'Members@odata.count': members.length,
    Name: 'Sensors',
  });
}

export function getSensor(ctx: RedfishContext): RedfishReply {
  if (ctx.params.chassis !== 'chassis') return unknownResource(ctx, 'Chassis', ctx.params.chassis ?? '');
  const r = readings(ctx).find((x) => x.id === ctx.params.sensor);
  const kind = r ? SENSOR_KINDS[r.unit] : undefined;
  if (!r || !kind)
    return fail(ctx.rules, [{ key: 'ResourceNotFound', args: ['Sensor', ctx.params.sensor ?? ''] }]);
  return ok({
    '@odata.id': sensorUri(r.id),
    '@odata.type': '#Sensor.v1_2_0.Sensor',
    Id: r.id,
    Name: r.name.replace(/_/g, ' '),
    Reading: r.value,
    ReadingType: kind.type,
    ReadingUnits: kind.units,
    Status: { Health: 'OK', State: 'Enabled' },
    Thresholds: {
      LowerCaution: { Reading: r.warn[0] },
      LowerCritical: { Reading: r.crit[0] },
      UpperCaution: { Reading: r.warn[1] },
      UpperCritical: { Reading: r.crit[1] },
    },
  });
}
