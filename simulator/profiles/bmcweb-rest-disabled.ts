// The name this profile had before the Redfish face: today's default bmcweb, REST compiled out.
// Kept as an alias of bmcweb-2025 so fleet files, targets and scripts that name it keep working.

import { bmcweb2025 } from './bmcweb-2025.ts';
import type { Profile } from './profile.ts';

export const bmcwebRestDisabled: Profile = {
  ...bmcweb2025,
  name: 'bmcweb-rest-disabled',
  description: 'alias of bmcweb-2025: REST compiled out, Redfish is the way in',
};
