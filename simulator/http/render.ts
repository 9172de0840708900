// Writes responses the way the firmware serializes them: keys sorted, 2-space indent, non-ASCII
// escaped (json.dumps(indent=2, sort_keys=True) / nlohmann dump(2) with ensure_ascii), exact
// `Content-Type: application/json`, and the profile's own headers. Never res.json(): express
// would add a charset and an ETag.

import type { Response } from 'express';
import type { JsonValue } from '../../protocol/index.ts';
import { WireDouble, type WireValue } from '../model/wire-value.ts';
import type { ErrorAnswer, ErrorSituation, Profile } from '../profiles/profile.ts';

// Whole doubles travel through JSON.stringify as a marker string, then become their own text.
const DOUBLE_MARK = '\u0001double:';

const prepare = (value: WireValue): JsonValue => {
  if (value instanceof WireDouble) return `${DOUBLE_MARK}${value.text()}`;
  if (Array.isArray(value)) return value.map(prepare);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const key of Object.keys(value).sort()) out[key] = prepare(value[key] as WireValue);
    return out;
  }
  return value;
};

/**
 * Sorted keys, 2-space indent, non-ASCII as \\uXXXX, whole doubles as `127.0`. Python 2's
 * json.dumps(indent=2) keeps its ', ' item separator, so its lines end in a space after the comma.
 */
export function serialize(value: WireValue, python2 = false): string {
  const text = JSON.stringify(prepare(value), null, 2);
  return (python2 ? text.replace(/,\n/g, ', \n') : text)
    .replace(/"\\u0001double:([^"]*)"/g, '$1')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** phosphor-rest before 2018-06 sent D-Bus booleans as 0/1. */
const intBooleans = (value: WireValue): WireValue => {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof WireDouble) return value;
  if (Array.isArray(value)) return value.map(intBooleans);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, intBooleans(v)]));
  }
  return value;
};

function base(res: Response, profile: Profile, status: number, headers: Record<string, string> = {}): void {
  res.status(status);
  res.sendDate = profile.sendDate;
  for (const [k, v] of Object.entries(profile.responseHeaders)) res.setHeader(k, v);
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
}

export function sendJson(
  res: Response,
  profile: Profile,
  status: number,
  body: WireValue,
  headers: Record<string, string> = {},
): void {
  base(res, profile, status, headers);
  const text = serialize(body, profile.python === 2);
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

export function sendEmpty(
  res: Response,
  profile: Profile,
  status: number,
  headers: Record<string, string> = {},
): void {
  base(res, profile, status, headers);
  res.setHeader('Content-Length', 0);
  res.end();
}

/** The success envelope: `{"data": ..., "message": "200 OK", "status": "ok"}`. */
export function sendOk(
  res: Response,
  profile: Profile,
  data: WireValue,
  headers: Record<string, string> = {},
): void {
  const payload = profile.booleans === 'int' ? intBooleans(data) : data;
  sendJson(res, profile, 200, { data: payload, message: '200 OK', status: 'ok' }, headers);
}

export type TemplateVars = Partial<
  Record<
    | 'path'
    | 'property'
    | 'method'
    | 'value'
    | 'name'
    | 'dbusMessage'
    | 'contentType'
    | 'body'
    | 'signature'
    | 'reason'
    | 'recursion'
    | 'statusLine'
    | 'text'
    | 'pyRepr'
    | 'pyLast'
    | 'dbusRepr'
    | 'pyMessage',
    string
  >
>;

const fill = (template: string, vars: TemplateVars) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key as keyof TemplateVars] ?? whole);

export function renderErrorBody(answer: ErrorAnswer, vars: TemplateVars): JsonValue | undefined {
  if (answer.body === 'empty') return undefined;
  const data: Record<string, JsonValue> = { description: fill(answer.body.description, vars) };
  if (answer.body.exception !== undefined) data.exception = fill(answer.body.exception, vars);
  if (answer.body.traceback !== undefined) data.traceback = answer.body.traceback.map((l) => fill(l, vars));
  return { data, message: fill(answer.body.message, vars), status: 'error' };
}

/** Answers a mistake the way this profile's firmware did (openbmc-rest.md 2.5). */
export function sendError(
  res: Response,
  profile: Profile,
  situation: ErrorSituation,
  vars: TemplateVars = {},
  headers: Record<string, string> = {},
  status?: number,
): void {
  const known = profile.errors[situation];
  if (!known) throw new Error(`profile ${profile.name} has no answer for ${situation}`);
  const answer = status === undefined ? known : { ...known, status };
  const body = renderErrorBody(answer, vars);
  const all = { ...answer.headers, ...headers };
  if (body === undefined) sendEmpty(res, profile, answer.status, all);
  else sendJson(res, profile, answer.status, body, all);
}
