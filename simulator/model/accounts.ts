// The BMC's user accounts: who may log in and with which role (openbmc-rest.md 1.3).

export type Role = 'Administrator' | 'Operator' | 'ReadOnly';

export interface User {
  username: string;
  password: string;
  role: Role;
}

export class Accounts {
  #users: User[];

  constructor(users: readonly User[]) {
    this.#users = users.map((u) => ({ ...u }));
  }

  /** The user these credentials name, or undefined. */
  check(username: string, password: string): User | undefined {
    return this.#users.find((u) => u.username === username && u.password === password);
  }

  roleOf(username: string): Role | undefined {
    return this.#users.find((u) => u.username === username)?.role;
  }

  /** Copies, passwords included: callers must never log them. */
  list(): User[] {
    return this.#users.map((u) => ({ ...u }));
  }

  replace(users: readonly User[]): void {
    this.#users = users.map((u) => ({ ...u }));
  }
}
