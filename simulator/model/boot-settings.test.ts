// Boot settings per layout and their consumption at the next host boot (openbmc-rest.md 4.1-4.3, 9.12).

import { describe, expect, it } from 'vitest';
import {
  BootMode,
  BootSource,
  BootType,
  HostTransition,
  LegacyPath,
  ObjectPath,
} from '../../protocol/index.ts';
import { modelBmc } from '../../test/support/model-bmc.ts';
import { bmcweb2021 } from '../profiles/bmcweb-2021.ts';
import { type BootLayoutRules, bootObjects, bootPaths, consumeAtBoot } from './boot-settings.ts';
import { ManualClock } from './clock.ts';
import { ObjectTree } from './object-tree.ts';
import { toPlain } from './wire-value.ts';

const L2: BootLayoutRules = { layout: 'L2', hasBootType: true, l1ResetsOneTime: false };
const L1: BootLayoutRules = { layout: 'L1', hasBootType: false, l1ResetsOneTime: true };
const L1_KEEPS: BootLayoutRules = { ...L1, l1ResetsOneTime: false };
const L0: BootLayoutRules = { layout: 'L0', hasBootType: false, l1ResetsOneTime: false };
const LEGACY: BootLayoutRules = { layout: 'legacy', hasBootType: false, l1ResetsOneTime: false };

const treeOf = (rules: BootLayoutRules) => {
  const tree = new ObjectTree();
  for (const o of bootObjects(rules)) tree.add(o);
  return tree;
};
const props = (tree: ObjectTree, path: string) => toPlain(tree.properties(path));

describe('layouts and defaults', () => {
  it('L2: boot has Source/Mode/Type and Enabled=false; one_time has only Enabled=false', () => {
    const tree = treeOf(L2);
    expect(bootPaths(L2)).toEqual([ObjectPath.boot, ObjectPath.bootOneTime]);
    expect(props(tree, ObjectPath.boot)).toEqual({
      BootSource: BootSource.Default,
      BootMode: BootMode.Regular,
      BootType: BootType.EFI,
      Enabled: false,
    });
    expect(props(tree, ObjectPath.bootOneTime)).toEqual({ Enabled: false });
  });

  it('L1: boot has Source/Mode; one_time repeats them plus Enabled=true', () => {
    const tree = treeOf(L1);
    expect(props(tree, ObjectPath.boot)).toEqual({
      BootSource: BootSource.Default,
      BootMode: BootMode.Regular,
    });
    expect(props(tree, ObjectPath.bootOneTime)).toEqual({
      BootSource: BootSource.Default,
      BootMode: BootMode.Regular,
      Enabled: true,
    });
  });

  it('L0: separate boot_source and boot_mode objects', () => {
    const tree = treeOf(L0);
    expect(bootPaths(L0)).toEqual([ObjectPath.bootSourceL0, ObjectPath.bootModeL0]);
    expect(props(tree, ObjectPath.bootSourceL0)).toEqual({ BootSource: BootSource.Default });
    expect(props(tree, ObjectPath.bootModeL0)).toEqual({ BootMode: BootMode.Regular });
  });

  it('legacy: boot_flags and boot_policy strings on /org/openbmc/settings/host0', () => {
    const tree = treeOf(LEGACY);
    expect(tree.get(LegacyPath.settingsHost, 'boot_flags')).toBe('Default');
    expect(tree.get(LegacyPath.settingsHost, 'boot_policy')).toBe('ONETIME');
  });

  it('carries full dotted enum values for validation', () => {
    const found = treeOf(L2).findProperty(ObjectPath.boot, 'BootSource', 'exact');
    expect(found?.spec.enumValues).toContain(BootSource.Network);
    expect(found?.spec.enumValues).toContain(BootSource.HTTP);
    expect(
      found?.spec.enumValues?.every((v) => v.startsWith('xyz.openbmc_project.Control.Boot.Source.Sources.')),
    ).toBe(true);
  });
});

describe('consumption at boot', () => {
  it('L2 without the override boots Default/Regular and changes nothing', () => {
    const tree = treeOf(L2);
    tree.set(ObjectPath.boot, 'BootSource', BootSource.Network);
    expect(consumeAtBoot(tree, L2)).toEqual({
      source: BootSource.Default,
      mode: BootMode.Regular,
      type: BootType.EFI,
      oneTime: false,
    });
    expect(tree.get(ObjectPath.boot, 'BootSource')).toBe(BootSource.Network);
  });

  it('L2 persistent override applies at every boot', () => {
    const tree = treeOf(L2);
    tree.set(ObjectPath.boot, 'BootSource', BootSource.Disk);
    tree.set(ObjectPath.boot, 'BootMode', BootMode.Setup);
    tree.set(ObjectPath.boot, 'Enabled', true);
    const expected = { source: BootSource.Disk, mode: BootMode.Setup, type: BootType.EFI, oneTime: false };
    expect(consumeAtBoot(tree, L2)).toEqual(expected);
    expect(consumeAtBoot(tree, L2)).toEqual(expected);
    expect(tree.get(ObjectPath.boot, 'Enabled')).toBe(true);
  });

  it('L2 one-time override applies once, then boot.Enabled is false', () => {
    const tree = treeOf(L2);
    tree.set(ObjectPath.boot, 'BootSource', BootSource.Network);
    tree.set(ObjectPath.boot, 'BootType', BootType.Legacy);
    tree.set(ObjectPath.boot, 'Enabled', true);
    tree.set(ObjectPath.bootOneTime, 'Enabled', true);
    expect(consumeAtBoot(tree, L2)).toEqual({
      source: BootSource.Network,
      mode: BootMode.Regular,
      type: BootType.Legacy,
      oneTime: true,
    });
    expect(tree.get(ObjectPath.boot, 'Enabled')).toBe(false);
    expect(consumeAtBoot(tree, L2).source).toBe(BootSource.Default);
  });

  it('L1 one_time (Enabled) wins and is reset to Default/Regular after use when the profile says so', () => {
    const tree = treeOf(L1);
    tree.set(ObjectPath.boot, 'BootSource', BootSource.Disk);
    tree.set(ObjectPath.bootOneTime, 'BootSource', BootSource.Network);
    expect(consumeAtBoot(tree, L1)).toEqual({
      source: BootSource.Network,
      mode: BootMode.Regular,
      type: null,
      oneTime: true,
    });
    expect(tree.get(ObjectPath.bootOneTime, 'BootSource')).toBe(BootSource.Default);
    // The override is always in effect in L1: now it says Default.
    expect(consumeAtBoot(tree, L1).source).toBe(BootSource.Default);
  });

  it('L1 without the reset option keeps one_time values', () => {
    const tree = treeOf(L1_KEEPS);
    tree.set(ObjectPath.bootOneTime, 'BootSource', BootSource.Network);
    consumeAtBoot(tree, L1_KEEPS);
    expect(tree.get(ObjectPath.bootOneTime, 'BootSource')).toBe(BootSource.Network);
  });

  it('L1 with one_time disabled uses /boot persistently', () => {
    const tree = treeOf(L1);
    tree.set(ObjectPath.boot, 'BootSource', BootSource.Disk);
    tree.set(ObjectPath.bootOneTime, 'Enabled', false);
    tree.set(ObjectPath.bootOneTime, 'BootSource', BootSource.Network);
    expect(consumeAtBoot(tree, L1)).toMatchObject({ source: BootSource.Disk, oneTime: false });
    expect(consumeAtBoot(tree, L1)).toMatchObject({ source: BootSource.Disk, oneTime: false });
    expect(tree.get(ObjectPath.bootOneTime, 'BootSource')).toBe(BootSource.Network);
  });

  it('L0 is always persistent', () => {
    const tree = treeOf(L0);
    tree.set(ObjectPath.bootSourceL0, 'BootSource', BootSource.ExternalMedia);
    expect(consumeAtBoot(tree, L0)).toEqual({
      source: BootSource.ExternalMedia,
      mode: BootMode.Regular,
      type: null,
      oneTime: false,
    });
    expect(tree.get(ObjectPath.bootSourceL0, 'BootSource')).toBe(BootSource.ExternalMedia);
  });

  it('a host side that never clears the flag (one-time-never-consumed): booted from, still set', () => {
    let asked = 0;
    const keep = () => {
      asked += 1;
      return true;
    };
    const l2 = treeOf(L2);
    l2.set(ObjectPath.boot, 'BootSource', BootSource.Network);
    l2.set(ObjectPath.boot, 'Enabled', true);
    l2.set(ObjectPath.bootOneTime, 'Enabled', true);
    expect(consumeAtBoot(l2, L2, keep)).toMatchObject({ source: BootSource.Network, oneTime: true });
    expect(props(l2, ObjectPath.boot)).toMatchObject({ Enabled: true, BootSource: BootSource.Network });
    expect(props(l2, ObjectPath.bootOneTime)).toEqual({ Enabled: true });
    const l1 = treeOf(L1);
    l1.set(ObjectPath.bootOneTime, 'BootSource', BootSource.Network);
    expect(consumeAtBoot(l1, L1, keep)).toMatchObject({ source: BootSource.Network, oneTime: true });
    expect(l1.get(ObjectPath.bootOneTime, 'BootSource')).toBe(BootSource.Network);
    const legacy = treeOf(LEGACY);
    legacy.set(LegacyPath.settingsHost, 'boot_flags', 'Network');
    expect(consumeAtBoot(legacy, LEGACY, keep)).toMatchObject({ oneTime: true });
    expect(legacy.get(LegacyPath.settingsHost, 'boot_flags')).toBe('Network');
    // Asked only where a one-time override was there to consume (a `times` count is of those boots).
    expect(asked).toBe(3);
    consumeAtBoot(treeOf(L2), L2, keep);
    consumeAtBoot(treeOf(L1), L1, keep);
    consumeAtBoot(treeOf(LEGACY), LEGACY, keep);
    expect(asked).toBe(3);
  });

  it('legacy ONETIME boot_flags are reset to Default after use; PERMANENT ones stay', () => {
    const tree = treeOf(LEGACY);
    tree.set(LegacyPath.settingsHost, 'boot_flags', 'Network');
    expect(consumeAtBoot(tree, LEGACY)).toMatchObject({ source: BootSource.Network, oneTime: true });
    expect(tree.get(LegacyPath.settingsHost, 'boot_flags')).toBe('Default');
    tree.set(LegacyPath.settingsHost, 'boot_flags', 'Setup');
    tree.set(LegacyPath.settingsHost, 'boot_policy', 'PERMANENT');
    expect(consumeAtBoot(tree, LEGACY)).toMatchObject({ mode: BootMode.Setup, oneTime: false });
    expect(tree.get(LegacyPath.settingsHost, 'boot_flags')).toBe('Setup');
  });
});

describe('one-time PXE through the bmcweb-2021 model', () => {
  const make = () => {
    const clock = new ManualClock();
    const bmc = modelBmc(bmcweb2021, clock);
    const put = (path: string, prop: string, value: string | boolean) =>
      bmc.setProperty(path, prop, value, 'exact');
    return { clock, bmc, put };
  };

  it('is consumed when the host reaches Running, not before', () => {
    const { clock, bmc, put } = make();
    expect(put(ObjectPath.boot, 'BootSource', BootSource.Network).ok).toBe(true);
    expect(put(ObjectPath.boot, 'Enabled', true).ok).toBe(true);
    expect(put(ObjectPath.bootOneTime, 'Enabled', true).ok).toBe(true);
    expect(put(ObjectPath.host, 'RequestedHostTransition', HostTransition.On).ok).toBe(true);
    clock.advance(bmcweb2021.timings.chassisOnMs + bmcweb2021.timings.hostStartMs - 1);
    expect(bmc.tree.get(ObjectPath.boot, 'Enabled')).toBe(true);
    expect(bmc.lastBoot).toBeNull();
    clock.advance(1);
    expect(bmc.tree.get(ObjectPath.boot, 'Enabled')).toBe(false);
    expect(bmc.lastBoot).toEqual({
      source: BootSource.Network,
      mode: BootMode.Regular,
      type: BootType.EFI,
      oneTime: true,
    });
    // The next boot is back to no override.
    expect(put(ObjectPath.host, 'RequestedHostTransition', HostTransition.Reboot).ok).toBe(true);
    clock.advance(10 * 60_000);
    expect(bmc.lastBoot?.source).toBe(BootSource.Default);
    expect(bmc.lastBoot?.oneTime).toBe(false);
  });

  it('refuses an L1-style BootSource on L2 one_time as a property that cannot be created', () => {
    const { put } = make();
    expect(put(ObjectPath.bootOneTime, 'BootSource', BootSource.Network)).toEqual({
      ok: false,
      error: { kind: 'property-not-creatable', path: ObjectPath.bootOneTime, property: 'BootSource' },
    });
  });

  it('validates the enum strings', () => {
    const { put } = make();
    expect(put(ObjectPath.boot, 'BootSource', 'Network')).toMatchObject({
      ok: false,
      error: { kind: 'invalid-enum' },
    });
    expect(put(ObjectPath.boot, 'BootMode', BootSource.Network)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-enum' },
    });
  });
});
