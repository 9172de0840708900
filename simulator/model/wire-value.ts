// Values as the firmware writes them on the wire. A D-Bus double that happens to be whole is
// still a double: Python's json and nlohmann both print 127.0, where JSON.stringify prints 127.

import type { JsonValue } from '../../protocol/index.ts';
import type { Signature } from './dbus-types.ts';

export class WireDouble {
  readonly value: number;

  constructor(value: number) {
    this.value = value;
  }

  /** `127.0`, as repr() and nlohmann print a whole double. */
  text(): string {
    return Number.isInteger(this.value) && Math.abs(this.value) < 1e16
      ? `${this.value}.0`
      : String(this.value);
  }
}

export type WireValue = JsonValue | WireDouble | WireValue[] | { [key: string]: WireValue };

export function toWire(value: JsonValue, signature: Signature): WireValue {
  return signature === 'd' && typeof value === 'number' && Number.isInteger(value)
    ? new WireDouble(value)
    : value;
}

/** Back to plain JSON (for our own control API, which needs no firmware spelling). */
export function toPlain(value: WireValue): JsonValue {
  if (value instanceof WireDouble) return value.value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}
