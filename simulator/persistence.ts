// `obmc sim --state FILE`: each node's kept settings as versioned JSON, validated on load and
// written atomically (temp file + rename) after every change. A file that does not parse, has
// another version or a bad entry is refused with its name and the bad field, and never
// overwritten. Passwords are kept as hashes only (model/password.ts); nodes the simulator does not
// serve this time are written back unchanged. A write that fails is reported, never thrown at the BMC.

import { readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { PersistedBmc } from './model/bmc.ts';
import { isPasswordHash, Password } from './model/password.ts';

export const STATE_FILE_VERSION = 2;

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

const Role = z.enum(['Administrator', 'Operator', 'ReadOnly']);

const nodeSchema = <U extends z.ZodType>(user: U) =>
  z
    .object({
      node: z.number().int().nonnegative(),
      profile: z.string().min(1),
      settings: z.record(z.string().startsWith('/'), z.record(z.string(), JsonValueSchema)),
      users: z.array(user),
      poweredOn: z.boolean(),
      // bmcweb's SessionTimeout bounds (redfish_sessions.hpp).
      sessionTimeoutS: z.number().int().min(30).max(86400).optional(),
    })
    .strict();

const UserSchema = z
  .object({
    username: z.string().min(1),
    passwordHash: z
      .string()
      .refine(isPasswordHash, 'expected a $scrypt$ln=..,r=..,p=..$salt$hash password hash'),
    role: Role,
  })
  .strict();
/** Version 1 kept passwords in plain text; read once, written back as hashes. */
const V1UserSchema = z
  .object({ username: z.string().min(1), password: z.string().min(1), role: Role })
  .strict();

const NodeSchema = nodeSchema(UserSchema);
const fileSchema = <N extends z.ZodType>(version: number, node: N) =>
  z.object({ version: z.literal(version), savedAt: z.string(), nodes: z.array(node) }).strict();
const StateFileSchema = fileSchema(STATE_FILE_VERSION, NodeSchema);
const V1StateFileSchema = fileSchema(1, nodeSchema(V1UserSchema));

export interface PersistedNode extends PersistedBmc {
  node: number;
  profile: string;
}
export type StateFile = { version: number; savedAt: string; nodes: PersistedNode[] };

export class StateFileError extends Error {
  override name = 'StateFileError';
}

/** A zod issue path as `nodes[0].settings["/xyz/..."].BootSource`. */
const fieldPath = (path: readonly PropertyKey[]) =>
  path
    .map((p, i) =>
      typeof p === 'number'
        ? `[${p}]`
        : /^[A-Za-z_]\w*$/.test(String(p))
          ? `${i ? '.' : ''}${String(p)}`
          : `[${JSON.stringify(p)}]`,
    )
    .join('');

/** The nodes kept in `file`; an empty list when the file does not exist yet. */
export async function loadStateFile(file: string): Promise<PersistedNode[]> {
  await removeStaleTempFiles(file);
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
  if (version !== STATE_FILE_VERSION && version !== 1) {
    throw new StateFileError(
      `state file ${file} has version ${JSON.stringify(version)}, this simulator reads version ${STATE_FILE_VERSION}; it was left untouched`,
    );
  }
  const parsed = (version === 1 ? V1StateFileSchema : StateFileSchema).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StateFileError(
      `state file ${file} is invalid at ${fieldPath(issue?.path ?? []) || '(top level)'}: ${issue?.message}; it was left untouched`,
    );
  }
  const nodes = parsed.data.nodes.map((n) => ({
    ...n,
    users: n.users.map((u) =>
      'passwordHash' in u
        ? u
        : { username: u.username, role: u.role, passwordHash: Password.plain(u.password).hash() },
    ),
  })) as PersistedNode[];
  const seen = new Map<number, number>();
  for (const [i, n] of nodes.entries()) {
    const first = seen.get(n.node);
    if (first !== undefined)
      throw new StateFileError(
        `state file ${file} is invalid at nodes[${i}]: node ${n.node} is already kept at nodes[${first}]; it was left untouched`,
      );
    seen.set(n.node, i);
  }
  return nodes;
}

/** Temp files `FILE.<pid>[.<n>].tmp` of processes that no longer run (killed mid-write). */
async function removeStaleTempFiles(file: string): Promise<void> {
  const base = basename(file);
  let names: string[];
  try {
    names = await readdir(dirname(file));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(`${base}.`) || !name.endsWith('.tmp')) continue;
    const pid = /^(\d+)(?:\.\d+)?$/.exec(name.slice(base.length + 1, -'.tmp'.length))?.[1];
    if (pid === undefined || isRunning(Number(pid))) continue;
    await unlink(join(dirname(file), name)).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const reason = (error: unknown, file: string): string => {
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return `its directory ${dirname(file)} does not exist`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied in ${dirname(file)}`;
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return e.code ?? (e instanceof Error ? e.message : String(e));
  }
};

export interface StateFileStatus {
  file: string;
  /** When the last write succeeded (null before the first). */
  savedAt: string | null;
  /** Why the last write failed; null once a write succeeds again. */
  error: string | null;
}

/** Writes the whole file atomically; writes are serialized and coalesced. */
export class StateFileWriter {
  readonly file: string;
  readonly #read: () => PersistedNode[];
  readonly #others: PersistedNode[];
  readonly #onError: (message: string) => void;
  readonly #tmp: string;
  #pending = false;
  #chain: Promise<void> = Promise.resolve();
  #savedAt: string | null = null;
  #error: string | null = null;

  /**
   * `read` gives the served nodes' state; `others` are kept entries of nodes not served this time,
   * written back as they were; `onError` hears about each failed scheduled write.
   */
  constructor(
    file: string,
    read: () => PersistedNode[],
    others: PersistedNode[] = [],
    onError: (message: string) => void = () => undefined,
  ) {
    this.file = file;
    this.#read = read;
    this.#others = others;
    this.#onError = onError;
    // One temp file per process: writes are serialized, so it never outlives one.
    this.#tmp = join(dirname(file), `${basename(file)}.${process.pid}.tmp`);
  }

  /** Schedules a write of the current state (several changes in one tick make one write). */
  schedule(): void {
    if (this.#pending) return;
    this.#pending = true;
    this.#chain = this.#chain.then(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.#pending = false;
      await this.write().catch((error: unknown) => this.#onError((error as Error).message));
    });
  }

  /** Writes now; a failure is recorded in `status()` and thrown as a StateFileError. */
  async write(): Promise<void> {
    const savedAt = new Date().toISOString();
    const served = this.#read();
    const nodes = [...served, ...this.#others.filter((o) => !served.some((s) => s.node === o.node))].sort(
      (a, b) => a.node - b.node,
    );
    const doc: StateFile = { version: STATE_FILE_VERSION, savedAt, nodes };
    try {
      await writeFile(this.#tmp, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
      await rename(this.#tmp, this.file);
    } catch (error) {
      await unlink(this.#tmp).catch(() => undefined);
      this.#error = `cannot write state file ${this.file}: ${reason(error, this.file)}`;
      throw new StateFileError(this.#error);
    }
    this.#savedAt = savedAt;
    this.#error = null;
  }

  status(): StateFileStatus {
    return { file: this.file, savedAt: this.#savedAt, error: this.#error };
  }

  /** Resolves when every scheduled write has finished. */
  flushed(): Promise<void> {
    return this.#chain;
  }
}
