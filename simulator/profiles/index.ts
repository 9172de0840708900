// The firmware profiles the simulator implements, by name.

import type { ProfileName } from '../../protocol/index.ts';
import { bmcweb2019 } from './bmcweb-2019.ts';
import { bmcweb2020 } from './bmcweb-2020.ts';
import { bmcweb2021 } from './bmcweb-2021.ts';
import { bmcweb2024 } from './bmcweb-2024.ts';
import { bmcweb2024PatchSuccess } from './bmcweb-2024-08.ts';
import { bmcweb2025 } from './bmcweb-2025.ts';
import { bmcweb2026 } from './bmcweb-2026.ts';
import { bmcwebRestDisabled } from './bmcweb-rest-disabled.ts';
import { legacy2016 } from './legacy-2016.ts';
import { phosphorRest2017 } from './phosphor-rest-2017.ts';
import { phosphorRest2018 } from './phosphor-rest-2018.ts';
import type { Profile } from './profile.ts';

export const profiles: Partial<Record<ProfileName, Profile>> = {
  'legacy-2016': legacy2016,
  'phosphor-rest-2017': phosphorRest2017,
  'phosphor-rest-2018': phosphorRest2018,
  'bmcweb-2019': bmcweb2019,
  'bmcweb-2020': bmcweb2020,
  'bmcweb-2021': bmcweb2021,
  'bmcweb-2024': bmcweb2024,
  'bmcweb-2024-08': bmcweb2024PatchSuccess,
  'bmcweb-2025': bmcweb2025,
  'bmcweb-2026': bmcweb2026,
  'bmcweb-rest-disabled': bmcwebRestDisabled,
};

/** Names of the profiles this build implements, in release order. */
export const implementedProfiles = (): ProfileName[] => Object.keys(profiles) as ProfileName[];

/** Profiles that serve the D-Bus REST API (today's default bmcweb compiles it out). */
export const restEnabledProfiles = (): ProfileName[] =>
  implementedProfiles().filter((p) => profiles[p]?.restEnabled);

export function getProfile(name: string): Profile | undefined {
  return Object.hasOwn(profiles, name) ? profiles[name as ProfileName] : undefined;
}
