// bmcweb-2024 as built between cdf25ffb6b (2024-07-12, "Make set properties return 200 Success
// not 204") and its revert 247ae89bc2 (2024-08-21): every successful setDbusProperty adds
// Base.Success and leaves status 200, so a System or Chassis Reset answers 200 + Success and an
// AccountService PATCH one Success per property set. The Systems PATCH presets 204 and stays 204.

import { bmcweb2024 } from './bmcweb-2024.ts';
import type { Profile } from './profile.ts';
import { redfish2024PatchSuccess } from './redfish-eras.ts';

export const bmcweb2024PatchSuccess: Profile = {
  ...bmcweb2024,
  name: 'bmcweb-2024-08',
  description:
    'bmcweb-2024 in the 2024-07-12..08-21 window: resets and property sets answer 200 + Base.Success',
  redfish: redfish2024PatchSuccess,
};
