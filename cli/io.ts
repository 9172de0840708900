// What a command may touch of the outside world: injected, so commands run in-process in tests.
// And the two ways a command ends other than success: a failure the one error path in main.ts
// prints (CliError), or an exit code after the command printed its own verdict (CliExit).

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Resolves when the user asks the process to stop (Ctrl-C); tests resolve it themselves. */
  interrupted: Promise<void>;
  /** stderr is a terminal: progress bars instead of JSON lines (obmc power sync). */
  stderrIsTTY?: boolean;
}

/** The README's exit codes, one per kind of failure. */
export const EXIT = {
  ok: 0,
  other: 1,
  badInput: 2,
  authentication: 3,
  unreachable: 4,
  powerStateNotReached: 5,
  unsupported: 6,
} as const;

/** A failure main.ts prints as `obmc: <kind>: <message>` (and as JSON under --json), then exits with. */
export class CliError extends Error {
  override name = 'CliError';
  readonly kind: string;
  readonly exitCode: number;
  /** Stable machine-readable code: the driver error's own, or OBMC_USAGE / UNEXPECTED. */
  readonly code: string;

  constructor(kind: string, exitCode: number, message: string, code: string) {
    super(message);
    this.kind = kind;
    this.exitCode = exitCode;
    this.code = code;
  }
}

/** Bad input found by a command after parsing (a value the part's options resolver refused): exit 2. */
export class UsageError extends CliError {
  override name = 'UsageError';

  constructor(message: string) {
    super('invalid input', EXIT.badInput, message, 'OBMC_USAGE');
  }
}

/** Ends with a given exit code after the command printed its own verdict (conformance failures). */
export class CliExit extends Error {
  readonly exitCode: number;

  constructor(exitCode: number) {
    super(`exit ${exitCode}`);
    this.exitCode = exitCode;
  }
}
