// The Python REST server of 2017 (OpenBMC v1.99 / 2.0 era) under Python 2: /xyz state objects
// with Off/Running/Quiesced only, the short-lived L0 boot objects (boot_source, boot_mode),
// D-Bus booleans as 0/1 (until 2018-06), Python 2 reprs and JSON errors (openbmc-rest.md 1.2, 2.2,
// 3.1, 4.1, section 8 "phosphor-rest-2017").

import { BootProgress, ChassisTransition, HostTransition } from '../../protocol/index.ts';
import { realisticTimings } from './bmcweb-2021.ts';
import { phosphorErrors, phosphorRestBase } from './phosphor-rest.ts';
import { PHOSPHOR_REST_2017_BUILD } from './phosphor-tracebacks-py2.ts';
import type { Profile } from './profile.ts';

export const phosphorRest2017: Profile = {
  ...phosphorRestBase,
  name: 'phosphor-rest-2017',
  description: 'the Python REST server, 2017: L0 boot objects, booleans as 0/1, Python 2',
  booleans: 'int',
  pythonServer: { ...phosphorRestBase.pythonServer, build: PHOSPHOR_REST_2017_BUILD },
  python: 2,
  errors: phosphorErrors(PHOSPHOR_REST_2017_BUILD),
  state: {
    hostTransitional: false,
    chassisTransitional: false,
    hostTransitions: [HostTransition.Off, HostTransition.On, HostTransition.Reboot],
    chassisTransitions: [ChassisTransition.Off, ChassisTransition.On],
    // The 2017-05 set of stages (PCIInit came in 2017-10).
    bootStages: [
      BootProgress.MotherboardInit,
      BootProgress.MemoryInit,
      BootProgress.SecondaryProcInit,
      BootProgress.OSStart,
    ],
    hostExtras: ['AttemptsLeft'],
    chassisExtras: [],
    bmcExtras: [],
  },
  boot: { layout: 'L0', hasBootType: false, l1ResetsOneTime: false },
  timings: realisticTimings,
};
