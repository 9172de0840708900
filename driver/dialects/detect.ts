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
