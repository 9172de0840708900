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
  /** SessionService and its Sessions collection had `@odata.id`s ending in `/` before the 2022
   * URL clean-up (redfish_sessions.hpp at dd118a2e:144,228 and 638e239e:130,229); Systems, Chassis,
   * Managers and Accounts never did (systems.hpp:1160, chassis.hpp:180, managers.hpp:1771,
   * account_service.hpp:1017 at dd118a2e; the same at 638e239e). */
  sessionServiceTrailingSlash: boolean;
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
  /** System Status.State while PoweringOn: Disabled until `15c27bf8ea` (2021-04-27), Starting since. */
  poweringOnState: 'Disabled' | 'Starting';
  /** Chassis PowerState PoweringOn/PoweringOff while chassis0 transitions (`c583f90000` 2025-12); before, none. */
  chassisTransitional: boolean;
  /** Which D-Bus transition each ResetType writes (redfish.md 2.2; `86a0851afa` 2020-02). */
  resetMapping: '2019' | '2020';
  /** Inline `ResetType@Redfish.AllowableValues` (2019) or `@Redfish.ActionInfo` only (2020-07+). */
  resetList: 'inline' | 'action-info';
  /** ResetActionInfo follows host AllowedHostTransitions (`33e1f122b7` 2024-02). */
  allowedHostTransitions: boolean;
  /** Reset success: 200 + Base.Success until 2024-04, 204 since `87c449664e`. */
  actionSuccess: 200 | 204;
  /**
   * What a successful setDbusProperty adds (2024+ PATCH writes and Reset actions): nothing, the
   * answer is 204; or, from `cdf25ffb6b` (2024-07-12) until `247ae89bc2` (2024-08-21), one
   * Base.Success on the root per set and status 200.
   */
  setSuccess: 'no-content' | 'success-per-set';
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
  /**
   * The identify LED (led.hpp; 2019 systems.hpp). `indicator`: 2019 reads the physical LED behind
   * an asserted group and writes the group and the LED; 2020+ the two groups (blink wins); since
   * `87c449664e` (2024-04, still in HEAD) an IndicatorLED PATCH writes enclosure_identify with the
   * blink value, so Lit reads back Off. `location`: LocationIndicatorActive from the two groups
   * (2020-09+), or the group the system's `identifying` association names (`2eaa927986`, 2025-04).
   */
  leds: { indicator: 'physical' | 'groups' | 'groups-blink-bug'; location: 'groups' | 'association' };
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
  sessionServiceTrailingSlash: true,
  messages: {
    prefix: 'Base.1.4.0',
    texts: 'handwritten',
    severityField: 'Severity',
    odataType: '/redfish/v1/$metadata#Message.v1_0_0.Message',
    propertyErrors: 'annotation',
    notWritableStatus: 403,
  },
  powerStates: 'on-off',
  poweringOnState: 'Disabled',
  chassisTransitional: false,
  resetMapping: '2019',
  resetList: 'inline',
  allowedHostTransitions: false,
  actionSuccess: 200,
  setSuccess: 'no-content',
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
  leds: { indicator: 'physical', location: 'groups' },
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
  poweringOnState: 'Starting',
  resetMapping: '2020',
  resetList: 'action-info',
  bootMode: 'boot-type',
  badTargetReportedTwice: true,
  sessionDeleteAnswer: 'success',
  sessionTimeoutPatch: true,
  leds: { indicator: 'groups', location: 'groups' },
};

/**
 * OpenBMC 2.9 (2d5fe9d0, 2020-12): 2021's rules but BootSourceOverrideMode still fixed Legacy (the
 * BootType mapping is cd9a4666e6, 2021-02), PoweringOn with State Disabled, older schema versions.
 */
export const redfish2020: RedfishRules = {
  ...redfish2021,
  types: {
    serviceRoot: '#ServiceRoot.v1_5_0.ServiceRoot',
    redfishVersion: '1.9.0',
    computerSystem: '#ComputerSystem.v1_13_0.ComputerSystem',
    session: '#Session.v1_3_0.Session',
    manager: '#Manager.v1_9_0.Manager',
    chassis: '#Chassis.v1_14_0.Chassis',
  },
  poweringOnState: 'Disabled',
  bootMode: 'fixed-legacy',
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
  sessionServiceTrailingSlash: false,
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
  leds: { indicator: 'groups-blink-bug', location: 'groups' },
};

/** The default build of 2025-08 to 2025-11: two-part MessageIds (`56b81992ba`), PropertyNotWritable 405 (`9310d76b5e`), no Thermal/Power, no IndicatorLED. */
export const redfish2025: RedfishRules = {
  ...redfish2024,
  types: { ...redfish2024.types, manager: '#Manager.v1_15_0.Manager' },
  messages: { ...redfish2024.messages, prefix: 'Base.1.19', notWritableStatus: 405 },
  query: { filter: true, expandNeedsSession: true },
  thermalPower: false,
  indicatorLed: false,
  leds: { indicator: 'groups-blink-bug', location: 'association' },
};

/** The window of `cdf25ffb6b` (2024-07-12) to its revert `247ae89bc2` (2024-08-21): each successful set answers 200 + Base.Success. */
export const redfish2024PatchSuccess: RedfishRules = { ...redfish2024, setSuccess: 'success-per-set' };

/**
 * From `8b0993927e` (2026-04-29): property messages (PropertyValueNotInList, PropertyValueTypeError,
 * PropertyMissing, PropertyNotWritable, PropertyValueModified, ...) go inside `error`; the
 * Chassis shows PoweringOn/PoweringOff while chassis0 transitions (`c583f90000`, 2025-12-01).
 */
export const redfish2026: RedfishRules = {
  ...redfish2025,
  messages: { ...redfish2025.messages, propertyErrors: 'error' },
  chassisTransitional: true,
};
