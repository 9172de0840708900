// The request line as gevent's pywsgi takes it, for the Python REST server's listeners. pywsgi
// splits the line on whitespace and takes the first word, whatever it is, as REQUEST_METHOD
// (gevent 22.10.2 pywsgi.py WSGIHandler.read_request: no check of the method); bottle upper-cases
// it to route (0.12.23 BaseRequest.method, Router.match), so `get` is GET there, and CONNECT is a
// method like any other (bottle's own 405: no rule takes it). Node's parser (llhttp) knows only its
// table of upper-case methods: it answers `get` or `FOO` with a bare 400 and turns CONNECT into a
// tunnel. So between TLS and Node's parser this stream looks at each request's first line: a
// method Node would refuse or tunnel goes to Node as GET (the target given a leading `/` where it
// has none, as bottle's strip_extra_slashes does to PATH_INFO) and the word as sent is kept for the
// app (methodAsSent). Requests are found by their framing (Content-Length); after a chunked body
// the rest of the connection passes untouched (gevent's framing is not modelled there).

import http from 'node:http';
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';

/** Methods Node's server handles as gevent does (CONNECT tunnels, PRI is HTTP/2's preface). */
const NODE_METHODS: ReadonlySet<string> = new Set(http.METHODS.filter((m) => m !== 'CONNECT' && m !== 'PRI'));

/** Past this without the end of a request line or header block, Node's own limits answer. */
const MAX_SCAN = 64 * 1024;

type Framing = 'line' | 'head' | 'body' | 'opaque';

export class GeventRequestLine extends Duplex {
  readonly #socket: Socket;
  /** The method of each request as sent, in order; Node's server emits the requests in order. */
  readonly #methods: string[] = [];
  #framing: Framing = 'line';
  #pending: Buffer = Buffer.alloc(0);
  #bodyLeft = 0;

  constructor(socket: Socket) {
    super({ allowHalfOpen: true });
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      if (!this.push(this.#frame(chunk))) socket.pause();
    });
    socket.on('end', () => {
      if (this.#pending.length > 0) this.push(this.#pending);
      this.#pending = Buffer.alloc(0);
      this.push(null);
    });
    socket.on('error', (error) => this.destroy(error));
    socket.on('close', () => this.destroy());
    socket.on('timeout', () => this.emit('timeout'));
  }

  /** The method of the next request Node's server hands on, as the client wrote it. */
  takeMethod(): string | undefined {
    return this.#methods.shift();
  }

  // What Node's HTTP server and the app read from their socket.
  get remoteAddress(): string | undefined {
    return this.#socket.remoteAddress;
  }
  get remotePort(): number | undefined {
    return this.#socket.remotePort;
  }
  get localAddress(): string | undefined {
    return this.#socket.localAddress;
  }
  get localPort(): number | undefined {
    return this.#socket.localPort;
  }
  get encrypted(): boolean {
    return (this.#socket as Socket & { encrypted?: boolean }).encrypted === true;
  }
  /** The TCP socket (fault-middleware.ts resets it for an RST). */
  get _parent(): Socket {
    return (this.#socket as Socket & { _parent?: Socket })._parent ?? this.#socket;
  }
  setTimeout(ms: number, callback?: () => void): this {
    this.#socket.setTimeout(ms, callback);
    return this;
  }
  setNoDelay(noDelay?: boolean): this {
    this.#socket.setNoDelay(noDelay);
    return this;
  }
  setKeepAlive(enable?: boolean, delay?: number): this {
    this.#socket.setKeepAlive(enable, delay);
    return this;
  }

  override _read(): void {
    this.#socket.resume();
  }
  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#socket.write(chunk, encoding, callback);
  }
  override _final(callback: (error?: Error | null) => void): void {
    this.#socket.end(callback);
  }
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#socket.destroy(error ?? undefined);
    callback(error);
  }

  /** The bytes to hand on for `chunk`: request lines rewritten, the rest as received. */
  #frame(chunk: Buffer): Buffer {
    let data: Buffer = this.#pending.length > 0 ? Buffer.concat([this.#pending, chunk]) : chunk;
    this.#pending = Buffer.alloc(0);
    const out: Buffer[] = [];
    while (data.length > 0) {
      if (this.#framing === 'opaque') {
        out.push(data);
        break;
      }
      if (this.#framing === 'body') {
        const n = Math.min(this.#bodyLeft, data.length);
        out.push(data.subarray(0, n));
        data = data.subarray(n);
        this.#bodyLeft -= n;
        if (this.#bodyLeft === 0) this.#framing = 'line';
        continue;
      }
      if (this.#framing === 'line') {
        const line = requestLine(data);
        if (line === 'incomplete' && data.length <= MAX_SCAN) {
          this.#pending = data;
          break;
        }
        if (line === 'incomplete' || line === 'unreadable') {
          // Node's parser answers it (400, 414) and the connection ends.
          this.#framing = 'opaque';
          continue;
        }
        if (line === 'blank') {
          out.push(data.subarray(0, 1));
          data = data.subarray(1);
          continue;
        }
        this.#methods.push(line.method);
        out.push(line.rewritten);
        data = data.subarray(line.length);
        this.#framing = 'head';
        continue;
      }
      // 'head': up to the blank line that ends the headers, then the body by its Content-Length.
      const end = headEnd(data);
      if (end < 0) {
        if (data.length > MAX_SCAN) this.#framing = 'opaque';
        else this.#pending = data;
        break;
      }
      const head = data.subarray(0, end).toString('latin1');
      out.push(data.subarray(0, end));
      data = data.subarray(end);
      if (/^transfer-encoding:.*chunked/im.test(head)) {
        this.#framing = 'opaque';
        continue;
      }
      const length = /^content-length:[ \t]*(\d+)[ \t]*\r?$/im.exec(head)?.[1];
      this.#bodyLeft = length === undefined ? 0 : Number(length);
      this.#framing = this.#bodyLeft > 0 ? 'body' : 'line';
    }
    return out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out);
  }
}

type RequestLine =
  | 'incomplete'
  | 'unreadable'
  | 'blank'
  | { method: string; rewritten: Buffer; length: number };

/** The method and target at the start of `data`, rewritten for Node where gevent takes what Node does not. */
function requestLine(data: Buffer): RequestLine {
  if (data[0] === 0x0d || data[0] === 0x0a) return 'blank';
  const eol = data.indexOf(0x0a);
  const text = (eol < 0 ? data : data.subarray(0, eol + 1)).toString('latin1');
  const m = /^(\S+)([ \t]+)(\S+)(?=[ \t\r\n])/.exec(text);
  if (!m) return eol < 0 ? 'incomplete' : 'unreadable';
  const [whole, method = '', gap = '', target = ''] = m;
  if (NODE_METHODS.has(method))
    return { method, rewritten: data.subarray(0, whole.length), length: whole.length };
  const path = /^(\/|\*|[A-Za-z][\w+.-]*:\/\/)/.test(target) ? target : `/${target}`;
  return { method, rewritten: Buffer.from(`GET${gap}${path}`, 'latin1'), length: whole.length };
}

/** The offset just past the blank line ending a header block, or -1. */
function headEnd(data: Buffer): number {
  const crlf = data.indexOf('\r\n\r\n');
  const lf = data.indexOf('\n\n');
  if (crlf < 0) return lf < 0 ? -1 : lf + 2;
  return lf < 0 || crlf < lf ? crlf + 4 : lf + 2;
}

/** The request's method as its client wrote it (only the Python server's listeners keep it). */
export function methodAsSent(req: http.IncomingMessage): string | undefined {
  return req.socket instanceof GeventRequestLine ? req.socket.takeMethod() : undefined;
}
