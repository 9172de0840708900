// Sensors in Ironic's nested get_sensors_data shape: type -> sensor name -> field -> text.
// /xyz: one object per sensor under /xyz/openbmc_project/sensors/<kind>/<name> with
// Sensor.Value (Value, Unit, optional Scale = power of ten on older phosphor-hwmon), and the
// Threshold.Warning / Threshold.Critical interfaces (openbmc-rest.md 6).
// /org/openbmc (2016): objects under /org/openbmc/sensors with `value` and `units`.

import type { SensorsData } from '../constants.ts';
import { FailedToParseSensorData } from '../errors.ts';

const KIND_NAME: Record<string, string> = {
  temperature: 'Temperature',
  fan_tach: 'Fan',
  fan_pwm: 'Fan',
  voltage: 'Voltage',
  current: 'Current',
  power: 'Power',
  energy: 'Energy',
  utilization: 'Utilization',
  altitude: 'Altitude',
  airflow: 'Airflow',
  humidity: 'Humidity',
  pressure: 'Pressure',
};

const UNIT_TEXT: Record<string, string> = {
  DegreesC: 'degrees C',
  RPMS: 'RPM',
  Volts: 'Volts',
  Meters: 'meters',
  Amperes: 'Amps',
  Watts: 'Watts',
  Joules: 'Joules',
  Percent: 'percent',
  CFM: 'CFM',
  PercentRH: 'percent RH',
  Pascals: 'Pascals',
};

function unitText(unit: unknown): string {
  if (typeof unit !== 'string') return '';
  const shortName = unit.slice(unit.lastIndexOf('.') + 1);
  return UNIT_TEXT[shortName] ?? shortName;
}

function scaled(v: unknown, scale: unknown): number | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
  return typeof scale === 'number' && scale !== 0 ? v * 10 ** scale : v;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(3)));
}

export function parseXyzSensors(tree: Record<string, Record<string, unknown>>, root: string): SensorsData {
  const out: SensorsData = {};
  for (const [path, props] of Object.entries(tree)) {
    const rest = path.startsWith(`${root}/`) ? path.slice(root.length + 1).split('/') : [];
    if (rest.length !== 2 || !('Value' in props)) continue;
    const [kind = '', name = ''] = rest;
    const value = scaled(props.Value, props.Scale);
    if (value === undefined) {
      throw new FailedToParseSensorData(
        `sensor ${path} has a non-numeric Value ${JSON.stringify(props.Value)}`,
      );
    }
    const unit = unitText(props.Unit);
    const fields: Record<string, string> = {
      'Sensor ID': name,
      'Sensor Reading': unit ? `${fmt(value)} ${unit}` : fmt(value),
      Status: status(props),
    };
    for (const [key, label] of THRESHOLDS) {
      const t = scaled(props[key], props.Scale);
      if (t !== undefined) fields[label] = fmt(t);
    }
    const type = KIND_NAME[kind] ?? kind;
    out[type] = { ...out[type], [name]: fields };
  }
  return out;
}

const THRESHOLDS: [string, string][] = [
  ['CriticalLow', 'Lower Critical'],
  ['WarningLow', 'Lower Non-Critical'],
  ['WarningHigh', 'Upper Non-Critical'],
  ['CriticalHigh', 'Upper Critical'],
];

function status(p: Record<string, unknown>): string {
  if (p.CriticalAlarmHigh === true || p.CriticalAlarmLow === true) return 'critical';
  if (p.WarningAlarmHigh === true || p.WarningAlarmLow === true) return 'warning';
  return 'ok';
}

export function parseLegacySensors(tree: Record<string, Record<string, unknown>>, root: string): SensorsData {
  const out: SensorsData = {};
  for (const [path, props] of Object.entries(tree)) {
    if (typeof props.value !== 'number') continue; // e.g. host/BootProgress holds a string
    const rest = path.startsWith(`${root}/`) ? path.slice(root.length + 1).split('/') : [];
    const name = rest.at(-1) ?? path;
    const type = rest.length > 1 && rest[0] ? rest[0] : 'Other';
    const units = typeof props.units === 'string' ? props.units : '';
    const reading = scaled(props.value, props.scale) ?? props.value;
    out[type] = {
      ...out[type],
      [name]: {
        'Sensor ID': name,
        'Sensor Reading': units ? `${fmt(reading)} ${units}` : fmt(reading),
        Status: 'ok',
      },
    };
  }
  return out;
}
