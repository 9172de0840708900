// What a command may touch of the outside world: injected, so commands run in-process in tests.

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Resolves when the user asks the process to stop (Ctrl-C); tests resolve it themselves. */
  interrupted: Promise<void>;
}

/** Raised by a command to end with a given exit code after it printed its own one-line error. */
export class CliExit extends Error {
  readonly exitCode: number;

  constructor(exitCode: number) {
    super(`exit ${exitCode}`);
    this.exitCode = exitCode;
  }
}
