// A firmware profile is data: what one generation of OpenBMC REST firmware does, read by the
// model and the HTTP layer. No route or model code branches on a profile's name.

import type { BootLayoutName, ProfileName } from '../../protocol/index.ts';
import type { Coercion } from '../model/dbus-types.ts';
import type { HostExtra, ModelProfile } from '../model/model-profile.ts';
import type { NameMatch } from '../model/object-tree.ts';
import type { SessionLimits } from '../model/sessions.ts';
import type { PythonServerBuild } from './python-traceback.ts';
import type { RedfishRules } from './redfish-eras.ts';

/** How a login body form is answered. */
export type LoginAnswer =
  /** `{"data":"User 'u' logged in","message":"200 OK","status":"ok"}` plus the profile's cookies. */
  | 'phosphor-body'
  /** `{"token":"..."}`, with cookies only when `cookies.onTokenLogin`. */
  | 'token'
  /** The form is not understood: the profile's `login-bad-request` answer. */
  | 'rejected';

export interface CookieRules {
  /** Session cookie name (`SESSION`, `BMCWEB-SESSION`, `sid`). */
  session: string;
  /** Also set `XSRF-TOKEN` (bmcweb). */
  xsrf: boolean;
  /** Attributes after the value, in the firmware's order, e.g. `SameSite=Strict; Secure`. */
  attributes: string;
  /** Set cookies on `{"token"}` logins too (bmcweb 2023-08 and later). */
  onTokenLogin: boolean;
  /** Logout sends a clearing Set-Cookie (bmcweb 2022-06 and later). */
  clearOnLogout: boolean;
}

export type AuthMethod = 'x-auth-token' | 'cookie' | 'signed-cookie' | 'authorization-token' | 'basic';

export interface ErrorAnswer {
  status: number;
  /** `empty` = no body at all; otherwise the error envelope. Templates: {path} {property} {method} {value} {name} {dbusMessage} {contentType} {body}. */
  body: 'empty' | { description: string; message: string; exception?: string; traceback?: readonly string[] };
  /** Extra headers, e.g. `Allow` on 405. */
  headers?: Record<string, string>;
}

/** Every answer the HTTP layer can give for a mistake, by situation (openbmc-rest.md 2.5). */
export type ErrorSituation =
  | 'unauthorized'
  | 'forbidden'
  | 'no-route'
  | 'method-not-allowed'
  | 'verb-not-routed'
  | 'path-not-found'
  | 'property-not-found'
  | 'property-not-creatable'
  | 'path-not-creatable'
  | 'object-put'
  | 'directory-put'
  | 'read-only'
  | 'invalid-enum'
  | 'type-mismatch'
  | 'out-of-range'
  | 'method-not-found'
  | 'method-args'
  | 'method-arg-type'
  | 'delete-not-found'
  | 'delete-not-supported'
  | 'dbus-error'
  | 'action-dbus-error'
  | 'bad-json'
  | 'bad-request-format'
  | 'bad-action-format'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'login-bad-request'
  | 'login-failed'
  | 'session-limit'
  | 'rest-disabled'
  /** `{"data": null}` on a property (phosphor-rest: D-Bus cannot encode None). */
  | 'null-value'
  /** phosphor-rest's retry after converting the value failed in the setter (403 "name: message"). */
  | 'set-failed-after-conversion'
  /** Login body whose `data` is not a list / not a pair. */
  | 'login-bad-format'
  | 'login-bad-pair'
  /** An injected 5xx (fault `status`); `status` here is replaced by the fault's. Templates: {reason}. */
  | 'injected-status';

export type ErrorCatalogue = Record<Exclude<ErrorSituation, 'forbidden'>, ErrorAnswer> & {
  /**
   * "Authenticated but not allowed" (bmcweb: a ReadOnly account's PUT/POST/DELETE). Absent where
   * the firmware has no role model: phosphor-rest lets any session do anything (openbmc-rest.md
   * 1.3; rest_dbus.py's UserInGroup 403 "Insufficient access" is on no default route).
   */
  forbidden?: ErrorAnswer;
};

/** Realistic durations in ms (openbmc-rest.md 3.5); `--timing` scales them. */
export interface Timings {
  chassisOnMs: number;
  chassisOffMs: number;
  hostStartMs: number;
  softOffMs: number;
  softOffTimeoutMs: number;
  rebootDelayMs: number;
  powerCycleDelayMs: number;
  /** Between successive BootProgress stages after Running. */
  bootStageMs: number;
  bmcReplyGraceMs: number;
  bmcDownMs: number;
  bmcNotReadyMs: number;
}

export interface Profile extends ModelProfile {
  name: ProfileName;
  description: string;
  /** bmcweb with REST disabled answers 404 (empty) for every authenticated /xyz path. */
  restEnabled: boolean;
  routing: ModelProfile['routing'] & {
    /** URL roots the server routes at all; others get `no-route`. `any` = phosphor-rest's catch-all. */
    roots: readonly string[] | 'any';
    /** phosphor-rest collapses `//` (strip_extra_slashes); bmcweb does not. */
    collapseSlashes: boolean;
    /**
     * Property (attr) names, when they differ from `names`: phosphor-rest matched attributes
     * case-insensitively only since 2017-02-21 (openbmc-rest.md 2.1). Default: `names`.
     */
    propertyNames?: NameMatch;
    /** bmcweb checks auth before routing; phosphor-rest resolves the path first (openbmc-rest.md 1.6). */
    auth: 'before-routing' | 'after-lookup';
  };
  login: {
    /** How Content-Type must read for a JSON login. */
    contentType: 'prefix' | 'exact';
    dataArray: LoginAnswer;
    dataObject: LoginAnswer;
    usernamePassword: LoginAnswer;
    /** `username:`/`password:` request headers without a JSON body (bmcweb). */
    headerCredentials: boolean;
  };
  cookies: CookieRules;
  auth: {
    methods: readonly AuthMethod[];
    /** Cookie auth on non-GET needs X-XSRF-TOKEN (bmcweb). */
    csrf: boolean;
    wwwAuthenticate: 'unless-x-requested-with' | 'unless-user-agent' | 'never';
  };
  logout: { requiresAuth: boolean };
  sessions: SessionLimits;
  sessionsSurviveBmcReboot: boolean;
  body: {
    limitBytes: number;
    /** Content-Type rule for PUT/POST bodies on REST routes. */
    contentType: 'unchecked' | 'exact-json' | 'prefix-json';
  };
  coercion: Coercion;
  /** phosphor-rest sent D-Bus booleans as 0/1 until 2018-06. */
  booleans: 'json' | 'int';
  /** The Redfish face beside REST (bmcweb), with this era's differences; false where the firmware had none (404). */
  redfish: false | RedfishRules;
  /** Headers the firmware adds to every response. */
  responseHeaders: Record<string, string>;
  /** phosphor-rest's Python major version: its reprs, JSON errors and tracebacks; null for bmcweb. */
  python: 2 | 3 | null;
  /** The Python REST server's era features (simulator/http/bottle-router.ts); absent for bmcweb. */
  pythonServer?: {
    /** WebHandler routes (2018-02-02). */
    webUi: boolean;
    /** HEAD and OPTIONS routed, CORS (2017-02-21). */
    headAndOptions: boolean;
    /** CorsPlugin's security headers (2018-01-14). */
    securityHeaders: boolean;
    /** The build's Python 500s: its own source lines and interpreter (python-traceback.ts). */
    build: PythonServerBuild;
    /** `<path>/schema` answered: the /xyz objects are sd-bus ones (simulator/http/python-schema.ts). */
    schema?: boolean;
  };
  /** Send a `Date` header (gevent does; Boost.Beast does not). */
  sendDate: boolean;
  errors: ErrorCatalogue;
  state: {
    hostTransitional: boolean;
    chassisTransitional: boolean;
    hostTransitions: readonly string[];
    chassisTransitions: readonly string[];
    /** BootProgress stages walked after Running, the last one meaning "OS started". */
    bootStages: readonly string[];
    /** Host properties beyond the core four that this era's firmware has. */
    hostExtras: readonly HostExtra[];
    chassisExtras: readonly ('CurrentPowerStatus' | 'LastStateChangeTime' | 'POHCounter')[];
    bmcExtras: readonly ('LastRebootTime' | 'LastRebootCause')[];
  };
  boot: {
    layout: BootLayoutName;
    hasBootType: boolean;
    /** L1: the host resets one_time's Source/Mode to Default/Regular after using them. */
    l1ResetsOneTime: boolean;
  };
  timings: Timings;
}
