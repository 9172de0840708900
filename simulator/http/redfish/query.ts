// What bmcweb does with a GET's parsed query parameters once the handler has answered
// (redfish-core/include/utils/query_param.hpp processAllParams, 9dae4dee and HEAD 7debb892), in
// its order: a failed answer is left alone; `only` answers the single member instead (else the
// collection); `$skip` then `$top` cut Members; `$expand` fetches the navigation links (and then
// neither `$filter` nor `$select` runs); `$filter` keeps the matching Members; `$select` last.
// Errors are added to the body the handler wrote (addMessageToErrorJson), so a query error on a
// resource answers the resource plus `error`. Bodies are copied, never changed in place.

import type { JsonValue } from '../../../protocol/index.ts';
import type { RedfishRules } from '../../profiles/redfish-eras.ts';
import type { RedfishReply } from './context.ts';
import { filterMembers } from './filter-expr.ts';
import { addMessageToErrorJson, type MessageKey, messageStatus, renderMessage } from './messages.ts';
import type { ExpandType, Query, SelectNode } from './query-params.ts';

/** GET of a URI (its own query string included) through this face's routes; undefined where it has none. */
export type SubGet = (uri: string) => RedfishReply | undefined;

export interface SubRequests {
  /** processOnly's request for the one member (no session is copied onto it in any era). */
  member: SubGet;
  /** MultiAsyncResp's requests for expanded links (with the session since 19fab29555). */
  expand: SubGet;
}

type JsonObject = { [key: string]: JsonValue };

const isObject = (v: JsonValue | undefined): v is JsonObject =>
  v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);

/** The reply with another body: a kept rendering of the old one (resource-cache.ts) must not go along. */
function withBody(reply: RedfishReply, body: JsonValue, status = reply.status): RedfishReply {
  const { rendered: _stale, ...rest } = reply;
  return { ...rest, status, body };
}

/** A reply with one more message in its `error`, the status the message's function sets. */
function withError(rules: RedfishRules, reply: RedfishReply, key: MessageKey): RedfishReply {
  const body = typeof reply.body === 'string' ? undefined : reply.body;
  return withBody(
    reply,
    addMessageToErrorJson(rules, body, renderMessage(rules, key)),
    messageStatus(rules, key),
  );
}

export function processAllParams(
  rules: RedfishRules,
  query: Query,
  delegated: Query,
  reply: RedfishReply,
  subs: SubRequests,
): RedfishReply {
  if (reply.status < 200 || reply.status >= 400) return reply;
  if (query.isOnly) return processOnly(rules, reply, subs.member);
  let current = reply;
  if (query.top !== undefined || query.skip !== undefined) {
    current = processTopAndSkip(rules, query, current);
  }
  if (query.expandType !== 'None') return expand(rules, query, delegated, current, subs.expand);
  if (
    query.filter &&
    isObject(current.body as JsonValue) &&
    Array.isArray((current.body as JsonObject).Members)
  ) {
    const body = current.body as JsonObject;
    current = withBody(current, {
      ...body,
      Members: filterMembers(body.Members as JsonValue[], query.filter),
    });
  }
  if (query.select.children.size > 0 && typeof current.body === 'object' && current.body !== null)
    current = withBody(current, select(current.body, query.select));
  return current;
}

/** processOnly: a collection of exactly one member answers that member. */
function processOnly(rules: RedfishRules, reply: RedfishReply, member: SubGet): RedfishReply {
  const body = reply.body as JsonValue;
  const members = isObject(body) ? body.Members : undefined;
  if (!Array.isArray(members)) return withError(rules, reply, 'QueryNotSupportedOnResource');
  if (members.length !== 1) return reply;
  const first = members[0];
  const uri = isObject(first) ? first['@odata.id'] : undefined;
  if (typeof uri !== 'string') return withError(rules, reply, 'InternalError');
  return member(uri) ?? withError(rules, reply, 'InternalError');
}

/** processTopAndSkip: `$skip` first, then `$top`, on Members only; Members@odata.count stays. */
function processTopAndSkip(rules: RedfishRules, query: Query, reply: RedfishReply): RedfishReply {
  const body = reply.body as JsonValue;
  if (!isObject(body)) return withError(rules, reply, 'InternalError');
  // Redfish spec 7.3.1: a collection-only parameter on a singular resource.
  if (!('Members' in body)) return withError(rules, reply, 'QueryNotSupportedOnResource');
  const members = body.Members;
  if (!Array.isArray(members)) return withError(rules, reply, 'InternalError');
  const skipped = members.slice(Math.min(members.length, query.skip ?? 0));
  const kept = query.top === undefined ? skipped : skipped.slice(0, query.top);
  return withBody(reply, { ...body, Members: kept });
}

/** recursiveSelect: keep selected properties and, at every level, the @odata ones and `error`. */
const RESERVED = new Set(['@odata.id', '@odata.type', '@odata.context', '@odata.etag', 'error']);

export function select(value: JsonValue, node: SelectNode): JsonValue {
  if (Array.isArray(value)) return value.map((v) => select(v, node));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    const next = node.children.get(key);
    if (RESERVED.has(key) || next?.selected) out[key] = v;
    else if (next) out[key] = select(v, next);
  }
  return out;
}

// ---- $expand ----

interface ExpandNode {
  /** Where the link sits (json pointer as keys and indexes). */
  location: (string | number)[];
  uri: string;
}

/**
 * findNavigationReferences: links (objects whose only key is `@odata.id`) to expand, walking
 * `Links` only for `~`, everything but `Links` for `.`, both for `*`; a nested resource (an
 * `@odata.id` beside other keys) costs a level; `skipDepth` levels were expanded by the handler.
 */
export function findNavigationReferences(
  type: ExpandType,
  depth: number,
  skipDepth: number,
  body: JsonValue,
): ExpandNode[] {
  const out: ExpandNode[] = [];
  const walk = (
    value: JsonValue,
    location: (string | number)[],
    depth: number,
    skipDepth: number,
    inLinks: boolean,
  ): void => {
    if (type === 'None') return;
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, [...location, i], depth, skipDepth, inLinks);
      return;
    }
    if (!isObject(value)) return;
    const keys = Object.keys(value);
    const id = value['@odata.id'];
    if (keys.length === 1 && keys[0] === '@odata.id' && typeof id === 'string') {
      if (skipDepth === 0) out.push({ location, uri: id });
      return;
    }
    let newDepth = depth;
    let skip = skipDepth;
    if ('@odata.id' in value) {
      if (keys.length > 1) {
        if (depth === 0) return;
        if (skip > 0) skip--;
      }
      if (skip === 0) newDepth--;
    }
    for (const [key, v] of Object.entries(value)) {
      const links = inLinks || key === 'Links';
      if (links && type === 'NotLinks') continue;
      if (!links && type === 'Links') continue;
      walk(v, [...location, key], newDepth, skip, links);
    }
  };
  // skipDepth + 1: the root is never replaced.
  walk(body, [], depth, skipDepth + 1, false);
  return out;
}

/** formatQueryForExpand: deeper levels are the sub-request's own `$expand`. */
function subQuery(query: Query): string {
  if (query.expandLevel <= 1) return '';
  const c = { Links: '~', NotLinks: '.', Both: '*', None: '' }[query.expandType];
  return c ? `?$expand=${c}($levels=${query.expandLevel - 1})` : '';
}

/** propogateErrorCode: the worse of two statuses in bmcweb's order. */
export function propagateErrorCode(finalCode: number, subCode: number): number {
  const ordered = [500, 507, 503, 502, 501, 401, 412, 409, 406, 405, 404, 403, 400];
  const f = ordered.indexOf(finalCode);
  const s = ordered.indexOf(subCode);
  if (f >= 0 && s >= 0) return f <= s ? finalCode : subCode;
  if (subCode === 500 || finalCode === 500) return 500;
  if (subCode > 500 || finalCode > 500) return Math.max(finalCode, subCode);
  if (subCode === 401) return subCode;
  return Math.max(finalCode, subCode);
}

function setAt(root: JsonValue, location: (string | number)[], value: JsonValue): void {
  let node = root as JsonValue;
  for (const step of location.slice(0, -1))
    node = (node as Record<string | number, JsonValue>)[step] as JsonValue;
  const last = location[location.length - 1];
  if (last !== undefined) (node as Record<string | number, JsonValue>)[last] = value;
}

/**
 * MultiAsyncResp: each link is fetched (with the remaining levels as its own `$expand`) and put
 * in place; a failed fetch moves its messages into the answer's `error` and raises the status
 * (placeResult, propogateError). A link this face does not serve stays a link: bmcweb serves
 * every link it writes, so there it would be expanded.
 */
function expand(
  rules: RedfishRules,
  query: Query,
  delegated: Query,
  reply: RedfishReply,
  get: SubGet,
): RedfishReply {
  if (typeof reply.body !== 'object' || reply.body === null) return reply;
  let body = structuredClone(reply.body) as JsonValue;
  let status = reply.status;
  const suffix = subQuery(query);
  for (const node of findNavigationReferences(
    query.expandType,
    query.expandLevel,
    delegated.expandLevel,
    body,
  )) {
    const sub = get(node.uri + suffix);
    if (!sub) continue;
    let subBody: JsonValue | undefined = typeof sub.body === 'string' ? undefined : sub.body;
    if (sub.status < 200 || sub.status >= 400) {
      const moved = moveErrors(rules, body, subBody);
      body = moved.target;
      subBody = moved.source;
      status = propagateErrorCode(status, sub.status);
    }
    if (isObject(subBody) && Object.keys(subBody).length > 0) setAt(body, node.location, subBody);
  }
  return withBody(reply, body, status);
}

/** moveErrorsToErrorJson: the sub-answer's `error` messages (or the sub-answer itself) go to the target. */
function moveErrors(
  rules: RedfishRules,
  target: JsonValue,
  source: JsonValue | undefined,
): { target: JsonValue; source: JsonValue | undefined } {
  if (!isObject(source)) return { target, source };
  const { error, ...rest } = source;
  if (error === undefined) return { target: addMessageToErrorJson(rules, target, source), source: {} };
  if (!isObject(error) || !('@Message.ExtendedInfo' in error)) return { target, source };
  const info = error['@Message.ExtendedInfo'];
  let out = target;
  if (Array.isArray(info)) for (const m of info) out = addMessageToErrorJson(rules, out, m);
  return { target: out, source: rest };
}

/**
 * The Sensors collection's "efficient expand" (sensors.hpp handleSensorCollectionGet): with any
 * `$expand` it writes each sensor in Members itself, whatever the expand type.
 */
export function expandMembersInline(reply: RedfishReply, get: SubGet): RedfishReply {
  const body = reply.body as JsonValue;
  if (reply.status !== 200 || !isObject(body) || !Array.isArray(body.Members)) return reply;
  const members = body.Members.map((m) => {
    const uri = isObject(m) ? m['@odata.id'] : undefined;
    const got = typeof uri === 'string' ? get(uri) : undefined;
    return got?.status === 200 && isObject(got.body as JsonValue) ? (got.body as JsonValue) : m;
  });
  return withBody(reply, { ...body, Members: members });
}
