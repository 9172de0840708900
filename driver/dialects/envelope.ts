// Reading the D-Bus REST envelope {"data","message","status"} (openbmc-rest.md 2.2, 2.5) strictly:
// anything else is a protocol error, never a guess.

export interface ParsedEnvelope {
  status: 'ok' | 'error';
  message: string;
  data: unknown;
}

export type EnvelopeResult = { ok: true; envelope: ParsedEnvelope } | { ok: false; reason: string };

export function parseEnvelope(body: string): EnvelopeResult {
  if (body.trim() === '') return { ok: false, reason: 'empty body' };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, reason: 'body is not a JSON object' };
  }
  const o = json as Record<string, unknown>;
  if ((o.status !== 'ok' && o.status !== 'error') || !('data' in o)) {
    return { ok: false, reason: 'body is not a D-Bus REST envelope' };
  }
  return {
    ok: true,
    envelope: { status: o.status, message: typeof o.message === 'string' ? o.message : '', data: o.data },
  };
}

/** The BMC's own words for an error answer, bounded (description, else message). */
export function errorDescription(body: string): string | undefined {
  const r = parseEnvelope(body);
  if (!r.ok) return undefined;
  const d = r.envelope.data;
  const description =
    typeof d === 'object' && d !== null && 'description' in d && typeof d.description === 'string'
      ? d.description
      : r.envelope.message;
  return description ? description.slice(0, 300) : undefined;
}

/** D-Bus booleans: JSON true/false, or 0/1 from the Python 2 servers (openbmc-rest.md 4.2, 8). */
export function readBool(v: unknown): boolean | undefined {
  if (v === true || v === 1) return true;
  if (v === false || v === 0) return false;
  return undefined;
}
