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
import type { ServerLimits } from './options.ts';
import type { TlsMaterial } from './tls.ts';

export class FrontServer {
  readonly #server: http.Server;
  readonly #apps = new Map<number, http.RequestListener>();

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
    const dispatch: http.RequestListener = (req, res) => {
      const app = this.#apps.get(req.socket.localPort ?? 0);
      if (app) app(req, res);
      else res.socket?.destroy();
    };
    this.#server = tls
      ? https.createServer({ ...options, cert: tls.certPem, key: tls.keyPem }, dispatch)
      : http.createServer(options, dispatch);
    // Node's HTTP server starts tracking connections for its timeouts when it starts listening;
    // this one never listens itself (connections are injected, as http.Server documents).
    this.#server.emit('listening');
  }

  /** Requests arriving on `port` go to `app` from now on. */
  route(port: number, app: http.RequestListener): void {
    this.#apps.set(port, app);
  }

  unroute(port: number): void {
    this.#apps.delete(port);
  }

  /** Handles a connection one BMC's listener accepted. */
  accept(socket: Socket): void {
    this.#server.emit('connection', socket);
  }

  /** Stops the timeout checks (every listener is closed by then). */
  close(): void {
    this.#server.close(() => undefined);
  }
}
