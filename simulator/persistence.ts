// `obmc sim --state FILE`: each node's kept settings as versioned JSON, validated on load and
// written atomically (temp file + rename) after every change. A file that does not parse or has
// another version is refused with its name in the error, and never overwritten.

import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { PersistedBmc } from './model/bmc.ts';

export const STATE_FILE_VERSION = 1;

const JsonValueSchema: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(JsonValueSchema),
    z.record(z.string(), JsonValueSchema),
  ]),
);

const NodeSchema = z
  .object({
    node: z.number().int().nonnegative(),
    profile: z.string().min(1),
    settings: z.record(z.string().startsWith('/'), z.record(z.string(), JsonValueSchema)),
    users: z.array(
      z
        .object({
          username: z.string().min(1),
          password: z.string().min(1),
          role: z.enum(['Administrator', 'Operator', 'ReadOnly']),
        })
        .strict(),
    ),
    poweredOn: z.boolean(),
  })
  .strict();

const StateFileSchema = z
  .object({ version: z.literal(STATE_FILE_VERSION), savedAt: z.string(), nodes: z.array(NodeSchema) })
  .strict();

export type PersistedNode = z.infer<typeof NodeSchema>;
export type StateFile = z.infer<typeof StateFileSchema>;

export class StateFileError extends Error {
  override name = 'StateFileError';
}

/** The nodes kept in `file`; an empty list when the file does not exist yet. */
export async function loadStateFile(file: string): Promise<PersistedNode[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new StateFileError(`cannot read state file ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new StateFileError(
      `state file ${file} is not valid JSON; fix or remove it (it was left untouched)`,
    );
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (version !== STATE_FILE_VERSION) {
    throw new StateFileError(
      `state file ${file} has version ${JSON.stringify(version)}, this simulator reads version ${STATE_FILE_VERSION}; it was left untouched`,
    );
  }
  const parsed = StateFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new StateFileError(
      `state file ${file} is invalid: ${z.prettifyError(parsed.error).replaceAll('\n', '; ')}`,
    );
  }
  return parsed.data.nodes;
}

/** Writes the whole file atomically; writes are serialized and coalesced. */
export class StateFileWriter {
  readonly file: string;
  readonly #read: () => { node: number; profile: string; state: PersistedBmc }[];
  #pending = false;
  #chain: Promise<void> = Promise.resolve();
  #seq = 0;

  constructor(file: string, read: () => { node: number; profile: string; state: PersistedBmc }[]) {
    this.file = file;
    this.#read = read;
  }

  /** Schedules a write of the current state (several changes in one tick make one write). */
  schedule(): void {
    if (this.#pending) return;
    this.#pending = true;
    this.#chain = this.#chain.then(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.#pending = false;
      await this.write();
    });
  }

  async write(): Promise<void> {
    const doc: StateFile = {
      version: STATE_FILE_VERSION,
      savedAt: new Date().toISOString(),
      nodes: this.#read().map(({ node, profile, state }) => ({ node, profile, ...state }) as PersistedNode),
    };
    const tmp = `${this.file}.${process.pid}.${this.#seq++}.tmp`;
    await writeFile(tmp, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.file);
  }

  /** Resolves when every scheduled write has finished. */
  flushed(): Promise<void> {
    return this.#chain;
  }
}
