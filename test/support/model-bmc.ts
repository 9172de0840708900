// The Bmc model the unit tests build: its profile's own timings, a manual clock (nothing moves
// until the test advances it), seed 1 and the one Administrator, root / 0penBmc.

import { Bmc } from '../../simulator/model/bmc.ts';
import { ManualClock } from '../../simulator/model/clock.ts';
import { seededRng } from '../../simulator/model/rng.ts';
import { bmcweb2021 } from '../../simulator/profiles/bmcweb-2021.ts';
import type { Profile } from '../../simulator/profiles/profile.ts';

export function modelBmc(profile: Profile = bmcweb2021, clock = new ManualClock()): Bmc {
  return new Bmc({
    profile,
    timings: profile.timings,
    clock,
    rng: seededRng(1),
    seed: 1,
    users: [{ username: 'root', password: '0penBmc', role: 'Administrator' }],
  });
}
