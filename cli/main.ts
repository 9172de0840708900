// The `obmc` command: parses arguments and calls the library. Nothing here touches `process`;
// cli/run.ts does.

import { Command } from 'commander';
import { registerBootCommand } from './commands/boot.ts';
import { registerConformanceCommand } from './commands/conformance.ts';
import { registerPowerCommand } from './commands/power.ts';
import { registerManagementCommands } from './commands/sensors.ts';
import { registerSimCommand } from './commands/sim.ts';
import type { CliIo } from './io.ts';

export function buildProgram(io: CliIo): Command {
  const program = new Command('obmc')
    .description('OpenBMC D-Bus REST toolkit: simulator, driver and conformance kit')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();
  registerSimCommand(program, io);
  registerPowerCommand(program, io);
  registerBootCommand(program, io);
  registerManagementCommands(program, io);
  registerConformanceCommand(program, io);
  return program;
}
