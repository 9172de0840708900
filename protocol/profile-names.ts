// Firmware profile names (openbmc-rest.md section 8). The simulator implements them; the driver's
// dialect detection and the conformance kit name them.

export const ProfileName = [
  'legacy-2016',
  'phosphor-rest-2017',
  'phosphor-rest-2018',
  'bmcweb-2019',
  'bmcweb-2020',
  'bmcweb-2021',
  'bmcweb-2024',
  /** bmcweb-2024 in the 2024-07-12..08-21 window (200 + Base.Success for property sets). */
  'bmcweb-2024-08',
  'bmcweb-2025',
  'bmcweb-2026',
  /** Alias of bmcweb-2025 (its name before the Redfish face). */
  'bmcweb-rest-disabled',
] as const;
export type ProfileName = (typeof ProfileName)[number];

/** Names kept for old fleet files and scripts, and the profile each stands for: a run over every
 * profile leaves them out, since they would only repeat their profile's results. */
export const ProfileAliases: Partial<Record<ProfileName, ProfileName>> = {
  'bmcweb-rest-disabled': 'bmcweb-2025',
};

export const DEFAULT_PROFILE: ProfileName = 'bmcweb-2025';

/** Default credentials of an OpenBMC image. */
export const DEFAULT_USERNAME = 'root';
export const DEFAULT_PASSWORD = '0penBmc';
