// Sessions: what every operation depends on and what a leaking driver exhausts (16 sessions on
// the Python server, 64 on bmcweb: openbmc-rest.md 1.5). The driver opens them on either API, so
// these run on both; Redfish counts them in its Sessions collection (session-count.ts).

import assert from 'node:assert/strict';
import { createOpenBMCDriver } from '../../driver/index.ts';
import type { Check } from '../check.ts';
import { countedWhere, liveSessions } from '../session-count.ts';
import { expectError } from './expect.ts';

export const sessionChecks: Check[] = [
  {
    id: 'SES-001',
    title: 'an operation logs in and logs out, leaving no session behind',
    group: 'session',
    api: 'any',
    needs: 'read-only',
    requires: ['session-list'],
    does: 'reads the power state and counts the live sessions before and after (Redfish: the Sessions collection; D-Bus REST: the simulator)',
    async run(ctx) {
      const before = await liveSessions(ctx);
      // A simulator starts every check clean; a real BMC may hold other clients' sessions.
      if (ctx.sim)
        assert.equal(
          before,
          0,
          `the BMC should start with no session, it has ${before} ${countedWhere(ctx)}`,
        );
      await ctx.power.getPowerState(ctx.task);
      const after = await liveSessions(ctx);
      assert.equal(
        after,
        before,
        `after one power read the BMC still holds ${after} session(s): the logout did not end it (counted ${countedWhere(ctx)}, ${before} before)`,
      );
    },
  },
  {
    id: 'SES-002',
    title: 'wrong credentials raise OpenBMCAuthError at login (HTTP 401; 403 on 2019 Redfish)',
    group: 'session',
    api: 'any',
    needs: 'read-only',
    does: 'logs in once with a wrong password (one failed login on the account)',
    async run(ctx) {
      const bad = ctx.taskWith({ openbmc_password: `wrong-${Date.now().toString(36)}` });
      const err = await expectError(
        ctx.power.getPowerState(bad),
        'OpenBMCAuthError',
        /./,
        'a login with a wrong password',
      );
      assert.equal(err.context?.step, 'login', 'the auth error should name the login step');
      // bmcweb's Redfish login answered a wrong password 403 until 2021 (dd118a2e), 401 since.
      if (ctx.api === 'redfish' && err.context?.httpStatus === 403) {
        ctx.note('this firmware refuses a wrong password with 403 over Redfish (bmcweb 2019, dd118a2e)');
        return;
      }
      assert.equal(err.context?.httpStatus, 401, 'the BMC should refuse a wrong password with 401');
    },
  },
  {
    id: 'SES-003',
    title: 'concurrent operations on one BMC all succeed and all log out',
    group: 'session',
    api: 'any',
    needs: 'read-only',
    does: 'reads the power state 8 times at once (the driver queues them per BMC), counting the live sessions before and after where the API lists them',
    async run(ctx) {
      const before = await liveSessions(ctx);
      const states = await Promise.all(Array.from({ length: 8 }, () => ctx.power.getPowerState(ctx.task)));
      assert.equal(new Set(states).size, 1, `concurrent reads disagree: ${states.join(', ')}`);
      if (before !== undefined) {
        const left = await liveSessions(ctx);
        assert.equal(
          left,
          before,
          `${before} session(s) before 8 concurrent reads, ${left} after ${countedWhere(ctx)}`,
        );
      }
    },
  },
  {
    id: 'SES-004',
    title: 'with session reuse, one session serves many operations and close() ends it',
    group: 'session',
    api: 'any',
    needs: 'read-only',
    requires: ['session-list'],
    does: 'reads the power state three times through one kept session, then logs it out, counting the live sessions',
    async run(ctx) {
      const before = (await liveSessions(ctx)) ?? 0;
      if (ctx.sim)
        assert.equal(
          before,
          0,
          `the BMC should start with no session, it has ${before} ${countedWhere(ctx)}`,
        );
      const driver = createOpenBMCDriver();
      const task = ctx.taskWith({ openbmc_session_reuse: true });
      try {
        for (let i = 0; i < 3; i++) await driver.power.getPowerState(task);
        const held = (await liveSessions(ctx)) ?? 0;
        assert.equal(
          held - before,
          1,
          `session reuse should keep exactly one session, the BMC holds ${held - before} more than before ${countedWhere(ctx)}`,
        );
      } finally {
        await driver.close();
      }
      const after = (await liveSessions(ctx)) ?? 0;
      assert.equal(
        after - before,
        0,
        `close() should log the kept session out, ${after - before} left ${countedWhere(ctx)}`,
      );
    },
  },
  {
    id: 'SES-005',
    title:
      'a BMC with the REST API disabled is named as such (OpenBMCRestDisabledError), not a generic failure',
    group: 'session',
    // D-Bus REST only: it is about how that API says it is off; Redfish has no such state.
    api: 'rest',
    needs: 'read-only',
    restApi: 'disabled',
    does: 'reads the power state and the boot device once each',
    async run(ctx) {
      for (const [what, work] of [
        ['a power read', () => ctx.power.getPowerState(ctx.task)],
        ['a boot device read', () => ctx.management.getBootDevice(ctx.task)],
      ] as const) {
        const err = await expectError(work(), 'OpenBMCRestDisabledError', /REST API is disabled/, what);
        assert.match(err.message, /redfish/i, 'the error should point to Redfish');
      }
      if (ctx.sim) {
        const left = (await ctx.sim.state()).sessions;
        assert.equal(
          left,
          0,
          `the driver should log out after finding REST disabled; ${left} session(s) left`,
        );
      }
    },
  },
];
