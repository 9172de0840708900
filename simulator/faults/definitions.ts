// Faults a test can inject: serializable data, each with a matcher and a one-line description
// (after mockttp's explain()). Transport faults are carried out by ../http/fault-middleware.ts,
// model faults by hooks in the model, and actions (drop-sessions, bmc-reboot) happen once, at once.

import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const times = z.number().int().positive().optional();
/** Which requests a transport fault applies to: a method and a path glob (`*` = any characters). */
const matcher = {
  times,
  method: z.string().min(1).max(10).optional(),
  path: z.string().min(1).max(1000).optional(),
};

/** How the `garbage` fault replaces an answer (../http/garbage-answer.ts). */
export const GARBAGE_MODES = [
  'truncated-json',
  'wrong-types',
  'missing-fields',
  'huge-body',
  'slow-drip',
  'not-json',
] as const;

export const FaultSpecSchema = z.discriminatedUnion('kind', [
  // transport
  z
    .object({
      kind: z.literal('latency'),
      ms: z.number().int().min(0).max(600_000),
      jitterMs: z.number().int().min(0).max(60_000).optional(),
      ...matcher,
    })
    .strict(),
  z
    .object({
      kind: z.literal('status'),
      status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]),
      retryAfter: z.number().int().min(0).max(3600).optional(),
      ...matcher,
    })
    .strict(),
  z.object({ kind: z.literal('reset-connection'), ...matcher }).strict(),
  z.object({ kind: z.literal('close-mid-response'), ...matcher }).strict(),
  z.object({ kind: z.literal('hang'), ...matcher }).strict(),
  z.object({ kind: z.literal('lose-answer'), ...matcher }).strict(),
  z
    .object({
      kind: z.literal('garbage'),
      mode: z.enum(GARBAGE_MODES),
      ...matcher,
    })
    .strict(),
  z.object({ kind: z.literal('slow-login'), ms: z.number().int().min(0).max(600_000), times }).strict(),
  z.object({ kind: z.literal('session-limit'), times }).strict(),
  // model
  z.object({ kind: z.literal('stuck-host'), times }).strict(),
  z.object({ kind: z.literal('power-on-fails'), times }).strict(),
  z.object({ kind: z.literal('os-ignores-soft-off'), times }).strict(),
  z.object({ kind: z.literal('refuse-when-bmc-not-ready'), times }).strict(),
  z.object({ kind: z.literal('transitions-unavailable'), times }).strict(),
  z.object({ kind: z.literal('boot-not-sticky'), times }).strict(),
  z.object({ kind: z.literal('drop-logout'), times }).strict(),
  z.object({ kind: z.literal('one-time-never-consumed'), times }).strict(),
  // Redfish face (http/redfish/router.ts)
  z.object({ kind: z.literal('etag-ignored'), times }).strict(),
  // actions, carried out when the fault is added
  z.object({ kind: z.literal('drop-sessions') }).strict(),
  z.object({ kind: z.literal('bmc-reboot') }).strict(),
]);

export type FaultSpec = z.infer<typeof FaultSpecSchema>;
export type FaultKind = FaultSpec['kind'];
/** Faults carried out on the request's way in or the answer's way out (../http/fault-middleware.ts). */
export const TRANSPORT_KINDS = [
  'latency',
  'status',
  'reset-connection',
  'close-mid-response',
  'hang',
  'lose-answer',
  'garbage',
  'slow-login',
] as const satisfies readonly FaultKind[];
export type TransportFault = Extract<FaultSpec, { kind: (typeof TRANSPORT_KINDS)[number] }>;
export type GarbageMode = (typeof GARBAGE_MODES)[number];

export function isTransportFault(f: FaultSpec): f is TransportFault {
  return (TRANSPORT_KINDS as readonly string[]).includes(f.kind);
}
export const ACTION_KINDS: readonly FaultKind[] = ['drop-sessions', 'bmc-reboot'];

function what(f: FaultSpec): string {
  switch (f.kind) {
    case 'latency':
      return `delay the answer by ${f.ms} ms${f.jitterMs ? ` (+ up to ${f.jitterMs} ms jitter)` : ''}`;
    case 'status':
      return `answer ${f.status}${f.retryAfter === undefined ? '' : ` with Retry-After: ${f.retryAfter}`}`;
    case 'reset-connection':
      return 'reset the connection (TCP RST) instead of answering';
    case 'close-mid-response':
      return 'close the connection halfway through the answer';
    case 'hang':
      return 'never answer (the connection stays open)';
    case 'lose-answer':
      return 'carry out the request but reset the connection instead of answering';
    case 'garbage':
      return `carry out the request but answer garbage (${f.mode})`;
    case 'slow-login':
      return `delay logins by ${f.ms} ms`;
    case 'session-limit':
      return 'refuse logins as if the session table were full';
    case 'stuck-host':
      return 'accept host and chassis power requests but never move the host';
    case 'refuse-when-bmc-not-ready':
      return 'refuse host and chassis power-up requests with BMCNotReady while the BMC is not Ready (only-allow-boot-when-bmc-ready)';
    case 'transitions-unavailable':
      return 'refuse power-up requests and BMC reboots with Common.Error.Unavailable (a firmware update is activating)';
    case 'os-ignores-soft-off':
      return 'let the host ignore soft-off requests: the BMC forces power off when its soft-off timer runs out';
    case 'power-on-fails':
      return 'let host power-on end in Quiesced instead of Running';
    case 'boot-not-sticky':
      return 'answer boot-setting writes with 200 but keep the old value';
    case 'drop-logout':
      return 'answer logout with 200 but keep the session alive';
    case 'one-time-never-consumed':
      return 'let the host boot from a one-time boot override but leave the override set';
    case 'etag-ignored':
      return 'send ETags but accept any If-Match (never answer 412)';
    case 'drop-sessions':
      return 'drop every session now';
    case 'bmc-reboot':
      return 'reboot the BMC now (the listener goes away for a while)';
  }
}

export function describeFault(f: FaultSpec, remaining?: number): string {
  const on =
    'method' in f || 'path' in f
      ? ` on ${'method' in f && f.method ? f.method : 'any method'} ${'path' in f && f.path ? f.path : '*'}`
      : '';
  const left = remaining ?? ('times' in f ? f.times : undefined);
  const count = left === undefined ? 'always' : left === 1 ? 'once more' : `${left} more times`;
  return `${what(f)}${on} (${count})`;
}

/** Glob match with `*` as any run of characters. */
export function pathMatches(glob: string | undefined, path: string): boolean {
  if (glob === undefined) return true;
  const re = new RegExp(
    `^${glob
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(path);
}

export class FaultFileError extends Error {
  override name = 'FaultFileError';
}

/** Reads and validates a faults file; every failure, unreadable file included, is a FaultFileError. */
export async function loadFaultFile(file: string): Promise<FaultSpec[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new FaultFileError(`cannot read faults file ${file}: ${(error as Error).message}`);
  }
  return parseFaultFile(text, file);
}

/** A faults file: a JSON array of fault specs, validated with errors naming the file and entry. */
export function parseFaultFile(text: string, file: string): FaultSpec[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new FaultFileError(`faults file ${file} is not valid JSON`);
  }
  const parsed = z.array(FaultSpecSchema).safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`)
      .join('; ');
    throw new FaultFileError(`faults file ${file} is invalid: ${issues}`);
  }
  return parsed.data;
}
