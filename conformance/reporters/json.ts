// The JSON report: the run summary with a schema version, so CI tooling can rely on its shape.
// Version 1: { schemaVersion, tool, startedAt, durationMs, counts, targets[] { name, api (rest or
// redfish: one entry per target and API), kind, describe, address?, dialect?, bootLayout?,
// redfishVersion?, durationMs, restored?, results[] { id, title, group,
// needs, status, durationMs, message?, note? }, interop?[] (Redfish units) { profile, version,
// gate (false: a built-in profile, for information), durationMs, counts { PASS, FAIL, WARN,
// NOT_TESTED }, findings[] { requirement, result, detail } } } }

import type { RunSummary } from '../results.ts';

export const JSON_SCHEMA_VERSION = 1;

export interface JsonReport extends RunSummary {
  schemaVersion: typeof JSON_SCHEMA_VERSION;
  tool: { name: 'openbmc-kit'; command: 'obmc conformance' };
}

export function toJsonReport(s: RunSummary): string {
  const report: JsonReport = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: 'openbmc-kit', command: 'obmc conformance' },
    ...s,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
