// What a BMC keeps across restarts (phosphor-settings-manager's settings, the accounts, whether
// the host was powered) and the power restore policy phosphor-discover-system-state applies
// after a BMC start (openbmc-rest.md 3.6).

import type { JsonValue } from '../../protocol/index.ts';
import { ObjectPath } from '../../protocol/index.ts';
import type { PersistedUser } from './accounts.ts';
import { type BootLayoutRules, bootPaths } from './boot-settings.ts';
import type { ObjectTree } from './object-tree.ts';
import { toPlain } from './wire-value.ts';

export interface PersistedBmc {
  settings: Record<string, Record<string, JsonValue>>;
  users: PersistedUser[];
  poweredOn: boolean;
  /**
   * The session idle timeout set through Redfish SessionService, in seconds, where it differs from
   * the firmware's default (bmcweb keeps it as `timeout` in bmcweb_persistent_data.json,
   * f2a4a60698 2020-08).
   */
  sessionTimeoutS?: number;
}

/** Paths whose properties survive a restart, where this tree has them. */
export function persistedPaths(tree: ObjectTree, boot: BootLayoutRules): string[] {
  return [
    ...bootPaths(boot),
    ObjectPath.powerRestorePolicy,
    `${ObjectPath.powerRestorePolicy}/one_time`,
    ObjectPath.autoReboot,
    `${ObjectPath.autoReboot}/one_time`,
    // phosphor-user-manager keeps the policy in PAM's configuration files.
    ObjectPath.userManager,
  ].filter((p) => tree.object(p) !== undefined);
}

/** Plain properties of each path (for state files and the control API). */
export function plainProperties(
  tree: ObjectTree,
  paths: readonly string[],
): Record<string, Record<string, JsonValue>> {
  const out: Record<string, Record<string, JsonValue>> = {};
  for (const p of paths) out[p] = toPlain(tree.properties(p)) as Record<string, JsonValue>;
  return out;
}

/** Writes kept settings back; unknown paths or properties are ignored. */
export function restoreSettings(tree: ObjectTree, settings: PersistedBmc['settings']): void {
  for (const [path, props] of Object.entries(settings)) {
    for (const [name, value] of Object.entries(props)) tree.set(path, name, value);
  }
}

const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');

/** AlwaysOn powers on, Restore returns to the previous state, AlwaysOff and None leave the host off. */
export function restorePolicyPowersOn(tree: ObjectTree, poweredOn: boolean): boolean {
  const oneTime = str(tree.get(`${ObjectPath.powerRestorePolicy}/one_time`, 'PowerRestorePolicy'));
  const policy =
    oneTime && !oneTime.endsWith('.None')
      ? oneTime
      : str(tree.get(ObjectPath.powerRestorePolicy, 'PowerRestorePolicy'));
  return policy.endsWith('.AlwaysOn') || (policy.endsWith('.Restore') && poweredOn);
}
