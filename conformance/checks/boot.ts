// Boot devices (ironic-contract.md 3.5): one-time and persistent exactly as asked, read back,
// one-time consumed by the next boot, persistent kept. The runner records the BMC's boot
// settings before each of these checks and puts them back after.

import assert from 'node:assert/strict';
import { BOOT_DEVICES } from '../../driver/index.ts';
import { BootSource } from '../../protocol/index.ts';
import type { Check } from '../check.ts';
import { expectError } from './expect.ts';

export const bootChecks: Check[] = [
  {
    id: 'BOT-001',
    title: 'the supported boot devices are pxe, disk, cdrom, bios and safe',
    group: 'boot',
    needs: 'read-only',
    does: 'asks the driver which devices it can set (no request needed)',
    async run(ctx) {
      const devices = await ctx.management.getSupportedBootDevices(ctx.task);
      assert.deepEqual([...devices].sort(), [...BOOT_DEVICES].sort());
    },
  },
  {
    id: 'BOT-002',
    title: 'the boot device reads in Ironic shape {boot_device, persistent}',
    group: 'boot',
    needs: 'read-only',
    does: 'reads the boot settings',
    async run(ctx) {
      const got = await ctx.management.getBootDevice(ctx.task);
      assert.deepEqual(Object.keys(got).sort(), ['boot_device', 'persistent']);
      assert.ok(
        got.boot_device === null || BOOT_DEVICES.includes(got.boot_device),
        `unknown device ${got.boot_device}`,
      );
      assert.ok(got.persistent === null || typeof got.persistent === 'boolean');
      if (got.boot_device === null) assert.equal(got.persistent, null, 'no override has no persistence');
      ctx.note(`found ${got.boot_device ?? 'no override'}`);
    },
  },
  {
    id: 'BOT-003',
    title: 'every device set persistent reads back as itself, persistent',
    group: 'boot',
    needs: 'boot',
    does: 'sets each of the five devices persistent and reads it back',
    async run(ctx) {
      for (const device of BOOT_DEVICES) {
        await ctx.management.setBootDevice(ctx.task, device, true);
        assert.deepEqual(
          await ctx.management.getBootDevice(ctx.task),
          { boot_device: device, persistent: true },
          `${device} persistent`,
        );
      }
    },
  },
  {
    id: 'BOT-004',
    title: 'every device set one-time reads back as itself, not persistent',
    group: 'boot',
    needs: 'boot',
    does: 'sets each of the five devices for the next boot only and reads it back',
    async run(ctx) {
      for (const device of BOOT_DEVICES) {
        await ctx.management.setBootDevice(ctx.task, device, false);
        assert.deepEqual(
          await ctx.management.getBootDevice(ctx.task),
          { boot_device: device, persistent: false },
          `${device} one-time`,
        );
      }
    },
  },
  {
    id: 'BOT-005',
    title: 'a one-time device is used by the next boot and then gone',
    group: 'boot',
    needs: 'power',
    does: 'powers off, sets pxe for the next boot, powers on',
    async run(ctx) {
      await ctx.ensurePower('power off');
      await ctx.management.setBootDevice(ctx.task, 'pxe', false);
      await ctx.power.setPowerState(ctx.task, 'power on');
      if (ctx.sim) {
        const boot = (await ctx.sim.state()).lastBoot;
        assert.ok(
          boot?.source === BootSource.Network,
          `the host should have booted from the network, it booted ${JSON.stringify(boot)}`,
        );
      }
      const after = await ctx.management.getBootDevice(ctx.task);
      assert.notDeepEqual(
        after,
        { boot_device: 'pxe', persistent: false },
        'the one-time device should be consumed by the boot',
      );
    },
  },
  {
    id: 'BOT-006',
    title: 'a persistent device survives power on and reboot',
    group: 'boot',
    needs: 'power',
    does: 'sets disk persistent, powers on, reboots',
    async run(ctx) {
      await ctx.ensurePower('power off');
      await ctx.management.setBootDevice(ctx.task, 'disk', true);
      await ctx.power.setPowerState(ctx.task, 'power on');
      await ctx.power.reboot(ctx.task);
      assert.deepEqual(await ctx.management.getBootDevice(ctx.task), {
        boot_device: 'disk',
        persistent: true,
      });
      if (ctx.sim) {
        const boot = (await ctx.sim.state()).lastBoot;
        assert.ok(
          boot?.source === BootSource.Disk,
          `the last boot should be from disk, it was ${JSON.stringify(boot)}`,
        );
      }
    },
  },
  {
    id: 'BOT-007',
    title: 'an unsupported device is refused with InvalidParameterValue before any request',
    group: 'boot',
    needs: 'read-only',
    does: 'nothing on the BMC: the driver must refuse locally',
    async run(ctx) {
      await expectError(ctx.management.setBootDevice(ctx.task, 'floppy'), 'InvalidParameterValue', /floppy/);
    },
  },
  {
    id: 'BOT-008',
    title: 'a boot setting the BMC does not keep is an error, not a success',
    group: 'boot',
    needs: 'boot',
    requires: ['sim-control'],
    does: 'makes the simulated BMC answer boot writes without keeping them, then sets cdrom persistent',
    async run(ctx) {
      const before = await ctx.management.getBootDevice(ctx.task);
      const wanted = before.boot_device === 'cdrom' ? 'pxe' : 'cdrom';
      await ctx.setup('make boot writes not stick', async () =>
        ctx.sim?.addFault({ kind: 'boot-not-sticky' }),
      );
      await expectError(
        ctx.management.setBootDevice(ctx.task, wanted, true),
        'OpenBMCError',
        /did not keep/,
        'a boot write that did not stick',
      );
      await ctx.sim?.clearFaults();
    },
  },
  {
    id: 'BOT-009',
    title: 'the boot settings can be recorded and restored exactly',
    group: 'boot',
    needs: 'boot',
    does: 'records the boot settings, sets bios one-time, restores them and compares',
    async run(ctx) {
      const saved = await ctx.management.saveBootSettings(ctx.task);
      const before = await ctx.management.getBootDevice(ctx.task);
      await ctx.management.setBootDevice(ctx.task, before.boot_device === 'bios' ? 'safe' : 'bios', false);
      await ctx.management.restoreBootSettings(ctx.task, saved);
      assert.deepEqual(await ctx.management.saveBootSettings(ctx.task), saved, 'every boot property is back');
      assert.deepEqual(await ctx.management.getBootDevice(ctx.task), before);
    },
  },
];
