// The `obmc` command: parses arguments, loads only the module of the command asked for (so
// `obmc power status` never loads the simulator, express or the conformance kit), and is the one
// place that turns a failure into its line, its JSON and its exit code. Nothing here touches
// `process`; cli/entry.ts does.

import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { CliError, CliExit, type CliIo, EXIT, UsageError } from './io.ts';

/** Adds a command's arguments, options and action to the command main.ts created for it. */
export type ConfigureCommand = (cmd: Command, io: CliIo) => void;

interface CommandEntry {
  name: string;
  summary: string;
  /** `--json` switches the output, errors included, to JSON (conformance's `--json` names a report file). */
  jsonOutput: boolean;
  load: () => Promise<ConfigureCommand>;
}

const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'sim',
    summary: 'run simulated OpenBMC BMCs (HTTPS with a self-signed certificate by default)',
    jsonOutput: false,
    load: async () => (await import('./commands/sim.ts')).configureSimCommand,
  },
  {
    name: 'power',
    summary: 'read or change the power state of one BMC, or read a whole targets file (power sync)',
    jsonOutput: true,
    load: async () => (await import('./commands/power.ts')).configurePowerCommand,
  },
  {
    name: 'boot',
    summary: 'read or set the boot device of one BMC',
    jsonOutput: true,
    load: async () => (await import('./commands/boot.ts')).configureBootCommand,
  },
  {
    name: 'sensors',
    summary: "print sensor readings (Ironic's get_sensors_data)",
    jsonOutput: true,
    load: async () => (await import('./commands/sensors.ts')).configureSensorsCommand,
  },
  {
    name: 'nmi',
    summary: 'inject a non-maskable interrupt into the host',
    jsonOutput: true,
    load: async () => (await import('./commands/sensors.ts')).configureNmiCommand,
  },
  {
    name: 'info',
    summary: 'what the driver detects and reads on this BMC',
    jsonOutput: true,
    load: async () => (await import('./commands/sensors.ts')).configureInfoCommand,
  },
  {
    name: 'conformance',
    summary: 'run the conformance checks: with no target, against the embedded simulator (every profile)',
    jsonOutput: false,
    load: async () => (await import('./commands/conformance.ts')).configureConformanceCommand,
  },
];

const EXIT_CODES_HELP = `
Exit codes:
  ${EXIT.ok}  success
  ${EXIT.other}  anything else (conformance: a check failed or errored)
  ${EXIT.badInput}  bad input: unknown command or option, invalid or missing value
  ${EXIT.authentication}  authentication refused
  ${EXIT.unreachable}  BMC unreachable, certificate not trusted, or no answer in time
  ${EXIT.powerStateNotReached}  the BMC did not reach the power state
  ${EXIT.unsupported}  not supported by this BMC (REST API disabled, no such feature)
A failure prints one line, obmc: <kind>: <message> (with --json also {"error":{...}} on stdout).
`;

/** Runs `obmc ...argv` and returns its exit code; every failure is printed here, once. */
export async function runObmc(argv: readonly string[], io: CliIo): Promise<number> {
  const chosen = chosenCommand(argv);
  // Unless the command's own --json means something else (a report file), or a command that has none.
  const json = chosen?.jsonOutput !== false && beforeDashDash(argv).includes('--json');
  try {
    const program = new Command('obmc')
      .description('OpenBMC toolkit: simulator, Ironic-shaped driver and conformance kit')
      .version(packageVersion(), '-V, --version', 'print the version')
      .exitOverride()
      // Commander's own error line is replaced by the one printed below.
      .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => {} })
      .addHelpText('afterAll', EXIT_CODES_HELP);
    for (const entry of COMMANDS) {
      const cmd = program.command(entry.name).description(entry.summary);
      if (entry === chosen) (await entry.load())(cmd, io);
    }
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CliExit) return err.exitCode;
    const failure = failureOf(err);
    if (failure === undefined) return EXIT.ok;
    if (json) {
      const { kind, code, message } = failure;
      io.stdout(`${JSON.stringify({ error: { kind, code, message } })}\n`);
    }
    io.stderr(`obmc: ${failure.kind}: ${failure.message}\n`);
    return failure.exitCode;
  }
}

/** The command named first (`obmc help X` asks for X's help); only its module is loaded. */
function chosenCommand(argv: readonly string[]): CommandEntry | undefined {
  const words = beforeDashDash(argv).filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.find((c) => c.name === name);
}

/** The arguments before `--` (after it, nothing is an option or a command name). */
function beforeDashDash(argv: readonly string[]): readonly string[] {
  const end = argv.indexOf('--');
  return end === -1 ? argv : argv.slice(0, end);
}

/** Undefined for help and version, which are not failures. */
function failureOf(err: unknown): CliError | undefined {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return undefined;
    // `obmc help X` (exit code 0), or `obmc` / `obmc power` alone: the help went to stderr.
    if (err.code === 'commander.help')
      return err.exitCode === 0 ? undefined : new UsageError('a command is missing (the list is above)');
    // Commander's messages start with "error: " and put a "Did you mean" hint on a second line.
    return new UsageError(err.message.replace(/^error: /, '').replaceAll('\n', ' '));
  }
  if (err instanceof CliError) return err;
  return new CliError('error', EXIT.other, err instanceof Error ? err.message : String(err), 'UNEXPECTED');
}

/** The installed package's version, found by the package's own name (its `exports` lists package.json). */
function packageVersion(): string {
  const pkg = createRequire(import.meta.url)('openbmc-kit/package.json') as { version: string };
  return pkg.version;
}
