// The Redfish face of a bmcweb BMC (redfish-core/lib/*.hpp): authentication has already run in
// app.ts (one session store for every face); this serves the Redfish tree from the same model.

import type { Request, Response } from 'express';
import { RedfishPath } from '../../../protocol/index.ts';
import type { Session } from '../../model/sessions.ts';
import type { SimNode } from '../../node.ts';
import { sendError, sendJson } from '../render.ts';

const serviceRoot = (uuid: string) => ({
  '@odata.id': RedfishPath.root,
  '@odata.type': '#ServiceRoot.v1_5_0',
  Id: 'RootService',
  Name: 'Root Service',
  RedfishVersion: '1.9.0',
  UUID: uuid,
});

export function routeRedfish(
  req: Request,
  res: Response,
  node: SimNode,
  path: string,
  _session: Session | undefined,
): void {
  const { bmc, profile } = node;
  if (!profile.redfish) {
    sendError(res, profile, 'no-route');
    return;
  }
  if (req.method === 'GET' && (path === RedfishPath.root || path === `${RedfishPath.root}/`)) {
    const uuid = bmc.tree.get('/xyz/openbmc_project/inventory/system/chassis/motherboard', 'UUID');
    sendJson(res, profile, 200, serviceRoot(typeof uuid === 'string' ? uuid : ''));
    return;
  }
  if (req.method === 'GET' && path === RedfishPath.entry) {
    sendJson(res, profile, 200, { v1: '/redfish/v1/' });
    return;
  }
  sendError(res, profile, profile.restEnabled ? 'no-route' : 'rest-disabled');
}
