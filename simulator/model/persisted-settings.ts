// Settings read back from a state file are checked as the BMC would check a write: only objects
// the profile persists, only properties that exist and are writable, each value of the property's
// D-Bus type and, for enums, one of its values. The first bad field is named by its path.

import type { JsonValue } from '../../protocol/index.ts';
import type { Bmc } from './bmc.ts';
import { convertJson, type Signature } from './dbus-types.ts';

const TYPE_NAMES: Record<Signature, string> = {
  s: 'a string',
  b: 'a boolean',
  y: 'a byte (0..255)',
  n: 'an int16',
  q: 'a uint16',
  i: 'an int32',
  u: 'a uint32',
  x: 'an int64',
  t: 'a uint64',
  d: 'a number',
  as: 'an array of strings',
  ao: 'an array of object paths',
};

/** Why `settings` cannot be restored into `bmc` (`settings["<path>"].<Property>: ...`), or undefined. */
export function checkPersistedSettings(
  bmc: Bmc,
  settings: Record<string, Record<string, JsonValue>>,
): string | undefined {
  const kept = bmc.persistedPaths();
  for (const [path, props] of Object.entries(settings)) {
    const where = `settings[${JSON.stringify(path)}]`;
    if (!kept.includes(path))
      return `${where}: not a setting this profile keeps (it keeps ${kept.join(', ')})`;
    for (const [name, value] of Object.entries(props)) {
      const field = `${where}.${name}`;
      const found = bmc.tree.findProperty(path, name, 'exact');
      if (!found) return `${field}: no such property`;
      const { signature, access, enumValues } = found.spec;
      if (access === 'const') return `${field}: read-only, cannot be restored`;
      // Strict, and booleans only as booleans: the simulator itself writes nothing else.
      const typed = convertJson(value, signature, 'strict');
      if (!typed.ok || (signature === 'b' && typeof value !== 'boolean'))
        return `${field}: expected ${TYPE_NAMES[signature]}, got ${JSON.stringify(value)}`;
      if (enumValues && (typeof value !== 'string' || !enumValues.includes(value)))
        return `${field}: expected one of ${enumValues.join(', ')}, got ${JSON.stringify(value)}`;
    }
  }
  return undefined;
}
