// Boot source/mode/type settings and how the next host boot consumes them (openbmc-rest.md 4.1-4.3).

import type { JsonValue } from '../../protocol/index.ts';
import {
  type BootLayoutName,
  BootMode,
  BootSource,
  BootType,
  DbusInterface,
  enumValues,
  LegacyPath,
  ObjectPath,
} from '../../protocol/index.ts';
import { legacySettingsObject } from './legacy-objects.ts';
import type { DbusObject, InterfaceSpec, ObjectTree } from './object-tree.ts';

export interface BootLayoutRules {
  layout: BootLayoutName;
  hasBootType: boolean;
  l1ResetsOneTime: boolean;
}

/** What the host actually booted with, recorded at each boot. */
export interface EffectiveBoot {
  source: string;
  mode: string;
  type: string | null;
  oneTime: boolean;
}

const sourceIface = (): InterfaceSpec => ({
  properties: {
    BootSource: { signature: 's', value: BootSource.Default, enumValues: enumValues(BootSource) },
  },
});
const modeIface = (): InterfaceSpec => ({
  properties: { BootMode: { signature: 's', value: BootMode.Regular, enumValues: enumValues(BootMode) } },
});
const typeIface = (): InterfaceSpec => ({
  properties: { BootType: { signature: 's', value: BootType.EFI, enumValues: enumValues(BootType) } },
});
const enableIface = (value: boolean): InterfaceSpec => ({
  properties: { Enabled: { signature: 'b', value } },
});

/** The boot objects of a layout, with this era's defaults. */
export function bootObjects(rules: BootLayoutRules): DbusObject[] {
  const settings = (): Record<string, InterfaceSpec> => ({
    [DbusInterface.bootSource]: sourceIface(),
    [DbusInterface.bootMode]: modeIface(),
    ...(rules.hasBootType ? { [DbusInterface.bootType]: typeIface() } : {}),
  });
  switch (rules.layout) {
    case 'legacy':
      return [legacySettingsObject()];
    case 'L0':
      return [
        { path: ObjectPath.bootSourceL0, interfaces: { [DbusInterface.bootSource]: sourceIface() } },
        { path: ObjectPath.bootModeL0, interfaces: { [DbusInterface.bootMode]: modeIface() } },
      ];
    case 'L1':
      // one_time carries its own Source/Mode plus Enabled, default true (the override always applies).
      return [
        { path: ObjectPath.boot, interfaces: settings() },
        {
          path: ObjectPath.bootOneTime,
          interfaces: { ...settings(), [DbusInterface.enable]: enableIface(true) },
        },
      ];
    case 'L2':
      // boot.Enabled = override enabled (default false); one_time has only Enabled = one-time vs persistent.
      return [
        { path: ObjectPath.boot, interfaces: { ...settings(), [DbusInterface.enable]: enableIface(false) } },
        { path: ObjectPath.bootOneTime, interfaces: { [DbusInterface.enable]: enableIface(false) } },
      ];
  }
}

export function bootPaths(rules: BootLayoutRules): string[] {
  return bootObjects(rules).map((o) => o.path);
}

const LEGACY_SOURCE: Record<string, string> = {
  Network: BootSource.Network,
  Disk: BootSource.Disk,
  CDROM: BootSource.ExternalMedia,
};

const str = (v: JsonValue | undefined, fallback: string) => (typeof v === 'string' ? v : fallback);

/**
 * Applies the boot override at a host boot and consumes a one-time one, as the host side does
 * (phosphor-host-ipmid / BIOS clearing the valid flag). Returns what the host booted with.
 * `keepOneTime` is asked only when a one-time override would be consumed: true leaves it set
 * (the `one-time-never-consumed` fault: a host side that never clears the flag).
 */
export function consumeAtBoot(
  tree: ObjectTree,
  rules: BootLayoutRules,
  keepOneTime: () => boolean = () => false,
): EffectiveBoot {
  const type = rules.hasBootType ? str(tree.get(ObjectPath.boot, 'BootType'), BootType.EFI) : null;
  switch (rules.layout) {
    case 'legacy': {
      // boot_flags names a device or a mode; ONETIME means the host resets it after use.
      const flags = str(tree.get(LegacyPath.settingsHost, 'boot_flags'), 'Default');
      const oneTime = tree.get(LegacyPath.settingsHost, 'boot_policy') === 'ONETIME' && flags !== 'Default';
      if (oneTime && !keepOneTime()) tree.set(LegacyPath.settingsHost, 'boot_flags', 'Default');
      const source = LEGACY_SOURCE[flags] ?? BootSource.Default;
      const mode = flags === 'Safe' ? BootMode.Safe : flags === 'Setup' ? BootMode.Setup : BootMode.Regular;
      return { source, mode, type: null, oneTime };
    }
    case 'L0':
      return {
        source: str(tree.get(ObjectPath.bootSourceL0, 'BootSource'), BootSource.Default),
        mode: str(tree.get(ObjectPath.bootModeL0, 'BootMode'), BootMode.Regular),
        type: null,
        oneTime: false,
      };
    case 'L1': {
      const oneTime = tree.get(ObjectPath.bootOneTime, 'Enabled') === true;
      const from = oneTime ? ObjectPath.bootOneTime : ObjectPath.boot;
      const effective = {
        source: str(tree.get(from, 'BootSource'), BootSource.Default),
        mode: str(tree.get(from, 'BootMode'), BootMode.Regular),
        type: rules.hasBootType ? str(tree.get(from, 'BootType'), BootType.EFI) : null,
        oneTime,
      };
      const set = effective.source !== BootSource.Default || effective.mode !== BootMode.Regular;
      if (oneTime && rules.l1ResetsOneTime && set && !keepOneTime()) {
        tree.set(ObjectPath.bootOneTime, 'BootSource', BootSource.Default);
        tree.set(ObjectPath.bootOneTime, 'BootMode', BootMode.Regular);
      }
      return effective;
    }
    case 'L2': {
      const override = tree.get(ObjectPath.boot, 'Enabled') === true;
      const oneTime = override && tree.get(ObjectPath.bootOneTime, 'Enabled') === true;
      if (!override) return { source: BootSource.Default, mode: BootMode.Regular, type, oneTime: false };
      const effective = {
        source: str(tree.get(ObjectPath.boot, 'BootSource'), BootSource.Default),
        mode: str(tree.get(ObjectPath.boot, 'BootMode'), BootMode.Regular),
        type,
        oneTime,
      };
      if (oneTime && !keepOneTime()) tree.set(ObjectPath.boot, 'Enabled', false);
      return effective;
    }
  }
}
