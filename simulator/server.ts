// Starts simulated BMCs: one listener per node on its own port, HTTPS by default; one front server
// does TLS and HTTP for all of them (front-server.ts) and each node's express app is built at its
// first request (app-cache.ts keeps the most recently used). The model never touches a socket;
// this file reacts to its listener signals (BMC reboot).

import { randomInt } from 'node:crypto';
import type http from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import type { ProfileName } from '../protocol/index.ts';
import { AppCache } from './app-cache.ts';
import { SimControl } from './control-client.ts';
import { FrontServer } from './front-server.ts';
import { createBmcApp } from './http/app.ts';
import { silentLogger } from './logger.ts';
import { ManualClock } from './model/clock.ts';
import { checkPersistedSettings } from './model/persisted-settings.ts';
import { cryptoRng, seededRng } from './model/rng.ts';
import { SimNode } from './node.ts';
import { checkOpenFiles } from './open-files.ts';
import {
  type ResolvedSimulatorOptions,
  resolveSimulatorOptions,
  type ServerLimits,
  type SimulatorOptions,
  scaleTimings,
} from './options.ts';
import { loadStateFile, StateFileError, StateFileWriter } from './persistence.ts';
import { systemClock } from './system-clock.ts';
import { selfSignedCertificate, type TlsMaterial } from './tls.ts';

export interface RunningSimulator extends AsyncDisposable {
  /** Node 0's base URL, e.g. `https://127.0.0.1:2443`. */
  url: string;
  urls: string[];
  profile: ProfileName;
  /** The self-signed certificate clients can trust (undefined over plain HTTP). */
  caCertPem: string | undefined;
  nodes: SimNode[];
  control(index?: number): SimControl;
  close(): Promise<void>;
}

/**
 * One node's listening socket; its connections go to the simulator's one front server, and its
 * express app comes from the simulator's AppCache. A BMC reboot drops it and reopens it on the same
 * port; while it is down a ref'd timer keeps the process alive (the model's timers are unref'd,
 * so with the listener closed nothing else would hold the event loop and a single-node
 * `obmc sim` would end).
 */
class NodeListener {
  readonly server: net.Server;
  readonly #front: FrontServer;
  readonly #handler: http.RequestListener;
  readonly #sockets = new Set<Socket>();
  readonly #retryMs: number;
  #port = 0;
  #queue: Promise<void> = Promise.resolve();
  #keepAlive: NodeJS.Timeout | undefined;
  #retry: { timer: NodeJS.Timeout; stop: () => void } | undefined;
  #closed = false;
  /** `controlWhileDown`: the BMC is down but the port stays bound for `/_sim` requests. */
  #controlOnly = false;

  readonly host: string;
  readonly keepPortWhenDown: boolean;

  constructor(
    makeApp: () => http.RequestListener,
    front: FrontServer,
    host: string,
    limits: ServerLimits,
    keepPortWhenDown: boolean,
    onError: (error: Error) => void,
    geventRequestLine: boolean,
  ) {
    this.host = host;
    this.keepPortWhenDown = keepPortWhenDown;
    this.#retryMs = limits.relistenIntervalMs;
    this.#front = front;
    this.#handler = (req, res) => {
      if (this.#controlOnly && !(req.url ?? '').startsWith('/_sim/')) {
        req.socket.destroy();
        return;
      }
      makeApp()(req, res);
    };
    this.server = net.createServer((socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      front.accept(socket, geventRequestLine);
    });
    // Connections over the cap are refused.
    this.server.maxConnections = limits.maxConnections;
    // Once listening, an error (EMFILE on accept) costs that connection, not the process.
    this.server.on('error', (error) => {
      if (this.server.listening) onError(error);
    });
  }

  get port(): number {
    return this.#port;
  }

  /** Serving BMC requests (not down, not failing to reopen). */
  get up(): boolean {
    return this.server.listening && !this.#controlOnly;
  }

  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.server.once('error', onError);
      this.server.listen(port, this.host, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    this.#port = (this.server.address() as AddressInfo).port;
    this.#front.route(this.#port, this.#handler);
    return this.#port;
  }

  /** The BMC goes down: every connection is dropped and new ones are refused (or closed unanswered). */
  async goDown(): Promise<void> {
    if (this.#closed) return;
    if (this.keepPortWhenDown) {
      this.#controlOnly = true;
      for (const s of this.#sockets) s.destroy();
      return;
    }
    this.#keepAlive ??= setInterval(() => undefined, 60_000);
    await this.drop();
  }

  /**
   * The BMC is back: reopen the same port. A port taken meanwhile is reported through `onError`
   * and retried every `relistenIntervalMs` until it is free or the simulator closes.
   */
  async comeUp(onError: (error: Error) => void): Promise<void> {
    if (this.#closed) return;
    if (this.#controlOnly) {
      this.#controlOnly = false;
      return;
    }
    while (!this.#closed && !this.server.listening) {
      try {
        await this.listen(this.#port);
      } catch (error) {
        onError(error as Error);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            this.#retry = undefined;
            resolve();
          }, this.#retryMs);
          this.#retry = { timer, stop: resolve };
        });
      }
    }
    clearInterval(this.#keepAlive);
    this.#keepAlive = undefined;
  }

  /** Stop accepting and drop every connection. */
  async drop(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.#front.unroute(this.#port);
    for (const s of this.#sockets) s.destroy();
    await closed;
  }

  /** For good: ends retries and the keep-alive, then drops. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry) {
      clearTimeout(this.#retry.timer);
      this.#retry.stop();
    }
    clearInterval(this.#keepAlive);
    this.#keepAlive = undefined;
    await this.#queue;
    await this.drop();
  }

  /** Serializes listener changes that the model signals synchronously. */
  enqueue(change: () => Promise<unknown>): void {
    this.#queue = this.#queue.then(change).then(
      () => undefined,
      () => undefined,
    );
  }
}

const formatHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

/** The certificate a simulator started with `o` serves (self-signed, cached between runs). */
const certificateFor = async (o: ResolvedSimulatorOptions): Promise<TlsMaterial | undefined> =>
  o.http ? undefined : (o.tls ?? (await selfSignedCertificate(o.host, undefined, [o.publicHost])));

/**
 * The PEM certificate clients pass as `--ca` to trust a simulator started with these options
 * (`obmc sim --print-ca`); undefined over plain HTTP. The same cached certificate the simulator uses.
 */
export async function simulatorCaPem(input: SimulatorOptions = {}): Promise<string | undefined> {
  return (await certificateFor(resolveSimulatorOptions(input)))?.certPem;
}

export async function startSimulator(input: SimulatorOptions = {}): Promise<RunningSimulator> {
  const o: ResolvedSimulatorOptions = resolveSimulatorOptions(input);
  checkOpenFiles(o.perNode.length);
  const tls = await certificateFor(o);
  const logger = o.logger ?? silentLogger;
  const dataSeed = randomInt(1, 2 ** 31);
  const nodes: SimNode[] = [];
  const listeners: NodeListener[] = [];
  const controls = new Map<number, SimControl>();
  const front = new FrontServer(tls, o.limits);
  const apps = new AppCache();
  const kept = o.stateFile === undefined ? [] : await loadStateFile(o.stateFile);
  const writer =
    o.stateFile === undefined
      ? undefined
      : new StateFileWriter(
          o.stateFile,
          () => nodes.map((n) => ({ node: n.index, profile: n.profile.name, ...n.bmc.snapshot() })),
          // Nodes this process does not serve (beyond --nodes, or another shard's) are kept as saved.
          kept.filter((k) => !o.perNode.some((n) => n.index === k.node)),
          (message) => logger.error({ file: o.stateFile }, `${message}; the BMC keeps serving`),
        );

  try {
    for (const spec of o.perNode) {
      // The node's number in the whole fleet (a shard serves a block of it).
      const index = spec.index;
      const manualClock = o.manualClock ? new ManualClock(o.standIn?.clockStart) : undefined;
      const node = new SimNode({
        index,
        profile: spec.profile,
        timings: scaleTimings(spec.profile.timings, spec.timing),
        clock: manualClock ?? systemClock,
        manualClock,
        rng: spec.seed === undefined ? cryptoRng : seededRng(`${spec.seed}:${index}`),
        seed: spec.seed ?? dataSeed + index,
        users: spec.users,
        redfishSwitches: spec.redfish,
        lockout: o.lockout,
        ...(o.standIn ? { standIn: o.standIn } : {}),
      });
      const at = kept.findIndex((k) => k.node === index);
      const saved = kept[at];
      if (saved && saved.profile !== spec.profile.name) {
        throw new StateFileError(
          `state file ${o.stateFile} holds node ${index} of profile ${saved.profile}, but this simulator runs ${spec.profile.name}; use another file`,
        );
      }
      if (saved) {
        const bad = checkPersistedSettings(node.bmc, saved.settings);
        if (bad)
          throw new StateFileError(
            `state file ${o.stateFile} is invalid at nodes[${at}].${bad}; it was left untouched`,
          );
        node.bmc.restore(saved);
      }
      if (writer) {
        node.stateFile = () => writer.status();
        node.bmc.on((signal) => {
          if (signal.kind === 'changed') writer.schedule();
        });
      }
      for (const f of [...o.faults, ...spec.faults]) node.addFault(f);
      const listener = new NodeListener(
        () => apps.get(index, () => createBmcApp(node, { control: o.control, logger, fleet: () => nodes })),
        front,
        o.host,
        o.limits,
        o.controlWhileDown,
        (error) => logger.error({ node: index, err: error.message }, 'listener error'),
        // The Python server's listeners read request lines as gevent does.
        spec.profile.python !== null,
      );
      node.bmc.on((signal) => {
        if (signal.kind !== 'listener') return;
        if (!signal.up) {
          logger.info({ node: index }, 'BMC rebooting: listener down');
          listener.enqueue(() => listener.goDown());
          return;
        }
        listener.enqueue(async () => {
          await listener.comeUp((error) => {
            node.listenError = `cannot reopen port ${listener.port}: ${error.message}`;
            logger.error(
              {
                node: index,
                port: listener.port,
                err: error.message,
                retryInMs: o.limits.relistenIntervalMs,
              },
              'BMC cannot reopen its port; retrying',
            );
          });
          if (!listener.up) return;
          node.listenError = undefined;
          logger.info({ node: index, port: listener.port }, 'BMC back up');
        });
      });
      await listener.listen(o.port === 0 ? 0 : o.port + index);
      nodes.push(node);
      listeners.push(listener);
    }
    // A state file that cannot be written is a start-up error, not a surprise at the first change.
    if (writer) await writer.write();
  } catch (error) {
    // Whatever started is stopped, so a failed start leaves no listener or timer behind.
    for (const node of nodes) node.bmc.stop();
    await Promise.all(listeners.map((l) => l.close()));
    front.close();
    throw error;
  }

  const scheme = tls ? 'https' : 'http';
  const urls = listeners.map((l) => `${scheme}://${formatHost(o.publicHost)}:${l.port}`);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await writer?.flushed();
      for (const node of nodes) node.bmc.stop();
      await Promise.all([...controls.values()].map((c) => c.close()));
      await Promise.all(listeners.map((l) => l.close()));
      front.close();
    })();
    return closing;
  };
  return {
    url: urls[0] ?? '',
    urls,
    profile: nodes[0]?.profile.name ?? o.profile.name,
    caCertPem: tls?.certPem,
    nodes,
    control(index = 0) {
      const url = urls[index];
      if (url === undefined) throw new RangeError(`no node ${index}; this simulator has ${urls.length}`);
      let c = controls.get(index);
      if (!c) {
        c = new SimControl(url, tls ? { ca: tls.certPem } : {});
        controls.set(index, c);
      }
      return c;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
