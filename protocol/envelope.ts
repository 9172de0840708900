// The D-Bus REST JSON envelope (openbmc-rest.md 2.2). Types only.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface SuccessEnvelope<T extends JsonValue = JsonValue> {
  data: T;
  message: '200 OK';
  status: 'ok';
}

export interface ErrorEnvelope {
  data: { description: string; exception?: string; traceback?: string[] };
  message: string;
  status: 'error';
}

export type Envelope<T extends JsonValue = JsonValue> = SuccessEnvelope<T> | ErrorEnvelope;

/** bmcweb's token login answer (openbmc-rest.md 1.2). */
export interface TokenLoginBody {
  token: string;
}
