// Behaviour under controlled delay (simulator targets): a slow BMC is not a broken one.

import assert from 'node:assert/strict';
import type { Check } from '../check.ts';

export const timingChecks: Check[] = [
  {
    id: 'LAT-001',
    title: 'every read works with 50 ms added to every answer',
    group: 'timing',
    needs: 'read-only',
    requires: ['sim-control'],
    does: 'delays every answer by 50 ms, then reads power, boot device and sensors',
    async run(ctx) {
      await ctx.setup('add latency', async () => ctx.sim?.addFault({ kind: 'latency', ms: 50 }));
      const state = await ctx.power.getPowerState(ctx.task);
      assert.ok(state === 'power on' || state === 'power off');
      await ctx.management.getBootDevice(ctx.task);
      await ctx.management.getSensorsData(ctx.task);
    },
  },
  {
    id: 'LAT-002',
    title: 'power on and off work with jittered latency on every answer',
    group: 'timing',
    needs: 'power',
    requires: ['sim-control'],
    does: 'delays every answer by 10-40 ms, then powers the host on and off',
    async run(ctx) {
      await ctx.ensurePower('power off');
      await ctx.setup('add latency', async () =>
        ctx.sim?.addFault({ kind: 'latency', ms: 10, jitterMs: 30 }),
      );
      await ctx.power.setPowerState(ctx.task, 'power on');
      assert.equal(await ctx.power.getPowerState(ctx.task), 'power on');
      await ctx.power.setPowerState(ctx.task, 'power off');
      assert.equal(await ctx.power.getPowerState(ctx.task), 'power off');
    },
  },
  {
    id: 'LAT-003',
    title: 'boot settings round-trip with latency on every answer',
    group: 'timing',
    needs: 'boot',
    requires: ['sim-control'],
    does: 'delays every answer by 20 ms, then sets and reads cdrom one-time',
    async run(ctx) {
      await ctx.setup('add latency', async () => ctx.sim?.addFault({ kind: 'latency', ms: 20 }));
      await ctx.management.setBootDevice(ctx.task, 'cdrom', false);
      assert.deepEqual(await ctx.management.getBootDevice(ctx.task), {
        boot_device: 'cdrom',
        persistent: false,
      });
    },
  },
];
