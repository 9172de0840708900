// What a run is asked for (a remote target, a targets file, embedded profiles, chosen checks) in,
// the targets and checks to run out: the CLI and library callers share these rules and defaults.

import { readFile } from 'node:fs/promises';
import { ProfileAliases, ProfileName } from '../protocol/index.ts';
import { parseShard, shardRange } from '../simulator/index.ts';
import type { Check } from './check.ts';
import { CATALOGUE, findChecks } from './checks/index.ts';
import { builtInProfiles, type ProfileToEvaluate, profileFromFile } from './interop/profiles.ts';
import { DEFAULT_CONCURRENCY } from './runner.ts';
import { embeddedTarget } from './targets/embedded.ts';
import { remoteTarget } from './targets/remote.ts';
import type { TargetSpec } from './targets/target.ts';
import { parseTargetsFile } from './targets/targets-file.ts';

export interface ConformanceOptions {
  /** A real BMC's address; needs username and password (or OPENBMC_USERNAME/OPENBMC_PASSWORD). */
  target?: string;
  username?: string;
  password?: string;
  insecure?: boolean;
  ca?: string;
  /** A targets file (a pool of BMCs, passwords from the environment). */
  targetsFile?: string;
  /** An embedded simulator profile, or `all`; the default when no remote target is given. */
  profile?: string;
  /** Check ids (case-insensitive); every check by default. */
  checks?: readonly string[];
  allowPowerChanges?: boolean;
  /** Targets checked at once; else the targets file's, else DEFAULT_CONCURRENCY. */
  concurrency?: number;
  /**
   * `I/N`: check only shard I (from 0) of N of the targets file's pool, so N runners split a pool
   * and together check each BMC once (the same arithmetic as `obmc sim --shard`).
   */
  shard?: string;
  /** Interop profile files every Redfish unit must meet (their FAILs fail the run). */
  interopProfiles?: readonly string[];
  /**
   * How the embedded simulators move: `instant` (the default), `fast` (every transition in order
   * at 1/100 of the profile's time) or `realistic` (the profile's time on the simulator's manual
   * clock, which the driver's and the checks' sleeps move: minutes of BMC time in seconds).
   */
  timing?: ConformanceTiming;
}

export const CONFORMANCE_TIMINGS = ['instant', 'fast', 'realistic'] as const;
export type ConformanceTiming = (typeof CONFORMANCE_TIMINGS)[number];

export interface ResolvedConformanceOptions {
  targets: TargetSpec[];
  checks: Check[];
  allowPowerChanges: boolean;
  concurrency: number;
  interopProfiles: ProfileToEvaluate[];
}

export class ConformanceOptionsError extends Error {
  override name = 'ConformanceOptionsError';
}

/** `env` supplies default credentials for `target` and the passwords a targets file names. */
export async function resolveConformanceOptions(
  o: ConformanceOptions,
  env: Record<string, string | undefined> = {},
): Promise<ResolvedConformanceOptions> {
  const checks = o.checks?.length ? refuseThrown(() => findChecks(o.checks ?? [])) : [...CATALOGUE];
  const targets: TargetSpec[] = [];
  let concurrency = o.concurrency;
  if (o.shard !== undefined && !o.targetsFile)
    throw new ConformanceOptionsError('--shard splits the pool of a targets file: give --targets too');
  if (o.target) {
    const username = o.username ?? env.OPENBMC_USERNAME;
    const password = o.password ?? env.OPENBMC_PASSWORD;
    if (!username || !password)
      throw new ConformanceOptionsError(
        '--target needs --username and --password (or OPENBMC_USERNAME and OPENBMC_PASSWORD)',
      );
    targets.push(
      remoteTarget({
        address: o.target,
        username,
        password,
        ...(o.insecure ? { insecure: true } : {}),
        ...(o.ca ? { ca: o.ca } : {}),
      }),
    );
  }
  if (o.targetsFile) {
    const file = o.targetsFile;
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new ConformanceOptionsError(`cannot read targets file ${file}: ${err.code ?? err.message}`);
    });
    const parsed = refuseThrown(() => parseTargetsFile(text, file, env));
    const { start, end } = o.shard
      ? refuseThrown(() => shardRange(parsed.targets.length, parseShard(o.shard ?? '')))
      : { start: 0, end: parsed.targets.length };
    targets.push(...parsed.targets.slice(start, end));
    concurrency ??= parsed.concurrency;
  }
  if (o.timing !== undefined && targets.length > 0 && !o.profile)
    throw new ConformanceOptionsError(
      '--timing sets how the embedded simulators move: give --profile too (a real BMC keeps its own time)',
    );
  if (targets.length === 0 || o.profile) {
    const wanted = o.profile ?? 'all';
    if (wanted !== 'all' && !ProfileName.some((p) => p === wanted))
      throw new ConformanceOptionsError(`unknown profile '${wanted}'; known: ${ProfileName.join(', ')}, all`);
    const profiles = ProfileName.filter((p) =>
      wanted === 'all' ? !Object.hasOwn(ProfileAliases, p) : p === wanted,
    );
    const timing =
      o.timing === 'realistic'
        ? { manualClock: true }
        : o.timing === 'fast'
          ? { timing: 'fast' as const }
          : {};
    targets.unshift(...profiles.map((profile) => embeddedTarget({ profile, ...timing })));
  }
  const interopProfiles = builtInProfiles();
  for (const file of o.interopProfiles ?? []) {
    interopProfiles.push(
      await profileFromFile(file).catch((err: unknown) => {
        throw new ConformanceOptionsError(err instanceof Error ? err.message : String(err));
      }),
    );
  }
  return {
    targets,
    checks,
    interopProfiles,
    allowPowerChanges: o.allowPowerChanges === true,
    concurrency: concurrency ?? DEFAULT_CONCURRENCY,
  };
}

/** A refusal from the parts this resolver uses (unknown check, invalid targets file) is one of its own. */
function refuseThrown<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new ConformanceOptionsError(err instanceof Error ? err.message : String(err));
  }
}
