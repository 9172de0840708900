// The rendered GET of a resource whose body is a function of the BMC's D-Bus tree, its profile
// and its Redfish switches alone, kept with the tree version it was rendered at: while that
// version and the switches stay the same, the same reply (bytes and ETag) is sent again without
// building or serializing the body. Every property write (D-Bus REST, a Redfish PATCH or action,
// a timed transition step on the clock, the control API, a restored --state) and every object
// added or removed moves ObjectTree.version, so a kept rendering is never stale.
// A route opts in with `cached: true` (router.ts) only if its GET handler reads nothing else:
// not the clock (Managers DateTime), not sessions or accounts, not faults, not the request.

import type { SimNode } from '../../node.ts';
import type { RedfishContext, RedfishReply } from './context.ts';
import { renderBody } from './rendered-body.ts';

interface Kept {
  version: number;
  switches: string;
  reply: RedfishReply;
}

/** Per BMC, per resource path; a path is kept only once it answered 200, so the map stays small. */
const kept = new WeakMap<SimNode, Map<string, Kept>>();

export function cachedGet(ctx: RedfishContext, handler: (ctx: RedfishContext) => RedfishReply): RedfishReply {
  const version = ctx.bmc.tree.version;
  const switches = [...ctx.switches].join();
  const byPath = kept.get(ctx.node);
  const hit = byPath?.get(ctx.path);
  if (hit && hit.version === version && hit.switches === switches) return hit.reply;
  const reply = handler(ctx);
  const { body } = reply;
  // Only a 200 with a JSON body is kept, and only if rendering it changed nothing (a handler never writes).
  if (reply.status !== 200 || typeof body !== 'object' || body === null || ctx.bmc.tree.version !== version)
    return reply;
  const rendered: RedfishReply = { ...reply, rendered: renderBody(body) };
  if (byPath) byPath.set(ctx.path, { version, switches, reply: rendered });
  else kept.set(ctx.node, new Map([[ctx.path, { version, switches, reply: rendered }]]));
  return rendered;
}
