// `obmc ...` in-process, as the bin runs it: output captured, the exit code a command ends with.

import { CliExit, type CliIo } from '../../cli/io.ts';
import { buildProgram } from '../../cli/main.ts';

export interface ObmcRun {
  code: number;
  out: string;
  err: string;
}

export async function obmc(env: Record<string, string>, ...args: string[]): Promise<ObmcRun> {
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
  };
  try {
    await buildProgram(io).parseAsync(args, { from: 'user' });
    return { code: 0, out, err };
  } catch (e) {
    if (e instanceof CliExit) return { code: e.exitCode, out, err };
    if (e instanceof Error && 'exitCode' in e && typeof e.exitCode === 'number')
      return { code: e.exitCode, out, err };
    throw e;
  }
}
