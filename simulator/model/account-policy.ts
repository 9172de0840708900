// phosphor-user-manager's account policy object (/xyz/openbmc_project/user, interface
// xyz.openbmc_project.User.AccountPolicy): the lockout settings PAM applies (accounts.ts
// LockoutPolicy) and the minimum password length, with the checks its setters make.
// Source: openbmc/phosphor-user-manager user_mgr.cpp UserMgr::minPasswordLength: a value below
// 8 was silently ignored (9164fd9, 2018-06), refused with Common.Error.InvalidArgument since
// 6dc7ed9 (2022-01-21), and a value above MAX_PASSWORD_LENGTH (meson default 64) too since
// 9ca8692 (2025-05-18).

import { DbusError, DbusInterface, ObjectPath } from '../../protocol/index.ts';
import type { LockoutPolicy } from './accounts.ts';
import type { DbusObject } from './object-tree.ts';
import type { DbusErrorReply } from './transition-refusals.ts';

/** How the era's MinPasswordLength setter treats a value outside its bounds. */
export type MinPasswordLengthCheck = 'ignore-below-8' | 'refuse-below-8' | 'refuse-outside-8-64';

/** user_mgr.hpp minPasswdLength, and MAX_PASSWORD_LENGTH's meson default. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 64;

/** The policy object as the user manager starts with it: PAM's lockout (off unless configured). */
export function accountPolicyObject(lockout: LockoutPolicy | undefined): DbusObject {
  return {
    path: ObjectPath.userManager,
    interfaces: {
      [DbusInterface.accountPolicy]: {
        properties: {
          AccountUnlockTimeout: { signature: 't', value: Math.round((lockout?.unlockAfterMs ?? 0) / 1000) },
          MaxLoginAttemptBeforeLockout: { signature: 'q', value: lockout?.attempts ?? 0 },
          MinPasswordLength: { signature: 'y', value: MIN_PASSWORD_LENGTH },
          RememberOldPasswordTimes: { signature: 'y', value: 0 },
        },
      },
    },
  };
}

/** PAM's lockout from the policy's properties: deny=0 means no lockout. */
export function lockoutOf(attempts: number, unlockTimeoutS: number): LockoutPolicy | undefined {
  return attempts > 0 ? { attempts, unlockAfterMs: unlockTimeoutS * 1000 } : undefined;
}

const INVALID_ARGUMENT: DbusErrorReply = {
  name: DbusError.invalidArgument,
  message: 'Invalid argument was given.',
};

/**
 * What the setter does with a MinPasswordLength write: `accept`, `ignore` (the call succeeds and
 * nothing changes) or the D-Bus error it throws.
 */
export function minPasswordLengthVerdict(
  check: MinPasswordLengthCheck,
  value: number,
): 'accept' | 'ignore' | DbusErrorReply {
  if (value < MIN_PASSWORD_LENGTH) return check === 'ignore-below-8' ? 'ignore' : INVALID_ARGUMENT;
  if (value > MAX_PASSWORD_LENGTH && check === 'refuse-outside-8-64') return INVALID_ARGUMENT;
  return 'accept';
}
