// The generic D-Bus REST verbs, following bmcweb's handleDBusUrl (openbmc-rest.md 2.1, 2.4):
// the path's parts come from request-classifier.ts (`/attr/` split at its first occurrence);
// `/action/` counts only on POST, `/enumerate` and `/list` suffixes on GET only, a trailing
// slash lists direct children.

import type { Request, Response } from 'express';
import type { Bmc } from '../model/bmc.ts';
import type { Profile } from '../profiles/profile.ts';
import { contentType, isObject, parseBody } from './body.ts';
import { situationOf } from './error-catalogue.ts';
import { sendError, sendOk } from './render.ts';
import { parseRestPath } from './request-classifier.ts';

export function handleDbusUrl(
  req: Request,
  res: Response,
  bmc: Bmc,
  profile: Profile,
  fullPath: string,
): void {
  const { objectPath, property, action, suffix } = parseRestPath(fullPath);
  const how = profile.routing.names;
  // bmcweb 2023+ checks the content type of REST writes by prefix (openbmc-rest.md 2.3).
  if (
    profile.body.contentType === 'prefix-json' &&
    (req.method === 'PUT' || req.method === 'POST') &&
    !contentType(req).startsWith('application/json')
  ) {
    sendError(res, profile, 'unsupported-media-type', { contentType: contentType(req) });
    return;
  }
  switch (req.method) {
    case 'POST': {
      if (!action) {
        sendError(res, profile, 'method-not-allowed');
        return;
      }
      handleAction(req, res, bmc, profile, action.path, action.method);
      return;
    }
    case 'GET': {
      if (suffix?.kind === 'enumerate') reply(res, profile, bmc.enumerate(suffix.path), 'list');
      else if (suffix?.kind === 'list') reply(res, profile, bmc.list(suffix.path), 'list');
      else if (suffix?.kind === 'directory') reply(res, profile, bmc.children(suffix.path), 'list');
      else if (property) reply(res, profile, bmc.getProperty(objectPath, property, how), 'get');
      else reply(res, profile, bmc.getObject(objectPath), 'get');
      return;
    }
    case 'PUT': {
      if (!property) {
        // bmcweb does not support whole-object PUT: "The specified resource cannot be created".
        sendError(res, profile, objectPath.endsWith('/') ? 'directory-put' : 'object-put', {
          path: objectPath,
        });
        return;
      }
      const body = parseBody(req);
      if (body.kind !== 'json') {
        sendError(res, profile, 'bad-json');
        return;
      }
      if (!isObject(body.value) || !('data' in body.value)) {
        sendError(res, profile, 'bad-request-format');
        return;
      }
      reply(res, profile, bmc.setProperty(objectPath, property, body.value.data ?? null, how), 'put');
      return;
    }
    case 'DELETE':
      // A path ending `/` is no object for the mapper: bmcweb answers 405 even for an existing
      // namespace (openbmc-rest.md 2.5: the 2020 suite expects `DELETE /xyz/openbmc_project/state/` 405).
      if (objectPath.endsWith('/')) {
        sendError(res, profile, 'delete-not-found', { path: objectPath });
        return;
      }
      reply(res, profile, bmc.delete(objectPath), 'delete');
      return;
    default:
      sendError(res, profile, 'verb-not-routed');
  }
}

function handleAction(
  req: Request,
  res: Response,
  bmc: Bmc,
  profile: Profile,
  path: string,
  method: string,
): void {
  const body = parseBody(req);
  if (body.kind !== 'json') {
    sendError(res, profile, 'bad-json');
    return;
  }
  if (!isObject(body.value) || !Array.isArray(body.value.data)) {
    sendError(res, profile, 'bad-action-format');
    return;
  }
  reply(res, profile, bmc.invoke(path, method, body.value.data, profile.routing.names), 'action');
}

type Outcome = ReturnType<Bmc['getObject']> | ReturnType<Bmc['getProperty']> | ReturnType<Bmc['list']>;

function reply(
  res: Response,
  profile: Profile,
  result: Outcome | ReturnType<Bmc['setProperty']> | ReturnType<Bmc['enumerate']>,
  verb: 'get' | 'put' | 'action' | 'delete' | 'list',
): void {
  if (result.ok) {
    sendOk(res, profile, result.value);
    return;
  }
  const { situation, vars } = situationOf(result.error, verb);
  sendError(res, profile, situation, vars);
}
