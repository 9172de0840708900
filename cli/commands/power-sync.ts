// `obmc power sync --targets FILE`: one power-sync round over every BMC of a targets file, as
// Ironic's conductor runs it (driver/power-sync.ts). On a terminal a progress bar on stderr and a
// summary; otherwise (or with --json) one JSON line per node as it is read, then a summary line.
// Exits 0 when every node was read, 1 when any was not.

import { readFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError } from 'commander';
import {
  createOpenBMCDriver,
  DEFAULT_SYNC_WORKERS,
  type PowerSyncProgress,
  type PowerSyncResult,
  syncPowerStates,
  type Task,
} from '../../driver/index.ts';
import { CliExit, type CliIo, EXIT, UsageError } from '../io.ts';
import { cliErrorOf } from './bmc-target.ts';

interface SyncFlags {
  targets: string;
  concurrency?: number;
  json?: boolean;
}

const MAX_CONCURRENCY = 1024;

function parseConcurrency(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > MAX_CONCURRENCY)
    throw new InvalidArgumentError(`--concurrency must be an integer from 1 to ${MAX_CONCURRENCY}`);
  return n;
}

export function configurePowerSyncCommand(power: Command, io: CliIo): void {
  power
    .command('sync')
    .description("read the power state of every BMC in a targets file (Ironic's power-sync round)")
    .requiredOption('--targets <file>', 'the kit targets file (passwords from the variables it names)')
    .option(
      '--concurrency <n>',
      `BMCs read at once (default: the file's, else ${DEFAULT_SYNC_WORKERS} as Ironic's sync_power_state_workers)`,
      parseConcurrency,
    )
    .option('--json', 'JSON lines even on a terminal')
    .action(async (flags: SyncFlags) => {
      const { tasks, concurrency: fileConcurrency } = await loadTasks(flags.targets, io);
      const concurrency = flags.concurrency ?? fileConcurrency ?? DEFAULT_SYNC_WORKERS;
      const bar = io.stderrIsTTY === true && flags.json !== true;
      const driver = createOpenBMCDriver();
      const round = await (async () => {
        try {
          return await syncPowerStates(driver, tasks, {
            concurrency,
            onProgress: bar ? progressBar(io) : (p) => io.stdout(`${JSON.stringify(lineOf(p.result))}\n`),
          });
        } finally {
          await driver.close();
        }
      })();
      const states: Record<string, number> = {};
      for (const r of round.results) {
        const key = r.ok ? r.powerState : `error ${cliKind(r)}`;
        states[key] = (states[key] ?? 0) + 1;
      }
      const summary = {
        total: tasks.length,
        read: tasks.length - round.failed,
        failed: round.failed,
        concurrency,
        seconds: Number((round.ms / 1000).toFixed(2)),
        states,
      };
      if (bar) {
        io.stderr('\n');
        const counts = Object.entries(states).map(([s, n]) => `${n} ${s}`);
        io.stdout(`${summary.read}/${summary.total} read in ${summary.seconds} s: ${counts.join(', ')}\n`);
        for (const r of round.results) if (!r.ok) io.stdout(`${r.node}: ${cliKind(r)}: ${r.error.message}\n`);
      } else {
        io.stdout(`${JSON.stringify({ summary })}\n`);
      }
      if (round.failed > 0) throw new CliExit(EXIT.other);
    });
}

async function loadTasks(file: string, io: CliIo): Promise<{ tasks: Task[]; concurrency?: number }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(
      `cannot read targets file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  // Loaded here so `obmc power status` does not load the conformance kit.
  const { parseTargetsFile, TargetsFileError } = await import('../../conformance/index.ts');
  let parsed: ReturnType<typeof parseTargetsFile>;
  try {
    parsed = parseTargetsFile(text, file, io.env);
  } catch (err) {
    if (err instanceof TargetsFileError) throw new UsageError(err.message);
    throw err;
  }
  const tasks = await Promise.all(
    parsed.targets.map(async (spec) => {
      const target = await spec.open();
      return { node: { uuid: target.name, driver_info: target.driverInfo, driver_internal_info: {} } };
    }),
  );
  return { tasks, ...(parsed.concurrency ? { concurrency: parsed.concurrency } : {}) };
}

/** The same kind words as a one-BMC command's error line. */
function cliKind(r: Extract<PowerSyncResult, { ok: false }>): string {
  const e = cliErrorOf(r.error);
  return e instanceof Error && 'kind' in e ? String(e.kind) : 'error';
}

function lineOf(r: PowerSyncResult): Record<string, unknown> {
  const ms = Math.round(r.ms);
  if (r.ok) return { node: r.node, power_state: r.powerState, ms };
  return { node: r.node, error: { kind: cliKind(r), code: r.error.code, message: r.error.message }, ms };
}

/** One line on stderr, redrawn at most every 100 ms and at the end. */
function progressBar(io: CliIo): (p: PowerSyncProgress) => void {
  const started = performance.now();
  let drawn = 0;
  return (p) => {
    const now = performance.now();
    if (p.done !== p.total && now - drawn < 100) return;
    drawn = now;
    const width = 30;
    const full = Math.round((p.done / p.total) * width);
    const bar = `${'#'.repeat(full)}${'.'.repeat(width - full)}`;
    const seconds = ((now - started) / 1000).toFixed(1);
    io.stderr(`\r[${bar}] ${p.done}/${p.total}  failed ${p.failed}  ${seconds} s`);
  };
}
