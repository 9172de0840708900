// What each generation of bmcweb's Redfish tree does differently (redfish.md 2.4), as data the
// Redfish face reads; no handler branches on a profile's name. Sources: openbmc/bmcweb at
// dd118a2e (2019-06), 638e239e (2021-12), 9dae4dee (2024-06) and HEAD 7debb892 (2026-08):
// redfish-core/lib/{service_root,redfish_sessions,systems,managers,chassis}.hpp,
// redfish-core/src/error_messages.cpp, redfish-core/include/{query.hpp,utils/query_param.hpp,
// utils/json_utils.hpp}, redfish-core/src/utils/dbus_utils.cpp, http/http_response.hpp.

export interface RedfishRules {
  /** Schema versions in `@odata.type`. */
  types: {
    serviceRoot: string;
    redfishVersion: string;
    computerSystem: string;
    session: string;
    manager: string;
    chassis: string;
  };
  /** 2019 resources carry `@odata.context` (removed 2020). */
  odataContext: boolean;
  /** Collections' `@odata.id` ended in `/` before the 2022 URL clean-up. */
  collectionTrailingSlash: boolean;
  messages: {
    /** `Base.1.4.0`, `Base.1.8.1`, `Base.1.18.1`; two-part `Base.1.19` from 2024-12. */
    prefix: string;
    /** Hand-written texts of error_messages.cpp (2019-2021) or the generated Base registry (2022+). */
    texts: 'handwritten' | 'registry';
    severityField: 'Severity' | 'MessageSeverity';
    odataType: string;
    /**
     * Where property errors go: all in `<Prop>@Message.ExtendedInfo` (2019-2021), all but
     * PropertyUnknown there (2022 to 2026-04), or all in `error` (8b0993927e, 2026-04).
     */
    propertyErrors: 'annotation' | 'annotation-except-unknown' | 'error';
    /** PropertyNotWritable's status: 403 until 9310d76b5e (2025-06-04), 405 since. */
    notWritableStatus: 403 | 405;
  };
  /** 2019: On/Off only (Running = On); 2020+: PoweringOn/PoweringOff, Quiesced, InTest. */
  powerStates: 'on-off' | 'transitional';
  /** Which D-Bus transition each ResetType writes (redfish.md 2.2; `86a0851afa` 2020-02). */
  resetMapping: '2019' | '2020';
  /** Inline `ResetType@Redfish.AllowableValues` (2019) or `@Redfish.ActionInfo` only (2020-07+). */
  resetList: 'inline' | 'action-info';
  /** ResetActionInfo follows host AllowedHostTransitions (`33e1f122b7` 2024-02). */
  allowedHostTransitions: boolean;
  /** Reset success: 200 + Base.Success until 2024-04, 204 since `87c449664e`. */
  actionSuccess: 200 | 204;
  /** How a failed D-Bus set is reported: 2019-2021 EINVAL -> ActionParameterNotSupported, else
   * InternalError; 2024 setDbusProperty's mapping (dbus_utils.cpp). */
  dbusErrors: 'errno' | 'error-name';
  /** 2019: BootSourceOverrideMode fixed `Legacy` and unknown to PATCH. */
  bootMode: 'fixed-legacy' | 'boot-type';
  /** 2021: a bad target is reported twice (assignBootParameters and its caller). */
  badTargetReportedTwice: boolean;
  /** `ETag` on 200 GETs (89f180089b, 2022-03). */
  etag: boolean;
  /** If-Match answered with 412 on mismatch (2d6cb56b6b, 2022-07). */
  ifMatch: boolean;
  /** `OData-Version: 4.0` on every reply and 412 for another requested version (query.hpp, 2022). */
  odataVersion: boolean;
  /**
   * Query parameters (utils/query_param.hpp, f4c99e70da 2022-04 on): null where the build parses
   * none on these routes (2019-2021: the query string is ignored, the `query` switch has nothing
   * to turn on); else `only`, `$top`, `$skip`, `$select` always, the rest as below, any other `$x` 501.
   */
  query: QueryRules | null;
  /** Unknown URIs: empty 404/405 from the router (2019-2021) or ResourceNotFound/OperationNotAllowed (2022+). */
  unknownRoute: 'empty' | 'messages';
  /** Bodies must say `application/json` (parsing.hpp, 2022+): otherwise UnrecognizedRequestBody. */
  jsonContentType: boolean;
  /** DELETE of a session answers the session (2019) or Base.Success (2020+). */
  sessionDeleteAnswer: 'session' | 'success';
  /** Deprecated Thermal/Power under the chassis (off by default since 2025-08, `db3bf6f35e`). */
  thermalPower: boolean;
  /** IndicatorLED on System/Chassis (off by default since `f664fd8abe` 2025-07). */
  indicatorLed: boolean;
  /** SessionService PATCH of SessionTimeout (`f2a4a60698` 2020-08); before, the router's 405. */
  sessionTimeoutPatch: boolean;
  /** AccountService PATCH writes MinPasswordLength to the user manager (`ef73ad0d99` 2022-01-21); before, PropertyNotWritable. */
  minPasswordLengthWritable: boolean;
}

/** What the `query` switch (bmcweb's insecure-enable-redfish-query meson option) turns on, by era. */
export interface QueryRules {
  /** `$filter` behind the option (25991f7dd0, 2024-07); before it, `$filter` is 501 either way. */
  filter: boolean;
  /**
   * An unauthenticated `$expand` (on the service root) is 401 ResourceAtUriUnauthorized and the
   * expansion runs with the caller's session and privileges (19fab29555, 2025-05); before, the
   * expansion's sub-requests ran with no session, unchecked.
   */
  expandNeedsSession: boolean;
}

export const redfish2019: RedfishRules = {
  types: {
    serviceRoot: '#ServiceRoot.v1_5_0.ServiceRoot',
    redfishVersion: '1.6.1',
    computerSystem: '#ComputerSystem.v1_6_0.ComputerSystem',
    session: '#Session.v1_0_2.Session',
    manager: '#Manager.v1_3_0.Manager',
    chassis: '#Chassis.v1_4_0.Chassis',
  },
  odataContext: true,
  collectionTrailingSlash: true,
  messages: {
    prefix: 'Base.1.4.0',
    texts: 'handwritten',
    severityField: 'Severity',
    odataType: '/redfish/v1/$metadata#Message.v1_0_0.Message',
    propertyErrors: 'annotation',
    notWritableStatus: 403,
  },
  powerStates: 'on-off',
  resetMapping: '2019',
  resetList: 'inline',
  allowedHostTransitions: false,
  actionSuccess: 200,
  dbusErrors: 'errno',
  bootMode: 'fixed-legacy',
  badTargetReportedTwice: false,
  etag: false,
  ifMatch: false,
  odataVersion: false,
  query: null,
  unknownRoute: 'empty',
  jsonContentType: false,
  sessionDeleteAnswer: 'session',
  thermalPower: true,
  indicatorLed: true,
  minPasswordLengthWritable: false,
  sessionTimeoutPatch: false,
};

export const redfish2021: RedfishRules = {
  ...redfish2019,
  types: {
    serviceRoot: '#ServiceRoot.v1_5_0.ServiceRoot',
    redfishVersion: '1.9.0',
    computerSystem: '#ComputerSystem.v1_16_0.ComputerSystem',
    session: '#Session.v1_3_0.Session',
    manager: '#Manager.v1_11_0.Manager',
    chassis: '#Chassis.v1_14_0.Chassis',
  },
  odataContext: false,
  messages: {
    prefix: 'Base.1.8.1',
    texts: 'handwritten',
    severityField: 'MessageSeverity',
    odataType: '#Message.v1_1_1.Message',
    propertyErrors: 'annotation',
    notWritableStatus: 403,
  },
  powerStates: 'transitional',
  resetMapping: '2020',
  resetList: 'action-info',
  bootMode: 'boot-type',
  badTargetReportedTwice: true,
  sessionDeleteAnswer: 'success',
  sessionTimeoutPatch: true,
};

export const redfish2024: RedfishRules = {
  ...redfish2021,
  types: {
    serviceRoot: '#ServiceRoot.v1_15_0.ServiceRoot',
    redfishVersion: '1.17.0',
    computerSystem: '#ComputerSystem.v1_22_0.ComputerSystem',
    session: '#Session.v1_7_0.Session',
    manager: '#Manager.v1_14_0.Manager',
    chassis: '#Chassis.v1_22_0.Chassis',
  },
  collectionTrailingSlash: false,
  messages: {
    prefix: 'Base.1.18.1',
    texts: 'registry',
    severityField: 'MessageSeverity',
    odataType: '#Message.v1_1_1.Message',
    propertyErrors: 'annotation-except-unknown',
    notWritableStatus: 403,
  },
  allowedHostTransitions: true,
  actionSuccess: 204,
  dbusErrors: 'error-name',
  badTargetReportedTwice: false,
  etag: true,
  ifMatch: true,
  odataVersion: true,
  query: { filter: false, expandNeedsSession: false },
  unknownRoute: 'messages',
  jsonContentType: true,
  minPasswordLengthWritable: true,
};

/** Today's default build (2025-08 to 2026-04): two-part MessageIds (`56b81992ba`), PropertyNotWritable 405 (`9310d76b5e`), no Thermal/Power, no IndicatorLED. */
export const redfish2025: RedfishRules = {
  ...redfish2024,
  types: { ...redfish2024.types, manager: '#Manager.v1_15_0.Manager' },
  messages: { ...redfish2024.messages, prefix: 'Base.1.19', notWritableStatus: 405 },
  query: { filter: true, expandNeedsSession: true },
  thermalPower: false,
  indicatorLed: false,
};
