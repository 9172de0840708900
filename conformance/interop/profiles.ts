// The interop profiles the kit evaluates on every Redfish unit: OpenBMC's own and the OpenStack
// Ironic profile (sources in profiles/SOURCES.md), reported for information; a profile given with
// --interop-profile is the operator's acceptance bar, so its FAILs fail the run.

import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type InteropProfile, parseProfile } from './evaluate.ts';

export interface ProfileToEvaluate {
  profile: InteropProfile;
  /** FAILs of this profile fail the run (exit 1). */
  gate: boolean;
}

const BUILT_IN = ['OpenBMC_Redfish_interop_profile.v0_0_1.json', 'OpenStackIronicProfile.v1_2_0.json'];

export function builtInProfiles(): ProfileToEvaluate[] {
  return BUILT_IN.map((file) => {
    const url = new URL(`./profiles/${file}`, import.meta.url);
    return { profile: parseProfile(readFileSync(url, 'utf8'), file), gate: false };
  });
}

export async function profileFromFile(path: string): Promise<ProfileToEvaluate> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new Error(`cannot read interop profile ${path}: ${err.code ?? err.message}`);
  });
  return { profile: parseProfile(text, path), gate: true };
}
