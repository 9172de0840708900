// The catalogue: every check, in the order a run goes through them.

import type { Check } from '../check.ts';
import { bootChecks } from './boot.ts';
import { crossProtocolChecks } from './cross-protocol.ts';
import { managementChecks } from './management.ts';
import { powerChecks } from './power.ts';
import { protocolChecks } from './protocol.ts';
import { redfishChecks } from './redfish.ts';
import { resilienceChecks } from './resilience.ts';
import { sessionChecks } from './session.ts';
import { timingChecks } from './timing.ts';
import { useCaseChecks } from './use-case.ts';

export const CATALOGUE: readonly Check[] = [
  ...sessionChecks,
  ...protocolChecks,
  ...powerChecks,
  ...bootChecks,
  ...managementChecks,
  ...timingChecks,
  ...resilienceChecks,
  ...redfishChecks,
  ...useCaseChecks,
  ...crossProtocolChecks,
];

export function findChecks(ids: readonly string[]): Check[] {
  const unknown = ids.filter((id) => !CATALOGUE.some((c) => c.id === id.toUpperCase()));
  if (unknown.length > 0) throw new Error(`unknown check id(s): ${unknown.join(', ')}; see CHECKS.md`);
  return CATALOGUE.filter((c) => ids.some((id) => id.toUpperCase() === c.id));
}
