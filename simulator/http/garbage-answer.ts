// The `garbage` fault: the request reaches the real handler (state changes happen as usual), then
// the answer it rendered is replaced on its way out by a hostile one, the way a broken proxy, a
// crashing web server or a firmware bug would mangle it. Real time on purpose (sockets, not the
// simulated machine): slow-drip's timers are unref'ed and stop when the connection closes.

import type { Request, Response } from 'express';
import type { GarbageMode } from '../faults/definitions.ts';

/** huge-body's size: four times the driver's 4 MiB cap, valid JSON all the same. */
export const HUGE_BODY_BYTES = 16 * 1024 * 1024;
/** slow-drip writes one byte per this many milliseconds. */
const DRIP_INTERVAL_MS = 200;

const HUGE_HEAD = '{"data": "';
const HUGE_TAIL = '", "message": "200 OK", "status": "ok"}';
const FILLER = Buffer.alloc(64 * 1024, 'x');

const NOT_JSON =
  '<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n';

type Write = (chunk: unknown, encoding?: unknown, cb?: unknown) => boolean;
type End = (chunk?: unknown, encoding?: unknown, cb?: unknown) => Response;
interface Writable {
  write: Write;
  end: End;
}

const toBuffer = (chunk: unknown, encoding: unknown): Buffer => {
  if (chunk === undefined || chunk === null || typeof chunk === 'function') return Buffer.alloc(0);
  if (typeof chunk === 'string') {
    return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  }
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return Buffer.from(String(chunk));
};

/**
 * Intercepts whatever the handler writes for this request and answers garbage of the given mode
 * instead. Call before the request reaches its handler.
 */
export function answerGarbage(req: Request, res: Response, mode: GarbageMode): void {
  const out = res as unknown as Writable;
  const write = out.write.bind(res) as Write;
  const end = out.end.bind(res) as End;
  const captured: Buffer[] = [];
  out.write = (chunk, encoding) => {
    captured.push(toBuffer(chunk, encoding));
    return true;
  };
  out.end = (chunk, encoding) => {
    out.write = write;
    out.end = end;
    captured.push(toBuffer(chunk, encoding));
    replace(req, res, mode, Buffer.concat(captured), write, end);
    return res;
  };
}

function replace(req: Request, res: Response, mode: GarbageMode, body: Buffer, write: Write, end: End): void {
  switch (mode) {
    case 'truncated-json':
      send(res, end, body.subarray(0, Math.floor(body.length / 2)));
      return;
    case 'wrong-types':
      sendJsonText(res, end, wrongTypes(body, req.method === 'GET'));
      return;
    case 'missing-fields':
      sendJsonText(res, end, missingFields(body));
      return;
    case 'not-json':
      res.status(200);
      res.setHeader('Content-Type', 'text/html');
      send(res, end, Buffer.from(NOT_JSON));
      return;
    case 'huge-body':
      hugeBody(res, write, end);
      return;
    case 'slow-drip':
      slowDrip(res, body, write, end);
      return;
  }
}

function send(res: Response, end: End, body: Buffer): void {
  res.setHeader('Content-Length', body.length);
  end(body);
}

function sendJsonText(res: Response, end: End, text: string): void {
  res.setHeader('Content-Type', 'application/json');
  send(res, end, Buffer.from(text));
}

const parseObject = (body: Buffer): Record<string, unknown> | undefined => {
  try {
    const json: unknown = JSON.parse(body.toString('utf8'));
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/**
 * A value of the wrong JSON type: a string becomes a number at the top and an object inside a
 * container, numbers and booleans become strings, null an object, arrays a string; an object keeps
 * its keys with every value wrong.
 */
export function wrongType(value: unknown, nested = false): unknown {
  if (typeof value === 'string') return nested ? { value } : value.length;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return {};
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wrongType(v, true)]));
  }
  return 0;
}

/**
 * The same envelope with `data` of the wrong types (a GET's object or array `data` becomes a
 * string: its own JSON, encoded twice); an object without `data` (bmcweb's `{"token"}`) gets
 * every value wrong; a body that is no JSON object becomes a number.
 */
export function wrongTypes(body: Buffer, isGet: boolean): string {
  const envelope = parseObject(body);
  if (!envelope) return '0';
  if (!('data' in envelope)) {
    return JSON.stringify(
      Object.fromEntries(Object.entries(envelope).map(([k, v]) => [k, wrongType(v)])),
      null,
      2,
    );
  }
  const data = envelope.data;
  envelope.data = isGet && typeof data === 'object' && data !== null ? JSON.stringify(data) : wrongType(data);
  return JSON.stringify(envelope, null, 2);
}

/** The envelope without `data`; any other body (bmcweb's `{"token"}`, an empty one) becomes `{}`. */
export function missingFields(body: Buffer): string {
  const envelope = parseObject(body);
  if (!envelope || !('data' in envelope)) return '{}';
  delete envelope.data;
  return JSON.stringify(envelope, null, 2);
}

/** A 200 JSON answer of HUGE_BODY_BYTES, streamed from one reused buffer with backpressure. */
function hugeBody(res: Response, write: Write, end: End): void {
  const fill = HUGE_BODY_BYTES - HUGE_HEAD.length - HUGE_TAIL.length;
  res.status(200);
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', HUGE_BODY_BYTES);
  let left = fill;
  const pump = (): void => {
    while (left > 0) {
      if (res.destroyed) return;
      const n = Math.min(left, FILLER.length);
      left -= n;
      if (!write(n === FILLER.length ? FILLER : FILLER.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) end(HUGE_TAIL);
  };
  write(HUGE_HEAD);
  pump();
}

/** The real answer, one byte every DRIP_INTERVAL_MS, until it is all out or the client leaves. */
function slowDrip(res: Response, body: Buffer, write: Write, end: End): void {
  res.setHeader('Content-Length', body.length);
  if (body.length === 0) {
    end();
    return;
  }
  let at = 0;
  let timer: NodeJS.Timeout | undefined;
  res.once('close', () => clearTimeout(timer));
  const drip = (): void => {
    if (res.destroyed) return;
    const byte = body.subarray(at, at + 1);
    at += 1;
    if (at >= body.length) {
      end(byte);
      return;
    }
    write(byte);
    timer = setTimeout(drip, DRIP_INTERVAL_MS).unref();
  };
  drip();
}
