// Accounts: passwords checked (plain or hashed) and, with a lockout policy, PAM's lockout.

import { describe, expect, it } from 'vitest';
import { Accounts } from './accounts.ts';
import { ManualClock } from './clock.ts';

const root = { username: 'root', password: '0penBmc', role: 'Administrator' as const };

describe('accounts', () => {
  it('without a policy (OpenBMC default, deny=0) never locks', () => {
    const a = new Accounts([root], new ManualClock());
    for (let i = 0; i < 1000; i++) expect(a.check('root', 'wrong')).toBeUndefined();
    expect(a.check('root', '0penBmc')).toEqual({ username: 'root', role: 'Administrator' });
    expect(a.locked()).toEqual([]);
  });

  it('locks after N failures in a row, refusing even the right password, until the unlock time passes', () => {
    const clock = new ManualClock();
    const a = new Accounts([root, { ...root, username: 'other' }], clock, {
      attempts: 3,
      unlockAfterMs: 60_000,
    });
    expect(a.check('root', 'wrong')).toBeUndefined();
    expect(a.check('root', 'wrong')).toBeUndefined();
    expect(a.check('root', '0penBmc')).toBeDefined(); // a success resets the count
    for (let i = 0; i < 3; i++) a.check('root', 'wrong');
    expect(a.locked()).toEqual(['root']);
    expect(a.check('root', '0penBmc')).toBeUndefined();
    expect(a.check('other', '0penBmc')).toBeDefined();
    clock.advance(59_999);
    expect(a.check('root', '0penBmc')).toBeUndefined();
    clock.advance(1);
    expect(a.check('root', '0penBmc')).toBeDefined();
    expect(a.locked()).toEqual([]);
  });

  it('unlock time 0 locks until unlockAll (a reset); unknown users are not counted', () => {
    const clock = new ManualClock();
    const a = new Accounts([root], clock, { attempts: 1, unlockAfterMs: 0 });
    expect(a.check('nobody', 'x')).toBeUndefined();
    expect(a.locked()).toEqual([]);
    a.check('root', 'wrong');
    clock.advance(365 * 24 * 3600 * 1000);
    expect(a.check('root', '0penBmc')).toBeUndefined();
    a.unlockAll();
    expect(a.check('root', '0penBmc')).toBeDefined();
  });

  it('hashed accounts (restored from a state file) lock the same way', () => {
    const clock = new ManualClock();
    const plain = new Accounts([root]);
    const a = new Accounts([], clock, { attempts: 2, unlockAfterMs: 0 });
    a.restore(plain.persisted());
    expect(a.check('root', '0penBmc')).toBeDefined();
    a.check('root', 'a');
    a.check('root', 'b');
    expect(a.check('root', '0penBmc')).toBeUndefined();
  });
});
