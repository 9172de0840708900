// `obmc sensors`, `obmc nmi` and `obmc info`: the rest of the management interface.

import type { Command } from 'commander';
import { UnsupportedDriverExtension } from '../../driver/index.ts';
import type { CliIo } from '../io.ts';
import { addBmcOptions, bmcFlags, withDriver } from './bmc-target.ts';

export function configureSensorsCommand(command: Command, io: CliIo): void {
  addBmcOptions(command).action(async (_o, cmd: Command) => {
    const flags = bmcFlags(cmd, io);
    const data = await withDriver(flags, io, (d, task) => d.management.getSensorsData(task));
    if (flags.json) return io.stdout(`${JSON.stringify(data)}\n`);
    for (const [type, sensors] of Object.entries(data)) {
      for (const [name, fields] of Object.entries(sensors))
        io.stdout(`${type}\t${name}\t${fields['Sensor Reading']}\t${fields.Status ?? ''}\n`);
    }
  });
}

export function configureNmiCommand(command: Command, io: CliIo): void {
  addBmcOptions(command).action(async (_o, cmd: Command) => {
    const flags = bmcFlags(cmd, io);
    await withDriver(flags, io, (d, task) => d.management.injectNmi(task));
    io.stdout(flags.json ? `${JSON.stringify({ nmi: 'injected' })}\n` : 'NMI injected\n');
  });
}

export function configureInfoCommand(command: Command, io: CliIo): void {
  // Five reads, one session each: power state, supported states, boot device, boot mode, BMC.
  addBmcOptions(command, { operations: 5 }).action(async (_o, cmd: Command) => {
    const flags = bmcFlags(cmd, io);
    const info = await withDriver(flags, io, async (d, task) => {
      const power_state = await d.power.getPowerState(task);
      const supported_power_states = await d.power.getSupportedPowerStates(task);
      const boot = await d.management.getBootDevice(task);
      let boot_mode: string | null = null;
      try {
        boot_mode = await d.management.getBootMode(task);
      } catch (err) {
        if (!(err instanceof UnsupportedDriverExtension)) throw err;
        boot_mode = 'unsupported';
      }
      const bmc = await d.management.getBmcInfo(task);
      const facts = d.detected(String(task.node.driver_info.openbmc_address));
      return {
        address: facts.address,
        api: facts.api ?? null,
        ...bmc,
        dialect: facts.dialect ?? null,
        boot_layout: facts.bootLayout ?? null,
        power_state,
        supported_power_states,
        ...boot,
        supported_boot_devices: await d.management.getSupportedBootDevices(task),
        boot_mode,
      };
    });
    if (flags.json) return io.stdout(`${JSON.stringify(info)}\n`);
    for (const [k, v] of Object.entries(info))
      io.stdout(`${k.padEnd(24)}${Array.isArray(v) ? v.join(', ') : String(v)}\n`);
  });
}
