// A targets file whose BMC is named by its Redfish System (openbmc_system_id): the kit checks it
// over Redfish, and its D-Bus REST unit (which could only fail: REST drives host0 and the driver
// refuses the pair) is reported skipped with the reason in the console, JUnit and JSON reports.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runsOn } from '../conformance/check.ts';
import { CATALOGUE } from '../conformance/checks/index.ts';
import { consoleReporter } from '../conformance/reporters/console.ts';
import { toJsonReport } from '../conformance/reporters/json.ts';
import { toJunitXml } from '../conformance/reporters/junit.ts';
import type { RunSummary } from '../conformance/results.ts';
import { runConformance } from '../conformance/runner.ts';
import { SKIP_SYSTEM_ID_REST } from '../conformance/targets/api-skips.ts';
import { parseTargetsFile } from '../conformance/targets/targets-file.ts';
import { type RunningSimulator, startSimulator } from '../simulator/server.ts';
import { simTask } from './support/sim-task.ts';

const PASSWORD = 'System-Id-Conf-Pw-37';

describe('conformance of a target named by openbmc_system_id', () => {
  let sim: RunningSimulator;
  let summary: RunSummary;
  let console = '';

  beforeAll(async () => {
    sim = await startSimulator({
      host: '127.0.0.1',
      port: 0,
      profile: 'bmcweb-2024',
      timing: 'instant',
      password: PASSWORD,
      seed: 7,
    });
    const ca = String(simTask(sim, PASSWORD).node.driver_info.openbmc_verify_ca);
    const file = parseTargetsFile(
      JSON.stringify({
        targets: [
          {
            name: 'lab',
            address: sim.url,
            username: 'root',
            passwordEnv: 'LAB_PW',
            ca,
            driverInfo: { openbmc_system_id: '/redfish/v1/Systems/system', openbmc_poll_interval: 0.005 },
          },
        ],
      }),
      '/ci/targets.json',
      { LAB_PW: PASSWORD },
    );
    summary = await runConformance({
      targets: file.targets,
      checks: CATALOGUE,
      allowPowerChanges: false,
      interopProfiles: [],
      reporter: consoleReporter({
        write: (text) => {
          console += text;
        },
      }),
    });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('skips every check of the D-Bus REST unit, with the reason', () => {
    const rest = summary.targets.find((t) => t.api === 'rest');
    expect(rest?.results.map((r) => r.id)).toEqual(
      CATALOGUE.filter((c) => runsOn(c, 'rest')).map((c) => c.id),
    );
    for (const r of rest?.results ?? [])
      expect(r, r.id).toMatchObject({ status: 'skipped', message: SKIP_SYSTEM_ID_REST });
  });

  it('checks the Redfish unit through the named System, without failures', () => {
    const redfish = summary.targets.find((t) => t.api === 'redfish');
    const bad = redfish?.results.filter((r) => r.status === 'fail' || r.status === 'error');
    expect(bad, JSON.stringify(bad)).toEqual([]);
    expect(redfish?.results.filter((r) => r.status === 'pass').length).toBeGreaterThan(15);
    expect(summary.counts.fail + summary.counts.error).toBe(0);
  });

  it('shows the reason in the console, JUnit and JSON reports', () => {
    // One line per check (the unit's name padded), the reason on the next.
    const line = console.split('\n').findIndex((l) => /^lab +skip SES-002 /.test(l));
    expect(console.split('\n')[line + 1]?.trim()).toBe(SKIP_SYSTEM_ID_REST);
    expect(toJunitXml(summary)).toContain(`<skipped message="${SKIP_SYSTEM_ID_REST}"`);
    const json = JSON.parse(toJsonReport(summary)) as RunSummary;
    expect(json.targets.find((t) => t.api === 'rest')?.results[0]?.message).toBe(SKIP_SYSTEM_ID_REST);
  });
});
