// Carries out transport faults before a request reaches the BMC: delays, injected 5xx answers,
// TCP resets, answers cut off halfway, requests never answered (after mockttp's handlers), and
// real answers swapped for garbage (./garbage-answer.ts).
// Real time on purpose: these act on sockets, not on the simulated machine.

import { STATUS_CODES } from 'node:http';
import { Socket } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import type { TransportFault } from '../faults/definitions.ts';
import type { SimNode } from '../node.ts';
import { answerGarbage } from './garbage-answer.ts';
import { sendError } from './render.ts';

const delay = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

export function faultMiddleware(node: SimNode) {
  // Synchronous unless a fault applies: an async middleware costs every request a promise and a
  // microtask hop (bench/throughput.ts showed it on the hot path).
  return (req: Request, res: Response, next: NextFunction): void => {
    if (node.faults.idle || req.originalUrl.startsWith('/_sim')) {
      next();
      return;
    }
    const path = req.originalUrl.split('?')[0] ?? '/';
    const faults = node.faults.forRequest(req.method, path);
    if (faults.length === 0) {
      next();
      return;
    }
    apply(faults, req, res, next).catch(next);
  };

  async function apply(faults: TransportFault[], req: Request, res: Response, next: NextFunction) {
    for (const fault of faults) {
      switch (fault.kind) {
        case 'latency':
          await delay(fault.ms + (fault.jitterMs ? Math.floor(Math.random() * fault.jitterMs) : 0));
          break;
        case 'slow-login':
          await delay(fault.ms);
          break;
        case 'status': {
          const reason = STATUS_CODES[fault.status] ?? 'Error';
          const headers: Record<string, string> =
            fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) };
          sendError(
            res,
            node.profile,
            'injected-status',
            { reason, statusLine: `${fault.status} ${reason}` },
            headers,
            fault.status,
          );
          return;
        }
        case 'reset-connection':
          resetConnection(req.socket);
          return;
        case 'close-mid-response':
          // Promise a body, send half of it, then drop the connection.
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 64 });
          res.write('{\n  "data": {\n    "Curren');
          res.once('drain', () => req.socket.destroy());
          setImmediate(() => req.socket.destroy());
          return;
        case 'garbage':
          // The handler runs as usual; its answer is swapped for garbage on the way out.
          answerGarbage(req, res, fault.mode);
          break;
        case 'hang':
          // Never answer; the listener's own timeouts or the client's deadline end it.
          return;
        case 'lose-answer':
          // The handler runs and the BMC acts on the request; only its answer is lost (a reply
          // dropped on the way back), so a client cannot tell whether to send it again.
          loseAnswer(req, res);
          break;
      }
    }
    next();
  }
}

/** Lets the handler run, then resets the connection where its answer would have gone out. */
function loseAnswer(req: Request, res: Response): void {
  const out = res as unknown as { write: (...a: unknown[]) => boolean; end: (...a: unknown[]) => Response };
  out.write = () => true;
  out.end = () => {
    resetConnection(req.socket);
    return res;
  };
}

/**
 * Sends a TCP RST. A TLS socket cannot be reset itself (resetAndDestroy throws
 * ERR_INVALID_HANDLE_TYPE, which became an empty 500), so over HTTPS the TCP socket under it
 * (Node's internal `_parent`) is reset; failing that, the connection is simply destroyed.
 */
function resetConnection(socket: Socket): void {
  const tcp = (socket as Socket & { _parent?: unknown })._parent;
  try {
    (tcp instanceof Socket ? tcp : socket).resetAndDestroy();
  } catch {
    socket.destroy();
  }
}
