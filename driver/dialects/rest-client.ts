// What a dialect may ask of a logged-in BMC: the generic D-Bus REST verbs (openbmc-rest.md 2).
// The session implements it over the transport; dialects never see HTTP, undici or tokens.

import type { JsonValue } from '../../protocol/index.ts';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

/** One request as a dialect spells it. */
export interface RequestSpec {
  method: HttpMethod;
  path: string;
  body?: JsonValue;
  /** Headers of this request only (Redfish's If-Match); the session's own come from the caller. */
  headers?: Record<string, string>;
}

/** One answer, body fully read. Header names are lower case. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RestClient {
  /** GET an object: its `data` (property name -> value). */
  getObject(path: string, step: string): Promise<Record<string, unknown>>;
  /** GET `<path>/attr/<name>`: the property's value. */
  getAttr(path: string, name: string, step: string): Promise<unknown>;
  /** GET `<path>/enumerate`: object path -> properties. */
  enumerate(path: string, step: string): Promise<Record<string, Record<string, unknown>>>;
  /** PUT `<path>/attr/<name>` with `{"data": value}`. */
  putAttr(path: string, name: string, value: JsonValue, step: string): Promise<void>;
  /** POST `<path>/action/<method>` with `{"data": args}`; the answer's `data`. `readOnly` methods
   * (getPowerState) may be retried like reads. */
  call(
    path: string,
    method: string,
    args: JsonValue[],
    step: string,
    opts?: { readOnly?: boolean },
  ): Promise<unknown>;
}
