// Sensors over Redfish in Ironic's get_sensors_data shape (type -> sensor -> fields), from the
// System's chassis: its Sensors collection (bmcweb's current model), else the deprecated
// Thermal (Temperatures, Fans) and Power (Voltages, PowerSupplies) that sushy reads (redfish.md
// 1.5); since 2025-08 a default bmcweb has no Thermal/Power, so the Sensors collection comes
// first. $expand is asked for only where the root says it is supported, and a 501 for it is not
// asked again for a minute (sushy retries it 10 times, ~60 s for nothing, redfish.md 2.5 item 4).

import type { SensorsData } from '../constants.ts';
import { FailedToParseSensorData } from '../errors.ts';
import { odataId } from './detect.ts';
import type { RedfishSession } from './redfish-session.ts';

export const EXPAND_BACKOFF_MS = 60_000;

const READING_TYPE: Record<string, string> = {
  Temperature: 'Temperature',
  Rotational: 'Fan',
  Voltage: 'Voltage',
  Current: 'Current',
  Power: 'Power',
  EnergyJoules: 'Energy',
  EnergykWh: 'Energy',
  Percent: 'Utilization',
  Altitude: 'Altitude',
  AirFlow: 'Airflow',
  Humidity: 'Humidity',
  PressurePa: 'Pressure',
};

/** bmcweb's Sensor Ids are <dbus kind>_<name> (redfish-core/lib/sensors.hpp): the name is what D-Bus REST shows. */
const ID_PREFIXES = [
  'temperature_',
  'fan_tach_',
  'fan_pwm_',
  'voltage_',
  'current_',
  'power_',
  'energy_',
  'utilization_',
  'altitude_',
  'airflow_',
  'humidity_',
  'pressure_',
];

const UNIT_TEXT: Record<string, string> = {
  Cel: 'degrees C',
  RPM: 'RPM',
  V: 'Volts',
  A: 'Amps',
  W: 'Watts',
  J: 'Joules',
  '%': 'percent',
  m: 'meters',
  'ft3/min': 'CFM',
  Pa: 'Pascals',
};

const THRESHOLDS: [string, string][] = [
  ['LowerCritical', 'Lower Critical'],
  ['LowerCaution', 'Lower Non-Critical'],
  ['UpperCaution', 'Upper Non-Critical'],
  ['UpperCritical', 'Upper Critical'],
];

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(3)));
}

function healthOf(o: Record<string, unknown>): string {
  const st = o.Status;
  const h = typeof st === 'object' && st !== null ? (st as Record<string, unknown>).Health : undefined;
  return h === 'Critical' ? 'critical' : h === 'Warning' ? 'warning' : 'ok';
}

function nameOf(sensor: Record<string, unknown>): string {
  const id = typeof sensor.Id === 'string' ? sensor.Id : typeof sensor.Name === 'string' ? sensor.Name : '';
  const prefix = ID_PREFIXES.find((p) => id.startsWith(p));
  return prefix ? id.slice(prefix.length) : id;
}

/** One member of a Sensors collection (#Sensor.v1_x) into Ironic's fields. */
export function parseSensor(sensor: Record<string, unknown>, out: SensorsData): void {
  const name = nameOf(sensor);
  const reading = sensor.Reading;
  if (reading === null) return; // bmcweb renders a sensor with no value yet as null
  if (typeof reading !== 'number' || !Number.isFinite(reading)) {
    throw new FailedToParseSensorData(
      `sensor ${name} has a non-numeric Reading ${JSON.stringify(reading)?.slice(0, 40)}`,
    );
  }
  const unit =
    typeof sensor.ReadingUnits === 'string' ? (UNIT_TEXT[sensor.ReadingUnits] ?? sensor.ReadingUnits) : '';
  const fields: Record<string, string> = {
    'Sensor ID': name,
    'Sensor Reading': unit ? `${fmt(reading)} ${unit}` : fmt(reading),
    Status: healthOf(sensor),
  };
  const th = sensor.Thresholds;
  if (typeof th === 'object' && th !== null) {
    for (const [key, label] of THRESHOLDS) {
      const t = (th as Record<string, unknown>)[key];
      const v = typeof t === 'object' && t !== null ? (t as Record<string, unknown>).Reading : undefined;
      if (typeof v === 'number') fields[label] = fmt(v);
    }
  }
  const type =
    typeof sensor.ReadingType === 'string'
      ? (READING_TYPE[sensor.ReadingType] ?? sensor.ReadingType)
      : 'Other';
  out[type] = { ...out[type], [name]: fields };
}

/** Thermal/Power arrays (deprecated schema): [array, Ironic type, reading field, unit]. */
const LEGACY_ARRAYS: [string, string, string, string][] = [
  ['Temperatures', 'Temperature', 'ReadingCelsius', 'degrees C'],
  ['Fans', 'Fan', 'Reading', 'RPM'],
  ['Voltages', 'Voltage', 'ReadingVolts', 'Volts'],
  ['PowerSupplies', 'Power', 'PowerInputWatts', 'Watts'],
];

export function parseThermalPower(resource: Record<string, unknown>, out: SensorsData): void {
  for (const [array, type, field, unit] of LEGACY_ARRAYS) {
    const list = resource[array];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (typeof item !== 'object' || item === null) continue;
      const o = item as Record<string, unknown>;
      const v = o[field];
      if (typeof v !== 'number') continue;
      const name = typeof o.MemberId === 'string' ? o.MemberId : typeof o.Name === 'string' ? o.Name : '';
      out[type] = {
        ...out[type],
        [name]: { 'Sensor ID': name, 'Sensor Reading': `${fmt(v)} ${unit}`, Status: healthOf(o) },
      };
    }
  }
}

export async function readRedfishSensors(s: RedfishSession, now: () => number): Promise<SensorsData> {
  const chassisPath = await s.chassisOfSystem();
  if (!chassisPath) return {};
  const chassis = (await s.get(chassisPath, 'read the chassis')).body;
  const out: SensorsData = {};
  const sensors = odataId(chassis.Sensors);
  if (sensors) {
    for (const member of await members(s, sensors, now)) parseSensor(member, out);
    return out;
  }
  for (const link of [odataId(chassis.Thermal), odataId(chassis.Power)]) {
    if (link) parseThermalPower((await s.get(link, 'read sensors')).body, out);
  }
  return out;
}

async function members(
  s: RedfishSession,
  collection: string,
  now: () => number,
): Promise<Record<string, unknown>[]> {
  const facts = s.facts;
  const refusedAt = facts.redfishExpandRefusedAt;
  if (s.root.expand && (refusedAt === undefined || now() - refusedAt >= EXPAND_BACKOFF_MS)) {
    const a = await s.send(
      { method: 'GET', path: `${collection}?$expand=.($levels=1)` },
      'read sensors ($expand)',
    );
    if (a.status === 200) {
      try {
        const body = JSON.parse(a.body) as Record<string, unknown>;
        if (
          Array.isArray(body.Members) &&
          body.Members.every((m) => typeof m === 'object' && m !== null && 'Reading' in m)
        )
          return body.Members as Record<string, unknown>[];
      } catch {
        // fall through to one GET per member
      }
    } else {
      facts.redfishExpandRefusedAt = now();
    }
  }
  const c = await s.get(collection, 'read sensors');
  const paths = (Array.isArray(c.body.Members) ? c.body.Members.map(odataId) : []).filter(
    (p): p is string => p !== null,
  );
  const out: Record<string, unknown>[] = [];
  for (const p of paths) out.push((await s.get(p, 'read a sensor')).body);
  return out;
}
