// The object tree behind the generic verbs: children (trailing slash), list, enumerate with the
// object itself, namespaces, hidden objects, merged properties (openbmc-rest.md 2.1, 2.4, 9.9).

import { describe, expect, it } from 'vitest';
import { HostState, HostTransition, ObjectPath } from '../../protocol/index.ts';
import { modelBmc } from '../../test/support/model-bmc.ts';
import { bmcweb2021 } from '../profiles/bmcweb-2021.ts';
import { ManualClock } from './clock.ts';
import { ObjectTree } from './object-tree.ts';
import { WireDouble } from './wire-value.ts';

const small = () => {
  const t = new ObjectTree();
  // Added out of order, to tell sorted from insertion order.
  t.add({ path: '/a/b/d', interfaces: { 'i.D': { properties: { Reading: { signature: 'd', value: 2 } } } } });
  t.add({
    path: '/a',
    interfaces: {
      'i.One': { properties: { Name: { signature: 's', value: 'a' } } },
      'i.Two': {
        properties: { Count: { signature: 'u', value: 3 } },
        methods: { Poke: { args: [], behaviour: 'none' } },
      },
    },
  });
  t.add({ path: '/a/b/c', interfaces: { 'i.C': { properties: {} } } });
  t.add({
    path: '/a/x',
    hidden: true,
    interfaces: { 'i.X': { properties: { Secret: { signature: 's', value: 'h' } } } },
  });
  return t;
};

describe('ObjectTree', () => {
  it('lists direct children, namespaces included, sorted; a leaf has none', () => {
    const t = small();
    expect(t.children('/a')).toEqual(['/a/b']);
    expect(t.children('/a/b')).toEqual(['/a/b/c', '/a/b/d']);
    expect(t.children('/a/b/c')).toEqual([]);
    expect(t.children('/')).toEqual(['/a']);
  });

  it('lists all descendants without the path itself', () => {
    const t = small();
    expect(t.descendants('/a')).toEqual(['/a/b/c', '/a/b/d']);
    expect(t.descendants('/')).toEqual(['/a', '/a/b/c', '/a/b/d']);
  });

  it('keeps insertion order when the profile lists that way', () => {
    const t = small();
    t.listing = 'insertion';
    expect(t.children('/a/b')).toEqual(['/a/b/d', '/a/b/c']);
    expect(t.descendants('/')).toEqual(['/a/b/d', '/a', '/a/b/c']);
  });

  it('knows objects and namespaces; a path prefix that is not a segment does not exist', () => {
    const t = small();
    expect(t.exists('/a')).toBe(true);
    expect(t.exists('/a/b')).toBe(true);
    expect(t.object('/a/b')).toBeUndefined();
    expect(t.exists('/a/b/c')).toBe(true);
    expect(t.exists('/a/b/')).toBe(true);
    expect(t.exists('/a/bb')).toBe(false);
    expect(t.exists('/z')).toBe(false);
  });

  it('hides hidden objects from every listing but lets the model read them', () => {
    const t = small();
    expect(t.exists('/a/x')).toBe(false);
    expect(t.object('/a/x')).toBeUndefined();
    expect(t.properties('/a/x')).toEqual({});
    expect(t.findProperty('/a/x', 'Secret', 'exact')).toBeUndefined();
    expect(t.paths()).toEqual(['/a', '/a/b/c', '/a/b/d']);
    expect(t.get('/a/x', 'Secret')).toBe('h');
    t.set('/a/x', 'Secret', 'k');
    expect(t.get('/a/x', 'Secret')).toBe('k');
  });

  it('merges the properties of all interfaces and keeps whole doubles as doubles', () => {
    const t = small();
    expect(t.properties('/a')).toEqual({ Name: 'a', Count: 3 });
    const reading = t.properties('/a/b/d').Reading;
    expect(reading).toBeInstanceOf(WireDouble);
    expect((reading as WireDouble).text()).toBe('2.0');
  });

  it('finds names exactly or case-insensitively', () => {
    const t = small();
    expect(t.findProperty('/a', 'count', 'exact')).toBeUndefined();
    expect(t.findProperty('/a', 'count', 'case-insensitive')).toMatchObject({
      iface: 'i.Two',
      name: 'Count',
    });
    expect(t.findMethod('/a', 'poke', 'exact')).toBeUndefined();
    expect(t.findMethod('/a', 'poke', 'case-insensitive')).toMatchObject({ iface: 'i.Two', name: 'Poke' });
  });

  it('ignores model writes to absent properties', () => {
    const t = small();
    t.set('/a', 'Nope', 1);
    t.set('/nope', 'Name', 1);
    expect(t.properties('/a')).toEqual({ Name: 'a', Count: 3 });
  });
});

describe('the bmcweb-2021 tree through the Bmc verbs', () => {
  const bmc = modelBmc();

  it('enumerate includes the object itself', () => {
    const r = bmc.enumerate(ObjectPath.host);
    expect(r.ok && Object.keys(r.value)).toEqual([ObjectPath.host]);
    const state = bmc.enumerate(ObjectPath.stateRoot);
    expect(state.ok && Object.keys(state.value).sort()).toEqual([
      ObjectPath.bmc,
      ObjectPath.chassis,
      ObjectPath.host,
    ]);
  });

  it('enumerate of the control subtree covers boot, one_time and the restore policy', () => {
    const r = bmc.enumerate(ObjectPath.controlHost);
    const keys = r.ok ? Object.keys(r.value) : [];
    expect(keys).toContain(ObjectPath.boot);
    expect(keys).toContain(ObjectPath.bootOneTime);
    expect(keys).toContain(ObjectPath.powerRestorePolicy);
  });

  it('software enumerate has a BMC and a host version', () => {
    const r = bmc.enumerate(ObjectPath.software);
    const purposes = r.ok ? Object.values(r.value).map((p) => p.Purpose) : [];
    expect(purposes.filter(Boolean).sort()).toEqual([
      'xyz.openbmc_project.Software.Version.VersionPurpose.BMC',
      'xyz.openbmc_project.Software.Version.VersionPurpose.Host',
    ]);
  });

  it('children of the state namespace, of a leaf, and list of a subtree', () => {
    expect(bmc.children(ObjectPath.stateRoot)).toEqual({
      ok: true,
      value: [ObjectPath.bmc, ObjectPath.chassis, ObjectPath.host],
    });
    expect(bmc.children(ObjectPath.bmc)).toEqual({ ok: true, value: [] });
    expect(bmc.list(ObjectPath.stateRoot)).toEqual({
      ok: true,
      value: [ObjectPath.bmc, ObjectPath.chassis, ObjectPath.host],
    });
  });

  it('reports a missing path for every listing verb', () => {
    const missing = { ok: false, error: { kind: 'path-not-found', path: '/xyz/idont/exist' } };
    expect(bmc.children('/xyz/idont/exist')).toEqual(missing);
    expect(bmc.list('/xyz/idont/exist')).toEqual(missing);
    expect(bmc.enumerate('/xyz/idont/exist')).toEqual(missing);
    expect(bmc.getObject('/xyz/idont/exist')).toEqual(missing);
  });
});

describe('ObjectTree.version', () => {
  it('moves on every change a reader could see, and only then', () => {
    const t = small();
    const seen = [t.version];
    const moved = () => {
      seen.push(t.version);
      return (seen.at(-1) ?? 0) > (seen.at(-2) ?? 0);
    };
    t.get('/a', 'Name');
    t.properties('/a');
    t.children('/');
    expect(moved()).toBe(false);
    t.set('/a', 'Name', 'b');
    expect(moved()).toBe(true);
    const found = t.findProperty('/a', 'count', 'case-insensitive');
    if (!found) throw new Error('no Count');
    t.write(found, 4);
    expect(moved()).toBe(true);
    t.add({ path: '/n', interfaces: {} });
    expect(moved()).toBe(true);
    t.remove('/n');
    expect(moved()).toBe(true);
    t.clear();
    expect(moved()).toBe(true);
  });

  it('moves on a write through the model (D-Bus REST PUT, a transition, a BMC reset)', () => {
    const clock = new ManualClock();
    const bmc = modelBmc(bmcweb2021, clock);
    let v = bmc.tree.version;
    const moved = () => {
      const before = v;
      v = bmc.tree.version;
      return v > before;
    };
    expect(bmc.setProperty(ObjectPath.boot, 'Enabled', true, 'exact').ok).toBe(true);
    expect(moved()).toBe(true);
    expect(bmc.setProperty(ObjectPath.host, 'RequestedHostTransition', HostTransition.On, 'exact').ok).toBe(
      true,
    );
    expect(moved()).toBe(true);
    clock.advance(10 * 60_000);
    expect(moved()).toBe(true);
    expect(bmc.tree.get(ObjectPath.host, 'CurrentHostState')).toBe(HostState.Running);
    bmc.reset();
    expect(moved()).toBe(true);
  });
});
