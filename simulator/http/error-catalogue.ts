// Maps a model error to the profile's error situation and the values its text mentions.

import type { ModelError } from '../model/model-error.ts';
import { pythonRepr } from '../model/python-repr.ts';
import type { ErrorSituation } from '../profiles/profile.ts';
import type { TemplateVars } from './render.ts';

export function situationOf(
  e: ModelError,
  verb: 'get' | 'put' | 'action' | 'delete' | 'list',
): {
  situation: Exclude<ErrorSituation, 'forbidden'>;
  vars: TemplateVars;
} {
  switch (e.kind) {
    case 'path-not-found':
      return { situation: verb === 'delete' ? 'delete-not-found' : 'path-not-found', vars: { path: e.path } };
    case 'property-not-found':
      return { situation: 'property-not-found', vars: { path: e.path, property: e.property } };
    case 'property-not-creatable':
      return { situation: 'property-not-creatable', vars: { path: e.path, property: e.property } };
    case 'path-not-creatable':
      return { situation: 'path-not-creatable', vars: { path: e.path, property: e.property } };
    case 'read-only':
      return { situation: 'read-only', vars: { path: e.path, property: e.property } };
    case 'invalid-enum':
      return { situation: 'invalid-enum', vars: { path: e.path, property: e.property, value: e.value } };
    case 'type-mismatch':
      return {
        situation: 'type-mismatch',
        vars: { path: e.path, property: e.property, signature: e.signature },
      };
    case 'out-of-range':
      return {
        situation: 'out-of-range',
        vars: { path: e.path, property: e.property, signature: e.signature },
      };
    case 'method-not-found':
      return { situation: 'method-not-found', vars: { path: e.path, method: e.method } };
    case 'method-args':
      return { situation: 'method-args', vars: { path: e.path, method: e.method } };
    case 'method-arg-type':
      return { situation: 'method-arg-type', vars: { path: e.path, method: e.method } };
    case 'delete-not-supported':
      return { situation: 'delete-not-supported', vars: { path: e.path } };
    case 'dbus-error':
      return {
        situation: verb === 'action' ? 'action-dbus-error' : 'dbus-error',
        // dbusRepr: repr() of the message, as a Python server's 500 shows the DBusException.
        vars: { name: e.name, dbusMessage: e.message, dbusRepr: pythonRepr(e.message) },
      };
  }
}
