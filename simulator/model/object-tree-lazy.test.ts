// LazyObjects: built at the first use that needs them, in their place in the listing; a lookup of
// an object added eagerly does not build them.

import { describe, expect, it } from 'vitest';
import { ObjectPath } from '../../protocol/index.ts';
import { bmcweb2021 } from '../profiles/bmcweb-2021.ts';
import { Bmc } from './bmc.ts';
import { ManualClock } from './clock.ts';
import { type DbusObject, LazyObjects, ObjectTree } from './object-tree.ts';
import { seededRng } from './rng.ts';

const leaf = (path: string, value = 1): DbusObject => ({
  path,
  interfaces: { 'i.L': { properties: { V: { signature: 'u', value } } } },
});

function tree() {
  let builds = 0;
  const t = new ObjectTree();
  t.listing = 'insertion';
  t.add(leaf('/z/first'));
  t.add(
    new LazyObjects(() => {
      builds++;
      return [leaf('/z/lazy/a'), leaf('/z/lazy/b')];
    }),
  );
  t.add(leaf('/z/last'));
  return { t, builds: () => builds };
}

describe('LazyObjects', () => {
  it('is not built by lookups, reads and writes of eager objects', () => {
    const { t, builds } = tree();
    expect(t.object('/z/first')).toBeDefined();
    expect(t.exists('/z/last')).toBe(true);
    t.set('/z/last', 'V', 2);
    expect(t.get('/z/last', 'V')).toBe(2);
    expect(t.properties('/z/first')).toEqual({ V: 1 });
    expect(builds()).toBe(0);
  });

  it('is built once, by a lookup of its path, and keeps its place in insertion order', () => {
    const { t, builds } = tree();
    expect(t.get('/z/lazy/b', 'V')).toBe(1);
    expect(t.descendants('/z')).toEqual(['/z/first', '/z/lazy/a', '/z/lazy/b', '/z/last']);
    expect(t.exists('/z/lazy')).toBe(true);
    expect(builds()).toBe(1);
  });

  it('is built by listings and namespace checks', () => {
    const a = tree();
    expect(a.t.children('/z')).toEqual(['/z/first', '/z/lazy', '/z/last']);
    expect(a.builds()).toBe(1);
    const b = tree();
    expect(b.t.exists('/z/lazy')).toBe(true);
    expect(b.builds()).toBe(1);
  });

  it('yields to an object added under the same path before it was built; remove and clear see it', () => {
    const { t, builds } = tree();
    t.add(leaf('/z/lazy/a', 7));
    expect(t.get('/z/lazy/a', 'V')).toBe(7);
    expect(t.remove('/z/lazy/b')).toBe(true);
    expect(t.paths()).toEqual(['/z/first', '/z/last', '/z/lazy/a']);
    t.clear();
    t.add(new LazyObjects(() => [leaf('/y')]));
    expect(t.paths()).toEqual(['/y']);
    expect(builds()).toBe(1);
  });

  it("a BMC's seeded inventory and sensors do not depend on when, or after which BMC, they are built", () => {
    const make = (seed: number) =>
      new Bmc({
        profile: bmcweb2021,
        timings: bmcweb2021.timings,
        clock: new ManualClock(),
        rng: seededRng(1),
        seed,
        users: [],
      });
    const alone = make(42);
    const sensors = alone.tree.descendants(ObjectPath.sensors);
    expect(sensors.length).toBeGreaterThan(0);
    const late = make(42);
    make(43).tree.paths();
    expect(late.tree.descendants(ObjectPath.sensors)).toEqual(sensors);
    for (const p of sensors) expect(late.tree.properties(p)).toEqual(alone.tree.properties(p));
  });
});
