// Which objects a fresh BMC of a profile holds: the era's state, boot, software, inventory,
// sensor and logging objects, the 2016 /org tree, or a recording's stand-in tree.

import { bootObjects } from './boot-settings.ts';
import { inventoryObjects, sensorObjects, softwareObjects, uuidOf } from './inventory.ts';
import { legacyObjects } from './legacy-objects.ts';
import { loggingObjects } from './logging.ts';
import type { ModelProfile } from './model-profile.ts';
import { type DbusObject, LazyObjects } from './object-tree.ts';
import type { StandIn } from './stand-in.ts';
import { stateObjects } from './state-objects.ts';

export function modelObjects(
  profile: ModelProfile,
  seed: number,
  now: number,
  standIn?: StandIn,
): (DbusObject | LazyObjects)[] {
  if (standIn) return standIn.objects();
  if (profile.objectModel === 'org-openbmc') {
    return [
      // The machine's state lives in hidden /xyz objects; 2016 firmware shows /org/openbmc only.
      ...stateObjects(profile, now).map((o) => ({ ...o, hidden: true })),
      ...legacyObjects(uuidOf(seed)),
      ...bootObjects(profile.boot),
    ];
  }
  return [
    ...stateObjects(profile, now),
    ...bootObjects(profile.boot),
    // Seeded data, built at its first use (most BMCs of a large fleet are asked only for power).
    new LazyObjects(() => [
      ...softwareObjects(seed),
      ...inventoryObjects(seed),
      ...sensorObjects(seed, profile.sensors ?? 'dbus-sensors'),
    ]),
    ...loggingObjects(now),
  ];
}
