// AccountService (bmcweb account_service.hpp): the accounts the model holds, for OCP Baseline
// and Protocol-Validator reachability, and the password and lockout policy, read from and
// written to phosphor-user-manager's AccountPolicy object (/xyz/openbmc_project/user), so a
// D-Bus REST write shows here and a PATCH here shows on D-Bus. Passwords are never rendered.
// The directory-service keys of the PATCH (LDAP, ActiveDirectory, Oem AuthMethods,
// HTTPBasicAuth) are not modelled: this face answers them PropertyUnknown.

import type { JsonValue } from '../../../protocol/index.ts';
import { ObjectPath, RedfishPath } from '../../../protocol/index.ts';
import {
  collection,
  fail,
  noContent,
  odataContext,
  ok,
  type RedfishContext,
  type RedfishReply,
} from './context.ts';
import { errorBody, type Problem, renderMessage } from './messages.ts';
import { readBody, readFields } from './request-body.ts';
import { setFailure } from './set-failure.ts';

/** An AccountPolicy property, or the value bmcweb shows when the object is absent. */
function policy(ctx: RedfishContext, name: string, fallback: number): number {
  const v = ctx.bmc.tree.get(ObjectPath.userManager, name);
  return typeof v === 'number' ? v : fallback;
}

export function getAccountService(ctx: RedfishContext): RedfishReply {
  const { rules } = ctx;
  return ok({
    '@odata.id': RedfishPath.accountService,
    '@odata.type': '#AccountService.v1_5_0.AccountService',
    ...odataContext(rules, 'AccountService.AccountService'),
    AccountLockoutDuration: policy(ctx, 'AccountUnlockTimeout', 0),
    AccountLockoutThreshold: policy(ctx, 'MaxLoginAttemptBeforeLockout', 0),
    Accounts: { '@odata.id': RedfishPath.accounts },
    Description: 'Account Service',
    Id: 'AccountService',
    // Fixed in every era (account_service.hpp `MaxPasswordLength = 20`).
    MaxPasswordLength: 20,
    MinPasswordLength: policy(ctx, 'MinPasswordLength', 8),
    Name: 'Account Service',
    Roles: { '@odata.id': `${RedfishPath.accountService}/Roles` },
    ServiceEnabled: true,
  });
}

/** The AccountPolicy property each Redfish field writes (handleAccountServicePatch). */
const POLICY_FIELDS = [
  { redfish: 'MinPasswordLength', dbus: 'MinPasswordLength' },
  { redfish: 'AccountLockoutDuration', dbus: 'AccountUnlockTimeout' },
  { redfish: 'AccountLockoutThreshold', dbus: 'MaxLoginAttemptBeforeLockout' },
] as const;

/**
 * PATCH, in bmcweb's order: the synchronous refusals first (MinPasswordLength before
 * `ef73ad0d99`, MaxPasswordLength always: PropertyNotWritable), then each D-Bus set's answer
 * (an error by setFailure; success is Base.Success on the root from each 2019-2023 callback, or
 * setDbusProperty's 204 since 2024-02). The status is the last error's. No 204 is preset here,
 * unlike the Systems PATCH.
 */
export function patchAccountService(ctx: RedfishContext): RedfishReply {
  const { rules, bmc } = ctx;
  const body = readBody(ctx, 'patch');
  if (Array.isArray(body)) return fail(rules, body);
  const { values, problems } = readFields(rules, body, {
    AccountLockoutDuration: 'uint32',
    AccountLockoutThreshold: 'uint16',
    MaxPasswordLength: 'uint16',
    MinPasswordLength: 'uint8',
  });
  if (problems.length > 0) return fail(rules, problems);
  const out: Problem[] = [];
  const headers: Record<string, string> = {};
  const root: JsonValue[] = [];
  const notWritable = (property: string): Problem => ({
    key: 'PropertyNotWritable',
    args: [property],
    property,
  });
  if (values.MinPasswordLength !== undefined && !rules.minPasswordLengthWritable)
    out.push(notWritable('MinPasswordLength'));
  if (values.MaxPasswordLength !== undefined) out.push(notWritable('MaxPasswordLength'));
  for (const field of POLICY_FIELDS) {
    const value: JsonValue | undefined = values[field.redfish];
    if (value === undefined || (field.redfish === 'MinPasswordLength' && !rules.minPasswordLengthWritable))
      continue;
    const r = bmc.setProperty(ObjectPath.userManager, field.dbus, value, 'exact');
    if (r.ok) {
      // 2019-2023 callbacks add Base.Success whatever the status; setDbusProperty only while
      // nothing has failed, and only in its 2024-07..08 window (else it answers 204).
      const success =
        rules.dbusErrors === 'errno' || (rules.setSuccess === 'success-per-set' && out.length === 0);
      if (success) root.push(renderMessage(rules, 'Success'));
    } else {
      const failure = setFailure(rules, r.error, field.redfish, value);
      out.push(failure.problem);
      Object.assign(headers, failure.headers);
    }
  }
  if (out.length === 0 && root.length === 0)
    return rules.dbusErrors === 'errno' ? { status: 200 } : noContent();
  const status = out.length > 0 ? fail(rules, out).status : 200;
  return {
    status,
    headers,
    body: { ...errorBody(rules, out), ...(root.length > 0 ? { '@Message.ExtendedInfo': root } : {}) },
  };
}

export function getAccounts(ctx: RedfishContext): RedfishReply {
  const { rules, bmc } = ctx;
  const members = bmc.accounts.members().map((u) => `${RedfishPath.accounts}/${u.username}`);
  return collection(rules, {
    id: RedfishPath.accounts,
    type: 'ManagerAccountCollection',
    name: 'Accounts Collection',
    description: 'BMC User Accounts',
    members,
  });
}

export function getAccount(ctx: RedfishContext): RedfishReply {
  const { rules, bmc } = ctx;
  const name = ctx.params.account ?? '';
  const user = bmc.accounts.members().find((u) => u.username === name);
  if (!user) return fail(rules, [{ key: 'ResourceNotFound', args: ['ManagerAccount', name] }]);
  return ok({
    '@odata.id': `${RedfishPath.accounts}/${user.username}`,
    '@odata.type': '#ManagerAccount.v1_4_0.ManagerAccount',
    ...odataContext(rules, 'ManagerAccount.ManagerAccount'),
    AccountTypes: ['Redfish', 'WebUI', 'HostConsole', 'ManagerConsole'],
    Description: 'User Account',
    Enabled: true,
    Id: user.username,
    Links: { Role: { '@odata.id': `${RedfishPath.accountService}/Roles/${user.role}` } },
    Locked: false,
    'Locked@Redfish.AllowableValues': ['false'],
    Name: 'User Account',
    Password: null,
    PasswordChangeRequired: false,
    RoleId: user.role,
    UserName: user.username,
  });
}
