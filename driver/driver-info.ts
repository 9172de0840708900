// driver_info parsing and validation (ironic-contract.md 3.1, "Validation"): no network I/O,
// every missing key named at once, every bad value named with the fix.

import { existsSync } from 'node:fs';
import { InvalidParameterValue, MissingParameterValue } from './errors.ts';

export const DIALECT_CHOICES = ['auto', 'bmcweb', 'phosphor-rest', 'legacy'] as const;
export type DialectChoice = (typeof DIALECT_CHOICES)[number];
/** Which API the driver speaks: Redfish where served (auto), or forced either way. */
export const API_CHOICES = ['auto', 'redfish', 'rest'] as const;
export type ApiChoice = (typeof API_CHOICES)[number];
/** How Redfish requests authenticate: a session per operation, or HTTP Basic only when asked. */
export const AUTH_TYPE_CHOICES = ['session', 'basic'] as const;
export type AuthTypeChoice = (typeof AUTH_TYPE_CHOICES)[number];

export interface DriverInfo {
  /** scheme://host[:port], IPv6 bracketed; never carries credentials. */
  address: string;
  username: string;
  password: string;
  /** true: verify against the system CAs; false: do not verify; string: a CA bundle file. */
  verifyCa: boolean | string;
  dialect: DialectChoice;
  api: ApiChoice;
  authType: AuthTypeChoice;
  sessionReuse: boolean;
  /** The Redfish ComputerSystem's Id, or null: the only member of Systems (sushy's default). */
  systemId: string | null;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  powerTimeoutMs: number;
  softPowerTimeoutMs: number;
  pollIntervalMs: number;
  pollMaxIntervalMs: number;
  rebootSettleMs: number;
  retries: number;
  retryIntervalMs: number;
  minCommandIntervalMs: number;
}

interface Property {
  description: string;
  required: boolean;
}

const REQUIRED = ['openbmc_address', 'openbmc_username', 'openbmc_password'] as const;

/** What `getProperties()` returns, as Ironic's drivers document their driver_info keys. */
export const DRIVER_INFO_PROPERTIES: Record<string, Property> = {
  openbmc_address: {
    description:
      'The BMC: a host, host:port, IPv6 literal or URL. https:// unless a scheme is given. Required.',
    required: true,
  },
  openbmc_username: { description: 'BMC user name. Required.', required: true },
  openbmc_password: { description: 'BMC password. Required.', required: true },
  openbmc_verify_ca: {
    description:
      'true (default: verify with the system CAs), false (do not verify), or the path of a CA bundle.',
    required: false,
  },
  openbmc_dialect: {
    description: `Firmware dialect: ${DIALECT_CHOICES.join(', ')}. Default auto (detected once per address).`,
    required: false,
  },
  openbmc_api: {
    description: `API: ${API_CHOICES.join(', ')}. Default auto: Redfish where the BMC serves it (one unauthenticated GET of the service root, once per address), else D-Bus REST.`,
    required: false,
  },
  openbmc_auth_type: {
    description: `Redfish authentication: ${AUTH_TYPE_CHOICES.join(', ')}. Default session (one session per operation, deleted afterwards); basic sends the credentials with every request and is never a silent fallback.`,
    required: false,
  },
  openbmc_session_reuse: {
    description:
      'Keep one BMC session (D-Bus REST or Redfish) per address and account across operations, until the driver is closed; a session the BMC has ended (401) is replaced by one new login. Default false: one session per operation, ended with it. Not with openbmc_auth_type basic (no session to keep).',
    required: false,
  },
  openbmc_system_id: {
    description:
      "Redfish only: the Id of the ComputerSystem to drive (e.g. system), or its path (/redfish/v1/Systems/system, as Ironic's redfish_system_id). Needed only where the BMC lists more than one; by default the only member of Systems.",
    required: false,
  },
  openbmc_connect_timeout: { description: 'TCP+TLS connect timeout, seconds. Default 30.', required: false },
  openbmc_request_timeout: {
    description: 'Per-request response timeout, seconds. Default 60.',
    required: false,
  },
  openbmc_power_timeout: {
    description: 'Seconds to wait for the BMC to report a hard power change. Default 60.',
    required: false,
  },
  openbmc_soft_power_timeout: {
    description: 'Seconds to wait for soft power off and soft reboot. Default 600.',
    required: false,
  },
  openbmc_poll_interval: {
    description: 'First state poll after a power request, seconds; grows 1.5x per poll. Default 1.',
    required: false,
  },
  openbmc_poll_max_interval: {
    description: 'Longest gap between state polls, seconds. Default 10.',
    required: false,
  },
  openbmc_reboot_settle_time: {
    description:
      'After a firmware-side reboot request, seconds to wait for the host to leave "on" before waiting for "on" again. Default 15.',
    required: false,
  },
  openbmc_retries: {
    description: 'Retries of reads and logins after connection errors or 503. Default 4.',
    required: false,
  },
  openbmc_retry_interval: { description: 'Seconds between those retries. Default 2.', required: false },
  openbmc_min_command_interval: {
    description: 'Minimum seconds between two requests to the same BMC. Default 0.05.',
    required: false,
  },
};

/** openbmc_verify_ca from the usual command-line pair: --insecure (false), --ca FILE, or verify (true). */
export function verifyCaOf(o: { insecure?: boolean; ca?: string }): boolean | string {
  return o.insecure ? false : (o.ca ?? true);
}

export function parseDriverInfo(input: Record<string, unknown>): DriverInfo {
  const missing = REQUIRED.filter((k) => input[k] === undefined || input[k] === null || input[k] === '');
  if (missing.length > 0) {
    throw new MissingParameterValue(
      `Missing the following OpenBMC properties in node's driver_info: ${missing.join(', ')}`,
    );
  }
  const dialect = parseDialect(input.openbmc_dialect);
  const authType = choice(input, 'openbmc_auth_type', AUTH_TYPE_CHOICES, 'session');
  const sessionReuse = parseBool(input, 'openbmc_session_reuse', false);
  if (sessionReuse && authType === 'basic') {
    throw new InvalidParameterValue(
      'Invalid openbmc_session_reuse true with openbmc_auth_type "basic": Basic auth opens no session to keep; drop one of them',
    );
  }
  const api = parseApi(input.openbmc_api, dialect);
  const systemId = parseSystemId(input.openbmc_system_id);
  if (systemId !== null && api === 'rest') {
    throw new InvalidParameterValue(
      `Invalid openbmc_system_id "${systemId}" with openbmc_api "rest"${dialect === 'auto' ? '' : ` (openbmc_dialect "${dialect}")`}: it names a Redfish ComputerSystem, and D-Bus REST drives its one host0; drop one of them`,
    );
  }
  return {
    address: parseAddress(input.openbmc_address),
    username: requireString(input, 'openbmc_username'),
    password: requireString(input, 'openbmc_password'),
    verifyCa: parseVerifyCa(input.openbmc_verify_ca),
    dialect,
    api,
    authType,
    sessionReuse,
    systemId,
    connectTimeoutMs: seconds(input, 'openbmc_connect_timeout', 30, 0.001),
    requestTimeoutMs: seconds(input, 'openbmc_request_timeout', 60, 0.001),
    powerTimeoutMs: seconds(input, 'openbmc_power_timeout', 60, 0.001),
    softPowerTimeoutMs: seconds(input, 'openbmc_soft_power_timeout', 600, 0.001),
    pollIntervalMs: seconds(input, 'openbmc_poll_interval', 1, 0),
    pollMaxIntervalMs: seconds(input, 'openbmc_poll_max_interval', 10, 0),
    rebootSettleMs: seconds(input, 'openbmc_reboot_settle_time', 15, 0),
    retries: integer(input, 'openbmc_retries', 4),
    retryIntervalMs: seconds(input, 'openbmc_retry_interval', 2, 0),
    minCommandIntervalMs: seconds(input, 'openbmc_min_command_interval', 0.05, 0),
  };
}

/** Default scheme https, port kept, IPv6 bracketed; only scheme://authority is kept. */
export function parseAddress(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidParameterValue(
      `Invalid openbmc_address ${describe(value)}: expected a host, host:port, IPv6 literal or https:// URL`,
    );
  }
  const raw = value.trim();
  let text = raw;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    // A bare IPv6 literal has two or more colons and no brackets.
    const bareV6 = (raw.match(/:/g)?.length ?? 0) >= 2 && !raw.startsWith('[');
    text = `https://${bareV6 ? `[${raw}]` : raw}`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidParameterValue(
      `Invalid openbmc_address "${safeEcho(raw)}": not a valid host or URL (example: https://10.0.0.5 or bmc1.example.com:443)`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidParameterValue(`Invalid openbmc_address: scheme ${url.protocol} is not http or https`);
  }
  if (url.username || url.password) {
    throw new InvalidParameterValue(
      'Invalid openbmc_address: it must not carry credentials; put them in openbmc_username and openbmc_password',
    );
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new InvalidParameterValue(
      `Invalid openbmc_address "${url.origin}${url.pathname}": the OpenBMC REST API lives at the root; give only scheme://host[:port]`,
    );
  }
  return url.origin;
}

function requireString(input: Record<string, unknown>, key: string): string {
  const v = input[key];
  if (typeof v !== 'string')
    throw new InvalidParameterValue(`Invalid ${key}: expected a string, got ${typeof v}`);
  return v;
}

function parseVerifyCa(v: unknown): boolean | string {
  if (v === undefined || v === null) return true;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const lower = v.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(lower)) return true;
    if (['false', '0', 'no', 'off'].includes(lower)) return false;
    if (existsSync(v)) return v;
    throw new InvalidParameterValue(
      `Invalid openbmc_verify_ca "${safeEcho(v)}": neither a boolean nor an existing CA bundle file`,
    );
  }
  throw new InvalidParameterValue(
    `Invalid openbmc_verify_ca: expected true, false or a CA bundle path, got ${typeof v}`,
  );
}

function parseDialect(v: unknown): DialectChoice {
  if (v === undefined || v === null || v === '') return 'auto';
  const found = DIALECT_CHOICES.find((d) => d === v);
  if (!found) {
    throw new InvalidParameterValue(
      `Invalid openbmc_dialect ${describe(v)}: expected one of ${DIALECT_CHOICES.join(', ')}`,
    );
  }
  return found;
}

/** A Redfish resource Id: RFC 3986 unreserved characters, so it is one URI segment as it stands. */
const RESOURCE_ID = /^[A-Za-z0-9._~-]{1,255}$/;
/** Ironic's redfish_system_id form: the System's path under the standard collection. */
const SYSTEM_PATH = /^\/redfish\/v1\/Systems\/([^/]+)\/?$/;

/**
 * openbmc_system_id: the Id (system), or Ironic's path form (/redfish/v1/Systems/system), kept as
 * the Id. Ironic's redfish_system_id is a path that sushy GETs as given (ironic
 * drivers/modules/redfish/utils.py parse_driver_info, sushy main.py get_system); ours takes the
 * Id, because the driver finds the Systems collection from the service root, and accepts the
 * path so a value copied from an Ironic node works. Only unreserved characters: an Id that needs
 * percent-encoding, or a path elsewhere, is refused here rather than at the BMC.
 */
function parseSystemId(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') {
    throw new InvalidParameterValue(
      `Invalid openbmc_system_id ${describe(v)}: expected the Id of a Redfish ComputerSystem, e.g. "system"`,
    );
  }
  const id = SYSTEM_PATH.exec(v)?.[1] ?? v;
  if (!RESOURCE_ID.test(id) || id === '.' || id === '..') {
    throw new InvalidParameterValue(
      `Invalid openbmc_system_id ${describe(v)}: expected the Id of a Redfish ComputerSystem (letters, digits, - . _ ~), e.g. "system", or its path /redfish/v1/Systems/<Id>`,
    );
  }
  return id;
}

/** A pinned D-Bus REST dialect means REST; asking for Redfish and a REST dialect at once is a contradiction. */
function parseApi(v: unknown, dialect: DialectChoice): ApiChoice {
  const api = choice({ openbmc_api: v }, 'openbmc_api', API_CHOICES, 'auto');
  if (dialect === 'auto') return api;
  if (api === 'redfish') {
    throw new InvalidParameterValue(
      `Invalid openbmc_api "redfish" with openbmc_dialect "${dialect}": the dialect names a D-Bus REST server; drop one of them`,
    );
  }
  return 'rest';
}

function choice<T extends string>(
  input: Record<string, unknown>,
  key: string,
  choices: readonly T[],
  dflt: T,
): T {
  const v = input[key];
  if (v === undefined || v === null || v === '') return dflt;
  const found = choices.find((c) => c === v);
  if (!found)
    throw new InvalidParameterValue(`Invalid ${key} ${describe(v)}: expected one of ${choices.join(', ')}`);
  return found;
}

function parseBool(input: Record<string, unknown>, key: string, dflt: boolean): boolean {
  const v = input[key];
  if (v === undefined || v === null) return dflt;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && ['true', 'false'].includes(v.toLowerCase())) return v.toLowerCase() === 'true';
  throw new InvalidParameterValue(`Invalid ${key} ${describe(v)}: expected true or false`);
}

function numberOf(input: Record<string, unknown>, key: string): number | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  if (!Number.isFinite(n))
    throw new InvalidParameterValue(`Invalid ${key} ${describe(v)}: expected a number`);
  return n;
}

function seconds(input: Record<string, unknown>, key: string, dflt: number, min: number): number {
  const n = numberOf(input, key) ?? dflt;
  if (n < min) throw new InvalidParameterValue(`Invalid ${key} ${n}: must be at least ${min} seconds`);
  return Math.round(n * 1000);
}

function integer(input: Record<string, unknown>, key: string, dflt: number): number {
  const n = numberOf(input, key) ?? dflt;
  if (!Number.isInteger(n) || n < 0 || n > 20) {
    throw new InvalidParameterValue(`Invalid ${key} ${n}: expected a whole number from 0 to 20`);
  }
  return n;
}

function describe(v: unknown): string {
  return typeof v === 'string' ? `"${safeEcho(v)}"` : `(${typeof v})`;
}

/** Echo user input only in a bounded, printable form. */
function safeEcho(v: string): string {
  const printable = v.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 80 ? `${printable.slice(0, 77)}...` : printable;
}
