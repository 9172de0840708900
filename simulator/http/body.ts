// Request bodies: parsed here, judged per profile by the routes.

import type { Request } from 'express';
import type { JsonValue } from '../../protocol/index.ts';

export type ParsedBody = { kind: 'none' } | { kind: 'invalid' } | { kind: 'json'; value: JsonValue };

export function parseBody(req: Request): ParsedBody {
  const raw: unknown = req.body;
  if (!Buffer.isBuffer(raw) || raw.length === 0) return { kind: 'none' };
  try {
    return { kind: 'json', value: JSON.parse(raw.toString('utf8')) as JsonValue };
  } catch {
    return { kind: 'invalid' };
  }
}

export const contentType = (req: Request): string => req.headers['content-type'] ?? '';

export const isObject = (v: JsonValue | undefined): v is Record<string, JsonValue> =>
  v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
