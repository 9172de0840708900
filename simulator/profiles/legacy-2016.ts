// The skeleton-era firmware (tags v0.2 2015-12 to v1.0.5 2016-08): the same Python REST server
// (Python 2) in front of /org/openbmc objects: chassis0 powerOn/powerOff/softPowerOff/reboot/
// getPowerState (0/1), settings host0 boot_flags/boot_policy strings, getSystemState
// (openbmc-rest.md section 5, section 8 "legacy-2016").

import { BootProgress, ChassisTransition, HostTransition } from '../../protocol/index.ts';
import { realisticTimings } from './bmcweb-2021.ts';
import { phosphorErrors, phosphorRestBase } from './phosphor-rest.ts';
import { LEGACY_2016_BUILD } from './phosphor-tracebacks-py2.ts';
import type { Profile } from './profile.ts';

export const legacy2016: Profile = {
  ...phosphorRestBase,
  objectModel: 'org-openbmc',
  // Attribute names matched case-insensitively only from 2017-02-21, after this era; method names
  // already did (openbmc-rest.md 2.1).
  routing: { ...phosphorRestBase.routing, propertyNames: 'exact' },
  name: 'legacy-2016',
  description:
    'the 2016 skeleton-era firmware: /org/openbmc chassis0 actions, boot_flags/boot_policy settings',
  booleans: 'int',
  // The skeleton's objects came from GDBus and dbus-python services, whose Introspect texts are
  // not modelled: `<path>/schema` falls to the instance rule here.
  pythonServer: {
    webUi: false,
    headAndOptions: false,
    securityHeaders: false,
    build: LEGACY_2016_BUILD,
    schema: false,
  },
  python: 2,
  errors: phosphorErrors(LEGACY_2016_BUILD),
  state: {
    hostTransitional: false,
    chassisTransitional: false,
    hostTransitions: [HostTransition.Off, HostTransition.On, HostTransition.Reboot],
    chassisTransitions: [ChassisTransition.Off, ChassisTransition.On],
    bootStages: [
      BootProgress.MotherboardInit,
      BootProgress.MemoryInit,
      BootProgress.SecondaryProcInit,
      BootProgress.OSStart,
    ],
    hostExtras: [],
    chassisExtras: [],
    bmcExtras: [],
  },
  boot: { layout: 'legacy', hasBootType: false, l1ResetsOneTime: false },
  timings: realisticTimings,
};
