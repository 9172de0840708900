// Cookie and header names of OpenBMC sessions (openbmc-rest.md 1.2-1.4), shared by the simulator
// that sets them, the driver that sends them back and the conformance kit's raw client.

export const SessionCookie = {
  /** The Python REST server's signed bottle cookie. */
  phosphor: 'sid',
  /** bmcweb until 2025-03. */
  bmcweb: 'SESSION',
  /** bmcweb from 2025-03. */
  bmcweb2025: 'BMCWEB-SESSION',
} as const;

/** bmcweb's CSRF token: set as this cookie, echoed in the header on cookie-authenticated non-GETs. */
export const CSRF_COOKIE = 'XSRF-TOKEN';

/** Request header names, lower case as Node and undici hand them over. */
export const AuthHeader = {
  token: 'x-auth-token',
  csrf: 'x-xsrf-token',
} as const;
