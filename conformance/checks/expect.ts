// Assertion helpers for checks, on node:assert/strict so they work in vitest and in the runner.

import assert from 'node:assert/strict';
import { UnsupportedDriverExtension } from '../../driver/index.ts';

/** Awaits `work`, which must fail with an error of class `name` (matching `pattern` if given). */
export async function expectError(
  work: Promise<unknown>,
  name: string,
  pattern?: RegExp,
  what = 'the call',
): Promise<Error & { code?: string; context?: Record<string, unknown> }> {
  let outcome: unknown;
  try {
    outcome = await work;
  } catch (err) {
    assert.ok(err instanceof Error, `${what} threw a non-Error: ${String(err)}`);
    assert.equal(err.name, name, `${what} should raise ${name}, it raised ${err.name}: ${err.message}`);
    if (pattern) assert.match(err.message, pattern, `${what}: ${name} should say ${pattern}`);
    return err;
  }
  assert.fail(`${what} should raise ${name}, it returned ${JSON.stringify(outcome) ?? 'nothing'}`);
}

/** The firmware lacks the feature: the driver must say so with UnsupportedDriverExtension. */
export function isUnsupported(err: unknown): err is UnsupportedDriverExtension {
  return err instanceof UnsupportedDriverExtension;
}
