// What a Redfish handler gets and gives: the request's context in, a reply as data out. The
// router renders replies (headers, ETag); handlers never touch express's response.

import type { Request } from 'express';
import type { JsonValue, RedfishSwitch } from '../../../protocol/index.ts';
import type { Bmc } from '../../model/bmc.ts';
import type { Session } from '../../model/sessions.ts';
import type { SimNode } from '../../node.ts';
import type { Profile } from '../../profiles/profile.ts';
import type { RedfishRules } from '../../profiles/redfish-eras.ts';
import { errorBody, messageStatus, type Problem, renderMessage } from './messages.ts';
import type { RenderedBody } from './rendered-body.ts';

export interface RedfishContext {
  req: Request;
  node: SimNode;
  bmc: Bmc;
  profile: Profile;
  rules: RedfishRules;
  switches: ReadonlySet<RedfishSwitch>;
  /** Undefined only on the allow-listed entry points. */
  session: Session | undefined;
  /** The path without query and trailing slash. */
  path: string;
  /** Values of the route's `{...}` segments. */
  params: Record<string, string>;
}

export interface RedfishReply {
  status: number;
  /** JSON body; a string is sent as is with `contentType`. */
  body?: JsonValue | string;
  contentType?: string;
  headers?: Record<string, string>;
  /** The JSON body already serialized with its ETag (a kept rendering, resource-cache.ts). */
  rendered?: RenderedBody;
}

export const ok = (body: JsonValue, headers: Record<string, string> = {}): RedfishReply => ({
  status: 200,
  body,
  headers,
});

export const noContent = (): RedfishReply => ({ status: 204 });

/** Problems in one answer: the status is the last emitting function's, as in bmcweb. */
export function fail(
  rules: RedfishRules,
  problems: readonly Problem[],
  headers: Record<string, string> = {},
  status?: number,
): RedfishReply {
  const last = problems[problems.length - 1];
  return {
    status: status ?? (last ? messageStatus(rules, last.key) : 500),
    body: errorBody(rules, problems),
    headers,
  };
}

/** `{"@Message.ExtendedInfo": [Base.Success]}` (messages::success on the root). */
export const successBody = (rules: RedfishRules): JsonValue => ({
  '@Message.ExtendedInfo': [renderMessage(rules, 'Success')],
});

/** An action that succeeded: 200 + Base.Success until 2024-04, 204 since (setDbusProperty), but
 * 200 + Base.Success again in setDbusProperty's 2024-07..08 window (RedfishRules.setSuccess). */
export const actionDone = (rules: RedfishRules): RedfishReply =>
  rules.actionSuccess === 204 && rules.setSuccess === 'no-content' ? noContent() : ok(successBody(rules));

/** `@odata.context` for 2019 resources. */
export function odataContext(rules: RedfishRules, type: string): Record<string, JsonValue> {
  return rules.odataContext ? { '@odata.context': `/redfish/v1/$metadata#${type}` } : {};
}

/** SessionService's own ids: with a trailing slash before the 2022 clean-up. */
export const sessionServiceId = (rules: RedfishRules, id: string): string =>
  rules.sessionServiceTrailingSlash ? `${id}/` : id;

/** A Reset action's ActionInfo (bmcweb's ResetActionInfo routes for the System, Chassis and
 * Manager): the ResetType values the action takes. */
export const resetActionInfo = (id: string, resetTypes: readonly string[]): RedfishReply =>
  ok({
    '@odata.id': id,
    '@odata.type': '#ActionInfo.v1_1_2.ActionInfo',
    Id: 'ResetActionInfo',
    Name: 'Reset Action Info',
    Parameters: [{ AllowableValues: [...resetTypes], DataType: 'String', Name: 'ResetType', Required: true }],
  });

/** A collection resource as bmcweb renders one: its members' ids, their count, a Name and, where
 * the handler sets one, a Description. */
export const collection = (
  rules: RedfishRules,
  c: { id: string; type: string; name: string; description?: string; members: readonly string[] },
): RedfishReply =>
  ok({
    '@odata.id': c.id,
    '@odata.type': `#${c.type}.${c.type}`,
    ...odataContext(rules, `${c.type}.${c.type}`),
    ...(c.description === undefined ? {} : { Description: c.description }),
    Members: c.members.map((m) => ({ '@odata.id': m })),
    'Members@odata.count': c.members.length,
    Name: c.name,
  });

/** The GET of a collection of one member: bmcweb serves one System, one Manager and one Chassis. */
export const oneMemberCollection =
  (id: string, type: string, name: string, member: string) =>
  ({ rules }: RedfishContext): RedfishReply =>
    collection(rules, { id, type, name, members: [member] });

/** A D-Bus property read as the string Redfish renders ('' when absent or not a string). */
export const asString = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');
