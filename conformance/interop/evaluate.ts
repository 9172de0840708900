// A Redfish interop-profile evaluator (DMTF DSP0272 profiles), reporting per requirement as
// DMTF's Redfish-Interop-Validator does (redfish.md 3, its interop.py): resources found by
// walking the service from its root and grouped by their @odata.type; ReadRequirement
// (Mandatory by default, Recommended -> WARN when absent, IfImplemented -> NOT_TESTED),
// MinVersion against the schema version, MinCount, Comparison/Values, MinSupportValues checked
// only against `<Prop>@Redfish.AllowableValues` in the payload (absent => FAIL, as the DMTF tool),
// WriteRequirement judged only where the service says it allows PATCH (Allow header) and lists
// the property in @Redfish.WriteableProperties (else NOT_TESTED), and the actions' parameter
// values against the inline AllowableValues or the ActionInfo.

import { odataId, REDFISH_ROOT } from '../../driver/dialects/detect.ts';

export type InteropResult = 'PASS' | 'FAIL' | 'WARN' | 'NOT_TESTED';

export interface InteropFinding {
  /** Resource type and the property path, e.g. ComputerSystem Boot.BootSourceOverrideEnabled. */
  requirement: string;
  result: InteropResult;
  detail: string;
}

export interface InteropReport {
  profile: string;
  version: string;
  counts: Record<InteropResult, number>;
  findings: InteropFinding[];
}

/** What the evaluator needs of the service: a GET (with credentials) answering status, headers, JSON. */
export type RedfishGet = (
  path: string,
) => Promise<{ status: number; headers: Record<string, string | string[] | undefined>; json: unknown }>;

interface Requirement {
  ReadRequirement?: string;
  WriteRequirement?: string;
  MinVersion?: string;
  MinCount?: number;
  MinSupportValues?: string[];
  Comparison?: string;
  Values?: unknown[];
  PropertyRequirements?: Record<string, Requirement>;
  ActionRequirements?: Record<
    string,
    { ReadRequirement?: string; Parameters?: Record<string, ParameterRequirement> }
  >;
}

interface ParameterRequirement {
  ReadRequirement?: string;
  ParameterValues?: string[];
  RecommendedValues?: string[];
}

export interface InteropProfile {
  ProfileName: string;
  ProfileVersion: string;
  Protocol?: { MinVersion?: string };
  Resources: Record<string, Requirement>;
}

/** A profile document, checked for the fields the evaluator reads. */
export function parseProfile(text: string, source: string): InteropProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source}: not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const p = json as Partial<InteropProfile>;
  if (
    typeof p !== 'object' ||
    p === null ||
    typeof p.ProfileName !== 'string' ||
    typeof p.Resources !== 'object'
  ) {
    throw new Error(`${source}: not a Redfish interop profile (needs ProfileName and Resources)`);
  }
  return { ...p, ProfileVersion: String(p.ProfileVersion ?? '') } as InteropProfile;
}

/** Resources the walk never enters: schema files, registries, logs and the like are large and no profile here needs them. */
const SKIP =
  /\/(JsonSchemas|Registries|LogServices|Tasks|TaskService\/Tasks|Sessions|Certificates|\$metadata|odata)(\/|$)/;
const MAX_RESOURCES = 80;

interface Found {
  path: string;
  json: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

/** Walks the service breadth-first from the root, following every @odata.id, within a bound. */
export async function crawl(get: RedfishGet): Promise<Map<string, Found[]>> {
  const byType = new Map<string, Found[]>();
  const seen = new Set<string>();
  const queue = [REDFISH_ROOT.replace(/\/$/, '')];
  while (queue.length > 0 && seen.size < MAX_RESOURCES) {
    const path = queue.shift() as string;
    if (seen.has(path)) continue;
    seen.add(path);
    const a = await get(path);
    if (a.status !== 200 || typeof a.json !== 'object' || a.json === null) continue;
    const json = a.json as Record<string, unknown>;
    const type = typeName(json['@odata.type']);
    if (type) byType.set(type, [...(byType.get(type) ?? []), { path, json, headers: a.headers }]);
    for (const link of links(json)) if (!seen.has(link) && !SKIP.test(link)) queue.push(link);
  }
  return byType;
}

function links(v: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 6 || typeof v !== 'object' || v === null) return out;
  if (Array.isArray(v)) {
    for (const x of v) links(x, out, depth + 1);
    return out;
  }
  for (const [k, x] of Object.entries(v)) {
    if (
      k === '@odata.id' &&
      depth > 0 &&
      typeof x === 'string' &&
      x.startsWith('/redfish/v1/') &&
      !x.includes('#')
    )
      out.push(x.replace(/\/$/, ''));
    else if (k !== 'Actions') links(x, out, depth + 1);
  }
  return out;
}

/** #ComputerSystem.v1_22_0.ComputerSystem -> ComputerSystem. */
export function typeName(t: unknown): string | undefined {
  if (typeof t !== 'string') return undefined;
  const parts = t.replace(/^#/, '').split('.');
  return parts.at(-1);
}

function schemaVersion(t: unknown): number[] | undefined {
  const m = typeof t === 'string' ? /\.v(\d+)_(\d+)_(\d+)\./.exec(t) : null;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function atLeast(have: number[], want: string): boolean {
  const w = want.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const a = have[i] ?? 0;
    const b = w[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/** Evaluates a profile against a walked service. */
export async function evaluateProfile(profile: InteropProfile, get: RedfishGet): Promise<InteropReport> {
  const found = await crawl(get);
  const findings: InteropFinding[] = [];
  const add = (requirement: string, result: InteropResult, detail: string) =>
    findings.push({ requirement, result, detail });

  const root = found.get('ServiceRoot')?.[0];
  if (profile.Protocol?.MinVersion && root) {
    const v = String(root.json.RedfishVersion ?? '0.0.0')
      .split('.')
      .map(Number);
    add(
      'Protocol MinVersion',
      atLeast(v, profile.Protocol.MinVersion) ? 'PASS' : 'FAIL',
      `RedfishVersion ${String(root.json.RedfishVersion)}, profile wants ${profile.Protocol.MinVersion}`,
    );
  }

  for (const [type, req] of Object.entries(profile.Resources)) {
    const level = req.ReadRequirement ?? 'Mandatory';
    const instances = found.get(type) ?? [];
    if (instances.length === 0) {
      add(type, absentResult(level), `no ${type} resource found from the service root (${level})`);
      continue;
    }
    for (const r of instances) {
      const label = instances.length > 1 ? `${type} ${r.path}` : type;
      if (req.MinVersion) {
        const v = schemaVersion(r.json['@odata.type']);
        add(
          `${label} MinVersion`,
          v && atLeast(v, req.MinVersion) ? 'PASS' : 'FAIL',
          `${String(r.json['@odata.type'])}, profile wants ${req.MinVersion}`,
        );
      }
      checkProperties(label, r, r.json, req.PropertyRequirements ?? {}, '', add);
      for (const [action, areq] of Object.entries(req.ActionRequirements ?? {}))
        await checkAction(label, r, action, areq, get, add);
    }
  }
  const counts: Record<InteropResult, number> = { PASS: 0, FAIL: 0, WARN: 0, NOT_TESTED: 0 };
  for (const f of findings) counts[f.result] += 1;
  return { profile: profile.ProfileName, version: profile.ProfileVersion, counts, findings };
}

function absentResult(level: string): InteropResult {
  if (level === 'Mandatory' || level === 'Supported') return 'FAIL';
  if (level === 'Recommended') return 'WARN';
  return 'NOT_TESTED';
}

function checkProperties(
  label: string,
  r: Found,
  obj: Record<string, unknown>,
  reqs: Record<string, Requirement>,
  prefix: string,
  add: (requirement: string, result: InteropResult, detail: string) => void,
): void {
  for (const [name, req] of Object.entries(reqs)) {
    const path = `${prefix}${name}`;
    const where = `${label} ${path}`;
    const level = req.ReadRequirement ?? 'Mandatory';
    const value = obj[name];
    if (value === undefined) {
      add(where, absentResult(level), `not present (${level})`);
      continue;
    }
    const problems: string[] = [];
    if (req.MinCount !== undefined) {
      const n = Array.isArray(value) ? value.length : 0;
      if (n < req.MinCount) problems.push(`${n} members, profile wants at least ${req.MinCount}`);
    }
    if (req.Comparison && req.Values && req.Comparison !== 'LinkToResource') {
      const ok =
        req.Comparison === 'AnyOf' || req.Comparison === 'Equal'
          ? req.Values.includes(value)
          : req.Comparison === 'NoneOf'
            ? !req.Values.includes(value)
            : true;
      if (!ok)
        problems.push(`${JSON.stringify(value)} is not ${req.Comparison} ${JSON.stringify(req.Values)}`);
    }
    if (req.Comparison === 'LinkToResource' && !odataId(value)) problems.push('not a link');
    if (req.MinSupportValues) {
      const allowed = obj[`${name}@Redfish.AllowableValues`];
      if (!Array.isArray(allowed)) {
        problems.push(
          `no ${name}@Redfish.AllowableValues to show ${req.MinSupportValues.join(', ')} are supported`,
        );
      } else {
        const missing = req.MinSupportValues.filter((v) => !allowed.includes(v));
        if (missing.length) problems.push(`AllowableValues lack ${missing.join(', ')}`);
      }
    }
    add(where, problems.length ? 'FAIL' : 'PASS', problems.join('; ') || 'present');
    // @Redfish.WriteableProperties names the resource's top-level properties (Boot, not its members).
    if (req.WriteRequirement)
      add(`${where} (write)`, ...writeResult(r, path.split('.')[0] ?? name, req.WriteRequirement));
    if (req.PropertyRequirements) {
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        if (typeof item === 'object' && item !== null)
          checkProperties(
            label,
            r,
            item as Record<string, unknown>,
            req.PropertyRequirements,
            `${path}.`,
            add,
          );
      }
    }
  }
}

/** DMTF's rule: writability is known only from Allow (PATCH) and @Redfish.WriteableProperties. */
function writeResult(r: Found, name: string, level: string): [InteropResult, string] {
  const allowRaw = r.headers.allow;
  const allow = Array.isArray(allowRaw) ? allowRaw.join(',') : allowRaw;
  const writeable = r.json['@Redfish.WriteableProperties'];
  if (allow === undefined || !Array.isArray(writeable))
    return ['NOT_TESTED', `no Allow header and @Redfish.WriteableProperties to tell (${level})`];
  if (!/\bPATCH\b/i.test(allow))
    return [level === 'Mandatory' ? 'FAIL' : 'WARN', `Allow (${allow}) has no PATCH`];
  return writeable.includes(name)
    ? ['PASS', 'PATCH allowed and the property is listed writeable']
    : [level === 'Mandatory' ? 'FAIL' : 'WARN', 'not in @Redfish.WriteableProperties'];
}

async function checkAction(
  label: string,
  r: Found,
  action: string,
  req: { ReadRequirement?: string; Parameters?: Record<string, ParameterRequirement> },
  get: RedfishGet,
  add: (requirement: string, result: InteropResult, detail: string) => void,
): Promise<void> {
  const actions = r.json.Actions as Record<string, Record<string, unknown>> | undefined;
  const key = Object.keys(actions ?? {}).find((k) => k.endsWith(`.${action}`));
  const a = key ? actions?.[key] : undefined;
  const where = `${label} Actions.${action}`;
  if (!a) {
    add(where, absentResult(req.ReadRequirement ?? 'Mandatory'), 'the action is not offered');
    return;
  }
  add(where, 'PASS', `target ${String(a.target)}`);
  for (const [param, preq] of Object.entries(req.Parameters ?? {})) {
    let allowed: unknown = a[`${param}@Redfish.AllowableValues`];
    if (!Array.isArray(allowed) && typeof a['@Redfish.ActionInfo'] === 'string') {
      const info = await get(a['@Redfish.ActionInfo']);
      const params = (info.json as { Parameters?: Record<string, unknown>[] } | null)?.Parameters ?? [];
      allowed = params.find((p) => p.Name === param)?.AllowableValues;
    }
    const pwhere = `${where} ${param}`;
    if (!Array.isArray(allowed)) {
      add(pwhere, 'NOT_TESTED', 'neither inline AllowableValues nor an ActionInfo lists the values');
      continue;
    }
    const missing = (preq.ParameterValues ?? []).filter((v) => !allowed.includes(v));
    add(
      pwhere,
      missing.length ? 'FAIL' : 'PASS',
      missing.length ? `lacks ${missing.join(', ')}` : `lists ${(preq.ParameterValues ?? []).join(', ')}`,
    );
    const lacking = (preq.RecommendedValues ?? []).filter((v) => !allowed.includes(v));
    if (preq.RecommendedValues?.length)
      add(
        `${pwhere} (recommended)`,
        lacking.length ? 'WARN' : 'PASS',
        lacking.length ? `lacks ${lacking.join(', ')}` : 'all listed',
      );
  }
}
