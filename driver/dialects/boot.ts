// Boot device and mode in each era's layout (openbmc-rest.md 4.1-4.3, 5):
//   legacy  /org/openbmc/settings/host0 boot_flags + boot_policy ONETIME|PERMANENT
//   L0      control/host0/boot_source + boot_mode (persistent only: one-time is emulated)
//   L1      boot (persistent) + boot/one_time (Source, Mode, Enabled = use one_time next boot)
//   L2      boot (Source, Mode, Type, Enabled = override on) + boot/one_time (Enabled = one-time)
// Each set writes only what differs, then reads back: a setting that did not stick is an error.

import {
  type BootLayoutName,
  BootMode,
  BootSource,
  BootType,
  LegacyBootFlag,
  LegacyBootPolicy,
  LegacyPath,
  ObjectPath,
} from '../../protocol/index.ts';
import type { BootDeviceInfo, BootDeviceValue, BootModeValue } from '../constants.ts';
import { OpenBMCProtocolError } from '../errors.ts';
import { readBool } from './envelope.ts';
import type { RestClient } from './rest-client.ts';

/** Source and mode for each Ironic device, as phosphor-host-ipmid maps IPMI selectors (4.3):
 * a device selects a source (mode Regular), bios and safe select a mode (source Default). */
const DEVICE_TARGET: Record<BootDeviceValue, { source: string; mode: string }> = {
  pxe: { source: BootSource.Network, mode: BootMode.Regular },
  disk: { source: BootSource.Disk, mode: BootMode.Regular },
  cdrom: { source: BootSource.ExternalMedia, mode: BootMode.Regular },
  bios: { source: BootSource.Default, mode: BootMode.Setup },
  safe: { source: BootSource.Default, mode: BootMode.Safe },
};

/** The device a source/mode pair means; null for "no override" and for sources Ironic has no name for. */
export function deviceOf(source: unknown, mode: unknown): BootDeviceValue | null {
  if (mode === BootMode.Setup) return 'bios';
  if (mode === BootMode.Safe) return 'safe';
  if (mode !== BootMode.Regular && mode !== undefined) return null;
  switch (source) {
    case BootSource.Network:
      return 'pxe';
    case BootSource.Disk:
      return 'disk';
    case BootSource.ExternalMedia:
      return 'cdrom';
    default:
      return null; // Default (no override), RemovableMedia, HTTP, or unknown
  }
}

const LEGACY_FLAGS: Record<BootDeviceValue, string> = {
  pxe: LegacyBootFlag.Network,
  disk: LegacyBootFlag.Disk,
  cdrom: LegacyBootFlag.CDROM,
  bios: LegacyBootFlag.Setup,
  safe: LegacyBootFlag.Safe,
};

export interface BootWrite {
  path: string;
  name: string;
  value: string | boolean;
}

export interface BootDialect {
  layout: BootLayoutName;
  /** False where the firmware has no one-time setting (L0): the driver emulates it. */
  nativeOneTime: boolean;
  get(client: RestClient): Promise<BootDeviceInfo>;
  /** The writes that make the setting so, in the order the firmware expects (empty if already so). */
  plan(client: RestClient, device: BootDeviceValue, persistent: boolean): Promise<BootWrite[]>;
  /** The writes that clear an override (L0's emulated one-time, after the boot it was for). */
  clear(client: RestClient): Promise<BootWrite[]>;
  /** The object that carries BootType where this layout can have it (2021-02+ firmware), else null. */
  bootTypeAt: string | null;
  /** Every property that makes up this layout's boot settings, in the order a restore writes
   * them (the override switch last), so a caller can record and put back exactly what was there. */
  settings: readonly BootSetting[];
}

export interface BootSetting {
  path: string;
  name: string;
  kind: 'bool' | 'string';
  /** Only some firmware of this layout has it (BootType, 2021-02+). */
  optional?: boolean;
}

const NULL_BOOT: BootDeviceInfo = { boot_device: null, persistent: null };

/** A layout as data: what its settings must read for a device, and with no override. The
 * writes come from comparing that with what the BMC holds, in the layout's `settings` order. */
type LayoutSpec = Omit<BootDialect, 'plan' | 'clear'> & {
  want(device: BootDeviceValue, persistent: boolean): BootSettingValues;
  cleared: BootSettingValues;
};

function layout({ want, cleared, ...spec }: LayoutSpec): BootDialect {
  const dialect: BootDialect = {
    ...spec,
    plan: async (client, device, persistent) =>
      restoreWrites(dialect, await readBootSettings(client, dialect), want(device, persistent)),
    clear: async (client) => restoreWrites(dialect, await readBootSettings(client, dialect), cleared),
  };
  return dialect;
}

export const l2Boot = layout({
  layout: 'L2',
  nativeOneTime: true,
  async get(client) {
    const boot = await client.getObject(ObjectPath.boot, 'read boot settings');
    if (readBool(boot.Enabled) !== true) return NULL_BOOT;
    const once = await client.getObject(ObjectPath.bootOneTime, 'read one-time boot flag');
    const oneTime = readBool(once.Enabled);
    const device = deviceOf(boot.BootSource, boot.BootMode);
    return { boot_device: device, persistent: device === null || oneTime === undefined ? null : !oneTime };
  },
  // The cheat sheet's order (4.3): source and mode, then one-time or persistent, then enable.
  want: (device, persistent) => {
    const t = DEVICE_TARGET[device];
    return {
      [ObjectPath.boot]: { BootSource: t.source, BootMode: t.mode, Enabled: true },
      [ObjectPath.bootOneTime]: { Enabled: !persistent },
    };
  },
  cleared: { [ObjectPath.boot]: { Enabled: false } },
  bootTypeAt: ObjectPath.boot,
  settings: [
    { path: ObjectPath.boot, name: 'BootSource', kind: 'string' },
    { path: ObjectPath.boot, name: 'BootMode', kind: 'string' },
    { path: ObjectPath.boot, name: 'BootType', kind: 'string', optional: true },
    { path: ObjectPath.bootOneTime, name: 'Enabled', kind: 'bool' },
    { path: ObjectPath.boot, name: 'Enabled', kind: 'bool' },
  ],
});

export const l1Boot = layout({
  layout: 'L1',
  nativeOneTime: true,
  async get(client) {
    const once = await client.getObject(ObjectPath.bootOneTime, 'read one-time boot settings');
    // one_time.Enabled true: the next boot uses one_time's values (Default = no override);
    // false: /boot's values, every boot (4.1).
    if (readBool(once.Enabled) === true) {
      const device = deviceOf(once.BootSource, once.BootMode);
      return device === null ? NULL_BOOT : { boot_device: device, persistent: false };
    }
    const boot = await client.getObject(ObjectPath.boot, 'read boot settings');
    const device = deviceOf(boot.BootSource, boot.BootMode);
    return device === null ? NULL_BOOT : { boot_device: device, persistent: true };
  },
  want: (device, persistent) => {
    const t = DEVICE_TARGET[device];
    return persistent
      ? {
          [ObjectPath.boot]: { BootSource: t.source, BootMode: t.mode },
          [ObjectPath.bootOneTime]: { Enabled: false },
        }
      : { [ObjectPath.bootOneTime]: { BootSource: t.source, BootMode: t.mode, Enabled: true } };
  },
  cleared: { [ObjectPath.bootOneTime]: { BootSource: BootSource.Default, BootMode: BootMode.Regular } },
  bootTypeAt: ObjectPath.boot,
  settings: [
    { path: ObjectPath.boot, name: 'BootSource', kind: 'string' },
    { path: ObjectPath.boot, name: 'BootMode', kind: 'string' },
    { path: ObjectPath.boot, name: 'BootType', kind: 'string', optional: true },
    { path: ObjectPath.bootOneTime, name: 'BootSource', kind: 'string' },
    { path: ObjectPath.bootOneTime, name: 'BootMode', kind: 'string' },
    { path: ObjectPath.bootOneTime, name: 'Enabled', kind: 'bool' },
  ],
});

export const l0Boot = layout({
  layout: 'L0',
  nativeOneTime: false,
  async get(client) {
    const source = await client.getObject(ObjectPath.bootSourceL0, 'read boot source');
    const mode = await client.getObject(ObjectPath.bootModeL0, 'read boot mode');
    const device = deviceOf(source.BootSource, mode.BootMode);
    return device === null ? NULL_BOOT : { boot_device: device, persistent: true };
  },
  // Persistent only: the driver emulates one-time (nativeOneTime false).
  want: (device) => ({
    [ObjectPath.bootSourceL0]: { BootSource: DEVICE_TARGET[device].source },
    [ObjectPath.bootModeL0]: { BootMode: DEVICE_TARGET[device].mode },
  }),
  cleared: {
    [ObjectPath.bootSourceL0]: { BootSource: BootSource.Default },
    [ObjectPath.bootModeL0]: { BootMode: BootMode.Regular },
  },
  bootTypeAt: null,
  settings: [
    { path: ObjectPath.bootSourceL0, name: 'BootSource', kind: 'string' },
    { path: ObjectPath.bootModeL0, name: 'BootMode', kind: 'string' },
  ],
});

export const legacyBoot = layout({
  layout: 'legacy',
  nativeOneTime: true,
  async get(client) {
    const s = await client.getObject(LegacyPath.settingsHost, 'read boot settings');
    const device = (Object.keys(LEGACY_FLAGS) as BootDeviceValue[]).find(
      (d) => LEGACY_FLAGS[d] === s.boot_flags,
    );
    if (!device) return NULL_BOOT;
    const persistent =
      s.boot_policy === LegacyBootPolicy.permanent
        ? true
        : s.boot_policy === LegacyBootPolicy.oneTime
          ? false
          : null;
    return { boot_device: device, persistent };
  },
  want: (device, persistent) => ({
    [LegacyPath.settingsHost]: {
      boot_flags: LEGACY_FLAGS[device],
      boot_policy: persistent ? LegacyBootPolicy.permanent : LegacyBootPolicy.oneTime,
    },
  }),
  cleared: { [LegacyPath.settingsHost]: { boot_flags: LegacyBootFlag.Default } },
  bootTypeAt: null,
  settings: [
    { path: LegacyPath.settingsHost, name: 'boot_flags', kind: 'string' },
    { path: LegacyPath.settingsHost, name: 'boot_policy', kind: 'string' },
  ],
});

export const BOOT_DIALECTS: Record<BootLayoutName, BootDialect> = {
  legacy: legacyBoot,
  L0: l0Boot,
  L1: l1Boot,
  L2: l2Boot,
};

/** BootType (2021-02+, where the boot object has it) <-> Ironic's boot modes. */
export const BOOT_TYPE_OF: Record<BootModeValue, string> = { uefi: BootType.EFI, bios: BootType.Legacy };

export function bootModeOf(v: unknown): BootModeValue | null {
  return v === BootType.EFI ? 'uefi' : v === BootType.Legacy ? 'bios' : null;
}

/** A layout's boot settings as the BMC holds them: path -> property -> value (bools as booleans). */
export type BootSettingValues = Record<string, Record<string, string | boolean>>;

export async function readBootSettings(client: RestClient, dialect: BootDialect): Promise<BootSettingValues> {
  const objects = new Map<string, Record<string, unknown>>();
  const out: BootSettingValues = {};
  for (const setting of dialect.settings) {
    let object = objects.get(setting.path);
    if (!object) {
      object = await client.getObject(setting.path, 'record boot settings');
      objects.set(setting.path, object);
    }
    const raw = object[setting.name];
    if (raw === undefined && setting.optional) continue;
    const value = setting.kind === 'bool' ? readBool(raw) : typeof raw === 'string' ? raw : undefined;
    if (value === undefined) {
      throw new OpenBMCProtocolError(
        `${setting.path} ${setting.name} is ${JSON.stringify(raw)?.slice(0, 40)}, not a ${setting.kind}`,
      );
    }
    out[setting.path] = { ...out[setting.path], [setting.name]: value };
  }
  return out;
}

/** The writes that turn `current` back into `saved`, in the layout's restore order. */
export function restoreWrites(
  dialect: BootDialect,
  current: BootSettingValues,
  saved: BootSettingValues,
): BootWrite[] {
  const writes: BootWrite[] = [];
  for (const { path, name } of dialect.settings) {
    const want = saved[path]?.[name];
    if (want !== undefined && current[path]?.[name] !== want) writes.push({ path, name, value: want });
  }
  return writes;
}
