// The D-Bus object tree behind the REST API: path -> interfaces -> typed properties and methods.
// Paths that only prefix other objects (e.g. /xyz/openbmc_project/state) exist as namespaces,
// as the object mapper reports them.

import type { JsonValue } from '../../protocol/index.ts';
import type { Signature } from './dbus-types.ts';
import { toWire, type WireValue } from './wire-value.ts';

export interface PropertySpec {
  signature: Signature;
  value: JsonValue;
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

export class ObjectTree {
  readonly #objects = new Map<string, DbusObject>();
  /**
   * bmcweb's mapper answers sorted; phosphor-rest's Python mapper answers in dict (insertion)
   * order (openbmc-rest.md 2.1: clients must not depend on it).
   */
  listing: Listing = 'sorted';

  add(object: DbusObject): void {
    this.#objects.set(object.path, object);
  }

  remove(path: string): boolean {
    return this.#objects.delete(path);
  }

  clear(): void {
    this.#objects.clear();
  }

  /** A visible object. */
  object(path: string): DbusObject | undefined {
    const o = this.#objects.get(path);
    return o && !o.hidden ? o : undefined;
  }

  #visiblePaths(): string[] {
    return [...this.#objects.values()].filter((o) => !o.hidden).map((o) => o.path);
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
    const object = this.#objects.get(path);
    return object ? this.#property(object, name, 'exact')?.spec.value : undefined;
  }

  /** Stores a value without any REST-level checks (the model's own updates). Absent properties are ignored. */
  set(path: string, name: string, value: JsonValue): void {
    const object = this.#objects.get(path);
    const found = object ? this.#property(object, name, 'exact') : undefined;
    if (found) found.spec.value = value;
  }

  /** Visible object paths, sorted. */
  paths(): string[] {
    return this.#visiblePaths().sort();
  }
}
