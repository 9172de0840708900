// `obmc boot get` and `obmc boot set <device> [--persistent]`.

import { type Command, InvalidArgumentError } from 'commander';
import { BOOT_DEVICES } from '../../driver/index.ts';
import type { CliIo } from '../io.ts';
import { addBmcOptions, bmcFlags, withDriver } from './bmc-target.ts';

export function configureBootCommand(boot: Command, io: CliIo): void {
  addBmcOptions(boot.command('get').description('print the boot device and whether it is persistent')).action(
    async (_o, cmd: Command) => {
      const flags = bmcFlags(cmd, io);
      const got = await withDriver(flags, (d, task) => d.management.getBootDevice(task));
      io.stdout(
        flags.json
          ? `${JSON.stringify(got)}\n`
          : `${got.boot_device ?? 'none'} (${got.persistent === null ? 'no override' : got.persistent ? 'persistent' : 'one-time'})\n`,
      );
    },
  );
  addBmcOptions(
    boot
      .command('set')
      .description('set the boot device (one-time unless --persistent), then read it back')
      .argument('<device>', BOOT_DEVICES.join('|'), (v: string) => {
        if (!BOOT_DEVICES.some((d) => d === v))
          throw new InvalidArgumentError(`expected one of ${BOOT_DEVICES.join(', ')}`);
        return v;
      })
      .option('--persistent', 'keep the device for every boot'),
  ).action(async (device: string, _o, cmd: Command) => {
    const flags = bmcFlags<{ persistent?: boolean }>(cmd, io);
    const got = await withDriver(flags, async (d, task) => {
      await d.management.setBootDevice(task, device, flags.persistent === true);
      return d.management.getBootDevice(task);
    });
    io.stdout(
      flags.json
        ? `${JSON.stringify(got)}\n`
        : `${got.boot_device ?? 'none'} (${got.persistent ? 'persistent' : 'one-time'})\n`,
    );
  });
}
