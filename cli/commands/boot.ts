// `obmc boot get` and `obmc boot set <device> [--persistent]`.

import { type Command, InvalidArgumentError } from 'commander';
import { BOOT_DEVICES } from '../../driver/index.ts';
import { CliError, type CliIo, EXIT } from '../io.ts';
import { addBmcOptions, bmcFlags, withDriver } from './bmc-target.ts';

export function configureBootCommand(boot: Command, io: CliIo): void {
  addBmcOptions(boot.command('get').description('print the boot device and whether it is persistent')).action(
    async (_o, cmd: Command) => {
      const flags = bmcFlags(cmd, io);
      const got = await withDriver(flags, io, (d, task) => d.management.getBootDevice(task));
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
      .description('set the boot device (one-time unless --persistent); the driver reads it back')
      .argument('<device>', BOOT_DEVICES.join('|'), (v: string) => {
        if (!BOOT_DEVICES.some((d) => d === v))
          throw new InvalidArgumentError(`expected one of ${BOOT_DEVICES.join(', ')}`);
        return v;
      })
      .option(
        '--persistent',
        'keep the device for every boot (without it: the next boot only; on 2017 L0 firmware obmc clears it after the next power on or reboot it makes, remembered in a state file under XDG_STATE_HOME or ~/.local/state)',
      ),
    // One session; two where no state directory can be written (the layout is read first).
    { operations: 2 },
  ).action(async (device: string, _o, cmd: Command) => {
    const flags = bmcFlags<{ persistent?: boolean }>(cmd, io);
    const got = await withDriver(flags, io, async (d, task, state) => {
      if (flags.persistent !== true && !(await state.canKeep())) {
        // L0 firmware has no one-time setting: the driver emulates it and must remember to
        // clear it after the next boot. Where that cannot be kept, refuse rather than promise.
        await d.management.getBootDevice(task);
        const { address, bootLayout } = d.detected(flags.address);
        if (bootLayout === 'L0') {
          throw new CliError(
            'unsupported',
            EXIT.unsupported,
            `${address} has no one-time boot setting (L0 boot layout, 2017 firmware): obmc emulates it with a state file, and there is no writable state directory here (XDG_STATE_HOME or HOME); use --persistent`,
            'OBMC_UNSUPPORTED',
          );
        }
      }
      // setBootDevice read the setting back (an emulated one as the driver records it): what it
      // returns without an error is what the BMC keeps, so no second session reads it again.
      await d.management.setBootDevice(task, device, flags.persistent === true);
      return { boot_device: device, persistent: flags.persistent === true };
    });
    io.stdout(
      flags.json
        ? `${JSON.stringify(got)}\n`
        : `${got.boot_device ?? 'none'} (${got.persistent ? 'persistent' : 'one-time'})\n`,
    );
  });
}
