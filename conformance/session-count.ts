// Counting the BMC's live sessions the way each API can show them: Redfish lists them
// (SessionService Sessions: bmcweb's redfish_sessions.hpp lists every user's timed sessions),
// D-Bus REST lists none, so there only the simulator's control API can count them.

import { odataId } from '../driver/dialects/detect.ts';
import type { CheckContext } from './check.ts';
import { objectOf, sessionsPath, withRawRedfish } from './redfish-raw.ts';

/** Live sessions other than the counter's own, or undefined where this API cannot count them. */
export async function liveSessions(ctx: CheckContext): Promise<number | undefined> {
  if (ctx.api === 'redfish') {
    return withRawRedfish(ctx, async (s) => {
      const path = await sessionsPath(ctx);
      const a = await ctx.raw.request('GET', path, { headers: s.headers });
      const members = objectOf(a, `GET ${path}`).Members;
      const ids = Array.isArray(members) ? members.map(odataId) : [];
      // The session this count logged in with is one of them, and is deleted right after.
      return ids.filter((id) => id !== s.uri).length;
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
