// The BMC's user accounts: who may log in and with which role (openbmc-rest.md 1.3). Passwords
// are checked through model/password.ts and persisted only as hashes, as a BMC's /etc/shadow.
// Lockout is PAM's: OpenBMC ships it off (meta-phosphor pam.d/common-auth `pam_tally2.so deny=0
// unlock_time=0`, later faillock.conf `deny=0 unlock_time=0`); phosphor-user-manager's
// AccountPolicy (MaxLoginAttemptBeforeLockout, AccountUnlockTimeout) turns it on, which
// `LockoutPolicy` models: after that many failures in a row even the right password fails, until
// the unlock time has passed since the last failure (0: until reset); a success resets the count.

import type { Clock } from './clock.ts';
import { Password } from './password.ts';

export interface LockoutPolicy {
  /** Failures in a row that lock the account (MaxLoginAttemptBeforeLockout). */
  attempts: number;
  /** How long it stays locked after the last failure, ms; 0 = until the simulator resets (AccountUnlockTimeout). */
  unlockAfterMs: number;
}

export type Role = 'Administrator' | 'Operator' | 'ReadOnly';

/** An account as configured (plain-text password, from the command line or the fleet file). */
export interface User {
  username: string;
  password: string;
  role: Role;
}

/** An account as a state file keeps it: a shadow-style hash, never the password. */
export interface PersistedUser {
  username: string;
  passwordHash: string;
  role: Role;
}

interface Account {
  username: string;
  password: Password;
  role: Role;
  failures: number;
  lastFailureAt: number;
}

export class Accounts {
  #accounts: Account[];
  readonly #clock: Clock | undefined;
  #lockout: LockoutPolicy | undefined;

  constructor(users: readonly User[], clock?: Clock, lockout?: LockoutPolicy) {
    this.#clock = clock;
    this.#lockout = lockout;
    this.#accounts = users.map((u) => ({
      username: u.username,
      role: u.role,
      password: Password.plain(u.password),
      failures: 0,
      lastFailureAt: 0,
    }));
  }

  /** The account these credentials name (never its password), or undefined (also while locked out). */
  check(username: string, password: string): { username: string; role: Role } | undefined {
    const account = this.#accounts.find((u) => u.username === username);
    if (!account || this.#locked(account)) return undefined;
    if (account.password.matches(password)) {
      account.failures = 0;
      return { username: account.username, role: account.role };
    }
    account.failures++;
    account.lastFailureAt = this.#clock?.now() ?? 0;
    return undefined;
  }

  /** A new lockout policy (phosphor-user-manager's AccountPolicy was written); undefined turns it off. */
  setLockout(policy: LockoutPolicy | undefined): void {
    this.#lockout = policy;
  }

  /** Ends every lockout (a simulator reset). */
  unlockAll(): void {
    for (const a of this.#accounts) a.failures = 0;
  }

  /** Whether a lockout policy is on. */
  get lockoutOn(): boolean {
    return this.#lockout !== undefined;
  }

  /** Accounts locked out now. */
  locked(): string[] {
    return this.#accounts.filter((a) => this.#locked(a)).map((a) => a.username);
  }

  #locked(account: Account): boolean {
    const policy = this.#lockout;
    if (!policy || account.failures < policy.attempts) return false;
    const now = this.#clock?.now() ?? 0;
    if (policy.unlockAfterMs > 0 && now - account.lastFailureAt >= policy.unlockAfterMs) {
      account.failures = 0;
      return false;
    }
    return true;
  }

  roleOf(username: string): Role | undefined {
    return this.#accounts.find((u) => u.username === username)?.role;
  }

  /** Who has an account, and with which role (Redfish AccountService); never a password. */
  members(): { username: string; role: Role }[] {
    return this.#accounts.map((u) => ({ username: u.username, role: u.role }));
  }

  /** The accounts as a state file keeps them. */
  persisted(): PersistedUser[] {
    return this.#accounts.map((u) => ({
      username: u.username,
      passwordHash: u.password.hash(),
      role: u.role,
    }));
  }

  restore(users: readonly PersistedUser[]): void {
    this.#accounts = users.map((u) => ({
      username: u.username,
      role: u.role,
      password: Password.hashed(u.passwordHash),
      failures: 0,
      lastFailureAt: 0,
    }));
  }
}
