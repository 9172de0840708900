// A Redfish JSON body as it goes on the wire: serialized once, for the ETag and for the bytes.

import type { JsonValue } from '../../../protocol/index.ts';
import { serialize } from '../render.ts';

export interface RenderedBody {
  text: string;
  /** `"%08X"` of a hash of the text (bmcweb hashes the JSON with std::hash; any stable hash keeps the contract). */
  etag: string;
}

export const renderBody = (body: JsonValue): RenderedBody => {
  const text = serialize(body);
  return { text, etag: etagOfText(text) };
};

/** FNV-1a over the serialized body. */
export function etagOfText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `"${h.toString(16).toUpperCase().padStart(8, '0')}"`;
}
