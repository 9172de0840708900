// The firmware profiles the simulator implements, by name.

import type { ProfileName } from '../../protocol/index.ts';
import { bmcweb2021 } from './bmcweb-2021.ts';
import { phosphorRest2018 } from './phosphor-rest-2018.ts';
import type { Profile } from './profile.ts';

export const profiles: Partial<Record<ProfileName, Profile>> = {
  'phosphor-rest-2018': phosphorRest2018,
  'bmcweb-2021': bmcweb2021,
};

/** Names of the profiles this build implements, in release order. */
export const implementedProfiles = (): ProfileName[] => Object.keys(profiles) as ProfileName[];

export function getProfile(name: string): Profile | undefined {
  return Object.hasOwn(profiles, name) ? profiles[name as ProfileName] : undefined;
}
