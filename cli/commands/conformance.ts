// `obmc conformance`: the kit against the embedded simulator (every profile by default), a remote
// BMC, or a pool from a targets file. Prints the plan first, then progress, then the verdict;
// writes JUnit XML and JSON reports on request; exits 1 on any fail or error. Which targets and
// checks a set of flags means is the kit's own rule (resolveConformanceOptions).

import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  CONFORMANCE_TIMINGS,
  ConformanceOptionsError,
  type ConformanceTiming,
  consoleReporter,
  DEFAULT_CONCURRENCY,
  exitCodeOf,
  explain,
  plan,
  resolveConformanceOptions,
  runConformance,
  writeReportFiles,
} from '../../conformance/index.ts';
import { ProfileName } from '../../protocol/index.ts';
import { CliExit, type CliIo, UsageError } from '../io.ts';
import { addCredentialOptions } from './bmc-target.ts';

interface ConformanceFlags {
  target?: string;
  username?: string;
  password?: string;
  insecure?: boolean;
  ca?: string;
  targets?: string;
  profile?: string;
  allowPowerChanges?: boolean;
  check?: string[];
  junit?: string;
  json?: string;
  markdown?: string;
  concurrency?: number;
  dryRun?: boolean;
  quiet?: boolean;
  shard?: string;
  interopProfile?: string[];
  timing?: ConformanceTiming;
}

export function configureConformanceCommand(cmd: Command, io: CliIo): void {
  cmd.option('--target <url>', 'a real BMC to check (needs --username and --password)');
  addCredentialOptions(cmd, false, ' for --target')
    .option('--targets <file>', 'a JSON file listing a pool of BMCs (passwords from environment variables)')
    .option('--profile <name>', `embedded simulator profile, or all (${ProfileName.join(', ')})`)
    .option('--allow-power-changes', 'let checks change power and boot settings on real BMCs')
    .option('--check <id...>', 'run only these checks (ids from CHECKS.md)')
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--json <file>', 'write a JSON report')
    .option('--markdown <file>', 'write a Markdown matrix of checks x targets')
    .option(
      '--concurrency <n>',
      `targets checked at once (default: ${DEFAULT_CONCURRENCY})`,
      parseConcurrency,
    )
    .option(
      '--shard <i/n>',
      'check only shard i (from 0) of n of the --targets pool (n runners split one pool)',
    )
    .option(
      '--interop-profile <file...>',
      "a Redfish interop profile (DMTF format) every Redfish unit must meet (OpenBMC's and Ironic's are always reported)",
    )
    .addOption(
      new Option(
        '--timing <speed>',
        'embedded simulators: instant (default), fast (1/100 of real time) or realistic (on a virtual clock)',
      ).choices(CONFORMANCE_TIMINGS),
    )
    .option('--dry-run', 'print the plan and stop')
    .option('--quiet', 'print only failures, errors and the summary')
    .action(async (flags: ConformanceFlags) => {
      const { check, targets, interopProfile, ...rest } = flags;
      // commander reads process.env itself; the injected env serves in-process callers and tests.
      const run = await resolveConformanceOptions(
        {
          ...rest,
          ...(check ? { checks: check } : {}),
          ...(targets ? { targetsFile: targets } : {}),
          ...(interopProfile ? { interopProfiles: interopProfile } : {}),
        },
        io.env,
      ).catch((err: unknown) => {
        throw err instanceof ConformanceOptionsError ? new UsageError(err.message) : err;
      });
      io.stdout(`Plan (${run.checks.length} checks):\n${explain(plan(run.targets, run.checks, run), run)}\n`);
      if (flags.dryRun) return;

      const abort = new AbortController();
      void io.interrupted.then(() => {
        io.stderr('obmc: interrupted: finishing the current checks and restoring settings\n');
        abort.abort();
      });
      const summary = await runConformance({
        ...run,
        signal: abort.signal,
        reporter: consoleReporter({ write: io.stdout, verbose: !flags.quiet }),
      });
      await writeReportFiles(summary, flags);
      const code = exitCodeOf(summary);
      if (code !== 0) throw new CliExit(code);
    });
}

function parseConcurrency(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new InvalidArgumentError(`--concurrency must be an integer from 1 to 64, got "${v.slice(0, 20)}"`);
  }
  return n;
}
