// A target's driver_info can rule out one of its API units: a key that belongs to one API makes
// the other's unit a run of InvalidParameterValue (driver-info.ts refuses the pair), so that unit
// is planned with every check skipped and the reason, the way any other skip is reported.

import type { Api } from '../check.ts';

export const SKIP_SYSTEM_ID_REST =
  'driver_info sets openbmc_system_id, a Redfish ComputerSystem, and D-Bus REST drives only its one host0 (the driver refuses the pair): checked over Redfish only';

export const skipPinnedApi = (key: string, value: string, other: Api) =>
  `driver_info pins ${key} "${value}": checked over ${other === 'rest' ? 'D-Bus REST' : 'Redfish'} only`;

/** Per API, why this driver_info rules its unit out (no entry: the unit runs). */
export function apiSkipsOf(driverInfo: Record<string, unknown> = {}): Partial<Record<Api, string>> {
  const skips: Partial<Record<Api, string>> = {};
  const { openbmc_api: api, openbmc_dialect: dialect, openbmc_system_id: systemId } = driverInfo;
  // As the driver reads it: unset, null and '' mean "the only System".
  if (systemId !== undefined && systemId !== null && systemId !== '') skips.rest = SKIP_SYSTEM_ID_REST;
  else if (api === 'redfish') skips.rest = skipPinnedApi('openbmc_api', api, 'redfish');
  // A pinned D-Bus REST dialect means REST to the driver, as openbmc_api "rest" does.
  if (api === 'rest') skips.redfish = skipPinnedApi('openbmc_api', api, 'rest');
  else if (typeof dialect === 'string' && dialect !== 'auto')
    skips.redfish = skipPinnedApi('openbmc_dialect', dialect, 'rest');
  return skips;
}
