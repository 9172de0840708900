// `obmc ...` in-process, as the bin runs it: output captured, the exit code it ends with.

import type { CliIo } from '../../cli/io.ts';
import { runObmc } from '../../cli/main.ts';

export interface ObmcRun {
  code: number;
  out: string;
  err: string;
}

export async function obmc(env: Record<string, string>, ...args: string[]): Promise<ObmcRun> {
  return obmcWith({}, env, ...args);
}

/** The same, with parts of the IO replaced (a terminal on stderr, say). */
export async function obmcWith(
  extra: Partial<CliIo>,
  env: Record<string, string>,
  ...args: string[]
): Promise<ObmcRun> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    env,
    interrupted: new Promise(() => {}),
    ...extra,
  };
  const code = await runObmc(args, io);
  return { code, out, err };
}
