// Seeded, plausible inventory, firmware versions and sensor readings (@faker-js/faker), so a run
// with the same --seed shows the same machine.

// The en entry point loads one locale; the package root loads all of them (about 30 MiB more).
import { faker } from '@faker-js/faker/locale/en';
import {
  Activation,
  DbusInterface,
  enumValues,
  ObjectPath,
  RequestedActivation,
  SensorUnit,
  VersionPurpose,
} from '../../protocol/index.ts';
import type { DbusObject, InterfaceSpec, PropertySpec } from './object-tree.ts';

/** The one faker instance, reseeded: each use is synchronous, and an instance costs as much as its data. */
const seeded = (seed: number) => {
  faker.seed(seed);
  return faker;
};

export function softwareObjects(seed: number): DbusObject[] {
  const f = seeded(seed + 1);
  const bmcId = f.string.hexadecimal({ length: 8, casing: 'lower', prefix: '' });
  const hostId = f.string.hexadecimal({ length: 8, casing: 'lower', prefix: '' });
  const version = (purpose: string, v: string, id: string): DbusObject => ({
    path: `${ObjectPath.software}/${id}`,
    interfaces: {
      [DbusInterface.softwareVersion]: {
        properties: {
          Version: { signature: 's', value: v, access: 'const' },
          Purpose: {
            signature: 's',
            value: purpose,
            access: 'const',
            enumValues: enumValues(VersionPurpose),
          },
        },
      },
      [DbusInterface.softwareActivation]: {
        properties: {
          Activation: { signature: 's', value: Activation.Active, enumValues: enumValues(Activation) },
          RequestedActivation: {
            signature: 's',
            value: RequestedActivation.None,
            enumValues: enumValues(RequestedActivation),
          },
        },
      },
      [DbusInterface.softwarePriority]: { properties: { Priority: { signature: 'y', value: 0 } } },
    },
  });
  return [
    version(
      VersionPurpose.BMC,
      `2.11.0-${f.number.int({ min: 10, max: 99 })}-g${f.git.commitSha({ length: 10 })}`,
      bmcId,
    ),
    version(
      VersionPurpose.Host,
      `open-power-${f.word.noun()}-v2.6-${f.number.int({ min: 1, max: 20 })}`,
      hostId,
    ),
    {
      path: `${ObjectPath.software}/functional`,
      interfaces: {
        [DbusInterface.association]: {
          properties: {
            endpoints: {
              signature: 'ao',
              value: [`${ObjectPath.software}/${bmcId}`, `${ObjectPath.software}/${hostId}`],
              access: 'const',
            },
          },
        },
      },
    },
  ];
}

/** The system UUID of a seed (motherboard UUID; legacy chassis0 `uuid`). */
export const uuidOf = (seed: number): string => seeded(seed + 2).string.uuid();

export function inventoryObjects(seed: number): DbusObject[] {
  const f = seeded(seed + 2);
  return [
    {
      path: ObjectPath.inventorySystem,
      interfaces: {
        [DbusInterface.inventoryItem]: {
          properties: {
            Present: { signature: 'b', value: true },
            PrettyName: {
              signature: 's',
              value: `${f.company.name()} ${f.string.alphanumeric(4).toUpperCase()}`,
            },
          },
        },
        [DbusInterface.inventoryAsset]: {
          properties: {
            Manufacturer: { signature: 's', value: f.company.name() },
            Model: { signature: 's', value: f.string.alphanumeric({ length: 8, casing: 'upper' }) },
            PartNumber: { signature: 's', value: f.string.numeric(8) },
            SerialNumber: { signature: 's', value: f.string.alphanumeric({ length: 12, casing: 'upper' }) },
            BuildDate: {
              signature: 's',
              value: f.date.past({ years: 2, refDate: Date.UTC(2021, 6, 1) }).toISOString(),
            },
          },
        },
        'xyz.openbmc_project.Inventory.Decorator.AssetTag': {
          properties: { AssetTag: { signature: 's', value: '' } },
        },
        'xyz.openbmc_project.Inventory.Decorator.Cacheable': {
          properties: { Cached: { signature: 'b', value: false } },
        },
        'xyz.openbmc_project.Inventory.Decorator.Replaceable': {
          properties: { FieldReplaceable: { signature: 'b', value: false } },
        },
        [DbusInterface.inventorySystem]: { properties: {} },
      },
    },
    {
      path: `${ObjectPath.inventorySystem}/chassis/motherboard`,
      interfaces: {
        [DbusInterface.inventoryItem]: {
          properties: {
            Present: { signature: 'b', value: true },
            PrettyName: { signature: 's', value: 'Motherboard' },
          },
        },
        'xyz.openbmc_project.Common.UUID': {
          properties: { UUID: { signature: 's', value: f.string.uuid() } },
        },
      },
    },
  ];
}

interface SensorSeed {
  kind: string;
  name: string;
  unit: string;
  center: number;
  spread: number;
  min: number;
  max: number;
  warn: [number, number];
  crit: [number, number];
}

const SENSORS: SensorSeed[] = [
  {
    kind: 'temperature',
    name: 'ambient',
    unit: SensorUnit.DegreesC,
    center: 24,
    spread: 3,
    min: -128,
    max: 127,
    warn: [5, 40],
    crit: [0, 45],
  },
  {
    kind: 'temperature',
    name: 'cpu0',
    unit: SensorUnit.DegreesC,
    center: 48,
    spread: 8,
    min: -128,
    max: 127,
    warn: [5, 85],
    crit: [0, 95],
  },
  {
    kind: 'fan_tach',
    name: 'fan0',
    unit: SensorUnit.RPMS,
    center: 6200,
    spread: 600,
    min: 0,
    max: 16000,
    warn: [1000, 14000],
    crit: [500, 15000],
  },
  {
    kind: 'fan_tach',
    name: 'fan1',
    unit: SensorUnit.RPMS,
    center: 6100,
    spread: 600,
    min: 0,
    max: 16000,
    warn: [1000, 14000],
    crit: [500, 15000],
  },
  {
    kind: 'voltage',
    name: 'p12v',
    unit: SensorUnit.Volts,
    center: 12.05,
    spread: 0.1,
    min: 0,
    max: 15,
    warn: [11.4, 12.6],
    crit: [10.8, 13.2],
  },
  {
    kind: 'power',
    name: 'total_power',
    unit: SensorUnit.Watts,
    center: 310,
    spread: 60,
    min: 0,
    max: 2000,
    warn: [0, 1400],
    crit: [0, 1600],
  },
];

/**
 * phosphor-hwmon's power of ten per unit: the kernel's hwmon sysfs units (millidegrees,
 * millivolts, milliamps, microwatts, RPM) passed through as int64 with a Scale.
 */
const HWMON_SCALE: Record<string, number> = {
  [SensorUnit.DegreesC]: -3,
  [SensorUnit.Volts]: -3,
  [SensorUnit.Amperes]: -3,
  [SensorUnit.Watts]: -6,
  [SensorUnit.RPMS]: 0,
};

/**
 * phosphor-hwmon era (openbmc-rest.md 6, up to about 2019): Value and the thresholds are int64 in
 * units of 10^Scale, with no MaxValue/MinValue; dbus-sensors era: Value is a double with
 * MaxValue/MinValue, no Scale.
 */
export function sensorObjects(
  seed: number,
  style: 'phosphor-hwmon' | 'dbus-sensors' = 'dbus-sensors',
): DbusObject[] {
  const f = seeded(seed + 3);
  return SENSORS.map((s) => {
    const value = Number(
      f.number.float({ min: s.center - s.spread, max: s.center + s.spread, fractionDigits: 3 }),
    );
    return style === 'phosphor-hwmon' ? hwmonSensor(s, value) : dbusSensor(s, value);
  });
}

/** dbus-sensors: doubles, with MaxValue/MinValue and no Scale. */
function dbusSensor(s: SensorSeed, value: number): DbusObject {
  return sensorObject(
    s,
    {
      Value: { signature: 'd', value },
      Unit: unitProperty(s),
      MaxValue: { signature: 'd', value: s.max },
      MinValue: { signature: 'd', value: s.min },
    },
    'd',
    (v) => v,
  );
}

/** phosphor-hwmon: int64 in units of 10^Scale. */
function hwmonSensor(s: SensorSeed, value: number): DbusObject {
  const scale = HWMON_SCALE[s.unit] ?? 0;
  const raw = (v: number) => Math.round(v / 10 ** scale);
  return sensorObject(
    s,
    {
      Value: { signature: 'x', value: raw(value) },
      Unit: unitProperty(s),
      Scale: { signature: 'x', value: scale },
    },
    'x',
    raw,
  );
}

const unitProperty = (s: SensorSeed): PropertySpec => ({
  signature: 's',
  value: s.unit,
  access: 'const',
  enumValues: enumValues(SensorUnit),
});

/** A sensor object: its Sensor.Value properties, then the Warning and Critical thresholds in the
 * era's type (Low, High, AlarmLow, AlarmHigh). */
function sensorObject(
  s: SensorSeed,
  value: Record<string, PropertySpec>,
  signature: 'd' | 'x',
  convert: (v: number) => number,
): DbusObject {
  const thresholds = (
    level: 'Warning' | 'Critical',
    [low, high]: readonly [number, number],
  ): InterfaceSpec => ({
    properties: {
      [`${level}Low`]: { signature, value: convert(low) },
      [`${level}High`]: { signature, value: convert(high) },
      [`${level}AlarmLow`]: { signature: 'b' as const, value: false },
      [`${level}AlarmHigh`]: { signature: 'b' as const, value: false },
    },
  });
  return {
    path: `${ObjectPath.sensors}/${s.kind}/${s.name}`,
    interfaces: {
      [DbusInterface.sensorValue]: { properties: value },
      [DbusInterface.sensorWarning]: thresholds('Warning', s.warn),
      [DbusInterface.sensorCritical]: thresholds('Critical', s.crit),
    },
  };
}
