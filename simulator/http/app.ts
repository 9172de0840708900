// The express adapter for one BMC: parse, one model command, render. Express's own tells are
// switched off (X-Powered-By, ETag, HTML error pages).

import express, { type NextFunction, type Request, type Response } from 'express';
import type { ControlAccess } from '../../protocol/index.ts';
import type { Logger } from '../logger.ts';
import type { SimNode } from '../node.ts';
import { authenticate, isOnAllowlist, wwwAuthenticate } from './auth.ts';
import { controlRouter } from './control-api.ts';
import { handleDbusUrl } from './dbus-rest.ts';
import { refuseDeclaredOverLimit } from './declared-length.ts';
import { faultMiddleware } from './fault-middleware.ts';
import { handleLogin, handleLogout } from './login.ts';
import { routePhosphorRest } from './phosphor-rest.ts';
import { routeRedfish } from './redfish/router.ts';
import { sendError, sendJson, sendOk } from './render.ts';
import { classifyRequest } from './request-classifier.ts';

export interface BmcAppOptions {
  control: ControlAccess;
  logger: Logger;
  /** Every BMC of the simulator, for control requests addressed to `?node=all` or `?node=N`. */
  fleet?: () => SimNode[];
}

export function createBmcApp(node: SimNode, o: BmcAppOptions): express.Express {
  const app = express();
  // bmcweb's router matches paths exactly (case and trailing slash), so `/_SIM/state` is not the
  // control API but an unknown BMC path (401 before login); express's defaults would route it.
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  app.disable('x-powered-by');
  app.set('etag', false);
  // A silent logger costs nothing per request: the request log is not even registered (hot path).
  if (o.logger.isLevelEnabled('info')) app.use(requestLog(node, o.logger));
  app.use(faultMiddleware(node));
  // Neither firmware decodes request bodies (Bottle and bmcweb ignore Content-Encoding), so the
  // bytes are judged as sent. Found by test/fuzz: body-parser gunzipped them and answered a
  // non-gzip body with an empty 500 no firmware gives.
  app.use(refuseDeclaredOverLimit(node.profile));
  const rawBody = express.raw({ type: () => true, limit: node.profile.body.limitBytes });
  app.use((req, res, next) => {
    delete req.headers['content-encoding'];
    // Left unread: the Python pipeline answers 413 where the firmware reads it (declared-length.ts).
    if (res.locals.bodyOverLimit === true) next();
    else rawBody(req, res, next);
  });
  app.use('/_sim', controlRouter(node, o.control, o.fleet));
  // The two server families route differently (auth before vs after the lookup): one switch, here.
  app.use((req, res) =>
    node.profile.routing.auth === 'after-lookup' ? routePhosphorRest(req, res, node) : route(req, res, node),
  );
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.too.large') {
      sendError(res, node.profile, 'payload-too-large');
      return;
    }
    if (
      type === 'encoding.unsupported' ||
      type === 'charset.unsupported' ||
      type === 'request.aborted' ||
      type === 'request.size.invalid'
    ) {
      sendError(res, node.profile, 'bad-json');
      return;
    }
    o.logger.error(
      { node: node.index, err: error instanceof Error ? error.message : String(error) },
      'unhandled error',
    );
    if (!res.headersSent) res.status(500).setHeader('Content-Length', 0).end();
  });
  return app;
}

/** bmcweb's pipeline: authenticate unless allow-listed, then the face the path names. */
function route(req: Request, res: Response, node: SimNode): void {
  const { bmc, profile } = node;
  const { face, path } = classifyRequest(req.originalUrl, profile.routing.collapseSlashes);
  const open = isOnAllowlist(req.method, path, profile);
  const session = open ? undefined : authenticate(req, node);
  if (!open && !session) {
    sendError(res, profile, 'unauthorized', {}, wwwAuthenticate(req, profile));
    return;
  }
  if (face === 'redfish') {
    routeRedfish(req, res, node, path, session);
    return;
  }
  if (face === 'login' && req.method === 'POST') {
    handleLogin(req, res, bmc, profile);
    return;
  }
  if (!session) {
    // Allow-listed with a trailing slash (`POST /login/`), but no route takes it without a session.
    sendError(res, profile, 'unauthorized', {}, wwwAuthenticate(req, profile));
    return;
  }
  // /logout has no privilege of its own (login_routes.hpp registers it without .privileges()):
  // a ReadOnly account ends its session like any other.
  if (face === 'login' || face === 'logout') {
    if (face === 'logout' && req.method === 'POST') handleLogout(res, bmc, profile, session);
    else sendError(res, profile, 'verb-not-routed', {}, { Allow: 'POST' });
    return;
  }
  // The REST routes' PUT, POST and DELETE need the Operator or Administrator role (openbmc-rest.md 1.3).
  if (req.method !== 'GET' && bmc.roleOf(session.username) === 'ReadOnly') {
    sendError(res, profile, 'forbidden');
    return;
  }
  routeDbusRest(req, res, node, path);
}

/** bmcweb's D-Bus REST routes (include/openbmc_dbus_rest.hpp), or 404 where REST is compiled out. */
function routeDbusRest(req: Request, res: Response, node: SimNode, path: string): void {
  const { bmc, profile } = node;
  if (!profile.restEnabled) {
    sendError(res, profile, 'rest-disabled');
    return;
  }
  // bmcweb's bus introspection root (openbmc-rest.md 2.6).
  if (path === '/bus/' && req.method === 'GET') {
    sendJson(res, profile, 200, { busses: [{ name: 'system' }], status: 'ok' });
    return;
  }
  if (path === '/list/' && req.method === 'GET') {
    const listed = bmc.list('/');
    if (listed.ok) sendOk(res, profile, listed.value);
    return;
  }
  const roots = profile.routing.roots;
  const routed = roots === 'any' || roots.some((root) => path.startsWith(root) && path.length > root.length);
  if (routed) {
    handleDbusUrl(req, res, bmc, profile, path);
    return;
  }
  // `/` exists (the web UI) but takes only GET; anything else has no route at all.
  if (path === '/' && req.method !== 'GET') sendError(res, profile, 'verb-not-routed', {}, { Allow: 'GET' });
  else sendError(res, profile, 'no-route');
}

/** One line per answered request: method, path (no query: it may carry credentials), status, ms. */
function requestLog(node: SimNode, logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Path only: query strings and headers may carry credentials.
      const path = (req.originalUrl.split('?')[0] ?? '').slice(0, 512);
      logger.info(
        {
          node: node.index,
          method: req.method,
          path,
          status: res.statusCode,
          ms: Math.round(ms * 100) / 100,
        },
        'request',
      );
    });
    next();
  };
}
