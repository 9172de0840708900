// `obmc power status|on|off|soft-off|reboot|soft-reboot`.

import type { Command } from 'commander';
import { PowerState, type PowerTarget } from '../../driver/index.ts';
import type { CliIo } from '../io.ts';
import { addBmcOptions, bmcFlags, withDriver } from './bmc-target.ts';
import { configurePowerSyncCommand } from './power-sync.ts';

const ACTIONS: Record<string, PowerTarget> = {
  on: PowerState.on,
  off: PowerState.off,
  'soft-off': PowerState.softPowerOff,
  reboot: PowerState.reboot,
  'soft-reboot': PowerState.softReboot,
};

export function configurePowerCommand(power: Command, io: CliIo): void {
  configurePowerSyncCommand(power, io);
  addBmcOptions(power.command('status').description('print the power state')).action(
    async (_o, cmd: Command) => {
      const flags = bmcFlags(cmd, io);
      const state = await withDriver(flags, io, (d, task) => d.power.getPowerState(task));
      io.stdout(flags.json ? `${JSON.stringify({ power_state: state })}\n` : `${state}\n`);
    },
  );
  for (const [name, target] of Object.entries(ACTIONS)) {
    addBmcOptions(power.command(name).description(`${target}, and wait until the BMC reports it`), {
      powerChange: true,
    }).action(async (_o, cmd: Command) => {
      const flags = bmcFlags(cmd, io);
      await withDriver(flags, io, async (d, task) => {
        await d.power.setPowerState(task, target, flags.timeout);
        const state = await d.power.getPowerState(task);
        io.stdout(flags.json ? `${JSON.stringify({ power_state: state })}\n` : `${state}\n`);
      });
    });
  }
}
