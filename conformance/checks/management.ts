// Management beyond boot devices: sensors in Ironic's shape, NMI, boot mode, and the optional
// methods this firmware's REST API cannot do (UnsupportedDriverExtension, never a fake value).

import assert from 'node:assert/strict';
import {
  DRIVER_INFO_PROPERTIES,
  NoopManagement,
  OpenBMCManagement,
  OpenBMCPower,
} from '../../driver/index.ts';
import type { Check, CheckContext } from '../check.ts';
import { expectError, isUnsupported } from './expect.ts';

/** The boot mode, or the check ends `skipped` where the firmware has none (no BootType). */
async function bootModeOrSkip(ctx: CheckContext): Promise<string | null> {
  try {
    return await ctx.management.getBootMode(ctx.task);
  } catch (err) {
    if (isUnsupported(err)) ctx.skip(`no boot mode on this firmware: ${err.message}`);
    throw err;
  }
}

export const managementChecks: Check[] = [
  {
    id: 'MGT-001',
    title: 'sensors read in Ironic shape: type -> sensor -> fields, with a numeric reading',
    group: 'management',
    needs: 'read-only',
    does: 'reads every sensor',
    async run(ctx) {
      const data = await ctx.management.getSensorsData(ctx.task);
      const types = Object.keys(data);
      if (types.length === 0) ctx.skip('the BMC publishes no sensors');
      let count = 0;
      for (const [type, sensors] of Object.entries(data)) {
        for (const [name, fields] of Object.entries(sensors)) {
          count += 1;
          assert.equal(typeof fields['Sensor Reading'], 'string', `${type}/${name} has no Sensor Reading`);
          assert.match(fields['Sensor Reading'] ?? '', /^-?\d+(\.\d+)?( .+)?$/, `${type}/${name} reading`);
        }
      }
      ctx.note(`${count} sensors in ${types.sort().join(', ')}`);
    },
  },
  {
    id: 'MGT-002',
    title: 'an NMI reaches the host (or the firmware says it has none)',
    group: 'management',
    needs: 'power',
    does: 'powers the host on (if off) and sends it a non-maskable interrupt',
    async run(ctx) {
      await ctx.ensurePower('power on');
      const before = ctx.sim ? (await ctx.sim.state()).nmiCount : 0;
      try {
        await ctx.management.injectNmi(ctx.task);
      } catch (err) {
        if (isUnsupported(err)) ctx.skip(`no NMI on this firmware: ${err.message}`);
        throw err;
      }
      if (ctx.sim)
        assert.equal((await ctx.sim.state()).nmiCount, before + 1, 'the simulated host should count one NMI');
    },
  },
  {
    id: 'MGT-003',
    title: 'the boot mode reads as uefi or bios (or the firmware says it has none)',
    group: 'management',
    needs: 'read-only',
    does: 'reads BootType',
    async run(ctx) {
      const mode = await bootModeOrSkip(ctx);
      assert.ok(mode === 'uefi' || mode === 'bios', `boot mode reads ${mode}`);
      assert.deepEqual([...(await ctx.management.getSupportedBootModes(ctx.task))].sort(), ['bios', 'uefi']);
    },
  },
  {
    id: 'MGT-004',
    title: 'the boot mode can be switched and reads back',
    group: 'management',
    needs: 'boot',
    does: 'switches BootType to the other mode and back',
    async run(ctx) {
      const mode = await bootModeOrSkip(ctx);
      const other = mode === 'uefi' ? 'bios' : 'uefi';
      try {
        await ctx.management.setBootMode(ctx.task, other);
      } catch (err) {
        // bmcweb 2019's Redfish reports a fixed Legacy mode and refuses to change it (redfish.md 2.2).
        if (isUnsupported(err)) return ctx.skip(`the firmware cannot switch the boot mode: ${err.message}`);
        throw err;
      }
      assert.equal(await ctx.management.getBootMode(ctx.task), other);
      await expectError(
        ctx.management.setBootMode(ctx.task, 'coreboot'),
        'InvalidParameterValue',
        /coreboot/,
      );
    },
  },
  {
    id: 'MGT-005',
    title: 'what OpenBMC REST cannot do raises UnsupportedDriverExtension',
    group: 'management',
    needs: 'read-only',
    does: 'nothing on the BMC: secure boot, indicators, vendor and MACs are refused locally',
    async run(ctx) {
      const m = ctx.management;
      for (const [what, work] of [
        ['get_secure_boot_state', () => m.getSecureBootState(ctx.task)],
        ['set_secure_boot_state', () => m.setSecureBootState(ctx.task, true)],
        ['get_supported_indicators', () => m.getSupportedIndicators(ctx.task)],
        ['detect_vendor', () => m.detectVendor(ctx.task)],
        ['get_mac_addresses', () => m.getMacAddresses(ctx.task)],
      ] as const) {
        await expectError(work(), 'UnsupportedDriverExtension', new RegExp(what), what);
      }
    },
  },
  {
    id: 'MGT-006',
    title: "the hardware type lists the driver's interfaces, default first, and validates this target",
    group: 'management',
    needs: 'read-only',
    does: 'nothing on the BMC: validation does no network I/O',
    async run(ctx) {
      const hw = ctx.driver.hardware;
      assert.equal(hw.supportedPowerInterfaces[0], OpenBMCPower);
      assert.deepEqual(hw.supportedManagementInterfaces, [OpenBMCManagement, NoopManagement]);
      ctx.power.validate(ctx.task);
      ctx.management.validate(ctx.task);
      const props = ctx.power.getProperties();
      for (const key of ['openbmc_address', 'openbmc_username', 'openbmc_password'])
        assert.ok(key in props && key in DRIVER_INFO_PROPERTIES, `getProperties should describe ${key}`);
      const err = await expectError(
        Promise.resolve().then(() => ctx.power.validate({ node: { driver_info: {} } })),
        'MissingParameterValue',
      );
      for (const key of ['openbmc_address', 'openbmc_username', 'openbmc_password'])
        assert.match(err.message, new RegExp(key), `the missing-parameter error should name ${key}`);
    },
  },
];
