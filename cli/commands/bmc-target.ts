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
  operationBoundMs,
  PowerStateFailure,
  parseDriverInfo,
  type Task,
  UnsupportedDriverExtension,
  verifyCaOf,
} from '../../driver/index.ts';
import { CliError, type CliIo, EXIT, UsageError } from '../io.ts';
import { BmcStateStore } from './bmc-state.ts';

export interface BmcFlags {
  address: string;
  username: string;
  password: string;
  insecure?: boolean;
  ca?: string;
  requestTimeout: number;
  /** Power changes only. */
  timeout?: number;
  dialect?: string;
  api?: string;
  systemId?: string;
  json?: boolean;
}

/** --username, --password, --ca (also from the environment) and --insecure (OPENBMC_INSECURE
 * where the command reads it through bmcFlags: `insecureEnv`). */
export function addCredentialOptions(
  cmd: Command,
  mandatory: boolean,
  forWhat = '',
  insecureEnv = false,
): Command {
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
    .addOption(
      new Option(
        '--insecure',
        `do not verify the BMC TLS certificate${insecureEnv ? ` (or ${INSECURE_ENV}=1)` : ''}`,
      ).conflicts('ca'),
    )
    .addOption(new Option('--ca <file>', 'CA bundle that signed the BMC certificate').env('OPENBMC_CA'));
}

/** Not commander's `.env()`: that sets a flag when the variable is merely defined, so
 * OPENBMC_INSECURE=0 would turn verification off. */
const INSECURE_ENV = 'OPENBMC_INSECURE';

/** The CLI's request timeout (the driver's own default, 60 s per request as Ironic's read timeout,
 * is a conductor's; at a terminal, 10 s is long for one BMC answer). */
export const DEFAULT_REQUEST_TIMEOUT_S = 10;

/** What a command does with the BMC, for the bound its --help states. */
export interface BmcCommandShape {
  /** A power change: adds --timeout, the wait for the BMC to report the new state. */
  powerChange?: boolean;
  /** Driver operations (one session each) the command makes at most; 1 by default. */
  operations?: number;
}

/** The options of every command that talks to one BMC. */
export function addBmcOptions(cmd: Command, o: BmcCommandShape = {}): Command {
  if (o.powerChange) {
    cmd.option(
      '--timeout <seconds>',
      'how long to wait for the BMC to report the change (default 60; soft-off and soft-reboot 600)',
      parseSeconds('--timeout'),
    );
  }
  return addCredentialOptions(
    cmd.addOption(
      new Option('--address <url>', 'BMC address (host, host:port or https:// URL)')
        .env('OPENBMC_ADDRESS')
        .makeOptionMandatory(),
    ),
    true,
    '',
    true,
  )
    .addOption(
      new Option('--request-timeout <seconds>', requestTimeoutHelp(o))
        .env('OPENBMC_REQUEST_TIMEOUT')
        .argParser(parseSeconds('--request-timeout'))
        .default(DEFAULT_REQUEST_TIMEOUT_S),
    )
    .addOption(
      new Option('--dialect <name>', 'skip detection').choices(['bmcweb', 'phosphor-rest', 'legacy']),
    )
    .addOption(
      new Option('--api <api>', 'Redfish or D-Bus REST (auto: Redfish where served)')
        .choices(['auto', 'redfish', 'rest'])
        .env('OPENBMC_API'),
    )
    .addOption(
      new Option(
        '--system-id <id>',
        'Redfish: the ComputerSystem to drive, where the BMC lists more than one (default: the only one)',
      ).env('OPENBMC_SYSTEM_ID'),
    )
    .option('--json', 'machine-readable output with Ironic field names');
}

function parseSeconds(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0)
      throw new InvalidArgumentError(`${flag} must be a positive number of seconds, got "${v.slice(0, 20)}"`);
    return n;
  };
}

/** The bound a command keeps with the default request timeout, from the driver's own budgets. */
function requestTimeoutHelp(o: BmcCommandShape): string {
  const info = parseDriverInfo({
    openbmc_address: 'bmc',
    openbmc_username: '-',
    openbmc_password: '-',
    openbmc_request_timeout: DEFAULT_REQUEST_TIMEOUT_S,
  });
  const s = (ms: number) => Math.ceil(ms / 1000);
  const total = o.powerChange
    ? `2 x --timeout + ${s(operationBoundMs(info, 0))} s (a reboot waits twice)`
    : `${s((o.operations ?? 1) * operationBoundMs(info))} s`;
  return `seconds one request to the BMC may take; reads and logins are retried ${info.retries} times, ${s(info.retryIntervalMs)} s apart. With the default, even if the BMC stops answering, the whole command ends within ${total}`;
}

/** The command's options with OPENBMC_INSECURE applied (1/true/yes, or 0/false/no/empty). */
export function bmcFlags<Extra extends object = object>(cmd: Command, io: CliIo): BmcFlags & Extra {
  const flags = cmd.optsWithGlobals<BmcFlags & Extra>();
  const raw = io.env[INSECURE_ENV];
  if (flags.insecure || raw === undefined) return flags;
  const v = raw.trim().toLowerCase();
  if (['0', 'false', 'no', ''].includes(v)) return flags;
  if (!['1', 'true', 'yes'].includes(v))
    throw new UsageError(
      `${INSECURE_ENV} must be 1, true or yes (or 0, false, no), got "${raw.slice(0, 20)}"`,
    );
  if (flags.ca !== undefined)
    throw new UsageError(`${INSECURE_ENV} cannot be used with --ca (or OPENBMC_CA): choose one`);
  return { ...flags, insecure: true };
}

function taskOf(flags: BmcFlags): Task {
  return {
    node: {
      driver_info: {
        openbmc_address: flags.address,
        openbmc_username: flags.username,
        openbmc_password: flags.password,
        openbmc_verify_ca: verifyCaOf(flags),
        openbmc_request_timeout: flags.requestTimeout,
        ...(flags.dialect ? { openbmc_dialect: flags.dialect } : {}),
        ...(flags.api ? { openbmc_api: flags.api } : {}),
        ...(flags.systemId !== undefined ? { openbmc_system_id: flags.systemId } : {}),
      },
    },
  };
}

/** What a command can ask about the per-BMC state file. */
export interface KeptState {
  /** True when what the driver must remember for this BMC can be kept between calls. */
  canKeep(): Promise<boolean>;
}

/**
 * Runs one driver action with a fresh driver; a driver error becomes the CliError of its kind.
 * The task carries what earlier calls recorded for this BMC (driver_internal_info, from its state
 * file), and what the driver changed there is written back, also after a failure: the BMC's
 * settings changed either way.
 */
export async function withDriver<T>(
  flags: BmcFlags,
  io: CliIo,
  fn: (d: OpenBMCDriver, task: Task, state: KeptState) => Promise<T>,
): Promise<T> {
  const task = taskOf(flags);
  let address: string;
  try {
    address = parseDriverInfo(task.node.driver_info).address;
  } catch (err) {
    throw cliErrorOf(err);
  }
  const store = new BmcStateStore(io.env);
  const kept = await store.load(address);
  const internal = structuredClone(kept);
  task.node.driver_internal_info = internal;
  const driver = createOpenBMCDriver();
  let failure: unknown;
  let result: T | undefined;
  try {
    result = await fn(driver, task, { canKeep: () => store.canKeep(address) });
  } catch (err) {
    failure = cliErrorOf(err);
  } finally {
    await driver.close();
  }
  const now = task.node.driver_internal_info ?? {};
  if (JSON.stringify(now) !== JSON.stringify(kept)) {
    try {
      await store.save(address, now);
    } catch (err) {
      failure ??= err;
    }
  }
  if (failure !== undefined) throw failure;
  return result as T;
}

export function cliErrorOf(err: unknown): unknown {
  if (!(err instanceof IronicException)) return err;
  const f = (kind: string, exitCode: number) => new CliError(kind, exitCode, err.message, err.code);
  if (err instanceof OpenBMCCertificateError) {
    return new CliError(
      'certificate',
      EXIT.unreachable,
      `${err.message}. With obmc: --ca FILE (or OPENBMC_CA) trusts the CA that signed it; --insecure skips verification`,
      err.code,
    );
  }
  if (err instanceof OpenBMCTimeoutError) return f('timeout', EXIT.unreachable);
  if (err instanceof OpenBMCConnectionError) return f('unreachable', EXIT.unreachable);
  if (err instanceof OpenBMCAuthError) return f('authentication', EXIT.authentication);
  if (err instanceof OpenBMCRestDisabledError) return f('rest api disabled', EXIT.unsupported);
  if (err instanceof PowerStateFailure) return f('power state not reached', EXIT.powerStateNotReached);
  if (err instanceof UnsupportedDriverExtension) return f('unsupported', EXIT.unsupported);
  if (err instanceof InvalidParameterValue) return f('invalid input', EXIT.badInput);
  return f('error', EXIT.other);
}
