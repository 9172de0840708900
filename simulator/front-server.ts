// One HTTP(S) server for every BMC of a simulator. Each BMC keeps its own listening socket on its
// own port (clients address BMCs by address and port) and hands each accepted connection to this
// server, which does TLS and HTTP for all of them and passes each request to the app of the port
// it arrived on. So the certificate's key is parsed into one secure context, TLS session tickets
// share one set of keys, and one timer checks the request timeouts of every connection, where a
// server per BMC cost about a millisecond and a secure context each (the key parse dominated a
// 1,000-BMC start, see README "Benchmarks").

import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import { GeventRequestLine, methodAsSent } from './gevent-request-line.ts';
import type { ServerLimits } from './options.ts';
import type { TlsMaterial } from './tls.ts';

export class FrontServer {
  readonly #server: http.Server;
  readonly #apps = new Map<number, http.RequestListener>();
  readonly #tls: TlsMaterial | undefined;
  readonly #options: http.ServerOptions;
  /** For the Python server's listeners: TLS, then gevent's request line, then HTTP (made at first use). */
  #python: { tls: tls.Server | undefined; http: http.Server } | undefined;

  constructor(tls: TlsMaterial | undefined, limits: ServerLimits) {
    // Slow or greedy clients must not hold a BMC forever: a request head that never ends
    // (slowloris) gets 408 and is closed, idle keep-alive sockets close and heads over the cap get
    // 431 (connections over the cap are refused by each BMC's own listener).
    const options: http.ServerOptions = {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs),
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
      maxHeaderSize: limits.maxHeaderBytes,
    };
    this.#tls = tls;
    this.#options = options;
    this.#server = tls
      ? https.createServer({ ...options, cert: tls.certPem, key: tls.keyPem }, this.#dispatch)
      : http.createServer(options, this.#dispatch);
    // Node's HTTP server starts tracking connections for its timeouts when it starts listening;
    // this one never listens itself (connections are injected, as http.Server documents).
    this.#server.emit('listening');
  }

  readonly #dispatch: http.RequestListener = (req, res) => {
    const app = this.#apps.get(req.socket.localPort ?? 0);
    if (app) app(req, res);
    else res.socket?.destroy();
  };

  /** Requests arriving on `port` go to `app` from now on. */
  route(port: number, app: http.RequestListener): void {
    this.#apps.set(port, app);
  }

  unroute(port: number): void {
    this.#apps.delete(port);
  }

  /**
   * Handles a connection one BMC's listener accepted. `geventRequestLine`: the Python server's,
   * whose request lines gevent reads (gevent-request-line.ts); bmcweb's parser (Beast) is not
   * modelled there, Node's answers.
   */
  accept(socket: Socket, geventRequestLine = false): void {
    if (!geventRequestLine) {
      this.#server.emit('connection', socket);
      return;
    }
    const python = this.#pythonServers();
    if (python.tls) python.tls.emit('connection', socket);
    else python.http.emit('connection', new GeventRequestLine(socket));
  }

  #pythonServers(): { tls: tls.Server | undefined; http: http.Server } {
    if (this.#python) return this.#python;
    const server = http.createServer(this.#options, (req, res) => {
      const method = methodAsSent(req);
      if (method !== undefined) req.method = method;
      this.#dispatch(req, res);
    });
    server.emit('listening');
    const material = this.#tls;
    const secure = material
      ? tls.createServer({ cert: material.certPem, key: material.keyPem }, (socket) =>
          server.emit('connection', new GeventRequestLine(socket)),
        )
      : undefined;
    this.#python = { tls: secure, http: server };
    return this.#python;
  }

  /** Stops the timeout checks (every listener is closed by then). */
  close(): void {
    this.#server.close(() => undefined);
    this.#python?.http.close(() => undefined);
    this.#python?.tls?.close(() => undefined);
  }
}
