// Reading a Redfish request body as bmcweb's json_utils does: the content type (2022+), the
// JSON, an object, the known keys with their types; every problem found is reported, and any
// problem means nothing is written (readJson returns false before the handler acts).

import type { JsonValue } from '../../../protocol/index.ts';
import type { RedfishRules } from '../../profiles/redfish-eras.ts';
import { contentType } from '../body.ts';
import type { RedfishContext } from './context.ts';
import type { Problem } from './messages.ts';

export type FieldType = 'string' | 'boolean' | 'integer' | 'uint8' | 'uint16' | 'uint32' | 'object';

/** The largest value of bmcweb's unsigned field types (json_utils checkRange). */
const UNSIGNED_MAX: Partial<Record<FieldType, number>> = { uint8: 255, uint16: 65535, uint32: 4294967295 };

/** JSON as nlohmann dumps it for a message argument (2022+ dump(-1)); earlier code passed the raw string. */
export function valueArg(rules: RedfishRules, value: JsonValue): string {
  if (rules.messages.texts === 'handwritten' && typeof value === 'string') return value;
  return JSON.stringify(value) ?? 'null';
}

const JSON_TYPES = new Set([
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=utf-8',
]);

/** The body as an object, or the problems bmcweb reports (PATCH: readJsonPatch; POST: readJsonAction). */
export function readBody(
  ctx: RedfishContext,
  kind: 'patch' | 'action',
): Record<string, JsonValue> | Problem[] {
  const { rules, req } = ctx;
  if (rules.jsonContentType && !JSON_TYPES.has(contentType(req).toLowerCase()))
    return [{ key: 'UnrecognizedRequestBody' }];
  const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  let value: JsonValue;
  try {
    value = JSON.parse(raw) as JsonValue;
  } catch {
    return [{ key: 'MalformedJSON' }];
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return [
      {
        key:
          kind === 'patch' && rules.messages.texts === 'registry' ? 'EmptyJSON' : 'UnrecognizedRequestBody',
      },
    ];
  if (rules.messages.texts === 'handwritten') return value;
  if (kind === 'patch') {
    if (Object.keys(value).length === 0) return [{ key: 'EmptyJSON' }];
    const kept = Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith('@odata.')));
    if (Object.keys(kept).length === 0) return [{ key: 'NoOperation' }];
    return kept;
  }
  return value;
}

const typeOk = (v: JsonValue, t: FieldType): boolean => {
  switch (t) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    // A negative number is no uint64 to nlohmann: a type error, not a range error.
    case 'uint8':
    case 'uint16':
    case 'uint32':
      return typeof v === 'number' && Number.isInteger(v) && v >= 0;
    case 'object':
      return v !== null && typeof v === 'object' && !Array.isArray(v);
  }
};

/**
 * The known fields of an object (readJson): unknown keys give PropertyUnknown, wrong types
 * PropertyValueTypeError, an unsigned value above its type's maximum PropertyValueNotInList
 * (json_utils outOfRange), a missing required key PropertyMissing (ActionParameterMissing for
 * actions is the caller's).
 */
export function readFields<const S extends Record<string, FieldType>>(
  rules: RedfishRules,
  body: Record<string, JsonValue>,
  spec: S,
  required: readonly (keyof S)[] = [],
): { values: Partial<Record<keyof S, JsonValue>>; problems: Problem[] } {
  const values: Partial<Record<keyof S, JsonValue>> = {};
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(body)) {
    const type = spec[key];
    if (type === undefined) {
      problems.push({ key: 'PropertyUnknown', args: [key], property: key });
      continue;
    }
    if (!typeOk(value, type)) {
      problems.push({ key: 'PropertyValueTypeError', args: [valueArg(rules, value), key], property: key });
      continue;
    }
    const max = UNSIGNED_MAX[type];
    if (max !== undefined && (value as number) > max) {
      problems.push({ key: 'PropertyValueNotInList', args: [valueArg(rules, value), key], property: key });
      continue;
    }
    values[key as keyof S] = value;
  }
  for (const key of required) {
    if (!(key in body)) problems.push({ key: 'PropertyMissing', args: [String(key)], property: String(key) });
  }
  return { values, problems };
}

/** The ResetType of a Reset action's body, as every Reset handler reads it (an object body, then
 * the one required string field): the value, or the problems to answer with. */
export function readResetType(ctx: RedfishContext): string | Problem[] {
  const body = readBody(ctx, 'action');
  if (Array.isArray(body)) return body;
  const { values, problems } = readFields(ctx.rules, body, { ResetType: 'string' }, ['ResetType']);
  if (problems.length > 0) return problems;
  return typeof values.ResetType === 'string' ? values.ResetType : '';
}
