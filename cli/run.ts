// Runs the program against the real process: the only place that reads argv, env and signals.

import { CommanderError } from 'commander';
import { CliExit, type CliIo } from './io.ts';
import { buildProgram } from './main.ts';

export async function runCli(argv: string[]): Promise<number> {
  const interrupted = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    interrupted,
  };
  try {
    await buildProgram(io).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CliExit) return error.exitCode;
    if (error instanceof CommanderError) return error.exitCode;
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`obmc: ${message}\n`);
    return 1;
  }
}
