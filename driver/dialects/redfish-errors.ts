// Redfish error answers into the driver's typed errors (redfish.md 2.3). bmcweb answers
// {"error":{"code","message","@Message.ExtendedInfo":[...]}}, but property-level errors until
// 2026-04 came as {"<Prop>@Message.ExtendedInfo":[...]} with no `error` object (sushy then shows
// only "unknown error"); both are read here, so the MessageId always reaches the message.

import { type ErrorContext, OpenBMCAuthError, OpenBMCError, scrub } from '../errors.ts';
import type { HttpAnswer, RequestSpec } from './rest-client.ts';

export interface RedfishMessage {
  /** As sent: Base.1.4.0.X, Base.1.18.1.X or Base.1.19.X. */
  messageId: string;
  message: string;
}

/** The registry-independent name of a MessageId: its last dotted part (PropertyValueNotInList). */
export function messageKey(messageId: string): string {
  return messageId.slice(messageId.lastIndexOf('.') + 1);
}

/** Every message of an error (or success) body: the `error` object's, then property annotations'. */
export function redfishMessages(body: string): RedfishMessage[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return [];
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return [];
  const o = json as Record<string, unknown>;
  const out: RedfishMessage[] = [];
  const collect = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const m of list) {
      if (typeof m !== 'object' || m === null) continue;
      const { MessageId, Message } = m as Record<string, unknown>;
      if (typeof MessageId === 'string')
        out.push({ messageId: MessageId, message: typeof Message === 'string' ? Message : '' });
    }
  };
  const error = o.error;
  if (typeof error === 'object' && error !== null) {
    const e = error as Record<string, unknown>;
    collect(e['@Message.ExtendedInfo']);
    if (out.length === 0 && typeof e.code === 'string')
      out.push({ messageId: e.code, message: typeof e.message === 'string' ? e.message : '' });
  }
  for (const [k, v] of Object.entries(o)) if (k.endsWith('@Message.ExtendedInfo')) collect(v);
  return out;
}

/** MessageIds that mean the account or session is not good enough (Base registry). */
const AUTH_KEYS = new Set([
  'ResourceAtUriUnauthorized',
  'InsufficientPrivilege',
  'AccessDenied',
  'NoValidSession',
  'SessionTerminated',
]);

/** The driver error for a Redfish answer that is not a success: the MessageId (and the BMC's own
 * words, bounded and scrubbed) in the message, the class by status and MessageId. */
export function redfishAnswerError(
  a: HttpAnswer,
  spec: RequestSpec,
  context: ErrorContext,
  secrets: readonly string[],
): OpenBMCError {
  const first = redfishMessages(a.body)[0];
  const said = first
    ? `: ${first.messageId}${first.message ? `: ${scrub(first.message.slice(0, 300), secrets)}` : ''}`
    : '';
  const what = `${spec.method} ${spec.path}`;
  const ctx: ErrorContext = {
    ...context,
    httpStatus: a.status,
    ...(first ? { messageId: first.messageId } : {}),
  };
  if (a.status === 401 || (first && AUTH_KEYS.has(messageKey(first.messageId)))) {
    return new OpenBMCAuthError(
      a.status === 401
        ? `the BMC did not accept the credentials or session for ${what}${said}`
        : `the account may not do ${what} (needs the Operator or Administrator role)${said}`,
      { context: ctx },
    );
  }
  if (a.status === 403) {
    return new OpenBMCAuthError(`the account may not do ${what}${said}`, { context: ctx });
  }
  if (a.status === 503)
    return new OpenBMCError(`the BMC is busy or not ready for ${what}${said}`, { context: ctx });
  return new OpenBMCError(`the BMC refused ${what}${said}`, { context: ctx });
}

/** The MessageId key of a driver error raised from a Redfish answer, if any. */
export function messageKeyOf(err: unknown): string | undefined {
  if (!(err instanceof OpenBMCError) || !err.context.messageId) return undefined;
  return messageKey(err.context.messageId);
}
