// Power: Ironic's semantics (ironic-contract.md 2.1, 3.1-3.4). Every call blocks until the BMC
// reports the target state; on a simulator the checks also look at what the machine did.

import assert from 'node:assert/strict';
import { ChassisPowerState, HostState } from '../../protocol/index.ts';
import type { Check, CheckContext } from '../check.ts';
import { expectError } from './expect.ts';

const ALL_STATES = ['power on', 'power off', 'rebooting', 'soft rebooting', 'soft power off'];

async function reads(ctx: CheckContext, expected: string, after: string): Promise<void> {
  const got = await ctx.power.getPowerState(ctx.task);
  assert.equal(got, expected, `after ${after} the driver reads ${got}, expected ${expected}`);
}

/** The simulator's own view, where there is one: the host (and chassis) state the driver claims. */
async function simShows(ctx: CheckContext, host: string, chassis?: string): Promise<void> {
  if (!ctx.sim) return;
  const s = await ctx.sim.state();
  assert.equal(s.host.current, host, `the simulated host is ${s.host.current}`);
  if (chassis) assert.equal(s.chassis.current, chassis, `the simulated chassis is ${s.chassis.current}`);
}

export const powerChecks: Check[] = [
  {
    id: 'PWR-001',
    title: 'the power state reads as power on or power off',
    group: 'power',
    needs: 'read-only',
    does: 'reads the power state',
    async run(ctx) {
      const state = await ctx.power.getPowerState(ctx.task);
      assert.ok(state === 'power on' || state === 'power off', `a machine at rest reads ${state}`);
    },
  },
  {
    id: 'PWR-002',
    title: 'the supported power states are what this firmware offers',
    group: 'power',
    needs: 'read-only',
    does: 'reads the power transitions the BMC allows',
    async run(ctx) {
      const states = await ctx.power.getSupportedPowerStates(ctx.task);
      for (const s of states) assert.ok(ALL_STATES.includes(s), `unknown power state offered: ${s}`);
      for (const s of ['power on', 'power off', 'rebooting'])
        assert.ok(states.includes(s as never), `${s} should be offered, got ${states.join(', ')}`);
      ctx.note(`offered: ${states.join(', ')}`);
    },
  },
  {
    id: 'PWR-003',
    title: 'power on from off reaches power on',
    group: 'power',
    needs: 'power',
    does: 'powers the host off (if on), then on',
    async run(ctx) {
      await ctx.ensurePower('power off');
      await ctx.power.setPowerState(ctx.task, 'power on');
      await reads(ctx, 'power on', 'power on');
      await simShows(ctx, HostState.Running, ChassisPowerState.On);
    },
  },
  {
    id: 'PWR-004',
    title: 'power on when already on is a no-op that succeeds',
    group: 'power',
    needs: 'power',
    does: 'powers the host on, then asks for power on again',
    async run(ctx) {
      await ctx.ensurePower('power on');
      await ctx.power.setPowerState(ctx.task, 'power on');
      await reads(ctx, 'power on', 'a second power on');
    },
  },
  {
    id: 'PWR-005',
    title: 'hard power off from on reaches power off (chassis off)',
    group: 'power',
    needs: 'power',
    does: 'powers the host on (if off), then hard off',
    async run(ctx) {
      await ctx.ensurePower('power on');
      await ctx.power.setPowerState(ctx.task, 'power off');
      await reads(ctx, 'power off', 'power off');
      await simShows(ctx, HostState.Off, ChassisPowerState.Off);
    },
  },
  {
    id: 'PWR-006',
    title: 'power off when already off is a no-op that succeeds',
    group: 'power',
    needs: 'power',
    does: 'powers the host off, then asks for power off again',
    async run(ctx) {
      await ctx.ensurePower('power off');
      await ctx.power.setPowerState(ctx.task, 'power off');
      await reads(ctx, 'power off', 'a second power off');
    },
  },
  {
    id: 'PWR-007',
    title: 'soft power off from on reaches power off',
    group: 'power',
    needs: 'power',
    does: 'powers the host on (if off), then asks the OS to shut down',
    async run(ctx) {
      await ctx.ensurePower('power on');
      await ctx.power.setPowerState(ctx.task, 'soft power off');
      await reads(ctx, 'power off', 'soft power off');
      await simShows(ctx, HostState.Off);
    },
  },
  {
    id: 'PWR-008',
    title: 'reboot from on ends powered on after a new boot',
    group: 'power',
    needs: 'power',
    does: 'powers the host on (if off), then reboots it',
    async run(ctx) {
      await ctx.ensurePower('power on');
      await ctx.power.reboot(ctx.task);
      await reads(ctx, 'power on', 'reboot');
      if (ctx.sim) {
        const after = await ctx.sim.state();
        assert.equal(
          after.host.current,
          HostState.Running,
          `after reboot the simulated host is ${after.host.current}`,
        );
        assert.notEqual(after.lastBoot, null, 'the host should have booted');
      }
    },
  },
  {
    id: 'PWR-009',
    title: 'reboot from off powers on (never a power-off first)',
    group: 'power',
    needs: 'power',
    does: 'powers the host off (if on), then reboots it',
    async run(ctx) {
      await ctx.ensurePower('power off');
      await ctx.power.reboot(ctx.task);
      await reads(ctx, 'power on', 'reboot from off');
    },
  },
  {
    id: 'PWR-010',
    title: 'soft reboot from on ends powered on',
    group: 'power',
    needs: 'power',
    does: 'powers the host on (if off), then asks the OS to reboot',
    async run(ctx) {
      await ctx.ensurePower('power on');
      await ctx.power.setPowerState(ctx.task, 'soft rebooting');
      await reads(ctx, 'power on', 'soft reboot');
    },
  },
  {
    id: 'PWR-011',
    title: 'an unknown power state is refused with InvalidParameterValue before any request',
    group: 'power',
    needs: 'read-only',
    does: 'nothing on the BMC: the driver must refuse locally',
    async run(ctx) {
      const before = ctx.sim ? await ctx.sim.state() : undefined;
      await expectError(ctx.power.setPowerState(ctx.task, 'sideways'), 'InvalidParameterValue', /sideways/);
      if (ctx.sim && before) {
        const after = await ctx.sim.state();
        assert.equal(after.host.requested, before.host.requested, 'a refused state must not reach the BMC');
      }
    },
  },
  {
    id: 'PWR-012',
    title: 'a host that never reaches the state raises PowerStateFailure at the timeout',
    group: 'power',
    needs: 'power',
    requires: ['sim-control'],
    does: 'makes the simulated host ignore power requests, then asks for power on with a 0.05 s timeout',
    async run(ctx) {
      await ctx.ensurePower('power off');
      await ctx.setup('make the host stuck', async () => ctx.sim?.addFault({ kind: 'stuck-host' }));
      const err = await expectError(
        ctx.power.setPowerState(ctx.task, 'power on', 0.05),
        'PowerStateFailure',
        /still reports/,
        'power on of a stuck host',
      );
      assert.equal(err.code, 'OBMC_POWER_STATE_FAILURE');
    },
  },
  {
    id: 'PWR-013',
    title: 'a mutating call under a shared lock raises ExclusiveLockRequired and changes nothing',
    group: 'power',
    needs: 'read-only',
    does: 'nothing on the BMC: the driver must refuse locally',
    async run(ctx) {
      const before = await ctx.power.getPowerState(ctx.task);
      const shared = { ...ctx.task, shared: true };
      await expectError(
        ctx.power.setPowerState(shared, before === 'power on' ? 'power off' : 'power on'),
        'ExclusiveLockRequired',
      );
      await expectError(ctx.management.setBootDevice(shared, 'pxe'), 'ExclusiveLockRequired');
      assert.equal(
        await ctx.power.getPowerState(shared),
        before,
        'reads work under a shared lock and the state is unchanged',
      );
    },
  },
];
