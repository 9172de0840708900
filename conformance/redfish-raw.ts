// Plain Redfish over the kit's raw client, for the Redfish protocol and use-case checks: the
// service root, a session of the check's own (created, used, deleted), the System, and a poll
// of its PowerState, seen without the driver in between (redfish.md 2.1, 3).

import assert from 'node:assert/strict';
import { odataId, REDFISH_ROOT } from '../driver/dialects/detect.ts';
import { parseDriverInfo } from '../driver/index.ts';
import type { CheckContext } from './check.ts';
import type { RawAnswer, RawBmc } from './raw-bmc.ts';

export interface RawRedfishSession {
  token: string;
  /** The session's URI (Location, else the body's @odata.id). */
  uri: string;
  headers: Record<string, string>;
  login: RawAnswer;
}

export const ODATA_HEADERS = { 'odata-version': '4.0' } as const;

export function header(a: RawAnswer, name: string): string | undefined {
  const v = a.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function objectOf(a: RawAnswer, what: string): Record<string, unknown> {
  assert.ok(
    a.json !== null && typeof a.json === 'object' && !Array.isArray(a.json),
    `${what}: expected a JSON object, got HTTP ${a.status} ${a.text.slice(0, 80)}`,
  );
  return a.json as Record<string, unknown>;
}

export async function serviceRoot(ctx: Pick<CheckContext, 'raw'>): Promise<Record<string, unknown>> {
  const a = await ctx.raw.request('GET', REDFISH_ROOT, { headers: { ...ODATA_HEADERS } });
  assert.equal(a.status, 200, `GET ${REDFISH_ROOT} without credentials answered HTTP ${a.status}`);
  return objectOf(a, `GET ${REDFISH_ROOT}`);
}

export async function sessionsPath(ctx: Pick<CheckContext, 'raw'>): Promise<string> {
  const root = await serviceRoot(ctx);
  const links = root.Links as Record<string, unknown> | undefined;
  return odataId(links?.Sessions) ?? `${REDFISH_ROOT}SessionService/Sessions`;
}

export function openRawSession(ctx: CheckContext): Promise<RawRedfishSession> {
  return openRawSessionWith(ctx.raw);
}

export async function openRawSessionWith(raw: RawBmc): Promise<RawRedfishSession> {
  const ctx = { raw };
  const path = await sessionsPath(ctx);
  const login = await ctx.raw.request('POST', path, {
    headers: { ...ODATA_HEADERS },
    body: { UserName: ctx.raw.username, Password: ctx.raw.password },
  });
  assert.ok(login.status === 201 || login.status === 200, `POST ${path} answered HTTP ${login.status}`);
  const token = header(login, 'x-auth-token');
  assert.ok(token, `POST ${path} answered no X-Auth-Token header`);
  const location = header(login, 'location');
  const uri = location ? new URL(location, 'https://bmc.invalid').pathname : odataId(login.json);
  assert.ok(uri, `POST ${path} gave the session's URI neither in Location nor in @odata.id`);
  return { token, uri, headers: { ...ODATA_HEADERS, 'x-auth-token': token }, login };
}

/** Runs `fn` with a session of the check's own, deleted afterwards whatever happens. */
export async function withRawRedfish<T>(
  ctx: CheckContext,
  fn: (s: RawRedfishSession) => Promise<T>,
): Promise<T> {
  const s = await ctx.setup('create a Redfish session over plain HTTP', () => openRawSession(ctx));
  try {
    return await fn(s);
  } finally {
    await ctx.raw.request('DELETE', s.uri, { headers: s.headers }).catch(() => undefined);
  }
}

/** The only System's URI (sushy's get_system without an id). */
export async function systemPath(ctx: CheckContext, s: RawRedfishSession): Promise<string> {
  const root = await serviceRoot(ctx);
  const systems = odataId(root.Systems);
  assert.ok(systems, 'the service root links no Systems collection');
  const c = objectOf(await ctx.raw.request('GET', systems, { headers: s.headers }), `GET ${systems}`);
  const members = Array.isArray(c.Members) ? c.Members.map(odataId) : [];
  assert.equal(members.length, 1, `${systems} lists ${members.length} members, expected one`);
  const path = members[0];
  assert.ok(path, `${systems} member has no @odata.id`);
  return path;
}

export async function getSystem(
  ctx: CheckContext,
  s: RawRedfishSession,
  path: string,
): Promise<{ body: Record<string, unknown>; answer: RawAnswer }> {
  const answer = await ctx.raw.request('GET', path, { headers: s.headers });
  assert.equal(answer.status, 200, `GET ${path} answered HTTP ${answer.status}`);
  return { body: objectOf(answer, `GET ${path}`), answer };
}

/**
 * Polls PowerState until it reads `want`, on the check's clock (a simulator's virtual clock moves
 * with each sleep), with the target's poll interval doubling up to its maximum, for at most the
 * target's power timeout (the soft one after a graceful shutdown). Fails fast and per field: at
 * the deadline naming what it last read, and at once when the host stopped in Quiesced (bmcweb
 * shows a failed boot as PowerState On with Status.State Quiesced: redfish.md 2.2).
 */
export async function waitPowerState(
  ctx: CheckContext,
  s: RawRedfishSession,
  path: string,
  want: 'On' | 'Off',
  what: string,
  o: { soft?: boolean } = {},
): Promise<Record<string, unknown>> {
  const info = parseDriverInfo(ctx.task.node.driver_info);
  const timeoutMs = o.soft ? info.softPowerTimeoutMs : info.powerTimeoutMs;
  const deadline = ctx.clock.now() + timeoutMs;
  let interval = info.pollIntervalMs;
  for (;;) {
    const last = (await getSystem(ctx, s, path)).body;
    const state = (last.Status as Record<string, unknown> | undefined)?.State;
    assert.ok(
      !(want === 'On' && state === 'Quiesced'),
      `${what}: the host stopped in Status.State Quiesced (PowerState ${String(last.PowerState)}): the boot failed`,
    );
    if (last.PowerState === want) return last;
    const left = deadline - ctx.clock.now();
    assert.ok(
      left > 0,
      `${what}: PowerState should reach ${want} within ${timeoutMs / 1000} s, it still reads ${String(last.PowerState)}`,
    );
    await ctx.clock.sleep(Math.min(interval, left));
    interval = Math.min(Math.max(interval * 2, 1), info.pollMaxIntervalMs);
  }
}

/** The first MessageId of an error answer: in `error`, or in a property's annotation (bmcweb < 2026-04). */
export function firstMessageId(a: RawAnswer): string | undefined {
  const o = a.json;
  if (typeof o !== 'object' || o === null) return undefined;
  const rec = o as Record<string, unknown>;
  const lists: unknown[] = [];
  const err = rec.error as Record<string, unknown> | undefined;
  if (err) lists.push(err['@Message.ExtendedInfo']);
  for (const [k, v] of Object.entries(rec)) if (k.endsWith('@Message.ExtendedInfo')) lists.push(v);
  for (const l of lists) {
    if (!Array.isArray(l)) continue;
    const m = l.find((x) => typeof x === 'object' && x !== null && typeof x.MessageId === 'string');
    if (m) return (m as { MessageId: string }).MessageId;
  }
  return typeof err?.code === 'string' ? err.code : undefined;
}
