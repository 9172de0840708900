// Today's default bmcweb build (2025): Redfish is the way in. The D-Bus REST API is compiled out
// (default `rest=disabled` since 2021-12-17): /login and /logout still work, every authenticated
// /xyz or /org request answers 404 with an empty body, an unauthenticated one 401
// (openbmc-rest.md section 8, last row). The Redfish face has no Thermal/Power and no
// IndicatorLED by default and two-part MessageIds (redfish.md 2.4, bmcweb-2025+).

import { bmcweb2024 } from './bmcweb-2024.ts';
import type { Profile } from './profile.ts';
import { redfish2025 } from './redfish-eras.ts';

export const bmcweb2025: Profile = {
  ...bmcweb2024,
  name: 'bmcweb-2025',
  description:
    "today's default bmcweb: Redfish only (no Thermal/Power, two-part MessageIds); /login works, the D-Bus REST API answers 404",
  restEnabled: false,
  redfish: redfish2025,
  // phosphor-user-manager 9ca8692 (2025-05-18): above MAX_PASSWORD_LENGTH (64) is refused too.
  accountPolicy: { minPasswordLength: 'refuse-outside-8-64' },
};
