// Faults a test can inject: serializable data, each described in one line (after mockttp's
// explain()). Model faults bend the BMC's behaviour; they are carried out by hooks in the model.

import { z } from 'zod';

const times = z.number().int().positive().optional();

export const FaultSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stuck-host'), times }).strict(),
  z.object({ kind: z.literal('power-on-fails'), times }).strict(),
  z.object({ kind: z.literal('boot-not-sticky'), times }).strict(),
  z.object({ kind: z.literal('drop-logout'), times }).strict(),
]);

export type FaultSpec = z.infer<typeof FaultSpecSchema>;
export type FaultKind = FaultSpec['kind'];

const WHAT: Record<FaultKind, string> = {
  'stuck-host': 'accept host and chassis power requests but never move the host',
  'power-on-fails': 'let host power-on end in Quiesced instead of Running',
  'boot-not-sticky': 'answer boot-setting writes with 200 but keep the old value',
  'drop-logout': 'answer logout with 200 but keep the session alive',
};

export function describeFault(f: FaultSpec, remaining = f.times): string {
  const count =
    remaining === undefined ? 'always' : remaining === 1 ? 'once more' : `${remaining} more times`;
  return `${WHAT[f.kind]} (${count})`;
}
