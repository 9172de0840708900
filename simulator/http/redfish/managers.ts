// Managers and Managers/bmc (bmcweb managers.hpp): Manager.Reset writes bmc0
// RequestedBMCTransition, so it drives the same BMC reboot as a D-Bus REST write does.

import type { JsonValue } from '../../../protocol/index.ts';
import { BmcState, BmcTransition, ObjectPath, RedfishPath, VersionPurpose } from '../../../protocol/index.ts';
import {
  asString,
  fail,
  odataContext,
  ok,
  oneMemberCollection,
  type RedfishContext,
  type RedfishReply,
  resetActionInfo,
  successBody,
} from './context.ts';
import { readResetType } from './request-body.ts';
import { redfishDate, unknownResource } from './systems.ts';

/** The running BMC image's version, found as bmcweb's fw_util getActiveFwVersion finds it: the
 * endpoints of software/functional, the one whose Purpose is BMC. */
function activeBmcVersion(t: RedfishContext['bmc']['tree']): string {
  const endpoints = t.get(`${ObjectPath.software}/functional`, 'endpoints');
  for (const path of Array.isArray(endpoints) ? endpoints : []) {
    if (typeof path !== 'string') continue;
    if (t.get(path, 'Purpose') === VersionPurpose.BMC) return asString(t.get(path, 'Version'));
  }
  return '';
}

/** GracefulRestart -> Reboot, ForceRestart -> HardReboot (doBMCGracefulRestart / doBMCForceRestart). */
const MANAGER_RESETS: Record<string, string> = {
  GracefulRestart: BmcTransition.Reboot,
  ForceRestart: BmcTransition.HardReboot,
};

export const getManagers = oneMemberCollection(
  RedfishPath.managers,
  'ManagerCollection',
  'Manager Collection',
  RedfishPath.manager,
);

export function getManager(ctx: RedfishContext): RedfishReply {
  const { rules, bmc } = ctx;
  if (ctx.params.manager !== 'bmc') return unknownResource(ctx, 'Manager', ctx.params.manager ?? '');
  const t = bmc.tree;
  const state = asString(t.get(ObjectPath.bmc, 'CurrentBMCState'));
  const reset: Record<string, JsonValue> = { target: RedfishPath.managerReset };
  if (rules.resetList === 'inline') reset['ResetType@Redfish.AllowableValues'] = ['GracefulRestart'];
  else reset['@Redfish.ActionInfo'] = RedfishPath.managerResetInfo;
  const uuid = asString(t.get(`${ObjectPath.inventorySystem}/chassis/motherboard`, 'UUID'));
  const version = activeBmcVersion(t);
  const body: Record<string, JsonValue> = {
    '@odata.id': RedfishPath.manager,
    '@odata.type': rules.types.manager,
    ...odataContext(rules, 'Manager.Manager'),
    Actions: { '#Manager.Reset': reset },
    DateTime: redfishDate(ctx.node.clock.now()),
    Description: 'Baseboard Management Controller',
    EthernetInterfaces: { '@odata.id': `${RedfishPath.manager}/EthernetInterfaces` },
    FirmwareVersion: version,
    Id: 'bmc',
    Links: {
      ManagerForChassis: [{ '@odata.id': RedfishPath.chassis }],
      'ManagerForChassis@odata.count': 1,
      ManagerForServers: [{ '@odata.id': RedfishPath.system }],
      'ManagerForServers@odata.count': 1,
    },
    LogServices: { '@odata.id': `${RedfishPath.manager}/LogServices` },
    ManagerType: 'BMC',
    Model: 'OpenBmc',
    Name: 'OpenBmc Manager',
    NetworkProtocol: { '@odata.id': `${RedfishPath.manager}/NetworkProtocol` },
    PowerState: 'On',
    ServiceEntryPointUUID: uuid,
    Status: { Health: 'OK', State: state === BmcState.Ready ? 'Enabled' : 'Starting' },
    UUID: uuid,
  };
  return ok(body);
}

export function resetManager(ctx: RedfishContext): RedfishReply {
  const { rules, bmc } = ctx;
  if (ctx.params.manager !== 'bmc') return unknownResource(ctx, 'Manager', ctx.params.manager ?? '');
  const resetType = readResetType(ctx);
  if (typeof resetType !== 'string') return fail(rules, resetType);
  const transition = MANAGER_RESETS[resetType];
  if (transition === undefined || (rules.resetList === 'inline' && resetType !== 'GracefulRestart'))
    return fail(rules, [{ key: 'ActionParameterNotSupported', args: [resetType, 'ResetType'] }]);
  const r = bmc.setProperty(ObjectPath.bmc, 'RequestedBMCTransition', transition, 'exact');
  return r.ok ? ok(successBody(rules)) : fail(rules, [{ key: 'InternalError' }]);
}

export function getManagerResetActionInfo(ctx: RedfishContext): RedfishReply {
  if (ctx.params.manager !== 'bmc') return unknownResource(ctx, 'Manager', ctx.params.manager ?? '');
  return resetActionInfo(RedfishPath.managerResetInfo, Object.keys(MANAGER_RESETS));
}
