// Today's bmcweb HEAD (7debb892, 2026-08): bmcweb-2025 plus what changed for clients since:
// property messages (PropertyValueNotInList, PropertyValueTypeError, PropertyMissing,
// PropertyNotWritable, PropertyValueModified, ...) inside `error` (8b0993927e, 2026-04-29), so
// sushy finally shows the real message, and the Chassis PowerState PoweringOn/PoweringOff while
// chassis0 transitions (c583f90000, 2025-12-01). REST compiled out as in 2025.

import { bmcweb2025 } from './bmcweb-2025.ts';
import type { Profile } from './profile.ts';
import { redfish2026 } from './redfish-eras.ts';

export const bmcweb2026: Profile = {
  ...bmcweb2025,
  name: 'bmcweb-2026',
  description:
    'bmcweb HEAD (2026-08): Redfish only, property errors inside `error`, the Chassis shows PoweringOn/PoweringOff',
  redfish: redfish2026,
};
