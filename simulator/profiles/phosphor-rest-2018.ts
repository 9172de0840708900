// The Python REST server of 2018 to OpenBMC 2.6 (Feb 2019): L1 boot layout, LastStateChangeTime,
// booleans as true/false (from 2018-06). Python 3, as in the recorded transcripts
// (transcripts-phosphor-rest.md, `<class 'list'>`), which late builds of the server ran under.

import { BootProgress, ChassisTransition, HostTransition } from '../../protocol/index.ts';
import { realisticTimings } from './bmcweb-2021.ts';
import { phosphorErrors, phosphorRestBase } from './phosphor-rest.ts';
import { PHOSPHOR_REST_2018_BUILD } from './phosphor-tracebacks.ts';
import type { Profile } from './profile.ts';

export const phosphorRest2018: Profile = {
  ...phosphorRestBase,
  routing: { ...phosphorRestBase.routing, roots: 'any' },
  auth: { ...phosphorRestBase.auth, methods: ['signed-cookie'] },
  name: 'phosphor-rest-2018',
  description: 'the Python REST server, 2018 to OpenBMC 2.6: sid cookie, L1 boot layout, booleans true/false',
  booleans: 'json',
  pythonServer: {
    webUi: true,
    headAndOptions: true,
    securityHeaders: true,
    build: PHOSPHOR_REST_2018_BUILD,
    schema: true,
  },
  python: 3,
  errors: phosphorErrors(PHOSPHOR_REST_2018_BUILD),
  state: {
    // Off/Running/Quiesced only: Transitioning* arrived with 2020-11 firmware (openbmc-rest.md 3.4).
    hostTransitional: false,
    chassisTransitional: false,
    hostTransitions: [HostTransition.Off, HostTransition.On, HostTransition.Reboot],
    chassisTransitions: [ChassisTransition.Off, ChassisTransition.On],
    bootStages: [
      BootProgress.MotherboardInit,
      BootProgress.MemoryInit,
      BootProgress.SecondaryProcInit,
      BootProgress.PCIInit,
      BootProgress.OSStart,
    ],
    hostExtras: ['AttemptsLeft'],
    chassisExtras: ['LastStateChangeTime', 'POHCounter'],
    bmcExtras: ['LastRebootTime'],
  },
  boot: { layout: 'L1', hasBootType: false, l1ResetsOneTime: true },
  timings: realisticTimings,
};
