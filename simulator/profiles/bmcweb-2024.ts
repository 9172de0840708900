// bmcweb with the REST API opted in (-Drest=enabled), 2023-2025 behaviour: the content type is
// enforced, every login form answers {"token"} plus cookies, `Path=/` first, the session cookie
// is BMCWEB-SESSION, logout clears it, AllowedHostTransitions and RetryAttempts exist
// (openbmc-rest.md 1.2, 1.4, 2.3, 3.1, section 8 "bmcweb-rest-optin-2022+").

import { BootProgress, SessionCookie } from '../../protocol/index.ts';
import { bmcweb2021 } from './bmcweb-2021.ts';
import type { Profile } from './profile.ts';
import { redfish2024 } from './redfish-eras.ts';

export const bmcweb2024: Profile = {
  ...bmcweb2021,
  name: 'bmcweb-2024',
  description:
    'bmcweb with REST opted in, 2023-2025: content type enforced, token + cookies on every login, BMCWEB-SESSION',
  login: { ...bmcweb2021.login, dataArray: 'token', dataObject: 'token', usernamePassword: 'token' },
  cookies: {
    session: SessionCookie.bmcweb2025,
    xsrf: true,
    attributes: 'Path=/; SameSite=Strict; Secure',
    onTokenLogin: true,
    clearOnLogout: true,
  },
  body: { ...bmcweb2021.body, contentType: 'prefix-json' },
  redfish: redfish2024,
  // phosphor-user-manager 6dc7ed9 (2022-01-21): a MinPasswordLength below 8 is InvalidArgument.
  accountPolicy: { minPasswordLength: 'refuse-below-8' },
  state: {
    ...bmcweb2021.state,
    bootStages: [...bmcweb2021.state.bootStages.slice(0, -1), BootProgress.OSStart],
    hostExtras: [
      'AttemptsLeft',
      'RestartCause',
      'BootProgressLastUpdate',
      'AllowedHostTransitions',
      'RetryAttempts',
    ],
  },
};
