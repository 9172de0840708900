import { describe, expect, it } from 'vitest';
import { DbusError } from '../../protocol/index.ts';
import { lockoutOf, minPasswordLengthVerdict } from './account-policy.ts';

describe('phosphor-user-manager AccountPolicy setters', () => {
  it('MinPasswordLength below 8: ignored before 2022-01, InvalidArgument since; above 64 refused only since 2025-05', () => {
    expect(minPasswordLengthVerdict('ignore-below-8', 7)).toBe('ignore');
    expect(minPasswordLengthVerdict('refuse-below-8', 7)).toMatchObject({ name: DbusError.invalidArgument });
    expect(minPasswordLengthVerdict('refuse-below-8', 8)).toBe('accept');
    expect(minPasswordLengthVerdict('refuse-below-8', 200)).toBe('accept');
    expect(minPasswordLengthVerdict('refuse-outside-8-64', 64)).toBe('accept');
    expect(minPasswordLengthVerdict('refuse-outside-8-64', 65)).toMatchObject({
      name: DbusError.invalidArgument,
    });
  });

  it('PAM lockout: deny=0 is off; the unlock timeout is in seconds', () => {
    expect(lockoutOf(0, 300)).toBeUndefined();
    expect(lockoutOf(3, 0)).toEqual({ attempts: 3, unlockAfterMs: 0 });
    expect(lockoutOf(3, 300)).toEqual({ attempts: 3, unlockAfterMs: 300_000 });
  });
});
