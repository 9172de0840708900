// Ironic's exception names and hierarchy (ironic-contract.md 2.4), each with a stable string
// `code` as undici does it, Ironic's HTTP code, and a context limited to where it happened.
// Messages are built from our own words plus BMC texts that went through `scrub`: no password,
// token or cookie ever reaches a message, a stack or JSON.

export interface ErrorContext {
  /** The BMC's origin, e.g. https://10.0.0.5 (never with credentials). */
  address?: string;
  node?: string;
  /** The driver operation, e.g. "set power state to power off". */
  operation?: string;
  /** The step inside it, e.g. "login", "request host transition", "wait for power off". */
  step?: string;
  httpStatus?: number;
  /** The API the driver spoke (redfish, or rest/<dialect>), once chosen: in every message. */
  api?: string;
  /** The Redfish ComputerSystem's Id, once known (openbmc_system_id, or the only one). */
  system?: string;
  /** The Redfish MessageId of the BMC's refusal (also in the message). */
  messageId?: string;
}

export interface ErrorOptions {
  context?: ErrorContext;
  cause?: unknown;
}

export class IronicException extends Error {
  readonly code: string = 'IRONIC';
  readonly httpCode: number = 500;
  readonly context: ErrorContext;

  constructor(message: string, options: ErrorOptions = {}) {
    super(withContext(message, options.context), { cause: options.cause });
    this.name = new.target.name;
    this.context = { ...options.context };
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      httpCode: this.httpCode,
      message: this.message,
      context: this.context,
    };
  }
}

export class Invalid extends IronicException {
  override readonly code: string = 'IRONIC_INVALID';
  override readonly httpCode: number = 400;
}
export class InvalidParameterValue extends Invalid {
  override readonly code: string = 'OBMC_INVALID_PARAMETER';
}
export class MissingParameterValue extends InvalidParameterValue {
  override readonly code: string = 'OBMC_MISSING_PARAMETER';
}
export class UnsupportedDriverExtension extends Invalid {
  override readonly code: string = 'OBMC_UNSUPPORTED';
}
export class Conflict extends IronicException {
  override readonly code: string = 'IRONIC_CONFLICT';
  override readonly httpCode: number = 409;
}
export class InvalidState extends Conflict {
  override readonly code: string = 'IRONIC_INVALID_STATE';
}
export class PowerStateFailure extends InvalidState {
  override readonly code: string = 'OBMC_POWER_STATE_FAILURE';
}
export class NotAuthorized extends IronicException {
  override readonly code: string = 'IRONIC_NOT_AUTHORIZED';
  override readonly httpCode: number = 403;
}
export class ExclusiveLockRequired extends NotAuthorized {
  override readonly code: string = 'OBMC_EXCLUSIVE_LOCK_REQUIRED';
}
export class DriverOperationError extends IronicException {
  override readonly code: string = 'IRONIC_DRIVER_OPERATION';
}
/** Any BMC-side failure (mirrors RedfishError). */
export class OpenBMCError extends DriverOperationError {
  override readonly code: string = 'OBMC_ERROR';
}
/** The BMC could not be reached, the TLS handshake failed, or a request timed out. */
export class OpenBMCConnectionError extends OpenBMCError {
  override readonly code: string = 'OBMC_CONNECTION';
}
/** A TLS certificate the driver was told not to trust. */
export class OpenBMCCertificateError extends OpenBMCConnectionError {
  override readonly code: string = 'OBMC_CERTIFICATE';
}
/** The operation's overall deadline passed before the BMC answered. */
export class OpenBMCTimeoutError extends OpenBMCConnectionError {
  override readonly code: string = 'OBMC_TIMEOUT';
}
/** The BMC refused the credentials (401) or the account's role (403). Never retried. */
export class OpenBMCAuthError extends OpenBMCError {
  override readonly code: string = 'OBMC_AUTH';
}
/** The BMC's D-Bus REST API is switched off (bmcweb's default since 2022): Redfish is the way in. */
export class OpenBMCRestDisabledError extends OpenBMCError {
  override readonly code: string = 'OBMC_REST_DISABLED';
}
/** The BMC answered something that is not what its firmware's protocol defines. */
export class OpenBMCProtocolError extends OpenBMCError {
  override readonly code: string = 'OBMC_PROTOCOL';
}
export class FailedToGetSensorData extends IronicException {
  override readonly code: string = 'OBMC_SENSOR_DATA';
}
export class FailedToParseSensorData extends IronicException {
  override readonly code: string = 'OBMC_SENSOR_PARSE';
}

function withContext(message: string, c: ErrorContext | undefined): string {
  if (!c) return message;
  const where: string[] = [];
  if (c.node) where.push(`node ${c.node}`);
  if (c.address) where.push(`BMC ${c.address}`);
  if (c.api) where.push(`API ${c.api}`);
  if (c.system) where.push(`system ${c.system}`);
  if (c.operation) where.push(`operation "${c.operation}"`);
  if (c.step) where.push(`step "${c.step}"`);
  if (c.httpStatus !== undefined) where.push(`HTTP ${c.httpStatus}`);
  return where.length ? `${message} (${where.join(', ')})` : message;
}

const SCRUBBED = '[redacted]';

/** The BMC answered 404: no such object, property or method (not a whole API switched off). */
export function isNotFound(err: unknown): boolean {
  return (
    err instanceof OpenBMCError &&
    !(err instanceof OpenBMCRestDisabledError) &&
    err.context.httpStatus === 404
  );
}

/** Replaces every known secret in a text the BMC or a library produced. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join(SCRUBBED);
  return out;
}

/** Adds the context of an outer step to a driver error, keeping its class; wraps anything else. */
export function inContext(err: unknown, context: ErrorContext, secrets: readonly string[]): IronicException {
  if (err instanceof IronicException) return err;
  const text = err instanceof Error ? err.message : String(err);
  return new OpenBMCError(`unexpected failure: ${scrub(text, secrets)}`, { context });
}
