// The D-Bus errors phosphor-state-manager's setters throw instead of starting a transition
// (openbmc-rest.md 3.4 "Requests PSM rejects"): a non-Off host or chassis request while the BMC
// is not Ready, when built with only-allow-boot-when-bmc-ready (host_state_manager.cpp
// ONLY_ALLOW_BOOT_WHEN_BMC_READY: BMCNotReady, defined 2023-05 in phosphor-dbus-interfaces), and
// a non-Off request or a BMC reboot while firmware is activating (CHECK_FWUPDATE_BEFORE_DO_TRANSITION:
// Common.Error.Unavailable). Both are build options, so the simulator applies them as faults.
// Texts: phosphor-dbus-interfaces yaml/xyz/openbmc_project/{State/Host,State/Chassis,Common}.errors.yaml.

import {
  BmcTransition,
  ChassisTransition,
  DbusError,
  HostTransition,
  ObjectPath,
} from '../../protocol/index.ts';
import type { FaultHooks } from './model-profile.ts';

export interface DbusErrorReply {
  name: string;
  message: string;
}

const HOST_NOT_READY: DbusErrorReply = {
  name: DbusError.hostBmcNotReady,
  message: 'The BMC is not in a Ready state, no host operations allowed',
};
const CHASSIS_NOT_READY: DbusErrorReply = {
  name: DbusError.chassisBmcNotReady,
  message: 'The BMC is not in a Ready state, no power operations allowed',
};
const UNAVAILABLE: DbusErrorReply = {
  name: DbusError.unavailable,
  message: 'The service is temporarily unavailable.',
};

/** The error the setter of `path`/`property` throws for `value`, or undefined when it accepts it. */
export function transitionRefusal(
  path: string,
  property: string,
  value: unknown,
  bmcReady: boolean,
  faults: FaultHooks,
): DbusErrorReply | undefined {
  const host = path === ObjectPath.host && property === 'RequestedHostTransition';
  const chassis = path === ObjectPath.chassis && property === 'RequestedPowerTransition';
  const bmcReboot =
    path === ObjectPath.bmc &&
    property === 'RequestedBMCTransition' &&
    (value === BmcTransition.Reboot || value === BmcTransition.HardReboot);
  const powersUp = (host && value !== HostTransition.Off) || (chassis && value !== ChassisTransition.Off);
  if (powersUp && !bmcReady && faults.take('refuse-when-bmc-not-ready')) {
    return host ? HOST_NOT_READY : CHASSIS_NOT_READY;
  }
  if ((powersUp || bmcReboot) && faults.take('transitions-unavailable')) return UNAVAILABLE;
  return undefined;
}
