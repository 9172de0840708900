// Driver benchmarks: one operation in-process (login, power status, logout) and a fleet power-on
// of N simulated nodes at concurrency 64 (the CLI as a whole process: bench/cli-startup.ts).
// Run: npx tsx bench/driver.ts [fleetNodes]   (prints one JSON line)

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOpenBMCDriver, type Task } from '../driver/index.ts';
import { startSimulator } from '../simulator/server.ts';

const fleetNodes = Number(process.argv[2] ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'obmc-bench-'));

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0) * 10) / 10;
};

function task(url: string, ca: string, extra: Record<string, unknown> = {}): Task {
  return {
    node: {
      driver_info: {
        openbmc_address: url,
        openbmc_username: 'root',
        openbmc_password: '0penBmc',
        openbmc_verify_ca: ca,
        ...extra,
      },
    },
  };
}

// 1. One operation in-process, 200 times, with the default request gate and with none.
const one = await startSimulator({ port: 0, host: '127.0.0.1', timing: 'instant' });
const ca = join(dir, 'ca.pem');
writeFileSync(ca, one.caCertPem ?? '');
const inProcess: Record<string, { p50: number; p99: number; opsPerSec: number }> = {};
for (const [label, extra] of [
  ['default gate (0.05 s)', {}],
  ['no gate', { openbmc_min_command_interval: 0 }],
] as const) {
  const driver = createOpenBMCDriver();
  const t = task(one.url, ca, extra);
  await driver.power.getPowerState(t); // detection and TLS session once, as a long-lived conductor would
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await driver.power.getPowerState(t);
    times.push(performance.now() - t0);
  }
  const total = performance.now() - started;
  inProcess[label] = {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    opsPerSec: Math.round((200 / total) * 1000),
  };
  await driver.close();
}
const sessionsAfterInProcess = (await one.control(0).state()).sessions;

await one.close();

// 2. Fleet power-on: N nodes, fast timing, concurrency 64, every node must report power on.
const fleet = await startSimulator({ port: 0, host: '127.0.0.1', nodes: fleetNodes, timing: 'fast' });
writeFileSync(ca, fleet.caCertPem ?? '');
const driver = createOpenBMCDriver();
const queue = [...fleet.urls];
let ok = 0;
const failures: Record<string, number> = {};
const fleetStarted = performance.now();
await Promise.all(
  Array.from({ length: 64 }, async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      try {
        await driver.power.setPowerState(
          task(url, ca, { openbmc_poll_interval: 0.05, openbmc_poll_max_interval: 0.5 }),
          'power on',
        );
        ok++;
      } catch (e) {
        const name = e instanceof Error ? e.name : 'unknown';
        failures[name] = (failures[name] ?? 0) + 1;
      }
    }
  }),
);
const fleetMs = performance.now() - fleetStarted;
let liveSessions = 0;
for (let i = 0; i < fleet.urls.length; i++) liveSessions += (await fleet.control(i).state()).sessions;
await driver.close();
await fleet.close();

console.log(
  JSON.stringify({
    bench: 'driver',
    inProcess,
    sessionsAfterInProcess,
    fleetPowerOn: { nodes: fleetNodes, concurrency: 64, ok, failures, ms: Math.round(fleetMs), liveSessions },
  }),
);
