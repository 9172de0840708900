// `obmc power status|on|off|soft-off|reboot|soft-reboot`.

import type { Command } from 'commander';
import { PowerState, type PowerStateValue, type PowerTarget } from '../../driver/index.ts';
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

/** The state each change ends in once the driver returns. */
const SETTLES_AT: Record<PowerTarget, PowerStateValue> = {
  [PowerState.on]: PowerState.on,
  [PowerState.reboot]: PowerState.on,
  [PowerState.softReboot]: PowerState.on,
  [PowerState.off]: PowerState.off,
  [PowerState.softPowerOff]: PowerState.off,
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
      await withDriver(flags, io, (d, task) => d.power.setPowerState(task, target, flags.timeout));
      // setPowerState returned: the BMC reported this state settled (no second session to read it).
      const state = SETTLES_AT[target];
      io.stdout(flags.json ? `${JSON.stringify({ power_state: state })}\n` : `${state}\n`);
    });
  }
}
