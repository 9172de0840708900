// What the driver keeps between operations on one BMC (Ironic keeps it in the node's
// driver_internal_info): an emulated one-time boot device to clear after the next boot (L0
// firmware has no one-time setting), or a persistent device to re-apply before each boot. Each
// `obmc` call is a new process, so the CLI keeps it in a small file per BMC under the user's
// state directory ($XDG_STATE_HOME, else ~/.local/state), keyed by address. It holds no secrets
// (the driver puts none there), is written atomically (temporary file, then rename) and removed
// when there is nothing left to keep. Two `obmc` calls on one BMC at once: the last write wins.

import { randomBytes } from 'node:crypto';
import { access, constants, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError, EXIT } from '../io.ts';

const FORMAT = 1;

export class BmcStateStore {
  /** undefined: no state directory (neither XDG_STATE_HOME nor HOME). */
  readonly #dir: string | undefined;

  constructor(env: Record<string, string | undefined>) {
    const base = env.XDG_STATE_HOME || (env.HOME ? join(env.HOME, '.local', 'state') : undefined);
    this.#dir = base ? join(base, 'openbmc-kit', 'bmc') : undefined;
  }

  /** The file for one BMC origin (https://host:port): readable, one per address. */
  fileOf(address: string): string | undefined {
    return this.#dir && join(this.#dir, `${address.replace(/[^A-Za-z0-9.-]+/g, '_')}.json`);
  }

  /** True when a state file for this BMC can be written (the directory exists or can be made). */
  async canKeep(address: string): Promise<boolean> {
    if (!this.#dir || !this.fileOf(address)) return false;
    try {
      await mkdir(this.#dir, { recursive: true, mode: 0o700 });
      await access(this.#dir, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }

  /** The recorded driver_internal_info of this BMC, or {} where none was kept. */
  async load(address: string): Promise<Record<string, unknown>> {
    const file = this.fileOf(address);
    if (!file) return {};
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw stateError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw stateError(file, 'is not JSON');
    }
    const p = parsed as { format?: unknown; address?: unknown; driver_internal_info?: unknown };
    const info = p.driver_internal_info;
    if (
      p.format !== FORMAT ||
      p.address !== address ||
      typeof info !== 'object' ||
      info === null ||
      Array.isArray(info)
    )
      throw stateError(file, `is not a state file of this obmc for ${address}`);
    return info as Record<string, unknown>;
  }

  /** Records `info` for this BMC (removes the file when it is empty). */
  async save(address: string, info: Record<string, unknown>): Promise<void> {
    const file = this.fileOf(address);
    if (!file || !this.#dir) {
      if (Object.keys(info).length === 0) return;
      throw new CliError(
        'state',
        EXIT.other,
        'no state directory to keep what the driver must remember for this BMC (set XDG_STATE_HOME or HOME)',
        'OBMC_STATE',
      );
    }
    try {
      if (Object.keys(info).length === 0) return await rm(file, { force: true });
      await mkdir(this.#dir, { recursive: true, mode: 0o700 });
      const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      const body = `${JSON.stringify({ format: FORMAT, address, driver_internal_info: info }, null, 2)}\n`;
      try {
        await writeFile(tmp, body, { mode: 0o600 });
        await rename(tmp, file);
      } finally {
        await rm(tmp, { force: true });
      }
    } catch (err) {
      throw new CliError(
        'state',
        EXIT.other,
        `could not write ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)}): what the driver must remember for this BMC is lost (an emulated one-time boot device stays set until changed)`,
        'OBMC_STATE',
      );
    }
  }
}

function stateError(file: string, what: string): CliError {
  return new CliError(
    'state',
    EXIT.other,
    `${file} ${what}; remove it to start over (a one-time boot device it recorded is then no longer cleared after the next boot)`,
    'OBMC_STATE',
  );
}
