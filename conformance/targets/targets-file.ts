// A targets file: a pool of BMCs for one run, validated with zod so a typo is named with its
// place in the file. Passwords come from the environment (a CI's secret store), never the file:
// `passwordEnv` names the variable.
//
// {
//   "concurrency": 4,
//   "targets": [
//     { "name": "rack1-node3", "address": "https://10.1.2.3", "username": "root",
//       "passwordEnv": "RACK1_BMC_PASSWORD", "ca": "certs/rack1.pem" }
//   ]
// }

import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { type RemoteOptions, remoteTarget } from './remote.ts';
import type { TargetSpec } from './target.ts';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const TargetEntry = z
  .object({
    name: z.string().min(1).max(100).optional(),
    address: z.string().min(1).max(300),
    username: z.string().min(1).max(64),
    passwordEnv: z.string().regex(ENV_NAME, 'must be an environment variable name'),
    insecure: z.boolean().optional(),
    ca: z.string().min(1).optional(),
    driverInfo: z
      .record(z.string().regex(/^openbmc_/, 'driver_info keys start with openbmc_'), z.unknown())
      .optional(),
  })
  .strict()
  .refine((t) => !(t.insecure && t.ca), { message: 'give either insecure or ca, not both' });

const TargetsFileSchema = z
  .object({
    concurrency: z.number().int().min(1).max(64).optional(),
    // A simulated fleet's file lists every BMC it serves (obmc sim --targets-out).
    targets: z.array(TargetEntry).min(1).max(100_000),
  })
  .strict();

export class TargetsFileError extends Error {
  override name = 'TargetsFileError';
}

export interface TargetsFile {
  concurrency?: number;
  targets: TargetSpec[];
}

/** Parses a targets file's text; `env` supplies the passwords named by `passwordEnv`. */
export function parseTargetsFile(
  text: string,
  file: string,
  env: Record<string, string | undefined>,
): TargetsFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new TargetsFileError(
      `targets file ${file} is not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  const parsed = TargetsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`)
      .join('; ');
    throw new TargetsFileError(`targets file ${file} is invalid: ${issues}`);
  }
  const names = new Set<string>();
  const targets = parsed.data.targets.map((t, i) => {
    const name = t.name ?? t.address;
    if (names.has(name))
      throw new TargetsFileError(`targets file ${file}: targets.${i}: duplicate name "${name}"`);
    names.add(name);
    const password = env[t.passwordEnv];
    if (password === undefined || password === '') {
      throw new TargetsFileError(
        `targets file ${file}: targets.${i} (${name}): environment variable ${t.passwordEnv} is not set`,
      );
    }
    const o: RemoteOptions = {
      name,
      address: t.address,
      username: t.username,
      password,
      ...(t.insecure ? { insecure: true } : {}),
      // A relative CA path is relative to the targets file, not to where the command runs.
      ...(t.ca ? { ca: resolve(dirname(file), t.ca) } : {}),
      ...(t.driverInfo ? { driverInfo: t.driverInfo } : {}),
    };
    return remoteTarget(o);
  });
  return { ...(parsed.data.concurrency ? { concurrency: parsed.data.concurrency } : {}), targets };
}
