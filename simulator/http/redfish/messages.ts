// bmcweb's Base registry messages and its error envelope (redfish.md 2.3). Two text columns: the
// hand-written error_messages.cpp of 2019-2021 (dd118a2e, 638e239e) and the generated
// registry texts of 2022+ (registries/base_message_registry.hpp, Base.1.18.1 at 9dae4dee; the
// same wording in Base.1.19 at HEAD). `%1`, `%2` are the message arguments.

import type { JsonValue } from '../../../protocol/index.ts';
import type { RedfishRules } from '../../profiles/redfish-eras.ts';

export type MessageKey =
  | 'Success'
  | 'GeneralError'
  | 'PropertyUnknown'
  | 'PropertyValueNotInList'
  | 'PropertyValueTypeError'
  | 'PropertyMissing'
  | 'PropertyNotWritable'
  | 'PropertyValueIncorrect'
  | 'ActionParameterUnknown'
  | 'ActionParameterMissing'
  | 'ActionParameterNotSupported'
  | 'ResourceNotFound'
  | 'ResourceAtUriUnauthorized'
  | 'ResourceCannotBeDeleted'
  | 'InsufficientPrivilege'
  | 'PreconditionFailed'
  | 'MalformedJSON'
  | 'EmptyJSON'
  | 'NoOperation'
  | 'UnrecognizedRequestBody'
  | 'OperationNotAllowed'
  | 'QueryParameterValueFormatError'
  | 'QueryParameterOutOfRange'
  | 'QueryNotSupportedOnResource'
  | 'QueryCombinationInvalid'
  | 'ServiceTemporarilyUnavailable'
  | 'InternalError'
  | 'PropertyValueModified';

interface Text {
  message: string;
  resolution: string;
}

interface BaseMessage {
  severity: 'OK' | 'Warning' | 'Critical';
  handwritten: Text;
  registry: Text;
  /** HTTP status the emitting function sets, by text generation (it moved with the generator). */
  status: { handwritten: number; registry: number } | number;
  /** A property-level message: goes to `<Prop>@Message.ExtendedInfo` where the era puts them. */
  property?: true;
}

const same = (message: string, resolution: string): Pick<BaseMessage, 'handwritten' | 'registry'> => ({
  handwritten: { message, resolution },
  registry: { message, resolution },
});

export const BASE_MESSAGES: Record<MessageKey, BaseMessage> = {
  Success: {
    severity: 'OK',
    handwritten: { message: 'Successfully Completed Request', resolution: 'None' },
    registry: { message: 'The request completed successfully.', resolution: 'None.' },
    status: 200,
  },
  GeneralError: {
    severity: 'Critical',
    handwritten: {
      message: 'A general error has occurred. See Resolution for information on how to resolve the error.',
      resolution: 'None.',
    },
    registry: {
      message:
        'A general error has occurred.  See Resolution for information on how to resolve the error, or @Message.ExtendedInfo if Resolution is not provided.',
      resolution: 'None.',
    },
    status: 500,
  },
  PropertyUnknown: {
    severity: 'Warning',
    ...same(
      'The property %1 is not in the list of valid properties for the resource.',
      'Remove the unknown property from the request body and resubmit the request if the operation failed.',
    ),
    status: 400,
    property: true,
  },
  PropertyValueNotInList: {
    severity: 'Warning',
    handwritten: {
      message: 'The value %1 for the property %2 is not in the list of acceptable values.',
      resolution:
        'Choose a value from the enumeration list that the implementation can support and resubmit the request if the operation failed.',
    },
    registry: {
      message: "The value '%1' for the property %2 is not in the list of acceptable values.",
      resolution:
        'Choose a value from the enumeration list that the implementation can support and resubmit the request if the operation failed.',
    },
    status: 400,
    property: true,
  },
  PropertyValueTypeError: {
    severity: 'Warning',
    handwritten: {
      message: 'The value %1 for the property %2 is of a different type than the property can accept.',
      resolution:
        'Correct the value for the property in the request body and resubmit the request if the operation failed.',
    },
    registry: {
      message: "The value '%1' for the property %2 is not a type that the property can accept.",
      resolution:
        'Correct the value for the property in the request body and resubmit the request if the operation failed.',
    },
    status: 400,
    property: true,
  },
  PropertyMissing: {
    severity: 'Warning',
    ...same(
      'The property %1 is a required property and must be included in the request.',
      'Ensure that the property is in the request body and has a valid value and resubmit the request if the operation failed.',
    ),
    status: 400,
    property: true,
  },
  PropertyNotWritable: {
    severity: 'Warning',
    handwritten: {
      message: 'The property %1 is a read only property and cannot be assigned a value.',
      resolution:
        'Remove the property from the request body and resubmit the request if the operation failed.',
    },
    registry: {
      message: 'The property %1 is a read-only property and cannot be assigned a value.',
      resolution:
        'Remove the property from the request body and resubmit the request if the operation failed.',
    },
    status: 403,
    property: true,
  },
  PropertyValueIncorrect: {
    severity: 'Warning',
    handwritten: {
      message:
        "The property '%1' with the requested value of '%2' could not be written because the value does not meet the constraints of the implementation.",
      resolution: 'No resolution is required.',
    },
    registry: {
      message:
        "The property '%1' with the requested value of '%2' could not be written because the value does not meet the constraints of the implementation.",
      resolution: 'None.',
    },
    status: 400,
  },
  ActionParameterUnknown: {
    severity: 'Warning',
    handwritten: {
      message: 'The action %1 was submitted with the invalid parameter %2.',
      resolution: 'Correct the invalid parameter and resubmit the request if the operation failed.',
    },
    registry: {
      message: 'The action %1 was submitted with the invalid parameter %2.',
      resolution: 'Correct the invalid action parameter and resubmit the request if the operation failed.',
    },
    status: 400,
  },
  ActionParameterMissing: {
    severity: 'Critical',
    ...same(
      'The action %1 requires the parameter %2 to be present in the request body.',
      'Supply the action with the required parameter in the request body when the request is resubmitted.',
    ),
    status: 400,
  },
  ActionParameterNotSupported: {
    severity: 'Warning',
    ...same(
      'The parameter %1 for the action %2 is not supported on the target resource.',
      'Remove the parameter supplied and resubmit the request if the operation failed.',
    ),
    status: 400,
  },
  ResourceNotFound: {
    severity: 'Critical',
    handwritten: {
      message: 'The requested resource of type %1 named %2 was not found.',
      resolution: 'Provide a valid resource identifier and resubmit the request.',
    },
    registry: {
      message: "The requested resource of type %1 named '%2' was not found.",
      resolution: 'Provide a valid resource identifier and resubmit the request.',
    },
    status: 404,
  },
  ResourceAtUriUnauthorized: {
    severity: 'Critical',
    handwritten: {
      message: 'While accessing the resource at %1, the service received an authorization error %2.',
      resolution:
        'Ensure that the appropriate access is provided for the service in order for it to access the URI.',
    },
    registry: {
      message: "While accessing the resource at '%1', the service received an authorization error '%2'.",
      resolution:
        'Ensure that the appropriate access is provided for the service in order for it to access the URI.',
    },
    // 2019 answered 403 (dd118a2e); 401 by 2021.
    status: 401,
  },
  ResourceCannotBeDeleted: {
    severity: 'Critical',
    ...same(
      'The delete request failed because the resource requested cannot be deleted.',
      'Do not attempt to delete a non-deletable resource.',
    ),
    status: { handwritten: 403, registry: 405 },
  },
  InsufficientPrivilege: {
    severity: 'Critical',
    ...same(
      'There are insufficient privileges for the account or credentials associated with the current session to perform the requested operation.',
      'Either abandon the operation or change the associated access rights and resubmit the request if the operation failed.',
    ),
    status: 403,
  },
  PreconditionFailed: {
    severity: 'Critical',
    ...same(
      'The ETag supplied did not match the ETag required to change this resource.',
      'Try the operation again using the appropriate ETag.',
    ),
    status: 412,
  },
  MalformedJSON: {
    severity: 'Critical',
    ...same(
      'The request body submitted was malformed JSON and could not be parsed by the receiving service.',
      'Ensure that the request body is valid JSON and resubmit the request.',
    ),
    status: 400,
  },
  EmptyJSON: {
    severity: 'Warning',
    ...same(
      'The request body submitted contained an empty JSON object and the service is unable to process it.',
      'Add properties in the JSON object and resubmit the request.',
    ),
    status: 400,
  },
  NoOperation: {
    severity: 'Warning',
    ...same(
      'The request body submitted contain no data to act upon and no changes to the resource took place.',
      'Add properties in the JSON object and resubmit the request.',
    ),
    status: 400,
  },
  UnrecognizedRequestBody: {
    severity: 'Warning',
    ...same(
      'The service detected a malformed request body that it was unable to interpret.',
      'Correct the request body and resubmit the request if it failed.',
    ),
    status: 400,
  },
  OperationNotAllowed: {
    severity: 'Critical',
    ...same('The HTTP method is not allowed on this resource.', 'None.'),
    status: 405,
  },
  QueryParameterValueFormatError: {
    severity: 'Warning',
    handwritten: {
      message: 'The value %1 for the parameter %2 is of a different format than the parameter can accept.',
      resolution:
        'Correct the value for the query parameter in the request and resubmit the request if the operation failed.',
    },
    registry: {
      message: "The value '%1' for the parameter %2 is not a format that the parameter can accept.",
      resolution:
        'Correct the value for the query parameter in the request and resubmit the request if the operation failed.',
    },
    status: 400,
  },
  QueryParameterOutOfRange: {
    severity: 'Warning',
    handwritten: {
      message: 'The value %1 for the query parameter %2 is out of range %3.',
      resolution:
        'Reduce the value for the query parameter to a value that is within range, such as a start or count value that is within bounds of the number of resources in a collection or a page that is within the range of valid pages.',
    },
    registry: {
      message: "The value '%1' for the query parameter %2 is out of range %3.",
      resolution:
        'Reduce the value for the query parameter to a value that is within range, such as a start or count value that is within bounds of the number of resources in a collection or a page number that is within the range of valid pages.',
    },
    status: 400,
  },
  QueryNotSupportedOnResource: {
    severity: 'Warning',
    ...same(
      'Querying is not supported on the requested resource.',
      'Remove the query parameters and resubmit the request if the operation failed.',
    ),
    // 403 in the hand-written error_messages.cpp (638e239e), 400 since the generator.
    status: { handwritten: 403, registry: 400 },
  },
  QueryCombinationInvalid: {
    severity: 'Warning',
    ...same(
      'Two or more query parameters in the request cannot be used together.',
      'Remove one or more of the query parameters and resubmit the request if the operation failed.',
    ),
    status: 400,
  },
  ServiceTemporarilyUnavailable: {
    severity: 'Critical',
    handwritten: {
      message: 'The service is temporarily unavailable. Retry in %1 seconds.',
      resolution: 'Wait for the indicated retry duration and retry the operation.',
    },
    registry: {
      message: 'The service is temporarily unavailable.  Retry in %1 seconds.',
      resolution: 'Wait for the indicated retry duration and retry the operation.',
    },
    status: 503,
  },
  InternalError: {
    severity: 'Critical',
    handwritten: {
      message: 'The request failed due to an internal service error. The service is still operational.',
      resolution: 'Resubmit the request. If the problem persists, consider resetting the service.',
    },
    registry: {
      message: 'The request failed due to an internal service error.  The service is still operational.',
      resolution: 'Resubmit the request.  If the problem persists, consider resetting the service.',
    },
    status: 500,
  },
  PropertyValueModified: {
    severity: 'Warning',
    ...same("The property %1 was assigned the value '%2' due to modification by the service.", 'None.'),
    status: 200,
    property: true,
  },
};

/** One message as the era renders it (`#Message.v1_1_1.Message`; 2019: `Message.v1_0_0` and `Severity`). */
export function renderMessage(rules: RedfishRules, key: MessageKey, args: readonly string[] = []): JsonValue {
  const m = BASE_MESSAGES[key];
  const text = m[rules.messages.texts];
  const fill = (s: string) => s.replace(/%(\d)/g, (whole, n: string) => args[Number(n) - 1] ?? whole);
  return {
    '@odata.type': rules.messages.odataType,
    Message: fill(text.message),
    MessageArgs: [...args],
    MessageId: `${rules.messages.prefix}.${key}`,
    Resolution: text.resolution,
    [rules.messages.severityField]: m.severity,
  };
}

/** The status the function that emits this message sets, in this era. */
export function messageStatus(rules: RedfishRules, key: MessageKey): number {
  const s = BASE_MESSAGES[key].status;
  if (key === 'ResourceAtUriUnauthorized' && rules.messages.prefix === 'Base.1.4.0') return 403;
  if (key === 'PropertyNotWritable') return rules.messages.notWritableStatus;
  return typeof s === 'number' ? s : s[rules.messages.texts];
}

/** An error or property message a handler raises: which message, its arguments, and for property
 * messages the property path it belongs to (the annotation's prefix). */
export interface Problem {
  key: MessageKey;
  args?: readonly string[];
  property?: string;
}

/**
 * The error body for one or more problems (error_message_utils addMessageToErrorJson /
 * addMessageToJson): messages go to `error` (code and message of the first, GeneralError with
 * two or more) or, for property messages in eras that did so, to `<Prop>@Message.ExtendedInfo`.
 */
export function errorBody(rules: RedfishRules, problems: readonly Problem[]): Record<string, JsonValue> {
  const body: Record<string, JsonValue> = {};
  const inError: JsonValue[] = [];
  let first: JsonValue | undefined;
  for (const p of problems) {
    const message = renderMessage(rules, p.key, p.args);
    if (p.property !== undefined && annotates(rules, p.key)) {
      const key = `${p.property}@Message.ExtendedInfo`;
      const list = (body[key] as JsonValue[] | undefined) ?? [];
      list.push(message);
      body[key] = list;
    } else {
      inError.push(message);
      first ??= message;
    }
  }
  if (inError.length > 0 && first && typeof first === 'object' && !Array.isArray(first)) {
    const general = inError.length > 1;
    body.error = {
      '@Message.ExtendedInfo': inError,
      code: general ? `${rules.messages.prefix}.GeneralError` : (first.MessageId ?? ''),
      message: general ? BASE_MESSAGES.GeneralError.handwritten.message : (first.Message ?? ''),
    };
  }
  return body;
}

function annotates(rules: RedfishRules, key: MessageKey): boolean {
  if (!BASE_MESSAGES[key].property) return false;
  switch (rules.messages.propertyErrors) {
    case 'annotation':
      return true;
    case 'annotation-except-unknown':
      return key !== 'PropertyUnknown';
    case 'error':
      return false;
  }
}

/**
 * addMessageToErrorJson onto an existing body (bmcweb adds errors to whatever the handler wrote,
 * so a query error on a resource answers the resource plus `error`): the first message names
 * `code`/`message`, a second turns them into GeneralError. Returns a new body.
 */
export function addMessageToErrorJson(
  rules: RedfishRules,
  target: JsonValue | undefined,
  message: JsonValue,
): Record<string, JsonValue> {
  const body: Record<string, JsonValue> =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  const m = (message ?? {}) as Record<string, JsonValue>;
  const previous = body.error;
  if (previous !== null && typeof previous === 'object' && !Array.isArray(previous)) {
    const info = Array.isArray(previous['@Message.ExtendedInfo']) ? previous['@Message.ExtendedInfo'] : [];
    body.error = {
      '@Message.ExtendedInfo': [...info, message],
      code: `${rules.messages.prefix}.GeneralError`,
      message: BASE_MESSAGES.GeneralError.handwritten.message,
    };
  } else {
    if (m.MessageId === undefined || m.Message === undefined) return body;
    body.error = { '@Message.ExtendedInfo': [message], code: m.MessageId, message: m.Message };
  }
  return body;
}
