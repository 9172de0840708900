#!/usr/bin/env node
// The `obmc` bin (compiled to dist/cli/entry.js) and `tsx cli/entry.ts` in the npm scripts: the only
// place that reads argv, env and signals.

import { setFlagsFromString } from 'node:v8';
import type { CliIo } from './io.ts';
import { runObmc } from './main.ts';

// undici parses HTTP with llhttp compiled to WebAssembly; V8 would compile it a second time with its
// optimizing tier, about 30 MiB and 0.1 s more than the baseline compiler for a command that sends
// a handful of requests. Set before the first request compiles the module.
setFlagsFromString('--liftoff-only');

let interrupted: Promise<void> | undefined;
const io: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  stderrIsTTY: process.stderr.isTTY === true,
  // Signals are taken over only by a command that waits for them (sim, conformance); the others
  // keep Node's default, so Ctrl-C ends them.
  get interrupted() {
    interrupted ??= new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    return interrupted;
  },
};
process.exitCode = await runObmc(process.argv.slice(2), io);
