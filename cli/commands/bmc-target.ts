// The options every command that talks to one BMC shares, and how their failures are printed:
// one line naming what went wrong, and an exit code per kind of failure.

import { type Command, Option } from 'commander';
import {
  createOpenBMCDriver,
  InvalidParameterValue,
  IronicException,
  OpenBMCAuthError,
  OpenBMCCertificateError,
  OpenBMCConnectionError,
  type OpenBMCDriver,
  OpenBMCRestDisabledError,
  OpenBMCTimeoutError,
  PowerStateFailure,
  type Task,
  UnsupportedDriverExtension,
  verifyCaOf,
} from '../../driver/index.ts';
import { CliExit, type CliIo } from '../io.ts';

export interface BmcFlags {
  address: string;
  username: string;
  password: string;
  insecure?: boolean;
  ca?: string;
  timeout?: number;
  dialect?: string;
  json?: boolean;
}

/** --username, --password (both also from the environment), --insecure and --ca. */
export function addCredentialOptions(cmd: Command, mandatory: boolean, forWhat = ''): Command {
  const username = new Option('--username <name>', `BMC user${forWhat}`).env('OPENBMC_USERNAME');
  const password = new Option(
    '--password <password>',
    `BMC password${forWhat} (prefer the environment variable)`,
  ).env('OPENBMC_PASSWORD');
  if (mandatory) {
    username.makeOptionMandatory();
    password.makeOptionMandatory();
  }
  return cmd
    .addOption(username)
    .addOption(password)
    .addOption(new Option('--insecure', 'do not verify the BMC TLS certificate').conflicts('ca'))
    .option('--ca <file>', 'CA bundle that signed the BMC certificate');
}

export function addBmcOptions(cmd: Command): Command {
  return addCredentialOptions(
    cmd.addOption(
      new Option('--address <url>', 'BMC address (host, host:port or https:// URL)')
        .env('OPENBMC_ADDRESS')
        .makeOptionMandatory(),
    ),
    true,
  )
    .option('--timeout <seconds>', 'how long to wait for the BMC to report a power change', parseSeconds)
    .addOption(
      new Option('--dialect <name>', 'skip detection').choices(['bmcweb', 'phosphor-rest', 'legacy']),
    )
    .option('--json', 'machine-readable output with Ironic field names');
}

function parseSeconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidParameterValue(
      `--timeout must be a positive number of seconds, got "${v.slice(0, 20)}"`,
    );
  return n;
}

function taskOf(flags: BmcFlags): Task {
  return {
    node: {
      driver_info: {
        openbmc_address: flags.address,
        openbmc_username: flags.username,
        openbmc_password: flags.password,
        openbmc_verify_ca: verifyCaOf(flags),
        ...(flags.dialect ? { openbmc_dialect: flags.dialect } : {}),
      },
      driver_internal_info: {},
    },
  };
}

/** Runs one driver action with a fresh driver; prints the error line and exits non-zero on failure. */
export async function withDriver<T>(
  io: CliIo,
  flags: BmcFlags,
  fn: (d: OpenBMCDriver, task: Task) => Promise<T>,
): Promise<T> {
  const driver = createOpenBMCDriver();
  try {
    return await fn(driver, taskOf(flags));
  } catch (err) {
    const f = describeFailure(err);
    if (flags.json)
      io.stdout(`${JSON.stringify({ error: { kind: f.kind, code: f.code, message: f.message } })}\n`);
    io.stderr(`obmc: ${f.kind}: ${f.message}\n`);
    throw new CliExit(f.exitCode);
  } finally {
    await driver.close();
  }
}

interface Failure {
  kind: string;
  code: string;
  message: string;
  exitCode: number;
}

/** Exit codes: 2 bad input, 3 authentication, 4 unreachable/certificate/timeout, 5 power state not reached, 6 unsupported, 1 other. */
function describeFailure(err: unknown): Failure {
  const message = err instanceof Error ? err.message : String(err);
  const code = err instanceof IronicException ? err.code : 'UNEXPECTED';
  const f = (kind: string, exitCode: number): Failure => ({ kind, code, message, exitCode });
  if (err instanceof OpenBMCCertificateError) return f('certificate', 4);
  if (err instanceof OpenBMCTimeoutError) return f('timeout', 4);
  if (err instanceof OpenBMCConnectionError) return f('unreachable', 4);
  if (err instanceof OpenBMCAuthError) return f('authentication', 3);
  if (err instanceof OpenBMCRestDisabledError) return f('rest api disabled', 6);
  if (err instanceof PowerStateFailure) return f('timeout', 5);
  if (err instanceof UnsupportedDriverExtension) return f('unsupported', 6);
  if (err instanceof InvalidParameterValue) return f('invalid input', 2);
  return f('error', 1);
}
