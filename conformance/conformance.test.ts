// The same catalogue `obmc conformance` runs, under vitest: one test per check and profile,
// against an embedded simulator, through the same TargetRun frame (prepare, boot settings
// recorded and restored, sessions counted). A check may only skip where this firmware really
// lacks the feature (the table below, the README's matrix): any other skip fails, so a driver
// that starts calling a feature unsupported cannot hide behind a skip.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileName } from '../protocol/index.ts';
import { getProfile } from '../simulator/profiles/index.ts';
import { type Api, type Check, runsOn } from './check.ts';
import { CATALOGUE } from './checks/index.ts';
import { decide } from './plan.ts';
import { TargetRun } from './target-run.ts';
import { embeddedTarget } from './targets/embedded.ts';
import type { TargetSpec } from './targets/target.ts';

const LEGACY_LACKS: Record<string, RegExp> = {
  'PRO-003': /has no enum properties/,
  'MGT-001': /publishes no sensors/,
  'MGT-002': /no NMI on this firmware/,
  'MGT-003': /legacy boot settings have no BootType/,
  'MGT-004': /legacy boot settings have no BootType/,
  'RES-010': /reports chassis power only/,
};
const NO_BOOT_TYPE = (layout: string): Record<string, RegExp> => ({
  'MGT-003': new RegExp(`${layout} boot settings have no BootType`),
  'MGT-004': new RegExp(`${layout} boot settings have no BootType`),
});

/** Redfish facts bmcweb gained in 2022 (ETag, OData-Version, error bodies on unknown URIs). */
const BEFORE_2022: Record<string, RegExp> = {
  'RFP-005': /no OData-Version header/,
  'RFP-006': /no ETag/,
  'RFP-007': /empty body/,
};

/** The Redfish unit's skips, by check id: what each era of bmcweb's Redfish lacks (redfish.md 2.4). */
function expectedRedfishSkip(profile: ProfileName, id: string): RegExp | undefined {
  if (id === 'RFP-009') return /no Allow header/;
  if (!getProfile(profile)?.restEnabled && id.startsWith('XPR-')) return /D-Bus REST API is disabled/;
  const lacks: Partial<Record<ProfileName, Record<string, RegExp>>> = {
    'bmcweb-2019': {
      ...BEFORE_2022,
      'RFP-004': /403, not 401/,
      'MGT-004': /cannot switch the boot mode.*PropertyUnknown/,
      'RUC-001': /lists ResetType ForceRestart but refuses it .*ActionParameterNotSupported/,
    },
    // 2.9 (2d5fe9d0): BootSourceOverrideMode still fixed Legacy and unknown to PATCH.
    'bmcweb-2020': { ...BEFORE_2022, 'MGT-004': /cannot switch the boot mode.*PropertyUnknown/ },
    'bmcweb-2021': BEFORE_2022,
  };
  return lacks[profile]?.[id];
}

/** The skips each profile must give, by check id, with the reason; every other check must pass. */
function expectedSkip(profile: ProfileName, id: string, api: Api = 'rest'): RegExp | undefined {
  if (api === 'redfish') return expectedRedfishSkip(profile, id);
  if (!getProfile(profile)?.restEnabled) {
    return id === 'SES-005' ? undefined : /REST API is disabled .*OpenBMCRestDisabledError/;
  }
  if (id === 'SES-005') return /has its REST API enabled/;
  const lacks: Partial<Record<ProfileName, Record<string, RegExp>>> = {
    'legacy-2016': LEGACY_LACKS,
    'phosphor-rest-2017': NO_BOOT_TYPE('L0'),
    'phosphor-rest-2018': NO_BOOT_TYPE('L1'),
    'bmcweb-2019': NO_BOOT_TYPE('L1'),
    'bmcweb-2020': NO_BOOT_TYPE('L1'),
  };
  return lacks[profile]?.[id];
}

/** The checks whose outcome depends on the host's transitions, run again where the host really
 * passes through them (instant timing once hid a power-on that ended in Quiesced: issue 17). */
const TRANSITION_GROUPS = new Set(['power', 'resilience', 'use-case', 'cross-protocol']);
/** RES-012 reboots the BMC itself: at fast timing it is down for about a second and the outcome
 * depends on where in the operation the reboot lands; the instant-timing run covers it. */
const NOT_AT_FAST = new Set(['RES-012']);
const FAST_PROFILES: ProfileName[] = [
  'phosphor-rest-2018',
  'bmcweb-2019',
  'bmcweb-2021',
  'bmcweb-2024',
  'bmcweb-2025',
];
/** On the manual clock the driver's and the checks' sleeps move simulated time, at the profiles'
 * realistic timing: every transition in order, the BMC's own reboot included (RES-012). */
const MANUAL_CLOCK_PROFILES: ProfileName[] = ['bmcweb-2021', 'bmcweb-2024', 'bmcweb-2025'];

const unitsOf = (profiles: ProfileName[]) =>
  profiles.flatMap((profile) =>
    (embeddedTarget({ profile }).apis ?? ['rest']).map((api) => ({ profile, api })),
  );

function transitionChecks(spec: TargetSpec, api: Api, profile: ProfileName, checks: readonly Check[]): void {
  let run: TargetRun;
  beforeAll(async () => {
    run = await TargetRun.open(spec, api);
  });
  afterAll(async () => {
    await run?.close();
  });
  for (const check of checks.filter((c) => runsOn(c, api))) {
    const skip = expectedSkip(profile, check.id, api);
    it(skip ? `${check.id} skips: the firmware lacks it` : `${check.id} ${check.title}`, async () => {
      const r = await run.runCheck(check, decide(check, spec, { allowPowerChanges: false }));
      expect(r.status, r.message).toBe(skip ? 'skipped' : 'pass');
      if (skip) expect(r.message).toMatch(skip);
    });
  }
}

describe.each(unitsOf(FAST_PROFILES))(
  'transition checks (power, resilience, use case, cross-protocol) on $profile over $api at fast timing',
  ({ profile, api }) => {
    const spec = embeddedTarget({ profile, seed: 11, timing: 'fast' });
    transitionChecks(
      spec,
      api,
      profile,
      CATALOGUE.filter((c) => TRANSITION_GROUPS.has(c.group) && !NOT_AT_FAST.has(c.id)),
    );
  },
);

describe.each(unitsOf(MANUAL_CLOCK_PROFILES))(
  'transition checks (power, resilience, use case, cross-protocol) on $profile over $api at realistic timing on the manual clock',
  ({ profile, api }) => {
    const spec = embeddedTarget({ profile, seed: 11, manualClock: true });
    transitionChecks(
      spec,
      api,
      profile,
      CATALOGUE.filter((c) => TRANSITION_GROUPS.has(c.group)),
    );
  },
);

describe.each(unitsOf([...ProfileName]))('conformance on $profile over $api', ({ profile, api }) => {
  const spec = embeddedTarget({ profile, seed: 11 });
  let run: TargetRun;
  beforeAll(async () => {
    run = await TargetRun.open(spec, api);
  });
  afterAll(async () => {
    await run?.close();
  });

  for (const check of CATALOGUE.filter((c) => runsOn(c, api))) {
    const skip = expectedSkip(profile, check.id, api);
    const title = skip ? `${check.id} skips: the firmware lacks it` : `${check.id} ${check.title}`;
    it(title, async () => {
      const r = await run.runCheck(check, decide(check, spec, { allowPowerChanges: false }));
      if (skip) {
        expect(r.status, r.message).toBe('skipped');
        expect(r.message).toMatch(skip);
      } else {
        expect(r.status, r.message).toBe('pass');
      }
    });
  }
});
