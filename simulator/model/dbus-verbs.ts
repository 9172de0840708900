// The generic D-Bus REST verbs on the object tree (openbmc-rest.md 2.1, 2.4): read, write with
// the owning service's type and enum checks, call, delete, list, enumerate. What a write or a
// call *does* beyond storing the value is the owner's (hooks), so every face shares one meaning.

import type { JsonValue } from '../../protocol/index.ts';
import { DbusInterface } from '../../protocol/index.ts';
import { convertJson } from './dbus-types.ts';
import type { ModelError } from './model-error.ts';
import type { ModelProfile } from './model-profile.ts';
import type { MethodBehaviour, NameMatch, ObjectTree } from './object-tree.ts';
import { err, ok, type Result } from './result.ts';
import { toWire, type WireValue } from './wire-value.ts';

export interface DbusVerbHooks {
  /** False when the write must be dropped silently (the `boot-not-sticky` fault, a setter that ignores a value). */
  accepts(path: string, property: string, value: JsonValue): boolean;
  /** The D-Bus error the owning service's setter throws instead of taking the value, if any. */
  refuses(path: string, property: string, value: JsonValue): { name: string; message: string } | undefined;
  /** A property took a new value. */
  written(path: string, property: string, value: JsonValue): void;
  /** A method with this behaviour was called with arguments that passed the signature checks. */
  call(behaviour: MethodBehaviour, path: string, args: readonly JsonValue[]): JsonValue;
}

export class DbusVerbs {
  readonly #tree: ObjectTree;
  readonly #profile: ModelProfile;
  readonly #hooks: DbusVerbHooks;

  constructor(tree: ObjectTree, profile: ModelProfile, hooks: DbusVerbHooks) {
    this.#tree = tree;
    this.#profile = profile;
    this.#hooks = hooks;
  }

  getObject(path: string): Result<Record<string, WireValue>, ModelError> {
    if (!this.#tree.exists(path)) return err({ kind: 'path-not-found', path });
    return ok(this.#tree.properties(path));
  }

  getProperty(path: string, name: string, how: NameMatch): Result<WireValue, ModelError> {
    if (!this.#tree.exists(path)) return err({ kind: 'path-not-found', path });
    const found = this.#tree.findProperty(path, name, how);
    if (!found) return err({ kind: 'property-not-found', path, property: name });
    return ok(toWire(found.spec.value, found.spec.signature));
  }

  setProperty(path: string, name: string, value: JsonValue, how: NameMatch): Result<null, ModelError> {
    if (!this.#tree.exists(path)) return err({ kind: 'path-not-creatable', path, property: name });
    const found = this.#tree.findProperty(path, name, how);
    if (!found) return err({ kind: 'property-not-creatable', path, property: name });
    const property = found.name;
    if (found.spec.access === 'const') return err({ kind: 'read-only', path, property });
    const converted = convertJson(value, found.spec.signature, this.#profile.coercion);
    if (!converted.ok) return err({ kind: converted.error, path, property, signature: found.spec.signature });
    const v = converted.value;
    if (found.spec.enumValues && (typeof v !== 'string' || !found.spec.enumValues.includes(v))) {
      return err({ kind: 'invalid-enum', path, property, value: String(v) });
    }
    const refused = this.#hooks.refuses(path, property, v);
    if (refused) return err({ kind: 'dbus-error', ...refused });
    if (!this.#hooks.accepts(path, property, v)) return ok(null);
    this.#tree.write(found, v);
    this.#hooks.written(path, property, v);
    return ok(null);
  }

  invoke(path: string, method: string, args: JsonValue[], how: NameMatch): Result<JsonValue, ModelError> {
    if (!this.#tree.exists(path)) return err({ kind: 'path-not-found', path });
    const found = this.#tree.findMethod(path, method, how);
    if (!found) return err({ kind: 'method-not-found', path, method });
    if (args.length !== found.spec.args.length) return err({ kind: 'method-args', path, method: found.name });
    for (const [i, sig] of found.spec.args.entries()) {
      const arg = args[i];
      if (arg === undefined || !convertJson(arg, sig, this.#profile.coercion).ok) {
        return err({ kind: 'method-arg-type', path, method: found.name });
      }
    }
    return ok(this.#hooks.call(found.spec.behaviour, path, args));
  }

  /** DELETE calls xyz.openbmc_project.Object.Delete.Delete where the object has it. */
  delete(path: string): Result<null, ModelError> {
    if (!this.#tree.exists(path)) return err({ kind: 'path-not-found', path });
    if (!this.#tree.hasInterface(path, DbusInterface.objectDelete))
      return err({ kind: 'delete-not-supported', path });
    this.#tree.remove(path);
    return ok(null);
  }

  children(path: string): Result<string[], ModelError> {
    if (!this.#tree.exists(path)) return err({ kind: 'path-not-found', path });
    return ok(this.#tree.children(path));
  }

  list(path: string): Result<string[], ModelError> {
    if (path !== '/' && !this.#tree.exists(path)) return err({ kind: 'path-not-found', path });
    return ok(this.#tree.descendants(path));
  }

  /** Path -> properties for the subtree, the object itself included (openbmc-rest.md 2.1). */
  enumerate(path: string): Result<Record<string, Record<string, WireValue>>, ModelError> {
    if (path !== '/' && !this.#tree.exists(path)) return err({ kind: 'path-not-found', path });
    const out: Record<string, Record<string, WireValue>> = {};
    const keepEmpty = this.#profile.routing.enumerateEmpty === 'include';
    for (const p of [path, ...this.#tree.descendants(path)]) {
      const props = this.#tree.properties(p);
      if (this.#tree.object(p) && (keepEmpty || Object.keys(props).length > 0)) out[p] = props;
    }
    return ok(out);
  }
}
