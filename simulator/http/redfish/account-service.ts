// AccountService, read-only (bmcweb account_service.hpp): the accounts the model holds, for
// OCP Baseline and Protocol-Validator reachability. Passwords are never rendered.

import { RedfishPath } from '../../../protocol/index.ts';
import { collectionId, fail, odataContext, ok, type RedfishContext, type RedfishReply } from './context.ts';

export function getAccountService(ctx: RedfishContext): RedfishReply {
  const { rules } = ctx;
  return ok({
    '@odata.id': RedfishPath.accountService,
    '@odata.type': '#AccountService.v1_5_0.AccountService',
    ...odataContext(rules, 'AccountService.AccountService'),
    AccountLockoutDuration: 0,
    AccountLockoutThreshold: 0,
    Accounts: { '@odata.id': RedfishPath.accounts },
    Description: 'Account Service',
    Id: 'AccountService',
    MaxPasswordLength: 20,
    MinPasswordLength: 8,
    Name: 'Account Service',
    Roles: { '@odata.id': `${RedfishPath.accountService}/Roles` },
    ServiceEnabled: true,
  });
}

export function getAccounts(ctx: RedfishContext): RedfishReply {
  const { rules, bmc } = ctx;
  const members = bmc.accounts
    .members()
    .map((u) => ({ '@odata.id': `${RedfishPath.accounts}/${u.username}` }));
  return ok({
    '@odata.id': collectionId(rules, RedfishPath.accounts),
    '@odata.type': '#ManagerAccountCollection.ManagerAccountCollection',
    ...odataContext(rules, 'ManagerAccountCollection.ManagerAccountCollection'),
    Description: 'BMC User Accounts',
    Members: members,
    'Members@odata.count': members.length,
    Name: 'Accounts Collection',
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
