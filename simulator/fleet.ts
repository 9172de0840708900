// A fleet file gives each simulated BMC its own profile, credentials, timing and seed:
//   { "nodes": [ { "profile": "bmcweb-2019", "count": 10 }, { "profile": "legacy-2016", "password": "x" } ] }
// A node may also name Redfish switches (`redfish`) and standing faults (`faults`).
// Validated with a clear error naming the file and the field.

import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ProfileName, RedfishSwitch } from '../protocol/index.ts';
import { FaultSpecSchema } from './faults/definitions.ts';
import { MAX_FLEET_NODES, TIMINGS } from './options.ts';

const NodeSpecSchema = z
  .object({
    profile: z.enum(ProfileName).optional(),
    username: z.string().min(1).max(64).optional(),
    password: z.string().min(1).max(256).optional(),
    timing: z.enum(TIMINGS).optional(),
    seed: z.number().int().optional(),
    /** Redfish switches beyond bmcweb for these BMCs (protocol/redfish.ts). */
    redfish: z.array(z.enum(RedfishSwitch)).max(RedfishSwitch.length).optional(),
    /** Faults these BMCs start with, after the simulator-wide `--faults` (README fault table). */
    faults: z.array(FaultSpecSchema).max(100).optional(),
    /** This many BMCs alike (default 1). */
    count: z.number().int().min(1).max(MAX_FLEET_NODES).optional(),
  })
  .strict();

export const FleetFileSchema = z.object({ nodes: z.array(NodeSpecSchema).min(1) }).strict();

export type FleetNodeSpec = Omit<z.infer<typeof NodeSpecSchema>, 'count'>;

export class FleetFileError extends Error {
  override name = 'FleetFileError';
}

/** One spec per BMC, `count` expanded. */
export function parseFleet(raw: unknown, source: string): FleetNodeSpec[] {
  const parsed = FleetFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`)
      .join('; ');
    throw new FleetFileError(`fleet file ${source} is invalid: ${issues}`);
  }
  const total = parsed.data.nodes.reduce((n, { count = 1 }) => n + count, 0);
  if (total > MAX_FLEET_NODES)
    throw new FleetFileError(`fleet file ${source} asks for ${total} BMCs; at most ${MAX_FLEET_NODES}`);
  return parsed.data.nodes.flatMap(({ count = 1, ...spec }) =>
    Array.from({ length: count }, () => ({ ...spec })),
  );
}

export async function loadFleetFile(file: string): Promise<FleetNodeSpec[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new FleetFileError(`cannot read fleet file ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new FleetFileError(`fleet file ${file} is not valid JSON`);
  }
  return parseFleet(raw, file);
}
