// host0, chassis0, bmc0 and the host control objects, with the properties this era's firmware has
// (openbmc-rest.md 3.1-3.3, 4.4).

import {
  BmcRebootCause,
  BmcState,
  BmcTransition,
  BootProgress,
  ChassisPowerState,
  ChassisPowerStatus,
  ChassisTransition,
  DbusInterface,
  enumValues,
  HostState,
  HostTransition,
  ObjectPath,
  OsStatus,
  PowerRestorePolicy,
  RestartCause,
} from '../../protocol/index.ts';
import { ledObjects } from './led-groups.ts';
import type { ModelProfile } from './model-profile.ts';
import type { DbusObject, InterfaceSpec } from './object-tree.ts';

export function stateObjects(p: ModelProfile, now: number): DbusObject[] {
  const hostState: InterfaceSpec = {
    properties: {
      RequestedHostTransition: {
        signature: 's',
        value: HostTransition.Off,
        enumValues: p.state.hostTransitions,
      },
      CurrentHostState: { signature: 's', value: HostState.Off, enumValues: enumValues(HostState) },
    },
  };
  const extras = new Set(p.state.hostExtras);
  if (extras.has('RestartCause')) {
    hostState.properties.RestartCause = {
      signature: 's',
      value: RestartCause.Unknown,
      enumValues: enumValues(RestartCause),
    };
  }
  if (extras.has('AllowedHostTransitions')) {
    hostState.properties.AllowedHostTransitions = {
      signature: 'as',
      value: [...p.state.hostTransitions],
      access: 'const',
    };
  }
  const progress: InterfaceSpec = {
    properties: {
      BootProgress: { signature: 's', value: BootProgress.Unspecified, enumValues: enumValues(BootProgress) },
    },
  };
  if (extras.has('BootProgressLastUpdate'))
    progress.properties.BootProgressLastUpdate = { signature: 't', value: 0 };
  const attempts: InterfaceSpec = { properties: {} };
  if (extras.has('AttemptsLeft')) attempts.properties.AttemptsLeft = { signature: 'u', value: 3 };
  if (extras.has('RetryAttempts')) attempts.properties.RetryAttempts = { signature: 'u', value: 3 };

  const chassisState: InterfaceSpec = {
    properties: {
      RequestedPowerTransition: {
        signature: 's',
        value: ChassisTransition.Off,
        enumValues: p.state.chassisTransitions,
      },
      CurrentPowerState: {
        signature: 's',
        value: ChassisPowerState.Off,
        enumValues: enumValues(ChassisPowerState),
      },
    },
  };
  const chassisExtras = new Set(p.state.chassisExtras);
  if (chassisExtras.has('CurrentPowerStatus')) {
    chassisState.properties.CurrentPowerStatus = {
      signature: 's',
      value: ChassisPowerStatus.Good,
      enumValues: enumValues(ChassisPowerStatus),
    };
  }
  if (chassisExtras.has('LastStateChangeTime'))
    chassisState.properties.LastStateChangeTime = { signature: 't', value: now };

  const bmcState: InterfaceSpec = {
    properties: {
      RequestedBMCTransition: {
        signature: 's',
        value: BmcTransition.None,
        enumValues: enumValues(BmcTransition),
      },
      CurrentBMCState: { signature: 's', value: BmcState.Ready, enumValues: enumValues(BmcState) },
    },
  };
  const bmcExtras = new Set(p.state.bmcExtras);
  if (bmcExtras.has('LastRebootTime')) bmcState.properties.LastRebootTime = { signature: 't', value: now };
  if (bmcExtras.has('LastRebootCause')) {
    bmcState.properties.LastRebootCause = {
      signature: 's',
      value: BmcRebootCause.POR,
      enumValues: enumValues(BmcRebootCause),
    };
  }

  const restorePolicy = (value: string): InterfaceSpec => ({
    properties: { PowerRestorePolicy: { signature: 's', value, enumValues: enumValues(PowerRestorePolicy) } },
  });
  const autoReboot: InterfaceSpec = { properties: { AutoReboot: { signature: 'b', value: true } } };

  return [
    {
      path: ObjectPath.host,
      interfaces: {
        [DbusInterface.host]: hostState,
        [DbusInterface.bootProgress]: progress,
        ...(Object.keys(attempts.properties).length > 0 ? { [DbusInterface.rebootAttempts]: attempts } : {}),
        [DbusInterface.osStatus]: {
          properties: {
            OperatingSystemState: {
              signature: 's',
              value: OsStatus.Inactive,
              enumValues: enumValues(OsStatus),
            },
          },
        },
      },
    },
    {
      path: ObjectPath.chassis,
      interfaces: {
        [DbusInterface.chassis]: chassisState,
        ...(chassisExtras.has('POHCounter')
          ? { [DbusInterface.powerOnHours]: { properties: { POHCounter: { signature: 'u', value: 0 } } } }
          : {}),
      },
    },
    { path: ObjectPath.bmc, interfaces: { [DbusInterface.bmc]: bmcState } },
    {
      path: ObjectPath.powerRestorePolicy,
      interfaces: { [DbusInterface.powerRestorePolicy]: restorePolicy(PowerRestorePolicy.AlwaysOff) },
    },
    {
      path: `${ObjectPath.powerRestorePolicy}/one_time`,
      interfaces: { [DbusInterface.powerRestorePolicy]: restorePolicy(PowerRestorePolicy.None) },
    },
    { path: ObjectPath.autoReboot, interfaces: { [DbusInterface.autoReboot]: autoReboot } },
    {
      path: `${ObjectPath.autoReboot}/one_time`,
      interfaces: {
        [DbusInterface.autoReboot]: { properties: { AutoReboot: { signature: 'b', value: true } } },
      },
    },
    {
      path: ObjectPath.nmi,
      interfaces: {
        [DbusInterface.nmi]: { properties: {}, methods: { NMI: { args: [], behaviour: 'nmi' } } },
      },
    },
    ...ledObjects(),
  ];
}
