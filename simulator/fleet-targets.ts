// The kit's targets file for the BMCs one simulator (or one shard of a fleet) serves, so the
// conformance kit and `obmc power sync` can be pointed at it. Passwords never go into the file:
// each target names an environment variable, OBMC_SIM_PASSWORD for the simulator's own password
// and OBMC_SIM_PASSWORD_<n> for the n-th other password of the fleet file (numbered over the whole
// fleet, so every shard names them alike). Over HTTPS the simulator's certificate is written
// next to the file and named by it.

import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { FleetNodeSpec } from './fleet.ts';
import type { ResolvedSimulatorOptions } from './options.ts';

export const PASSWORD_ENV = 'OBMC_SIM_PASSWORD';

export interface FleetTarget {
  name: string;
  address: string;
  username: string;
  passwordEnv: string;
  ca?: string;
}

/** The environment variable naming each password of the fleet (the simulator's own first). */
export function passwordEnvs(
  fleet: readonly FleetNodeSpec[] | undefined,
  password: string,
): Map<string, string> {
  const names = new Map([[password, PASSWORD_ENV]]);
  for (const spec of fleet ?? []) {
    if (spec.password !== undefined && !names.has(spec.password))
      names.set(spec.password, `${PASSWORD_ENV}_${names.size}`);
  }
  return names;
}

/** One target per served node, named `node-<number in the fleet>`. */
export function fleetTargets(
  o: Pick<ResolvedSimulatorOptions, 'perNode'> & { password: string },
  urls: readonly string[],
  fleet: readonly FleetNodeSpec[] | undefined,
  ca: string | undefined,
): FleetTarget[] {
  const envs = passwordEnvs(fleet, o.password);
  return o.perNode.map((node, i) => {
    const account = node.users[0];
    return {
      name: `node-${node.index}`,
      address: urls[i] ?? '',
      username: account?.username ?? '',
      passwordEnv: envs.get(account?.password ?? '') ?? PASSWORD_ENV,
      ...(ca ? { ca } : {}),
    };
  });
}

/** Writes the targets file (and `<file>.ca.pem` over HTTPS); returns the CA file's path, if any. */
export async function writeTargetsFile(
  file: string,
  targets: (ca: string | undefined) => FleetTarget[],
  caCertPem: string | undefined,
): Promise<string | undefined> {
  const caFile = caCertPem === undefined ? undefined : `${file}.ca.pem`;
  if (caFile) await writeFile(caFile, caCertPem ?? '');
  // The targets file names its CA relative to itself (targets-file.ts resolves it so).
  const relative = caFile === undefined ? undefined : basename(caFile);
  await writeFile(file, `${JSON.stringify({ targets: targets(relative) }, null, 2)}\n`);
  return caFile === undefined ? undefined : join(dirname(file), basename(caFile));
}
