// The `obmc` command: parses arguments and calls the library. Nothing here touches `process`
// except the direct-run block at the bottom (used by `npm start` / `npm run conformance`).

import { Command } from 'commander';
import type { CliIo } from './io.ts';
import { registerSimCommand } from './commands/sim.ts';

export function buildProgram(io: CliIo): Command {
  const program = new Command('obmc')
    .description('OpenBMC D-Bus REST toolkit: simulator, driver and conformance kit')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();
  registerSimCommand(program, io);
  return program;
}
