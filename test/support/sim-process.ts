// `obmc sim` as a real child process (the CLI entry through tsx): what in-process tests cannot see,
// such as the event loop running dry, signals and exit codes.

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface SimProcess {
  child: ChildProcess;
  /** One per BMC, from the `listening <URL> profile=<NAME>` lines. */
  urls: string[];
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr holds a line containing `text` (its `count`-th occurrence). */
  logged(text: string, count?: number): Promise<void>;
  /** Resolves with the exit code (or the signal's name) once the process ended. */
  exited: Promise<number | string>;
  /** SIGTERM (unless it already ended), then its exit code. */
  stop(): Promise<number | string>;
}

/** Starts `obmc sim ARGS`; `expectListening` = how many `listening` lines to wait for (0: none). */
export async function startSimProcess(args: string[], expectListening = 1): Promise<SimProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/entry.ts', 'sim', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { check: () => boolean; resolve: () => void }[] = [];
  const wake = () => {
    for (const w of [...waiters])
      if (w.check()) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    wake();
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err += d;
    wake();
  });
  const exited = once(child, 'exit').then(([code, signal]) => (code as number | null) ?? String(signal));
  const until = (check: () => boolean, what: string) =>
    check()
      ? Promise.resolve()
      : Promise.race([
          new Promise<void>((resolve) => waiters.push({ check, resolve })),
          exited.then((code) => {
            throw new Error(`obmc sim ended (${code}) before ${what}; stderr:\n${err}`);
          }),
        ]);
  const listening = () => out.split('\n').filter((l) => l.startsWith('listening '));
  if (expectListening > 0) await until(() => listening().length >= expectListening, 'it listened');
  return {
    child,
    urls: listening().map((l) => l.split(' ')[1] ?? ''),
    stdout: () => out,
    stderr: () => err,
    logged: (text, count = 1) => until(() => err.split(text).length > count, `it logged "${text}"`),
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
