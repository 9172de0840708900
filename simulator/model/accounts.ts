// The BMC's user accounts: who may log in and with which role (openbmc-rest.md 1.3). Passwords
// are checked through model/password.ts and persisted only as hashes, as a BMC's /etc/shadow.

import { Password } from './password.ts';

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
}

export class Accounts {
  #accounts: Account[];

  constructor(users: readonly User[]) {
    this.#accounts = users.map((u) => ({
      username: u.username,
      role: u.role,
      password: Password.plain(u.password),
    }));
  }

  /** The account these credentials name (never its password), or undefined. */
  check(username: string, password: string): { username: string; role: Role } | undefined {
    const account = this.#accounts.find((u) => u.username === username);
    return account?.password.matches(password)
      ? { username: account.username, role: account.role }
      : undefined;
  }

  roleOf(username: string): Role | undefined {
    return this.#accounts.find((u) => u.username === username)?.role;
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
    }));
  }
}
