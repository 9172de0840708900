// The kit can fail, over both APIs: a bmcweb simulator with a deliberate defect (a standing
// fault, or a Redfish switch) runs the whole catalogue on D-Bus REST and on Redfish, and exactly
// the checks that cover the defect fail, by name and with a message that says what went wrong;
// every other check gives what the healthy BMC gives (pass, or its era's skip).

import { beforeAll, describe, expect, it } from 'vitest';
import type { RedfishSwitch } from '../protocol/index.ts';
import type { FaultSpec } from '../simulator/faults/definitions.ts';
import type { Api } from './check.ts';
import { CATALOGUE, findChecks } from './checks/index.ts';
import { unitName } from './plan.ts';
import type { CheckResult, RunSummary, Status } from './results.ts';
import { runConformance } from './runner.ts';
import { embeddedTarget } from './targets/embedded.ts';

type Outcome = { status: Status; message: RegExp };
type Expected = Record<Api, Record<string, Outcome>>;

/** What the healthy bmcweb-2024 does not pass, on each API (its era's skips). */
const HEALTHY: Expected = {
  rest: { 'SES-005': { status: 'skipped', message: /has its REST API enabled/ } },
  redfish: { 'RFP-009': { status: 'skipped', message: /no Allow header/ } },
};

type Defect = { faults?: FaultSpec[]; redfishSwitches?: RedfishSwitch[] };
type ByApi = Record<Api, Map<string, CheckResult>>;

const defective = (name: string, o: Defect) =>
  embeddedTarget({
    profile: 'bmcweb-2024',
    name,
    ...o,
    // A stuck host must fail in a fraction of a second, not at the 10 s default.
    driverInfo: { openbmc_power_timeout: 0.1, openbmc_soft_power_timeout: 0.1 },
  });

function byApi(summary: RunSummary, name: string): ByApi {
  const of = (api: Api) =>
    new Map(
      summary.targets
        .find((t) => t.api === api && t.name === unitName({ name }, api))
        ?.results.map((r) => [r.id, r]),
    );
  return { rest: of('rest'), redfish: of('redfish') };
}

async function runWithDefect(o: Defect, ids: string[]): Promise<ByApi> {
  const summary = await runConformance({
    targets: [defective('defect', o)],
    checks: findChecks(ids),
    allowPowerChanges: false,
    interopProfiles: [],
  });
  return byApi(summary, 'defect');
}

/** The defects whose whole-catalogue run is compared with the healthy BMC's, one BMC each. */
const SWEPT = {
  'stuck-host': { faults: [{ kind: 'stuck-host' }] },
  'one-time-never-consumed': { faults: [{ kind: 'one-time-never-consumed' }] },
  'etag-ignored': { faults: [{ kind: 'etag-ignored' }] },
  'no-continuous': { redfishSwitches: ['no-continuous'] },
  'boot-not-sticky': { faults: [{ kind: 'boot-not-sticky' }] },
} satisfies Record<string, Defect>;

let swept: RunSummary;
// The sweeps run side by side (their checks mostly wait on the BMC), once for the file: under
// a loaded machine they take tens of seconds, hence the hook's own safety net.
beforeAll(async () => {
  const entries = Object.entries(SWEPT);
  swept = await runConformance({
    targets: entries.map(([name, o]) => defective(name, o)),
    checks: CATALOGUE,
    allowPowerChanges: false,
    interopProfiles: [],
    concurrency: entries.length * 2,
  });
}, 180_000);

const sweep = (name: keyof typeof SWEPT) => byApi(swept, name);

/** Every result that is not a pass, against what the defect should give on top of the healthy BMC. */
function expectOnly(results: ByApi, defect: Expected): void {
  for (const api of ['rest', 'redfish'] as const) {
    const want = { ...HEALTHY[api], ...defect[api] };
    const got = [...results[api].values()].filter((r) => r.status !== 'pass');
    expect(got.map((r) => r.id).sort(), `${api}: the checks that do not pass`).toEqual(
      Object.keys(want).sort(),
    );
    for (const r of got) {
      const w = want[r.id];
      expect(r.status, `${api} ${r.id}: ${r.message}`).toBe(w?.status);
      expect(r.message, `${api} ${r.id}`).toMatch(w?.message ?? /^$/);
    }
  }
}

const fail = (message: RegExp): Outcome => ({ status: 'fail', message });
const each = (ids: string[], outcome: Outcome) => Object.fromEntries(ids.map((id) => [id, outcome]));

describe('a bmcweb BMC with a deliberate defect, over D-Bus REST and Redfish', () => {
  it('a stuck host: every power-on fails with PowerStateFailure naming the state each API reports', async () => {
    const r = sweep('stuck-host');
    // Checks that need the host on first cannot start: `error` at set-up, not `fail`.
    const setUp = (state: string) =>
      each(['PWR-004', 'PWR-005', 'PWR-007', 'PWR-008', 'PWR-010', 'MGT-002'], {
        status: 'error',
        message: new RegExp(
          `^set-up failed \\(power the host on\\): PowerStateFailure: .*after 0\\.1 s the BMC still reports ${state} Off`,
        ),
      });
    const stuck = (state: string) =>
      each(
        ['PWR-003', 'PWR-009', 'BOT-005', 'BOT-006', 'LAT-002'],
        fail(new RegExp(`^PowerStateFailure: .*after 0\\.1 s the BMC still reports ${state} Off`)),
      );
    expectOnly(r, {
      rest: {
        ...setUp('CurrentHostState'),
        ...stuck('CurrentHostState'),
        'RES-006': fail(/^PowerStateFailure: .*CurrentHostState Off/),
        // It injects power-on-fails, which a host that never moves cannot show.
        'RES-010': fail(/a power-on into Quiesced: PowerStateFailure should say/),
      },
      redfish: {
        ...setUp('PowerState'),
        ...stuck('PowerState'),
        'RUC-001': fail(/^after On: PowerState should reach On within 0\.1 s, it still reads Off/),
        'RUC-002': fail(/^after On: PowerState should reach On within 0\.1 s, it still reads Off/),
        'XPR-002': fail(/^PowerStateFailure: .*PowerState Off/),
      },
    });
  });

  it('a boot that ends in Quiesced: the use cases fail at that reading, not at PowerState On', async () => {
    const r = await runWithDefect({ faults: [{ kind: 'power-on-fails' }] }, [
      'RUC-001',
      'RUC-002',
      'PWR-003',
    ]);
    for (const id of ['RUC-001', 'RUC-002'])
      expect(r.redfish.get(id), id).toMatchObject(
        fail(/^after On: the host stopped in Status\.State Quiesced \(PowerState On\): the boot failed/),
      );
    for (const api of ['rest', 'redfish'] as const)
      expect(r[api].get('PWR-003'), api).toMatchObject(fail(/^PowerStateFailure: .*Quiesced/));
  });

  it('a one-time boot override never consumed: the boot checks fail by field on both APIs', async () => {
    const r = sweep('one-time-never-consumed');
    const consumed = fail(/^the one-time device should be consumed by the boot/);
    expectOnly(r, {
      rest: { 'BOT-005': consumed },
      redfish: {
        'BOT-005': consumed,
        'RUC-002': fail(/^a one-time override reads Disabled after the boot that used it[\s\S]*\+ 'Once'/),
      },
    });
  });

  it('ETags sent but If-Match ignored: the ETag check fails; the driver, which sends If-Match, still works', async () => {
    const r = sweep('etag-ignored');
    expectOnly(r, {
      rest: {},
      redfish: {
        'RFP-006': fail(
          /^a stale If-Match was applied \(HTTP 204\): the BMC sends ETags but ignores If-Match, expected 412/,
        ),
      },
    });
  });

  it('Continuous refused: the use case fails naming the refusal; the driver still keeps a persistent device (emulated)', async () => {
    const r = sweep('no-continuous');
    expectOnly(r, {
      rest: {},
      redfish: {
        'RUC-002': fail(
          /^PATCH Boot \{"BootSourceOverrideTarget":"Pxe","BootSourceOverrideEnabled":"Continuous"\} answered HTTP 400 Base\.1\.18\.1\.PropertyValueNotInList/,
        ),
      },
    });
  });

  it('a boot setting that does not stick: every boot write fails naming what the BMC reports', async () => {
    const r = sweep('boot-not-sticky');
    const kept = (reports: string) =>
      each(
        ['BOT-003', 'BOT-004', 'BOT-005', 'BOT-006', 'BOT-009', 'LAT-003'],
        fail(
          new RegExp(
            `^OpenBMCError: the BMC did not keep the boot setting: asked for \\w+ \\([\\w-]+\\), it reports none \\(${reports}\\)`,
          ),
        ),
      );
    const mode = fail(/^OpenBMCError: the BMC did not keep boot mode bios/);
    expectOnly(r, {
      rest: { ...kept('unknown'), 'MGT-004': mode },
      redfish: {
        ...kept('Disabled'),
        'MGT-004': mode,
        'XPR-001': fail(/^OpenBMCError: the BMC did not keep the boot setting: asked for pxe \(Once\)/),
        'RUC-002': fail(/^Enabled reads Continuous after setting it/),
      },
    });
  });

  it('sessions not deleted: the session checks fail on both APIs, the token still works after DELETE', async () => {
    // Every check then fails on its sessions left behind; these name the defect itself.
    const r = await runWithDefect({ faults: [{ kind: 'drop-logout' }] }, [
      'SES-001',
      'PRO-005',
      'RFP-003',
      'PWR-001',
    ]);
    for (const api of ['rest', 'redfish'] as const)
      expect(r[api].get('SES-001'), api).toMatchObject(
        fail(/^after one power read the BMC still holds 1 session\(s\): the logout did not end it/),
      );
    expect(r.rest.get('PRO-005')).toMatchObject(
      fail(/^a read with a logged-out session answered HTTP 200, not 401/),
    );
    expect(r.redfish.get('RFP-003')).toMatchObject(
      fail(/^the deleted session's token should be refused \(401\), got 200/),
    );
    for (const api of ['rest', 'redfish'] as const)
      expect(r[api].get('PWR-001'), api).toMatchObject(
        fail(
          /^1 session\(s\) still open on the BMC after the check: every session the driver opens must be logged out/,
        ),
      );
  });
});
