// What went wrong, in model terms. No HTTP status here: each profile's error catalogue
// (../http/error-catalogue.ts) maps a kind to the answer its firmware gave.

export type ModelError =
  | { kind: 'path-not-found'; path: string }
  | { kind: 'property-not-found'; path: string; property: string }
  /** PUT of a property the object does not have. */
  | { kind: 'property-not-creatable'; path: string; property: string }
  /** PUT of a property on a path that does not exist. */
  | { kind: 'path-not-creatable'; path: string; property: string }
  | { kind: 'read-only'; path: string; property: string }
  | { kind: 'invalid-enum'; path: string; property: string; value: string }
  | { kind: 'type-mismatch'; path: string; property: string; signature: string }
  | { kind: 'out-of-range'; path: string; property: string; signature: string }
  | { kind: 'method-not-found'; path: string; method: string }
  | { kind: 'method-args'; path: string; method: string }
  | { kind: 'method-arg-type'; path: string; method: string }
  | { kind: 'delete-not-supported'; path: string }
  /** A D-Bus error raised by the service behind the object (e.g. BMCNotReady). */
  | { kind: 'dbus-error'; name: string; message: string };

export type ModelErrorKind = ModelError['kind'];
