// Which face a request is for, and what a D-Bus REST path names. Every pipeline (bmcweb's D-Bus
// REST, the Python server, Redfish) classifies with these two functions; each then applies its
// own firmware's order of checks (openbmc-rest.md 1.6, 2.1).

import { RestRoute } from '../../protocol/index.ts';

export type Face = 'login' | 'logout' | 'redfish' | 'dbus-rest';

export interface Classified {
  face: Face;
  /** The path without the query string (`//` collapsed where the firmware does). */
  path: string;
}

/** bmcweb routes `/redfish` and everything under it to the Redfish tree (redfish_v1.hpp). */
export const isRedfishPath = (path: string): boolean => path === '/redfish' || path.startsWith('/redfish/');

export function classifyRequest(url: string, collapseSlashes: boolean): Classified {
  let path = url.split('?')[0] ?? '/';
  if (collapseSlashes) path = path.replace(/\/{2,}/g, '/');
  if (path === RestRoute.login) return { face: 'login', path };
  if (path === RestRoute.logout) return { face: 'logout', path };
  if (isRedfishPath(path)) return { face: 'redfish', path };
  return { face: 'dbus-rest', path };
}

/** The parts of a D-Bus REST path, each found the way both servers find it. */
export interface RestPath {
  /** The path before the first `/attr/` (the whole path when there is none). */
  objectPath: string;
  /** What follows the first `/attr/`. */
  property: string | undefined;
  /** `objectPath` split at its first `/action/`. */
  action: { path: string; method: string } | undefined;
  /** What `objectPath` ends in: `/enumerate`, `/list`, `/`, or nothing special. */
  suffix: { kind: 'enumerate' | 'list' | 'directory'; path: string } | undefined;
}

const ENUMERATE = RestRoute.enumerate;
const LIST = RestRoute.list;

export function parseRestPath(path: string): RestPath {
  const attrAt = path.indexOf(RestRoute.attr);
  const objectPath = attrAt >= 0 ? path.slice(0, attrAt) || '/' : path;
  const property = attrAt >= 0 ? path.slice(attrAt + RestRoute.attr.length) : undefined;
  const actionAt = objectPath.indexOf(RestRoute.action);
  const action =
    actionAt >= 0
      ? {
          path: objectPath.slice(0, actionAt) || '/',
          method: objectPath.slice(actionAt + RestRoute.action.length),
        }
      : undefined;
  let suffix: RestPath['suffix'];
  if (objectPath === ENUMERATE || objectPath.endsWith(ENUMERATE))
    suffix = { kind: 'enumerate', path: objectPath.slice(0, -ENUMERATE.length) || '/' };
  else if (objectPath === LIST || objectPath.endsWith(LIST))
    suffix = { kind: 'list', path: objectPath.slice(0, -LIST.length) || '/' };
  else if (objectPath.endsWith('/'))
    suffix = { kind: 'directory', path: objectPath === '/' ? '/' : objectPath.slice(0, -1) };
  return { objectPath, property, action, suffix };
}
