// Counting the BMC's live sessions the way each API can show them: Redfish lists them
// (SessionService Sessions: bmcweb's redfish_sessions.hpp lists every user's timed sessions),
// D-Bus REST lists none, so there only the simulator's control API can count them.

import { odataId } from '../driver/dialects/detect.ts';
import type { CheckContext } from './check.ts';
import { objectOf, sessionsPath, withRawRedfish } from './redfish-raw.ts';

/** The sessions each raw client opened to count, left out of every later count: a BMC that keeps
 * deleted sessions keeps these too, and they are the kit's, not the driver's. */
const countersOf = new WeakMap<CheckContext['raw'], Set<string>>();

/** Live sessions other than the counters' own, or undefined where this API cannot count them. */
export async function liveSessions(ctx: CheckContext): Promise<number | undefined> {
  if (ctx.api === 'redfish') {
    const own = countersOf.get(ctx.raw) ?? new Set<string>();
    countersOf.set(ctx.raw, own);
    return withRawRedfish(ctx, async (s) => {
      own.add(s.uri);
      const path = await sessionsPath(ctx);
      const a = await ctx.raw.request('GET', path, { headers: s.headers });
      const members = objectOf(a, `GET ${path}`).Members;
      const ids = Array.isArray(members) ? members.map(odataId) : [];
      return ids.filter((id) => id === null || !own.has(id)).length;
    });
  }
  return ctx.sim ? (await ctx.sim.state()).sessions : undefined;
}

/** Where the sessions are counted, for messages. */
export function countedWhere(ctx: Pick<CheckContext, 'api'>): string {
  return ctx.api === 'redfish'
    ? 'in the SessionService Sessions collection'
    : "in the simulator's session table";
}
