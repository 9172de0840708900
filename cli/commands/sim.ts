// `obmc sim`: start simulated BMCs and keep them up until interrupted. The flags go to the
// simulator's own options resolver as given: every default lives there (SIMULATOR_DEFAULTS).

import { type Command, InvalidArgumentError, Option } from 'commander';
import { ProfileName } from '../../protocol/index.ts';
import {
  createLogger,
  FaultFileError,
  FleetFileError,
  fleetTargets,
  loadFaultFile,
  loadFleetFile,
  parseShard,
  type RunningSimulator,
  resolveSimulatorOptions,
  type Shard,
  SIMULATOR_DEFAULTS,
  type SimulatorOptions,
  SimulatorOptionsError,
  StateFileError,
  simulatorCaPem,
  startSimulator,
  TIMINGS,
  writeTargetsFile,
} from '../../simulator/index.ts';
import { type CliIo, UsageError } from '../io.ts';

/** `--lockout 3` (locked until a reset) or `--lockout 3:300` (unlocked 300 s after the last failure). */
const parseLockout = (value: string): NonNullable<SimulatorOptions['lockout']> => {
  const m = /^(\d+)(?::(\d+))?$/.exec(value);
  if (!m || Number(m[1]) < 1)
    throw new InvalidArgumentError('--lockout must be ATTEMPTS or ATTEMPTS:SECONDS, ATTEMPTS at least 1.');
  return { attempts: Number(m[1]), unlockAfterMs: Number(m[2] ?? 0) * 1000 };
};

export const parseInteger = (name: string) => (value: string) => {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be an integer.`);
  return Number(value);
};

/** Only the flags given are set: the ones named as in SimulatorOptions pass straight through. */
type SimFlags = Pick<
  SimulatorOptions,
  | 'host'
  | 'port'
  | 'http'
  | 'profile'
  | 'timing'
  | 'seed'
  | 'username'
  | 'password'
  | 'nodes'
  | 'manualClock'
  | 'lockout'
> & {
  printCa?: boolean;
  state?: string;
  fleet?: string;
  faults?: string;
  logLevel: string;
  shard?: Shard;
  publicHost?: string;
  targetsOut?: string;
};

const byDefault = (value: string | number) => `(default: ${value})`;

export function configureSimCommand(cmd: Command, io: CliIo): void {
  const d = SIMULATOR_DEFAULTS;
  cmd
    .option('--host <address>', `address to listen on ${byDefault(d.host)}`)
    .option(
      '--port <port>',
      `port of the first BMC, 0 = free ports ${byDefault(d.port)}`,
      parseInteger('--port'),
    )
    .option('--http', 'serve plain HTTP instead of HTTPS')
    .addOption(
      new Option('--profile <name>', `firmware profile ${byDefault(d.profile)}`).choices(ProfileName),
    )
    .addOption(new Option('--timing <speed>', `transition speed ${byDefault(d.timing)}`).choices(TIMINGS))
    .option('--seed <n>', 'reproducible tokens and sensor values (tests only)', parseInteger('--seed'))
    .option('--username <name>', `BMC account name ${byDefault(d.username)}`)
    .option('--password <password>', `BMC account password ${byDefault(d.password)}`)
    .option('--nodes <n>', `how many BMCs to serve ${byDefault(d.nodes)}`, parseInteger('--nodes'))
    .option('--manual-clock', 'simulated time moves only through POST /_sim/clock/advance')
    .option(
      '--lockout <attempts[:seconds]>',
      'lock an account after this many failed logins in a row, for SECONDS (default: until reset; off unless given, as OpenBMC ships)',
      parseLockout,
    )
    .option('--fleet <file>', 'JSON file giving each BMC its profile, credentials, timing and seed')
    .option('--faults <file>', 'JSON array of faults to inject at start (see the README)')
    .option('--state <file>', 'keep settings, accounts and power state across restarts in this JSON file')
    .option(
      '--print-ca',
      "print the PEM certificate these options would serve (for clients' --ca) and exit without serving",
    )
    .option(
      '--shard <i/n>',
      'serve shard i (from 0) of n of the fleet (--nodes or --fleet); node numbers, ports and seeds stay the fleet-wide ones',
      parseShardFlag,
    )
    .option('--public-host <name>', 'host name clients use, in the URLs, the certificate and --targets-out')
    .option(
      '--targets-out <file>',
      'write the kit targets file for the BMCs served (passwords: OBMC_SIM_PASSWORD...)',
    )
    .addOption(
      new Option('--log-level <level>', 'request log level (stderr)')
        .choices(['silent', 'error', 'info', 'debug'])
        .default('info'),
    )
    .action(async (flags: SimFlags) => {
      // Signals are taken before anything starts: a client that reads the `listening` line and
      // signals at once must find the handler in place (and Ctrl-C during start-up still closes).
      const interrupted = io.interrupted;
      const { state, fleet, faults, logLevel, targetsOut, printCa, ...options } = flags;
      if (printCa) {
        let pem: string | undefined;
        try {
          pem = await simulatorCaPem(options);
        } catch (err) {
          throw isBadInput(err) ? new UsageError(err.message) : err;
        }
        if (pem === undefined) throw new UsageError('--print-ca: with --http there is no certificate');
        io.stdout(pem.endsWith('\n') ? pem : `${pem}\n`);
        return;
      }
      // A fleet file says how many BMCs and each one's profile and account: flags that would
      // say it too are refused, not silently outvoted.
      const clashing = (['nodes', 'profile', 'username', 'password'] as const).filter(
        (f) => options[f] !== undefined,
      );
      if (fleet !== undefined && clashing.length > 0)
        throw new UsageError(
          `--fleet sets each BMC's count, profile and account; drop ${clashing.map((f) => `--${f}`).join(', ')} (or set them per node in ${fleet})`,
        );
      let sim: RunningSimulator;
      let input: SimulatorOptions;
      try {
        input = {
          ...options,
          // Over HTTP is the only way to advance this clock, also while a BMC reboots.
          ...(options.manualClock ? { controlWhileDown: true } : {}),
          ...(fleet === undefined ? {} : { fleet: await loadFleetFile(fleet) }),
          ...(faults === undefined ? {} : { faults: await loadFaultFile(faults) }),
          ...(state === undefined ? {} : { stateFile: state }),
          logger: createLogger(logLevel),
        };
        sim = await startSimulator(input);
      } catch (err) {
        throw isBadInput(err) ? new UsageError(err.message) : err;
      }
      if (targetsOut !== undefined) {
        try {
          await writeSimTargets(targetsOut, input, sim);
        } catch (err) {
          await sim.close();
          throw new UsageError(
            `cannot write targets file ${targetsOut}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
          );
        }
      }
      for (const [i, url] of sim.urls.entries())
        io.stdout(`listening ${url} profile=${sim.nodes[i]?.profile.name}\n`);
      await interrupted;
      await sim.close();
    });
}

function parseShardFlag(value: string): Shard {
  try {
    return parseShard(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

async function writeSimTargets(file: string, input: SimulatorOptions, sim: RunningSimulator): Promise<void> {
  const o = resolveSimulatorOptions(input);
  const password = o.users[0]?.password ?? '';
  await writeTargetsFile(
    file,
    (ca) => fleetTargets({ perNode: o.perNode, password }, sim.urls, input.fleet, ca),
    sim.caCertPem,
  );
}

/** A refusal of the simulator's options or of one of its files: the user's input, exit 2. */
const isBadInput = (err: unknown): err is Error =>
  err instanceof SimulatorOptionsError ||
  err instanceof FleetFileError ||
  err instanceof FaultFileError ||
  err instanceof StateFileError;
