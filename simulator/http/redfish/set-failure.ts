// A D-Bus property set that a PATCH handler made and the owning service refused, as each era
// reports it. 2019-2021: every handler's own callback answers any error with InternalError
// (systems.hpp, account_service.hpp at dd118a2e, 638e239e). Since d02aad3988 (2024-02)
// setDbusProperty's afterSetProperty (redfish-core/src/utils/dbus_utils.cpp at 9dae4dee) goes by
// the D-Bus error name: InvalidArgument -> PropertyValueIncorrect, the host or chassis
// BMCNotReady -> 503 ServiceTemporarilyUnavailable, NotAllowed -> PropertyNotWritable, anything
// else InternalError. (Common.Error.Unavailable has its own answer there, but no setter this
// model serves to a PATCH throws it.)

import type { JsonValue } from '../../../protocol/index.ts';
import { DbusError } from '../../../protocol/index.ts';
import type { ModelError } from '../../model/model-error.ts';
import type { RedfishRules } from '../../profiles/redfish-eras.ts';
import type { Problem } from './messages.ts';
import { valueArg } from './request-body.ts';

export interface SetFailure {
  problem: Problem;
  headers?: Record<string, string>;
}

/** The answer to a refused set of the Redfish property `property` (bmcweb's name, e.g. `Boot/BootSourceOverrideMode`) to `value`. */
export function setFailure(
  rules: RedfishRules,
  error: ModelError,
  property: string,
  value: JsonValue,
): SetFailure {
  if (rules.dbusErrors === 'errno' || error.kind !== 'dbus-error')
    return { problem: { key: 'InternalError' } };
  switch (error.name) {
    case DbusError.invalidArgument:
      return { problem: { key: 'PropertyValueIncorrect', args: [property, valueArg(rules, value)] } };
    case DbusError.hostBmcNotReady:
    case DbusError.chassisBmcNotReady:
      return {
        problem: { key: 'ServiceTemporarilyUnavailable', args: ['10'] },
        headers: { 'Retry-After': '10' },
      };
    case DbusError.notAllowed:
      return { problem: { key: 'PropertyNotWritable', args: [property], property } };
    default:
      return { problem: { key: 'InternalError' } };
  }
}
