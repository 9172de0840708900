// The same catalogue `obmc conformance` runs, under vitest: one test per check and profile,
// against an embedded simulator, through the same TargetRun frame (prepare, boot settings
// recorded and restored, sessions counted). Skips carry the kit's reason.

import { afterAll, beforeAll, describe, it } from 'vitest';
import { ProfileName } from '../protocol/index.ts';
import { CATALOGUE } from './checks/index.ts';
import { decide } from './plan.ts';
import { TargetRun } from './target-run.ts';
import { embeddedTarget } from './targets/embedded.ts';

describe.each(ProfileName)('conformance on %s', (profile) => {
  const spec = embeddedTarget({ profile, seed: 11 });
  let run: TargetRun;
  beforeAll(async () => {
    run = await TargetRun.open(spec);
  });
  afterAll(async () => {
    await run?.close();
  });

  for (const check of CATALOGUE) {
    it(`${check.id} ${check.title}`, async (t) => {
      const r = await run.runCheck(check, decide(check, spec, { allowPowerChanges: false }));
      if (r.status === 'skipped') t.skip(r.message);
      if (r.status !== 'pass') throw new Error(`${r.status}: ${r.message}`);
    });
  }
});
