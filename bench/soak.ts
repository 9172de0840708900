// Soak: driver operations against a fleet of simulated BMCs of every REST profile over D-Bus REST
// and of today's Redfish-only build (bmcweb-2025) over Redfish, about a fifth of them under an
// injected fault, bounded in operations and in wall-clock time. Reports the
// outcomes by error name, the live sessions left on the fleet (must be 0) and memory growth.
// Run: npx tsx bench/soak.ts [ops=1000] [seconds=120] [nodes=20] [seed=1]   (exit 1 on a leak)
//
// Faults are bounded (`times`) and requests time out fast (1 s), so hangs end. Left out on
// purpose: drop-logout and garbage on /login, which keep a session by design (the BMC holds a
// session whose end, or whose token, never reaches the client), and bmc-reboot, which would turn
// the node's next operations into failures that are not the fault's own.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BOOT_DEVICES, createOpenBMCDriver, IronicException, type Task } from '../driver/index.ts';
import { DEFAULT_PASSWORD, type ProfileName, RedfishPath } from '../protocol/index.ts';
import { type FaultSpec, GARBAGE_MODES } from '../simulator/faults/definitions.ts';
import { seededRng } from '../simulator/model/rng.ts';
import { restEnabledProfiles } from '../simulator/profiles/index.ts';
import { startSimulator } from '../simulator/server.ts';
import { simTask } from '../test/support/sim-task.ts';

const [maxOps = 1000, maxSeconds = 120, nodes = 20, seed = 1] = process.argv.slice(2).map(Number);
const CONCURRENCY = 8;
const FAULT_SHARE = 0.2;

// The simulator's seeded stream: the same seed gives the same mix of operations and faults.
const rng = seededRng(seed);
const random = (): number => rng.int(2 ** 32) / 2 ** 32;
const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)] as T;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const memory = () => {
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss / 2 ** 20, heap: m.heapUsed / 2 ** 20 };
};

// The REST units drive D-Bus REST (their faults are about it); the Redfish-only build drives Redfish.
const REDFISH_ONLY: ProfileName = 'bmcweb-2025';
const profiles: ProfileName[] = [...restEnabledProfiles(), REDFISH_ONLY];
const apiOf = (p: ProfileName) => (p === REDFISH_ONLY ? 'redfish' : 'rest');
const fleet = await startSimulator({
  port: 0,
  host: '127.0.0.1',
  timing: 'fast',
  seed,
  fleet: Array.from({ length: nodes }, (_, i) => ({ profile: profiles[i % profiles.length] })),
});
const driver = createOpenBMCDriver();
const tasks: Task[] = fleet.urls.map((url, i) =>
  simTask(
    fleet,
    DEFAULT_PASSWORD,
    {
      openbmc_address: url,
      openbmc_api: apiOf(profiles[i % profiles.length] as ProfileName),
      openbmc_request_timeout: 1,
      openbmc_retry_interval: 0.05,
      openbmc_poll_interval: 0.02,
      openbmc_poll_max_interval: 0.2,
    },
    `soak-${i}`,
  ),
);

const POWER_TIMEOUT_S = 5;
const OPERATIONS: Record<string, (t: Task) => Promise<unknown>> = {
  'power status': (t) => driver.power.getPowerState(t),
  'power on': (t) => driver.power.setPowerState(t, 'power on', POWER_TIMEOUT_S),
  'power off': (t) => driver.power.setPowerState(t, 'power off', POWER_TIMEOUT_S),
  reboot: (t) => driver.power.reboot(t, POWER_TIMEOUT_S),
  'boot get': (t) => driver.management.getBootDevice(t),
  'boot set': (t) => driver.management.setBootDevice(t, pick(BOOT_DEVICES), random() < 0.5),
  sensors: (t) => driver.management.getSensorsData(t),
};
// Reads are what a conductor does most (the periodic power sync).
const MIX = [
  ...Array(4).fill('power status'),
  'power on',
  'power off',
  'reboot',
  ...Array(2).fill('boot get'),
  'boot set',
  'sensors',
] as string[];

function randomFault(profile: string): FaultSpec {
  const tree =
    profile === 'legacy-2016' ? '/org/*' : profile === REDFISH_ONLY ? `${RedfishPath.systems}/*` : '/xyz/*';
  const faults: (() => FaultSpec)[] = [
    () => ({ kind: 'status', status: pick([500, 503] as const), times: 1 }),
    () => ({ kind: 'status', status: 503, retryAfter: 0, times: 2 }),
    () => ({ kind: 'reset-connection', times: 1 }),
    () => ({ kind: 'close-mid-response', times: 1 }),
    () => ({ kind: 'latency', ms: 50 + Math.floor(random() * 400), times: 3 }),
    () => ({ kind: 'hang', times: 1 }),
    () => ({ kind: 'slow-login', ms: 300, times: 1 }),
    () => ({ kind: 'session-limit', times: 1 }),
    () => ({ kind: 'stuck-host', times: 1 }),
    () => ({ kind: 'power-on-fails', times: 1 }),
    () => ({ kind: 'boot-not-sticky', times: 1 }),
    () => ({ kind: 'drop-sessions' }),
    () => ({ kind: 'garbage', mode: pick(GARBAGE_MODES), path: tree, times: 1 }),
    () => ({ kind: 'garbage', mode: pick(GARBAGE_MODES), path: tree, times: 1 }),
  ];
  return pick(faults)();
}

// Detection once per node, as a long-running conductor would have done it.
await Promise.all(tasks.map((t) => driver.power.getPowerState(t)));
const before = memory();

interface Tally {
  ops: number;
  ok: number;
  failures: Record<string, number>;
}
const tally = (): Tally => ({ ops: 0, ok: 0, failures: {} });
const clean = tally();
const faulted = tally();
const byKind: Record<string, number> = {};
let untyped = 0;
const free = tasks.map((_, i) => i);
const started = performance.now();
const deadline = started + maxSeconds * 1000;
let issued = 0;

async function worker(): Promise<void> {
  while (issued < maxOps && performance.now() < deadline) {
    issued++;
    // One operation per node at a time, so a fault meets the operation it was injected for.
    const slot = Math.floor(random() * free.length);
    const node = free.splice(slot, 1)[0] as number;
    const control = fleet.control(node);
    const fault =
      random() < FAULT_SHARE ? randomFault(profiles[node % profiles.length] as string) : undefined;
    const bucket = fault ? faulted : clean;
    if (fault) {
      const name = fault.kind === 'garbage' ? `garbage ${fault.mode}` : fault.kind;
      byKind[name] = (byKind[name] ?? 0) + 1;
      await control.addFault(fault);
    }
    const op = pick(MIX);
    bucket.ops++;
    try {
      await (OPERATIONS[op] as (t: Task) => Promise<unknown>)(tasks[node] as Task);
      bucket.ok++;
    } catch (err) {
      const name =
        err instanceof IronicException ? err.name : `untyped ${(err as Error)?.name ?? typeof err}`;
      if (!(err instanceof IronicException)) untyped++;
      bucket.failures[name] = (bucket.failures[name] ?? 0) + 1;
    }
    // A fault the operation did not use up (stuck-host on a read, say) must not meet the next one.
    if (fault) await control.clearFaults();
    free.push(node);
  }
}

await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()));
const seconds = (performance.now() - started) / 1000;
const after = memory();
let sessions = 0;
const leaks: string[] = [];
for (let i = 0; i < fleet.urls.length; i++) {
  const s = await fleet.control(i).state();
  sessions += s.sessions;
  if (s.sessions > 0) leaks.push(`node ${i} (${s.profile}): ${s.sessions}`);
}
await driver.close();
await fleet.close();

const ops = clean.ops + faulted.ops;
const names = [...new Set([...Object.keys(clean.failures), ...Object.keys(faulted.failures)])].sort();
const mib = (x: number) => `${x.toFixed(1)} MiB`;
const lines = [
  `soak: ${ops} operations in ${seconds.toFixed(1)} s on ${nodes} BMCs (${profiles.join(', ')}; fast timing), concurrency ${CONCURRENCY}, seed ${seed}`,
  '',
  '| | operations | succeeded | failed |',
  '|---|---|---|---|',
  `| clean | ${clean.ops} | ${clean.ok} | ${clean.ops - clean.ok} |`,
  `| under a fault | ${faulted.ops} | ${faulted.ok} | ${faulted.ops - faulted.ok} |`,
  `| all | ${ops} | ${clean.ok + faulted.ok} | ${ops - clean.ok - faulted.ok} |`,
  '',
  '| failure | clean | under a fault |',
  '|---|---|---|',
  ...names.map((n) => `| ${n} | ${clean.failures[n] ?? 0} | ${faulted.failures[n] ?? 0} |`),
  '',
  `faults injected: ${Object.entries(byKind)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
  '',
  '| measure | before | after | growth |',
  '|---|---|---|---|',
  `| RSS (after GC) | ${mib(before.rss)} | ${mib(after.rss)} | ${mib(after.rss - before.rss)} |`,
  `| JS heap used (after GC) | ${mib(before.heap)} | ${mib(after.heap)} | ${mib(after.heap - before.heap)} |`,
  `| live sessions on the fleet | | ${sessions} | |`,
  `| untyped errors (not an IronicException) | | ${untyped} | |`,
];
console.log(lines.join('\n'));
if (sessions > 0 || untyped > 0) {
  console.error(
    `FAIL: ${sessions} live session(s) left${leaks.length ? ` (${leaks.join('; ')})` : ''}, ${untyped} untyped error(s)`,
  );
  process.exitCode = 1;
}
