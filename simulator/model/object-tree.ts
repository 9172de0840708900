// The D-Bus object tree behind the REST API: path -> interfaces -> typed properties and methods.
// Paths that only prefix other objects (e.g. /xyz/openbmc_project/state) exist as namespaces,
// as the object mapper reports them.

import type { JsonValue } from '../../protocol/index.ts';
import type { Signature } from './dbus-types.ts';
import { toWire, type WireValue } from './wire-value.ts';

export interface PropertySpec {
  signature: Signature;
  /** Written only through ObjectTree (set, write), which counts every change in `version`. */
  readonly value: JsonValue;
  /** `const` properties reject writes; everything else is writable over D-Bus (openbmc-rest.md 2.4). */
  access?: 'readwrite' | 'const';
  /** Full dotted enum strings the owning service accepts (an enum is type `s` on D-Bus). */
  enumValues?: readonly string[];
}

/** What the skeleton-era (2016) chassis0/power0/bmc0 methods do (legacy-calls.ts). */
export type LegacyBehaviour =
  | 'legacy-power-on'
  | 'legacy-power-off'
  | 'legacy-soft-power-off'
  | 'legacy-reboot'
  | 'legacy-soft-reboot'
  | 'legacy-set-power-state'
  | 'legacy-get-power-state'
  | 'legacy-get-system-state'
  | 'legacy-warm-reset'
  | 'legacy-identify-on'
  | 'legacy-identify-off';

/** What calling a method does; `none` answers success and changes nothing. */
export type MethodBehaviour = 'nmi' | 'delete-all-logs' | 'delete-self' | 'none' | LegacyBehaviour;

export interface MethodSpec {
  /** Input argument signatures, in order. */
  args: readonly Signature[];
  behaviour: MethodBehaviour;
  /** A Python function behind dbus-python's service decorator (the skeleton's): no signature check. */
  python?: boolean;
}

export interface InterfaceSpec {
  properties: Record<string, PropertySpec>;
  methods?: Record<string, MethodSpec>;
}

export interface DbusObject {
  path: string;
  interfaces: Record<string, InterfaceSpec>;
  /** Model state the REST server of this profile does not expose (e.g. /xyz state behind a 2016 /org tree). */
  hidden?: boolean;
}

export interface FoundProperty {
  iface: string;
  name: string;
  spec: PropertySpec;
}

export interface FoundMethod {
  iface: string;
  name: string;
  spec: MethodSpec;
}

export type NameMatch = 'exact' | 'case-insensitive';

const matches = (a: string, b: string, how: NameMatch) =>
  how === 'exact' ? a === b : a.toLowerCase() === b.toLowerCase();

export type Listing = 'sorted' | 'insertion';

/**
 * Objects built at their first use, in their place in the listing: the seeded inventory and
 * sensors cost more than the rest of a BMC, and most BMCs of a large fleet are only ever asked
 * for their power state.
 */
export class LazyObjects {
  readonly build: () => DbusObject[];
  constructor(build: () => DbusObject[]) {
    this.build = build;
  }
}

const isLazy = (key: string) => key.startsWith('\0');

export class ObjectTree {
  /** Insertion order matters (listing); unbuilt LazyObjects hold their place under a `\0` key. */
  #objects = new Map<string, DbusObject | LazyObjects>();
  #lazyCount = 0;
  #version = 0;
  /**
   * bmcweb's mapper answers sorted; phosphor-rest's Python mapper answers in dict (insertion)
   * order (openbmc-rest.md 2.1: clients must not depend on it).
   */
  listing: Listing = 'sorted';

  /**
   * Moves on every change a reader could see (a value written, an object added or removed), so a
   * rendering of the tree kept with the version it was made at is current while they are equal.
   * Building lazy objects is no change: they read the same before and after.
   */
  get version(): number {
    return this.#version;
  }

  add(object: DbusObject | LazyObjects): void {
    this.#version++;
    if (object instanceof LazyObjects) this.#objects.set(`\0${this.#lazyCount++}`, object);
    else this.#objects.set(object.path, object);
  }

  remove(path: string): boolean {
    this.#version++;
    this.#buildLazy();
    return this.#objects.delete(path);
  }

  clear(): void {
    this.#version++;
    this.#objects.clear();
    this.#lazyCount = 0;
  }

  /** Builds every LazyObjects in its place; objects added since under the same path win. */
  #buildLazy(): Map<string, DbusObject> {
    if (this.#lazyCount > 0) {
      const built = new Map<string, DbusObject>();
      for (const [key, entry] of this.#objects) {
        if (!(entry instanceof LazyObjects)) built.set(key, entry);
        else for (const o of entry.build()) if (!this.#objects.has(o.path)) built.set(o.path, o);
      }
      this.#objects = built;
      this.#lazyCount = 0;
    }
    return this.#objects as Map<string, DbusObject>;
  }

  /** Any object, hidden or not; lazy objects are built only when the path is not found without them. */
  #find(path: string): DbusObject | undefined {
    const o = isLazy(path) ? undefined : this.#objects.get(path);
    if (o !== undefined || this.#lazyCount === 0) return o as DbusObject | undefined;
    return this.#buildLazy().get(path);
  }

  /** A visible object. */
  object(path: string): DbusObject | undefined {
    const o = this.#find(path);
    return o && !o.hidden ? o : undefined;
  }

  #visiblePaths(): string[] {
    return [...this.#buildLazy().values()].filter((o) => !o.hidden).map((o) => o.path);
  }

  /** An object, or a namespace some object lives under. */
  exists(path: string): boolean {
    if (this.object(path)) return true;
    const prefix = path.endsWith('/') ? path : `${path}/`;
    return this.#visiblePaths().some((p) => p.startsWith(prefix));
  }

  /** Direct children (objects and namespaces), sorted as bmcweb's mapper answers them. */
  children(path: string): string[] {
    const prefix = path === '/' ? '/' : `${path}/`;
    const out = new Set<string>();
    for (const p of this.#visiblePaths()) {
      if (!p.startsWith(prefix) || p === path) continue;
      const rest = p.slice(prefix.length);
      const first = rest.split('/')[0];
      if (first) out.add(prefix + first);
    }
    return this.#order([...out]);
  }

  #order(paths: string[]): string[] {
    return this.listing === 'sorted' ? paths.sort() : paths;
  }

  /** Every object below `path` (not the path itself), sorted. */
  descendants(path: string): string[] {
    const prefix = path === '/' ? '/' : `${path}/`;
    return this.#order(this.#visiblePaths().filter((p) => p.startsWith(prefix) && p !== path));
  }

  /** All properties of all interfaces, merged into one map (openbmc-rest.md 2.4 "GET object"). */
  properties(path: string): Record<string, WireValue> {
    const out: Record<string, WireValue> = {};
    const object = this.object(path);
    if (!object) return out;
    for (const iface of Object.values(object.interfaces)) {
      for (const [name, spec] of Object.entries(iface.properties))
        out[name] = toWire(spec.value, spec.signature);
    }
    return out;
  }

  findProperty(path: string, name: string, how: NameMatch): FoundProperty | undefined {
    const object = this.object(path);
    return object ? this.#property(object, name, how) : undefined;
  }

  #property(object: DbusObject, name: string, how: NameMatch): FoundProperty | undefined {
    for (const [iface, def] of Object.entries(object.interfaces)) {
      for (const [prop, spec] of Object.entries(def.properties)) {
        if (matches(prop, name, how)) return { iface, name: prop, spec };
      }
    }
    return undefined;
  }

  findMethod(path: string, name: string, how: NameMatch): FoundMethod | undefined {
    const object = this.object(path);
    if (!object) return undefined;
    for (const [iface, def] of Object.entries(object.interfaces)) {
      for (const [method, spec] of Object.entries(def.methods ?? {})) {
        if (matches(method, name, how)) return { iface, name: method, spec };
      }
    }
    return undefined;
  }

  hasInterface(path: string, iface: string): boolean {
    return Boolean(this.object(path)?.interfaces[iface]);
  }

  /** Reads one property's value; undefined when the object or property is absent. */
  get(path: string, name: string): JsonValue | undefined {
    const object = this.#find(path);
    return object ? this.#property(object, name, 'exact')?.spec.value : undefined;
  }

  /** Stores a value without any REST-level checks (the model's own updates). Absent properties are ignored. */
  set(path: string, name: string, value: JsonValue): void {
    const object = this.#find(path);
    const found = object ? this.#property(object, name, 'exact') : undefined;
    if (found) this.write(found, value);
  }

  /** Stores a value into a property found in this tree (the one way values change). */
  write(found: FoundProperty, value: JsonValue): void {
    (found.spec as { value: JsonValue }).value = value;
    this.#version++;
  }

  /** Visible object paths, sorted. */
  paths(): string[] {
    return this.#visiblePaths().sort();
  }
}
