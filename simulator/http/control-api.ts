// The simulator's own control API under /_sim: never part of the emulated firmware, never
// authenticated by BMC credentials, loopback-only unless configured otherwise.

import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { FaultSpecSchema } from '../faults/definitions.ts';
import type { SimNode } from '../node.ts';

export type ControlAccess = 'loopback' | 'any' | 'off';

const isLoopback = (address: string | undefined) =>
  address !== undefined &&
  (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));

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

export function controlRouter(node: SimNode, access: ControlAccess): Router {
  const router = express.Router();
  router.use((req, res, next) => {
    if (access === 'off' || (access === 'loopback' && !isLoopback(req.socket.remoteAddress))) {
      problem(res, 403, 'the control API only answers loopback clients');
      return;
    }
    next();
  });
  router.get('/state', (_req, res) => {
    res.type('application/json').send(JSON.stringify(node.state()));
  });
  router.post('/clock/advance', (req, res) => {
    const body = parse(AdvanceSchema, req, res);
    if (!body) return;
    if (!node.manualClock) {
      problem(res, 409, 'this simulator runs on real time; start it with a manual clock to advance it');
      return;
    }
    node.manualClock.advance(body.ms);
    res.type('application/json').send(JSON.stringify(node.state()));
  });
  router.post('/faults', (req, res) => {
    const spec = parse(FaultSpecSchema, req, res);
    if (!spec) return;
    node.addFault(spec);
    res.type('application/json').send(JSON.stringify({ faults: node.faults.describe() }));
  });
  router.delete('/faults', (_req, res) => {
    node.faults.clear();
    res.type('application/json').send(JSON.stringify({ faults: [] }));
  });
  router.post('/reset', (_req, res) => {
    node.reset();
    res.type('application/json').send(JSON.stringify(node.state()));
  });
  router.use((_req, res) => problem(res, 404, 'unknown control endpoint'));
  return router;
}
