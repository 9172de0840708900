// The simulator's own control API under /_sim: never part of the emulated firmware, never
// authenticated by BMC credentials, loopback-only unless configured otherwise.

import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { type ControlAccess, RedfishSwitch } from '../../protocol/index.ts';
import { FaultSpecSchema } from '../faults/definitions.ts';
import type { SimNode } from '../node.ts';

const isLoopback = (address: string | undefined) =>
  address !== undefined &&
  (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));

const RedfishSwitchesSchema = z
  .object({ switches: z.array(z.enum(RedfishSwitch)).max(RedfishSwitch.length) })
  .strict();

const AdvanceSchema = z
  .object({
    ms: z
      .number()
      .int()
      .nonnegative()
      .max(365 * 24 * 3600 * 1000),
  })
  .strict();

function problem(res: Response, status: number, error: string): void {
  res.status(status).type('application/json').send(JSON.stringify({ error }));
}

function parse<T>(schema: z.ZodType<T>, req: Request, res: Response): T | undefined {
  let raw: unknown;
  try {
    raw =
      Buffer.isBuffer(req.body) && req.body.length > 0 ? JSON.parse(req.body.toString('utf8')) : undefined;
  } catch {
    problem(res, 400, 'body is not valid JSON');
    return undefined;
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    problem(res, 400, `invalid body: ${z.prettifyError(result.error).replaceAll('\n', '; ')}`);
    return undefined;
  }
  return result.data;
}

/**
 * `?node=all` or `?node=N` addresses other BMCs of the same simulator from any listener; without it,
 * the BMC whose listener answers.
 */
function targets(req: Request, res: Response, node: SimNode, fleet: () => SimNode[]): SimNode[] | undefined {
  const which = typeof req.query.node === 'string' ? req.query.node : undefined;
  if (which === undefined) return [node];
  if (which === 'all') return fleet();
  const found = /^\d+$/.test(which) ? fleet()[Number(which)] : undefined;
  if (!found)
    problem(
      res,
      404,
      `no node '${which}' (this simulator has ${fleet().length}; use 0..${fleet().length - 1} or all)`,
    );
  return found ? [found] : undefined;
}

type Handler = (req: Request, res: Response, nodes: SimNode[]) => void;

export function controlRouter(
  node: SimNode,
  access: ControlAccess,
  fleet: () => SimNode[] = () => [node],
): Router {
  // Paths match exactly, as bmcweb's router does: /_sim/State and /_sim/state/ are not routes.
  const router = express.Router({ caseSensitive: true, strict: true });
  router.use((req, res, next) => {
    if (access === 'off' || (access === 'loopback' && !isLoopback(req.socket.remoteAddress))) {
      problem(res, 403, 'the control API only answers loopback clients');
      return;
    }
    // `?node=1&node=2` must not quietly mean one of them (or node 0).
    for (const [name, value] of Object.entries(req.query)) {
      if (name !== 'node') {
        problem(res, 400, `unknown query parameter '${name}'; the control API takes only node=N|all`);
        return;
      }
      if (typeof value !== 'string') {
        problem(res, 400, `query parameter '${name}' given more than once`);
        return;
      }
    }
    next();
  });
  // One node: its own answer; `node=all`: an array, one answer per node.
  const reply = (req: Request, res: Response, answers: unknown[]) =>
    res.type('application/json').send(JSON.stringify(req.query.node === 'all' ? answers : answers[0]));
  /** One endpoint: its verbs, and 405 with `Allow` for the others. */
  const endpoint = (path: string, verbs: Partial<Record<'get' | 'post' | 'delete', Handler>>) => {
    const route = router.route(path);
    for (const [verb, handle] of Object.entries(verbs) as ['get' | 'post' | 'delete', Handler][]) {
      route[verb]((req, res) => {
        const nodes = targets(req, res, node, fleet);
        if (nodes) handle(req, res, nodes);
      });
    }
    const allow = Object.keys(verbs)
      .flatMap((v) => (v === 'get' ? ['GET', 'HEAD'] : [v.toUpperCase()]))
      .join(', ');
    route.all((_req, res) => {
      res.setHeader('Allow', allow);
      problem(res, 405, `${path} takes ${allow}`);
    });
  };
  endpoint('/state', {
    get: (req, res, nodes) =>
      reply(
        req,
        res,
        nodes.map((n) => n.state()),
      ),
  });
  endpoint('/clock/advance', {
    post: (req, res, nodes) => {
      const body = parse(AdvanceSchema, req, res);
      if (!body) return;
      if (nodes.some((n) => !n.manualClock)) {
        problem(res, 409, 'this simulator runs on real time; start it with a manual clock to advance it');
        return;
      }
      for (const n of nodes) n.manualClock?.advance(body.ms);
      reply(
        req,
        res,
        nodes.map((n) => n.state()),
      );
    },
  });
  endpoint('/faults', {
    post: (req, res, nodes) => {
      const spec = parse(FaultSpecSchema, req, res);
      if (!spec) return;
      for (const n of nodes) n.addFault(spec);
      reply(
        req,
        res,
        nodes.map((n) => ({ faults: n.faults.describe() })),
      );
    },
    delete: (req, res, nodes) => {
      for (const n of nodes) n.faults.clear();
      reply(
        req,
        res,
        nodes.map(() => ({ faults: [] })),
      );
    },
  });
  // The Redfish switches beyond bmcweb (protocol/redfish.ts), replaced as a whole.
  endpoint('/redfish', {
    post: (req, res, nodes) => {
      const body = parse(RedfishSwitchesSchema, req, res);
      if (!body) return;
      if (nodes.some((n) => !n.profile.redfish)) {
        problem(res, 409, 'this firmware profile serves no Redfish');
        return;
      }
      for (const n of nodes) {
        n.redfishSwitches.clear();
        for (const s of body.switches) n.redfishSwitches.add(s);
      }
      reply(
        req,
        res,
        nodes.map((n) => n.state()),
      );
    },
  });
  endpoint('/reset', {
    post: (req, res, nodes) => {
      for (const n of nodes) n.reset();
      reply(
        req,
        res,
        nodes.map((n) => n.state()),
      );
    },
  });
  router.use((_req, res) => problem(res, 404, 'unknown control endpoint'));
  return router;
}
