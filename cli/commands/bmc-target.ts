// The options every command that talks to one BMC shares, and what their failures mean: the
// driver's errors as a kind and an exit code each (main.ts prints them).

import { type Command, InvalidArgumentError, Option } from 'commander';
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
import { CliError, EXIT } from '../io.ts';

export interface BmcFlags {
  address: string;
  username: string;
  password: string;
  insecure?: boolean;
  ca?: string;
  timeout?: number;
  dialect?: string;
  api?: string;
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
    .addOption(
      new Option('--api <api>', 'Redfish or D-Bus REST (auto: Redfish where served)')
        .choices(['auto', 'redfish', 'rest'])
        .env('OPENBMC_API'),
    )
    .option('--json', 'machine-readable output with Ironic field names');
}

function parseSeconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError(`--timeout must be a positive number of seconds, got "${v.slice(0, 20)}"`);
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
        ...(flags.api ? { openbmc_api: flags.api } : {}),
      },
      driver_internal_info: {},
    },
  };
}

/** Runs one driver action with a fresh driver; a driver error becomes the CliError of its kind. */
export async function withDriver<T>(
  flags: BmcFlags,
  fn: (d: OpenBMCDriver, task: Task) => Promise<T>,
): Promise<T> {
  const driver = createOpenBMCDriver();
  try {
    return await fn(driver, taskOf(flags));
  } catch (err) {
    throw cliErrorOf(err);
  } finally {
    await driver.close();
  }
}

/** A driver error as the CliError of its kind (and exit code); anything else as it is. */
export function cliErrorOf(err: unknown): unknown {
  if (!(err instanceof IronicException)) return err;
  const f = (kind: string, exitCode: number) => new CliError(kind, exitCode, err.message, err.code);
  if (err instanceof OpenBMCCertificateError) return f('certificate', EXIT.unreachable);
  if (err instanceof OpenBMCTimeoutError) return f('timeout', EXIT.unreachable);
  if (err instanceof OpenBMCConnectionError) return f('unreachable', EXIT.unreachable);
  if (err instanceof OpenBMCAuthError) return f('authentication', EXIT.authentication);
  if (err instanceof OpenBMCRestDisabledError) return f('rest api disabled', EXIT.unsupported);
  if (err instanceof PowerStateFailure) return f('power state not reached', EXIT.powerStateNotReached);
  if (err instanceof UnsupportedDriverExtension) return f('unsupported', EXIT.unsupported);
  if (err instanceof InvalidParameterValue) return f('invalid input', EXIT.badInput);
  return f('error', EXIT.other);
}
