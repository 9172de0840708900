// Today's default bmcweb build: the D-Bus REST API is compiled out (default `rest=disabled` since
// 2021-12-17). /login and /logout still work; every authenticated /xyz or /org request answers 404
// with an empty body, an unauthenticated one 401 (openbmc-rest.md section 8, last row).

import { bmcweb2024 } from './bmcweb-2024.ts';
import type { Profile } from './profile.ts';

export const bmcwebRestDisabled: Profile = {
  ...bmcweb2024,
  name: 'bmcweb-rest-disabled',
  description: "today's default bmcweb: /login works, the D-Bus REST API answers 404; Redfish is the way in",
  restEnabled: false,
};
