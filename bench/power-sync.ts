// Power-sync benchmark: K `obmc sim --shard i/K` processes serve one fleet of N BMCs, each writing
// the kit targets file of its shard; the targets files must cover the fleet once. Then one
// power-sync round (driver/power-sync.ts) reads every BMC through the driver in this process,
// with the driver's defaults (login, read, logout per node; 0.05 s between two requests to one
// BMC), then a second round with the same driver, as Ironic's next sync would: the first also
// detects each BMC's dialect and checks its REST API (6 requests a node), the second does not (3).
// Then the shards are asked how many sessions are left.
// Run: npx tsx bench/power-sync.ts [N] [--shards K] [--concurrency C] [--port P] [--http]
// (prints one JSON line; the simulator runs at --timing fast with the error log only)

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { createOpenBMCDriver, syncPowerStates, type Task } from '../driver/index.ts';
import { DEFAULT_PASSWORD } from '../protocol/index.ts';

const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const n = Number(process.argv[2] ?? 1000);
const shards = flag('--shards', 1);
const concurrency = flag('--concurrency', 64);
const port = flag('--port', 10_000);
const http = process.argv.includes('--http');
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'obmc-bench-sync-'));

interface Shard {
  child: ChildProcess;
  file: string;
}

function startShard(index: number): Promise<Shard> {
  const file = join(dir, `shard-${index}.json`);
  const args = ['--nodes', String(n), '--shard', `${index}/${shards}`, '--port', String(port)];
  args.push('--timing', 'fast', '--log-level', 'error', '--targets-out', file, ...(http ? ['--http'] : []));
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/entry.ts', 'sim', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The `listening` lines come after the targets file is written; the last one ends the start.
  const last = `:${port + Math.floor(((index + 1) * n) / shards) - 1} `;
  return new Promise((resolve, reject) => {
    let tail = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      tail = (tail + d).slice(-200);
      if (tail.includes(last)) resolve({ child, file });
    });
    child.once('exit', (code) => reject(new Error(`shard ${index} ended (${code}) before listening`)));
  });
}

const rssMiB = (pid: number | undefined) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Math.round(Number(m?.[1]) / 1024);
};

const startedAt = performance.now();
const running = await Promise.all(Array.from({ length: shards }, (_, i) => startShard(i)));
const startMs = performance.now() - startedAt;

// The targets files of all shards: every node of the fleet once.
const targets = running.flatMap(
  (s) => (JSON.parse(readFileSync(s.file, 'utf8')) as { targets: Record<string, string>[] }).targets,
);
const names = new Set(targets.map((t) => t.name));
const coveredOnce =
  targets.length === n && names.size === n && [...Array(n).keys()].every((i) => names.has(`node-${i}`));

const tasks: Task[] = targets.map((t) => ({
  node: {
    uuid: t.name ?? '',
    driver_info: {
      openbmc_address: t.address,
      openbmc_username: t.username,
      openbmc_password: DEFAULT_PASSWORD,
      openbmc_verify_ca: t.ca ? join(dir, t.ca) : true,
    },
    driver_internal_info: {},
  },
}));

// CPU seconds (user + system) of the shards and of this process: a figure the load of a shared
// machine does not change, unlike the wall-clock time of a round.
const ticks = 100; // USER_HZ on Linux
const simCpuS = () =>
  running.reduce((sum, s) => {
    const fields = readFileSync(`/proc/${s.child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return sum + (Number(fields[11]) + Number(fields[12])) / ticks;
  }, 0);
const driverCpuS = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const cpuOf = async (fn: () => Promise<unknown>) => {
  const [sim0, drv0] = [simCpuS(), driverCpuS()];
  await fn();
  return {
    simMsPerNode: ((simCpuS() - sim0) * 1000) / n,
    driverMsPerNode: ((driverCpuS() - drv0) * 1000) / n,
  };
};

const driver = createOpenBMCDriver();
let round = await syncPowerStates(driver, [], {});
let second = round;
const firstCpu = await cpuOf(async () => {
  round = await syncPowerStates(driver, tasks, { concurrency });
});
const secondCpu = await cpuOf(async () => {
  second = await syncPowerStates(driver, tasks, { concurrency });
});
await driver.close();
const perNode = (c: { simMsPerNode: number; driverMsPerNode: number }) => ({
  sim: Number(c.simMsPerNode.toFixed(2)),
  driver: Number(c.driverMsPerNode.toFixed(2)),
});
const states: Record<string, number> = {};
for (const r of round.results) {
  const key = r.ok ? r.powerState : r.error.code;
  states[key] = (states[key] ?? 0) + 1;
}

// Sessions left on every BMC, one control request per shard.
const ca = running[0] && !http ? readFileSync(`${running[0].file}.ca.pem`, 'utf8') : undefined;
const agent = new Agent({ connect: ca ? { ca } : {} });
let sessionsLeft = 0;
for (const s of running) {
  const first = (JSON.parse(readFileSync(s.file, 'utf8')) as { targets: { address: string }[] }).targets[0];
  const res = await request(`${first?.address}/_sim/state?node=all`, { dispatcher: agent });
  for (const state of (await res.body.json()) as { sessions: number }[]) sessionsLeft += state.sessions;
}
await agent.close();
const simRssMiB = running.map((s) => rssMiB(s.child.pid));
for (const s of running) s.child.kill('SIGTERM');

console.log(
  JSON.stringify({
    bench: 'power-sync',
    nodes: n,
    shards,
    transport: http ? 'http' : 'https',
    concurrency,
    shardsStartMs: Math.round(startMs),
    targetsCoverFleetOnce: coveredOnce,
    firstRoundMs: Math.round(round.ms),
    secondRoundMs: Math.round(second.ms),
    cpuMsPerNode: { first: perNode(firstCpu), second: perNode(secondCpu) },
    read: n - round.failed,
    failed: round.failed + second.failed,
    states,
    sessionsLeft,
    simRssMiB,
    driverRssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
  }),
);
