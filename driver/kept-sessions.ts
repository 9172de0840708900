// openbmc_session_reuse: one session per address, account and API, kept across operations until
// the driver is closed. A deliberate departure from a session per operation (ironic-contract.md 7),
// the way Ironic's Redfish driver keeps one sushy client per address and account (redfish.md 1.1,
// SessionCache). A session the BMC has ended (bmcweb's idle SessionTimeout, 1800 s by default; a
// BMC reboot) answers 401, and the operation logs in once more, as sushy's SessionAuth does.

import { createHash } from 'node:crypto';
import type { SessionAuth } from './dialects/auth.ts';
import type { DriverInfo } from './driver-info.ts';

/** The API an operation runs on: a D-Bus REST session or a Redfish one. */
export type ApiName = 'redfish' | 'rest';

export interface KeptSession {
  api: ApiName;
  auth: SessionAuth;
  /** The driver_info it was opened with: close() logs out with the same address and TLS setting. */
  info: DriverInfo;
}

export class KeptSessions {
  readonly #kept = new Map<string, KeptSession>();

  get(info: DriverInfo, api: ApiName): SessionAuth | undefined {
    return info.sessionReuse ? this.#kept.get(keyOf(info, api))?.auth : undefined;
  }

  /** Keeps `auth` for later operations, where the driver_info asks for it. */
  keep(info: DriverInfo, api: ApiName, auth: SessionAuth): void {
    if (info.sessionReuse) this.#kept.set(keyOf(info, api), { api, auth, info });
  }

  /** Forgets a session the BMC no longer accepts. */
  drop(info: DriverInfo, api: ApiName): void {
    this.#kept.delete(keyOf(info, api));
  }

  /** Every kept session, forgotten: the caller logs each out. */
  takeAll(): KeptSession[] {
    const all = [...this.#kept.values()];
    this.#kept.clear();
    return all;
  }
}

/** The password only as a hash: a changed password is another account's session. */
function keyOf(info: DriverInfo, api: ApiName): string {
  const pw = createHash('sha256').update(info.password).digest('hex');
  return `${api}|${info.address}|${info.username}|${pw}|${String(info.verifyCa)}`;
}
