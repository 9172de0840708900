// Which server family answers, told from one unauthenticated GET and no login attempt (a login
// in the wrong form could count against the account): the Python REST server looks the path up
// before it checks auth and answers JSON (401 "Login required" for a path it has, 404 for the
// /xyz tree the 2016 skeleton firmware lacks); bmcweb checks auth first and answers 401 with an
// empty body (openbmc-rest.md 1.6).

import { ObjectPath, RestRoute } from '../../protocol/index.ts';
import type { AuthFlavor } from './auth.ts';
import { parseEnvelope } from './envelope.ts';
import type { HttpAnswer, RequestSpec } from './rest-client.ts';

export type DialectName = 'bmcweb' | 'phosphor-rest' | 'legacy';

export interface Dialect {
  name: DialectName;
  auth: AuthFlavor;
  objectModel: 'xyz' | 'org-openbmc';
}

export const DIALECTS: Record<DialectName, Dialect> = {
  bmcweb: { name: 'bmcweb', auth: 'bmcweb', objectModel: 'xyz' },
  'phosphor-rest': { name: 'phosphor-rest', auth: 'phosphor', objectModel: 'xyz' },
  legacy: { name: 'legacy', auth: 'phosphor', objectModel: 'org-openbmc' },
};

export const probeRequest: RequestSpec = { method: 'GET', path: ObjectPath.host };

/** After login on bmcweb: 200 if the REST API is on, 404 with an empty body if the build has it off. */
export const restCheckRequest: RequestSpec = {
  method: 'GET',
  path: `${ObjectPath.host}${RestRoute.attr}CurrentHostState`,
};

export type ProbeResult = { ok: true; dialect: Dialect } | { ok: false; reason: string };

export function classifyProbe(a: HttpAnswer): ProbeResult {
  const env = parseEnvelope(a.body);
  if (a.status === 401 && !env.ok) return { ok: true, dialect: DIALECTS.bmcweb };
  if (a.status === 401 && env.ok && env.envelope.status === 'error') {
    return { ok: true, dialect: DIALECTS['phosphor-rest'] };
  }
  if (a.status === 404 && env.ok && env.envelope.status === 'error')
    return { ok: true, dialect: DIALECTS.legacy };
  return {
    ok: false,
    reason: `GET ${probeRequest.path} without a session answered HTTP ${a.status}${env.ok ? '' : ` (${env.reason})`}, which no OpenBMC REST server does`,
  };
}

// Redfish: the service root answers without credentials on every bmcweb (its allow-list,
// redfish.md 2.1) and sushy reads it before any auth (1.1), so asking costs no login. It counts
// as served only when it names a Systems collection; the sessions collection is Links.Sessions,
// else <root>/SessionService/Sessions as sushy falls back.

export const REDFISH_ROOT = '/redfish/v1/';

export const redfishProbeRequest: RequestSpec = {
  method: 'GET',
  path: REDFISH_ROOT,
  headers: { 'odata-version': '4.0' },
};

/** What the service root says, kept per address. */
export interface RedfishRoot {
  version: string | null;
  systems: string;
  sessions: string;
  chassis: string | null;
  managers: string | null;
  /** ProtocolFeaturesSupported.ExpandQuery says $expand works (bmcweb: only with its insecure query option). */
  expand: boolean;
}

export type RedfishProbeResult = { ok: true; root: RedfishRoot } | { ok: false; reason: string };

export function classifyRedfishRoot(a: HttpAnswer): RedfishProbeResult {
  if (a.status !== 200) return { ok: false, reason: `GET ${REDFISH_ROOT} answered HTTP ${a.status}` };
  let json: unknown;
  try {
    json = JSON.parse(a.body);
  } catch {
    return { ok: false, reason: `GET ${REDFISH_ROOT} answered a body that is not JSON` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, reason: `GET ${REDFISH_ROOT} answered no JSON object` };
  const root = json as Record<string, unknown>;
  const systems = odataId(root.Systems);
  if (!systems) return { ok: false, reason: 'the Redfish service root links no Systems collection' };
  const links = root.Links;
  const sessions =
    (typeof links === 'object' && links !== null
      ? odataId((links as Record<string, unknown>).Sessions)
      : null) ?? `${REDFISH_ROOT}SessionService/Sessions`;
  return {
    ok: true,
    root: {
      version: typeof root.RedfishVersion === 'string' ? root.RedfishVersion : null,
      systems,
      sessions,
      chassis: odataId(root.Chassis),
      managers: odataId(root.Managers),
      expand: expandSupported(root.ProtocolFeaturesSupported),
    },
  };
}

/** A link's `@odata.id`, or null. */
export function odataId(v: unknown): string | null {
  if (typeof v !== 'object' || v === null) return null;
  const id = (v as Record<string, unknown>)['@odata.id'];
  return typeof id === 'string' && id.startsWith('/') ? id : null;
}

function expandSupported(features: unknown): boolean {
  if (typeof features !== 'object' || features === null) return false;
  const e = (features as Record<string, unknown>).ExpandQuery;
  if (typeof e !== 'object' || e === null) return false;
  const q = e as Record<string, unknown>;
  return q.ExpandAll === true || q.Levels === true;
}
