// bmcweb as the default REST server, OpenBMC 2.7 (2019-08) to 2.9 (2021-01); this profile is the
// 2.8 (2020-06) snapshot: L1 boot layout, PowerCycle and the warm reboots, RestartCause, no
// transitional states yet, cookies without SameSite, a username login answers only a token,
// 60 min idle timeout (openbmc-rest.md 1.2, 1.5, 3.1-3.4, 4.1, section 8).

import { BootProgress, ChassisTransition, HostTransition } from '../../protocol/index.ts';
import { bmcweb2021 } from './bmcweb-2021.ts';
import type { Profile } from './profile.ts';
import { redfish2019 } from './redfish-eras.ts';

export const bmcweb2019: Profile = {
  ...bmcweb2021,
  name: 'bmcweb-2019',
  description:
    'bmcweb with REST on by default, 2019-2020: L1 boot layout, cookies without SameSite, 60 min idle timeout',
  cookies: { ...bmcweb2021.cookies, attributes: 'Secure' },
  // 2019 code added WWW-Authenticate only for clients without a User-Agent (openbmc-rest.md 1.6).
  auth: { ...bmcweb2021.auth, wwwAuthenticate: 'unless-user-agent' },
  sessions: { ...bmcweb2021.sessions, idleTimeoutMs: 3_600_000 },
  state: {
    hostTransitional: false,
    chassisTransitional: false,
    hostTransitions: [
      HostTransition.Off,
      HostTransition.On,
      HostTransition.Reboot,
      HostTransition.GracefulWarmReboot,
      HostTransition.ForceWarmReboot,
    ],
    chassisTransitions: [ChassisTransition.Off, ChassisTransition.On, ChassisTransition.PowerCycle],
    bootStages: [
      BootProgress.MotherboardInit,
      BootProgress.MemoryInit,
      BootProgress.SecondaryProcInit,
      BootProgress.PCIInit,
      BootProgress.OSStart,
    ],
    hostExtras: ['AttemptsLeft', 'RestartCause'],
    chassisExtras: ['LastStateChangeTime', 'POHCounter'],
    bmcExtras: ['LastRebootTime'],
  },
  boot: { layout: 'L1', hasBootType: false, l1ResetsOneTime: true },
  redfish: redfish2019,
};
