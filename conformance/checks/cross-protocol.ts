// Cross-protocol checks where a BMC serves both APIs (redfish.md 2.2, "one state, two views"):
// what the driver writes through one API, the other reads back, both ways. Run on the Redfish
// axis; a BMC whose D-Bus REST is off skips them, naming that.

import assert from 'node:assert/strict';
import { OpenBMCRestDisabledError, type Task } from '../../driver/index.ts';
import type { Check, CheckContext } from '../check.ts';

const base = { group: 'cross-protocol', api: 'both' } as const;

/** The REST view of this check's node; skips where the BMC has no D-Bus REST to compare with. */
async function restTask(ctx: CheckContext): Promise<Task> {
  const rest = ctx.taskWith({ openbmc_api: 'rest' });
  try {
    await ctx.power.getPowerState(rest);
  } catch (err) {
    if (err instanceof OpenBMCRestDisabledError)
      ctx.skip("the BMC's D-Bus REST API is disabled: nothing to compare");
    throw err;
  }
  return rest;
}

export const crossProtocolChecks: Check[] = [
  {
    ...base,
    id: 'XPR-001',
    title: 'a boot device set through Redfish reads the same through D-Bus REST, and the other way round',
    needs: 'boot',
    does: 'sets pxe one-time over Redfish, reads it over REST; sets disk persistent over REST, reads it over Redfish',
    async run(ctx) {
      const rest = await restTask(ctx);
      await ctx.management.setBootDevice(ctx.task, 'pxe', false);
      assert.deepEqual(
        await ctx.management.getBootDevice(rest),
        { boot_device: 'pxe', persistent: false },
        'REST reads what Redfish wrote (pxe, one-time)',
      );
      await ctx.management.setBootDevice(rest, 'disk', true);
      assert.deepEqual(
        await ctx.management.getBootDevice(ctx.task),
        { boot_device: 'disk', persistent: true },
        'Redfish reads what REST wrote (disk, persistent)',
      );
    },
  },
  {
    ...base,
    id: 'XPR-002',
    title: 'power changed through Redfish reads the same through D-Bus REST, and the other way round',
    needs: 'power',
    does: 'powers on over Redfish and reads over REST; powers off over REST and reads over Redfish',
    async run(ctx) {
      const rest = await restTask(ctx);
      await ctx.ensurePower('power off');
      await ctx.power.setPowerState(ctx.task, 'power on');
      assert.equal(
        await ctx.power.getPowerState(rest),
        'power on',
        'REST reads power on after a Redfish power-on',
      );
      await ctx.power.setPowerState(rest, 'power off');
      assert.equal(
        await ctx.power.getPowerState(ctx.task),
        'power off',
        'Redfish reads power off after a REST power-off',
      );
    },
  },
];
