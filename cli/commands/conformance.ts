// `obmc conformance`: the kit against the embedded simulator (every profile by default), a remote
// BMC, or a pool from a targets file. Prints the plan first, then progress, then the verdict;
// writes JUnit XML and JSON reports on request; exits 1 on any fail or error.

import { readFile, writeFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError } from 'commander';
import { CATALOGUE, findChecks } from '../../conformance/checks/index.ts';
import { explain, plan } from '../../conformance/plan.ts';
import { consoleReporter } from '../../conformance/reporters/console.ts';
import { toJsonReport } from '../../conformance/reporters/json.ts';
import { toJunitXml } from '../../conformance/reporters/junit.ts';
import { toMarkdownMatrix } from '../../conformance/reporters/markdown.ts';
import { exitCodeOf } from '../../conformance/results.ts';
import { runConformance } from '../../conformance/runner.ts';
import { embeddedTarget } from '../../conformance/targets/embedded.ts';
import { remoteTarget } from '../../conformance/targets/remote.ts';
import type { TargetSpec } from '../../conformance/targets/target.ts';
import { parseTargetsFile } from '../../conformance/targets/targets-file.ts';
import { ProfileName } from '../../protocol/index.ts';
import { CliExit, type CliIo } from '../io.ts';
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
  concurrency: number;
  dryRun?: boolean;
  quiet?: boolean;
}

export function registerConformanceCommand(program: Command, io: CliIo): void {
  const conformance = program
    .command('conformance')
    .description('run the conformance checks: with no target, against the embedded simulator (every profile)')
    .option('--target <url>', 'a real BMC to check (needs --username and --password)');
  addCredentialOptions(conformance, false, ' for --target')
    .option('--targets <file>', 'a JSON file listing a pool of BMCs (passwords from environment variables)')
    .option('--profile <name>', `embedded simulator profile, or all (${ProfileName.join(', ')})`)
    .option('--allow-power-changes', 'let checks change power and boot settings on real BMCs')
    .option('--check <id...>', 'run only these checks (ids from CHECKS.md)')
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--json <file>', 'write a JSON report')
    .option('--markdown <file>', 'write a Markdown matrix of checks x targets')
    .option('--concurrency <n>', 'targets checked at once', parseConcurrency, 4)
    .option('--dry-run', 'print the plan and stop')
    .option('--quiet', 'print only failures, errors and the summary')
    .action(async (flags: ConformanceFlags, cmd: Command) => {
      const fail = (message: string): never => {
        io.stderr(`obmc conformance: ${message}\n`);
        throw new CliExit(2);
      };
      let checks = [...CATALOGUE];
      try {
        if (flags.check?.length) checks = findChecks(flags.check);
      } catch (err) {
        fail(err instanceof Error ? err.message : String(err));
      }
      const targets: TargetSpec[] = [];
      let concurrency = flags.concurrency;
      if (flags.target) {
        // commander reads process.env itself; the injected env serves in-process callers and tests.
        const username = flags.username ?? io.env.OPENBMC_USERNAME;
        const password = flags.password ?? io.env.OPENBMC_PASSWORD;
        if (!username || !password) {
          return fail('--target needs --username and --password (or OPENBMC_USERNAME and OPENBMC_PASSWORD)');
        }
        targets.push(
          remoteTarget({
            address: flags.target,
            username,
            password,
            ...(flags.insecure ? { insecure: true } : {}),
            ...(flags.ca ? { ca: flags.ca } : {}),
          }),
        );
      }
      if (flags.targets) {
        let text = '';
        try {
          text = await readFile(flags.targets, 'utf8');
        } catch (err) {
          fail(
            `cannot read targets file ${flags.targets}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
          );
        }
        try {
          const file = parseTargetsFile(text, flags.targets, io.env);
          targets.push(...file.targets);
          // The file's concurrency applies unless --concurrency was given.
          if (file.concurrency && cmd.getOptionValueSource('concurrency') === 'default') {
            concurrency = file.concurrency;
          }
        } catch (err) {
          fail(err instanceof Error ? err.message : String(err));
        }
      }
      if (targets.length === 0 || flags.profile) {
        const wanted = flags.profile ?? 'all';
        if (wanted !== 'all' && !ProfileName.some((p) => p === wanted)) {
          fail(`unknown profile '${wanted}'; known: ${ProfileName.join(', ')}, all`);
        }
        const profiles = wanted === 'all' ? [...ProfileName] : ProfileName.filter((p) => p === wanted);
        targets.unshift(...profiles.map((profile) => embeddedTarget({ profile })));
      }

      const options = { allowPowerChanges: flags.allowPowerChanges === true };
      io.stdout(`Plan (${checks.length} checks):\n${explain(plan(targets, checks, options), options)}\n`);
      if (flags.dryRun) return;

      const abort = new AbortController();
      void io.interrupted.then(() => {
        io.stderr('obmc conformance: interrupted; finishing the current checks and restoring settings\n');
        abort.abort();
      });
      const summary = await runConformance({
        targets,
        checks,
        ...options,
        concurrency,
        signal: abort.signal,
        reporter: consoleReporter({ write: io.stdout, verbose: !flags.quiet }),
      });
      if (flags.junit) await writeFile(flags.junit, toJunitXml(summary));
      if (flags.json) await writeFile(flags.json, toJsonReport(summary));
      if (flags.markdown) await writeFile(flags.markdown, toMarkdownMatrix(summary));
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
