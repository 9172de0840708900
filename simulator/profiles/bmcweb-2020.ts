// bmcweb as the default REST server, OpenBMC 2.9 (2020-12, 2d5fe9d0): the REST face of
// bmcweb-2019 (L1 boot layout, 60 min idle timeout) with the host's Transitioning* states
// (phosphor-state-manager, 2020-11), and the Redfish face of the end of 2020: ResetActionInfo
// only (sushy stops validating), the 2020 reset mapping, PoweringOn/PoweringOff with State
// Disabled, Quiesced/InTest, BootProgress, LocationIndicatorActive, Base.1.8.1 with
// MessageSeverity, SessionTimeout PATCH; BootSourceOverrideMode still fixed Legacy
// (redfish.md 2.4, bmcweb-2020 row; redfish-eras.ts redfish2020).

import { bmcweb2019 } from './bmcweb-2019.ts';
import type { Profile } from './profile.ts';
import { redfish2020 } from './redfish-eras.ts';

export const bmcweb2020: Profile = {
  ...bmcweb2019,
  name: 'bmcweb-2020',
  description:
    'bmcweb with REST on by default, OpenBMC 2.9 (2020-12): L1 boot layout, Redfish ActionInfo resets, PoweringOn/Off, Mode fixed Legacy',
  state: { ...bmcweb2019.state, hostTransitional: true },
  redfish: redfish2020,
};
