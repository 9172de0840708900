// bmcweb with the D-Bus REST API on, as built in 2021 (OpenBMC 2.10/2.11 era, until REST became
// opt-in on 2021-12-17). Sources: openbmc-rest.md sections 1, 2.5, 3, 4.1 (L2 layout) and 8;
// openbmc/bmcweb include/openbmc_dbus_rest.hpp, include/login_routes.hpp, include/authentication.hpp.

import { BootProgress, ChassisTransition, HostTransition, SessionCookie } from '../../protocol/index.ts';
import type { ErrorCatalogue, Profile, Timings } from './profile.ts';
import { redfish2021 } from './redfish-eras.ts';

const envelope = (description: string, message: string) => ({ description, message });

/** bmcweb's answers (openbmc-rest.md 2.5, column B), quirks included. */
export const bmcwebErrors: ErrorCatalogue = {
  unauthorized: { status: 401, body: 'empty' },
  forbidden: { status: 403, body: 'empty' },
  'no-route': { status: 404, body: 'empty' },
  'method-not-allowed': { status: 405, body: envelope('Method not allowed', '405 Method Not Allowed') },
  'verb-not-routed': { status: 405, body: 'empty', headers: { Allow: 'GET, PUT, POST, DELETE' } },
  'path-not-found': {
    status: 404,
    body: envelope('org.freedesktop.DBus.Error.FileNotFound: path or object not found', '404 Not Found'),
  },
  'property-not-found': {
    status: 404,
    body: envelope('The specified property cannot be found', '404 Not Found'),
  },
  // bmcweb swaps description and message here (setErrorResponse(forbidden, forbiddenMsg, forbiddenPropDesc)).
  'property-not-creatable': {
    status: 403,
    body: envelope('403 Forbidden', 'The specified property cannot be created'),
  },
  'path-not-creatable': {
    status: 403,
    body: envelope('403 Forbidden', 'The specified property cannot be created'),
  },
  'object-put': { status: 403, body: envelope('The specified resource cannot be created', '403 Forbidden') },
  'directory-put': {
    status: 403,
    body: envelope('The specified resource cannot be created', '403 Forbidden'),
  },
  'read-only': {
    status: 403,
    body: envelope('org.freedesktop.DBus.Error.PropertyReadOnly', "Property '{property}' is not writable."),
  },
  'invalid-enum': {
    status: 403,
    body: envelope(
      'xyz.openbmc_project.sdbusplus.Error.InvalidEnumString',
      'An enumeration mapping was attempted for which no valid enumeration value exists.',
    ),
  },
  // A bmcweb quirk: status 500 while the message says 400.
  'type-mismatch': { status: 500, body: envelope('Invalid arg type', '400 Bad Request') },
  'out-of-range': {
    status: 500,
    body: envelope('Provided property value is out of range for the property type', '400 Bad Request'),
  },
  'method-not-found': {
    status: 404,
    body: envelope('The specified method cannot be found', '404 Not Found'),
  },
  'method-args': { status: 400, body: envelope('Invalid method args', '400 Bad Request') },
  'method-arg-type': { status: 400, body: envelope('Invalid method arg type', '400 Bad Request') },
  'delete-not-found': { status: 405, body: envelope('Method not allowed', '405 Method Not Allowed') },
  'delete-not-supported': {
    status: 404,
    body: envelope('The specified method cannot be found', '404 Not Found'),
  },
  'dbus-error': { status: 403, body: envelope('{name}', '{dbusMessage}') },
  'action-dbus-error': { status: 400, body: envelope('{name}', '{dbusMessage}') },
  'bad-json': { status: 400, body: envelope('No JSON object could be decoded', '400 Bad Request') },
  'bad-request-format': { status: 400, body: envelope('No JSON object could be decoded', '400 Bad Request') },
  'bad-action-format': { status: 400, body: envelope('No JSON object could be decoded', '400 Bad Request') },
  'unsupported-media-type': {
    status: 415,
    body: envelope('Content-type header is missing or invalid', '415 Unsupported Media Type'),
  },
  'payload-too-large': { status: 413, body: 'empty' },
  'login-bad-request': { status: 400, body: 'empty' },
  'login-failed': { status: 401, body: 'empty' },
  // bmcweb has no small fixed cap; this answer is for the session-limit fault only (not pinned by the reference).
  'session-limit': { status: 503, body: 'empty' },
  'rest-disabled': { status: 404, body: 'empty' },
  // convertJsonToDbus cannot convert null to any signature.
  'null-value': { status: 500, body: envelope('Invalid arg type', '400 Bad Request') },
  'set-failed-after-conversion': { status: 403, body: envelope('{name}', '{dbusMessage}') },
  'login-bad-format': { status: 400, body: 'empty' },
  'login-bad-pair': { status: 400, body: 'empty' },
  'injected-status': { status: 503, body: 'empty' },
};

/** Realistic durations (openbmc-rest.md 3.5, "suggested emulator default"). */
export const realisticTimings: Timings = {
  chassisOnMs: 3_000,
  chassisOffMs: 2_000,
  hostStartMs: 10_000,
  softOffMs: 20_000,
  // phosphor-host-ipmid's IPMI_HOST_SHUTDOWN_COMPLETE_TIMEOUT_SECS default (openbmc-rest.md 3.4).
  softOffTimeoutMs: 45 * 60_000,
  rebootDelayMs: 5_000,
  powerCycleDelayMs: 5_000,
  bootStageMs: 20_000,
  bmcReplyGraceMs: 200,
  bmcDownMs: 90_000,
  bmcNotReadyMs: 20_000,
};

/** bmcweb's security headers on every response (include/security_headers.hpp, 2021). */
export const bmcwebSecurityHeaders: Record<string, string> = {
  'Strict-Transport-Security': 'max-age=31536000; includeSubdomains; preload',
  'X-Frame-Options': 'DENY',
  Pragma: 'no-cache',
  'Cache-Control': 'no-Store,no-Cache',
  'X-XSS-Protection': '1; mode=block',
  'X-Content-Type-Options': 'nosniff',
};

export const bmcweb2021: Profile = {
  name: 'bmcweb-2021',
  objectModel: 'xyz',
  description: 'bmcweb with REST on, 2021: L2 boot layout, SameSite=Strict cookies, 30 min idle timeout',
  restEnabled: true,
  routing: {
    roots: ['/xyz/', '/org/'],
    collapseSlashes: false,
    names: 'exact',
    auth: 'before-routing',
    listing: 'sorted',
    enumerateEmpty: 'include',
  },
  login: {
    contentType: 'prefix',
    dataArray: 'phosphor-body',
    dataObject: 'token',
    usernamePassword: 'token',
    headerCredentials: true,
  },
  cookies: {
    session: SessionCookie.bmcweb,
    xsrf: true,
    attributes: 'SameSite=Strict; Secure',
    onTokenLogin: false,
    clearOnLogout: false,
  },
  auth: {
    methods: ['x-auth-token', 'cookie', 'authorization-token', 'basic'],
    csrf: true,
    wwwAuthenticate: 'unless-x-requested-with',
  },
  logout: { requiresAuth: true },
  sessions: { max: null, whenFull: 'reject', idleTimeoutMs: 1_800_000 },
  sessionsSurviveBmcReboot: true,
  body: { limitBytes: 1024 * 1024, contentType: 'unchecked' },
  coercion: 'strict',
  booleans: 'json',
  redfish: redfish2021,
  responseHeaders: bmcwebSecurityHeaders,
  python: null,
  sendDate: false,
  errors: bmcwebErrors,
  state: {
    hostTransitional: true,
    chassisTransitional: true,
    hostTransitions: [
      HostTransition.Off,
      HostTransition.On,
      HostTransition.Reboot,
      HostTransition.GracefulWarmReboot,
      HostTransition.ForceWarmReboot,
    ],
    chassisTransitions: [ChassisTransition.Off, ChassisTransition.On, ChassisTransition.PowerCycle],
    bootStages: [
      BootProgress.PrimaryProcInit,
      BootProgress.MemoryInit,
      BootProgress.SecondaryProcInit,
      BootProgress.PCIInit,
      BootProgress.SystemInitComplete,
      BootProgress.OSStart,
    ],
    hostExtras: ['AttemptsLeft', 'RestartCause', 'BootProgressLastUpdate'],
    chassisExtras: ['CurrentPowerStatus', 'LastStateChangeTime', 'POHCounter'],
    bmcExtras: ['LastRebootTime', 'LastRebootCause'],
  },
  boot: { layout: 'L2', hasBootType: true, l1ResetsOneTime: false },
  // phosphor-user-manager before 6dc7ed9 (2022-01-21) ignored a MinPasswordLength below 8.
  accountPolicy: { minPasswordLength: 'ignore-below-8' },
  timings: realisticTimings,
};
