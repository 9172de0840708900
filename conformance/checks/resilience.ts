// How the driver copes with a BMC that misbehaves the way real ones do (ironic-contract.md 6):
// one check per fault of the simulator's catalogue. Simulator targets only. Each says in its
// note what the driver did; every one also ends with zero sessions (the runner counts them).

import assert from 'node:assert/strict';
import { createOpenBMCDriver } from '../../driver/index.ts';
import { LegacyPath, ObjectPath, RestRoute } from '../../protocol/index.ts';
import type { FaultSpec } from '../../simulator/faults/definitions.ts';
import type { Check, CheckContext } from '../check.ts';
import { countedWhere, liveSessions } from '../session-count.ts';
import { expectError } from './expect.ts';

type Matcher = { method: string; path: string };

/** The request a power read makes: GET CurrentHostState on /xyz, the getPowerState action on 2016's /org. */
function powerRead(ctx: CheckContext): Matcher {
  return ctx.dialect() === 'legacy'
    ? { method: 'POST', path: `${LegacyPath.chassis}${RestRoute.action}getPowerState` }
    : { method: 'GET', path: `${ObjectPath.host}${RestRoute.attr}CurrentHostState` };
}

/** The request that asks for power on. */
function powerOnRequest(ctx: CheckContext): Matcher {
  return ctx.dialect() === 'legacy'
    ? { method: 'POST', path: `${LegacyPath.chassis}${RestRoute.action}powerOn` }
    : { method: 'PUT', path: `${ObjectPath.host}${RestRoute.attr}RequestedHostTransition` };
}

async function inject(ctx: CheckContext, fault: FaultSpec): Promise<void> {
  await ctx.setup(`inject ${fault.kind}`, async () => {
    assert.ok(ctx.sim, 'needs the simulator');
    await ctx.sim.addFault(fault);
  });
}

async function sessions(ctx: CheckContext): Promise<number> {
  return (await ctx.sim?.state())?.sessions ?? 0;
}

/** Short request deadlines so a silent BMC ends the operation quickly. */
const SHORT = { openbmc_request_timeout: 0.3, openbmc_connect_timeout: 0.3, openbmc_retries: 1 };

export const resilienceChecks: Check[] = [
  {
    id: 'RES-001',
    title: 'a 503 with Retry-After on login is retried and the read succeeds',
    group: 'resilience',
    needs: 'read-only',
    requires: ['sim-control'],
    does: 'answers the next login 503 Retry-After: 0, then reads the power state',
    async run(ctx) {
      await inject(ctx, {
        kind: 'status',
        status: 503,
        retryAfter: 0,
        method: 'POST',
        path: RestRoute.login,
        times: 1,
      });
      const state = await ctx.power.getPowerState(ctx.task);
      assert.ok(state === 'power on' || state === 'power off');
      ctx.note('retried the login after 503 and read the state');
    },
  },
  {
    id: 'RES-002',
    title: 'a 500 on a read is a typed error naming the status, with the session logged out',
    group: 'resilience',
    needs: 'read-only',
    requires: ['sim-control'],
    does: 'answers every power read 500',
    async run(ctx) {
      await inject(ctx, { kind: 'status', status: 500, ...powerRead(ctx) });
      const err = await expectError(
        ctx.power.getPowerState(ctx.task),
        'OpenBMCError',
        /refused/,
        'a read answered 500',
      );
      assert.equal(err.context?.httpStatus, 500);
      ctx.note('OpenBMCError (HTTP 500), not retried');
    },
  },
  {
    id: 'RES-003',
    title: 'a BMC busy (503) on every read gives up after bounded retries with a typed error',
    group: 'resilience',
    needs: 'read-only',
    requires: ['sim-control'],
    does: 'answers every power read 503',
    async run(ctx) {
      await inject(ctx, { kind: 'status', status: 503, ...powerRead(ctx) });
      const err = await expectError(
        ctx.power.getPowerState(ctx.task),
        'OpenBMCError',
        /busy/,
        'a read answered 503',
      );
      assert.equal(err.context?.httpStatus, 503);
      ctx.note('retried, then OpenBMCError (HTTP 503)');
    },
  },
  {
    id: 'RES-004',
    title: 'a connection reset on a read is retried and the read succeeds',
    group: 'resilience',
    needs: 'read-only',
    requires: ['sim-control'],
    does: 'resets the connection of the next power read',
    async run(ctx) {
      await inject(ctx, { kind: 'reset-connection', ...powerRead(ctx), times: 1 });
      await ctx.power.getPowerState(ctx.task);
      ctx.note('retried the read on a new connection');
    },
  },
  {
    id: 'RES-005',
    title: 'an answer cut off halfway is retried and the read succeeds',
    group: 'resilience',
    needs: 'read-only',
    requires: ['sim-control'],
    does: 'closes the connection halfway through the next power read answer',
    async run(ctx) {
      await inject(ctx, { kind: 'close-mid-response', ...powerRead(ctx), times: 1 });
      await ctx.power.getPowerState(ctx.task);
      ctx.note('retried the read after the truncated answer');
    },
  },
  {
    id: 'RES-006',
    title: 'a power request whose connection is lost is judged by re-reading the state, not blindly re-sent',
    group: 'resilience',
    needs: 'power',
    requires: ['sim-control'],
    does: 'resets the connection of the next power-on request, then expects the host on',
    async run(ctx) {
      await ctx.ensurePower('power off');
      await inject(ctx, { kind: 'reset-connection', ...powerOnRequest(ctx), times: 1 });
      await ctx.power.setPowerState(ctx.task, 'power on');
      assert.equal(await ctx.power.getPowerState(ctx.task), 'power on');
      ctx.note('re-read the state after the lost request, then reached power on');
    },
  },
  {
    id: 'RES-007',
    title: 'a BMC that never answers a read gives OpenBMCTimeoutError at the request timeout',
    group: 'resilience',
    needs: 'read-only',
    requires: ['sim-control'],
    does: 'never answers power reads; the driver is given a 0.3 s request timeout',
    async run(ctx) {
      await inject(ctx, { kind: 'hang', ...powerRead(ctx) });
      await expectError(
        ctx.power.getPowerState(ctx.taskWith(SHORT)),
        'OpenBMCTimeoutError',
        /./,
        'a read that never ends',
      );
      await ctx.sim?.clearFaults();
      ctx.note('OpenBMCTimeoutError, then logged out');
    },
  },
  {
    id: 'RES-008',
    title: 'a slow login is waited for; a login that never comes in time is a timeout after bounded retries',
    group: 'resilience',
    needs: 'read-only',
    requires: ['sim-control'],
    does: 'delays the next login by 100 ms, then every login by 1.5 s against a 0.3 s request timeout',
    async run(ctx) {
      await inject(ctx, { kind: 'slow-login', ms: 100, times: 1 });
      await ctx.power.getPowerState(ctx.task);
      await inject(ctx, { kind: 'slow-login', ms: 1500, times: 2 });
      await expectError(
        ctx.power.getPowerState(ctx.taskWith(SHORT)),
        'OpenBMCTimeoutError',
        /./,
        'logins past the timeout',
      );
      // The BMC drops each login the driver gave up on (its connection is gone), so nothing is left.
      ctx.note('waited out a 100 ms login; 1.5 s logins: OpenBMCTimeoutError after one retry');
    },
  },
  {
    id: 'RES-009',
    title:
      'a full session table is retried where the BMC says busy, and named an auth failure where it says 401',
    group: 'resilience',
    needs: 'read-only',
    requires: ['sim-control'],
    does: 'refuses the next login as if the session table were full',
    async run(ctx) {
      await inject(ctx, { kind: 'session-limit', times: 1 });
      if (ctx.dialect() === 'bmcweb') {
        await ctx.power.getPowerState(ctx.task);
        ctx.note('bmcweb answers 503: the login was retried and succeeded');
      } else {
        await expectError(
          ctx.power.getPowerState(ctx.task),
          'OpenBMCAuthError',
          /./,
          'a login refused for a full table',
        );
        ctx.note(
          'the Python server answers 401 "Invalid username or password": OpenBMCAuthError, not retried',
        );
      }
    },
  },
  {
    id: 'RES-010',
    title:
      'a power-on that ends in Quiesced raises PowerStateFailure as soon as the host stops, never reports on',
    group: 'resilience',
    needs: 'power',
    requires: ['sim-control'],
    does: 'makes the next host power-on end in Quiesced, then powers on with the full power timeout',
    async run(ctx) {
      if (ctx.dialect() === 'legacy') {
        ctx.skip(
          "the 2016 firmware's getPowerState reports chassis power only: a host that stops after power-on is invisible to it",
        );
      }
      await ctx.ensurePower('power off');
      await inject(ctx, { kind: 'power-on-fails', times: 1 });
      // No short timeout: the failure must come from the Quiesced reading, not from giving up
      // (with transitional states, a wait that ended at TransitioningToRunning read as "on").
      await expectError(
        ctx.power.setPowerState(ctx.task, 'power on'),
        'PowerStateFailure',
        /the host stopped in .*Quiesced/,
        'a power-on into Quiesced',
      );
      const state = await ctx.power.getPowerState(ctx.task);
      assert.notEqual(state, 'power on', 'a quiesced host is not on');
      ctx.note(`PowerStateFailure at the Quiesced reading; the state then reads ${state}`);
    },
  },
  {
    id: 'RES-011',
    title: 'sessions dropped by the BMC: the next operation logs in again (also with session reuse)',
    group: 'resilience',
    // Sessions drop on both faces (one store), and the driver keeps one on either API.
    api: 'any',
    needs: 'read-only',
    requires: ['sim-control'],
    does: 'drops every session between two reads through a kept session',
    async run(ctx) {
      const driver = createOpenBMCDriver();
      const task = ctx.taskWith({ openbmc_session_reuse: true });
      try {
        await driver.power.getPowerState(task);
        await inject(ctx, { kind: 'drop-sessions' });
        await driver.power.getPowerState(task);
        const held = await liveSessions(ctx);
        assert.equal(held, 1, `one new session after the re-login, ${held} ${countedWhere(ctx)}`);
      } finally {
        await driver.close();
      }
      ctx.note('401 on the kept session, logged in again, read succeeded');
    },
  },
  {
    id: 'RES-012',
    title: 'a BMC that reboots: the driver recovers or gives a connection error, never hangs',
    group: 'resilience',
    needs: 'read-only',
    requires: ['sim-control'],
    does: 'reboots the simulated BMC, then reads the power state',
    async run(ctx) {
      await inject(ctx, { kind: 'bmc-reboot' });
      try {
        await ctx.power.getPowerState(ctx.taskWith({ openbmc_retries: 10, openbmc_retry_interval: 0.05 }));
        ctx.note('read succeeded once the BMC was back');
      } catch (err) {
        assert.ok(
          err instanceof Error && err.name === 'OpenBMCConnectionError',
          `expected OpenBMCConnectionError, got ${String(err)}`,
        );
        ctx.note('OpenBMCConnectionError while the BMC was down');
      }
    },
  },
  {
    id: 'RES-013',
    title: 'a BMC that keeps sessions after logout: the driver still logs out every one',
    group: 'resilience',
    needs: 'read-only',
    requires: ['sim-control'],
    does: 'answers logouts 200 but keeps the session, then reads the power state twice',
    async run(ctx) {
      await inject(ctx, { kind: 'drop-logout', times: 1 });
      await ctx.power.getPowerState(ctx.task);
      assert.equal(await sessions(ctx), 1, 'the BMC kept the one session whose logout it dropped');
      await ctx.power.getPowerState(ctx.task);
      assert.equal(await sessions(ctx), 1, 'the next operation logged its own session out');
      ctx.note('the driver logged out each time; the BMC kept 1 session (expires by its idle timeout)');
      await ctx.sim?.addFault({ kind: 'drop-sessions' });
    },
  },
  {
    id: 'RES-014',
    title: 'a 502 or 504 on the power request is judged by re-reading the state',
    group: 'resilience',
    needs: 'power',
    requires: ['sim-control'],
    does: 'answers the next power-on request 504 without acting on it, then expects a typed error',
    async run(ctx) {
      await ctx.ensurePower('power off');
      await inject(ctx, { kind: 'status', status: 504, ...powerOnRequest(ctx), times: 1 });
      const err = await ctx.power.setPowerState(ctx.task, 'power on').then(
        () => undefined,
        (e: unknown) => e,
      );
      const state = await ctx.power.getPowerState(ctx.task);
      if (err === undefined) {
        assert.equal(state, 'power on');
        ctx.note('re-sent after re-reading the state and reached power on');
      } else {
        assert.ok(
          err instanceof Error && /OpenBMCError|PowerStateFailure/.test(err.name),
          `untyped failure: ${String(err)}`,
        );
        assert.equal(state, 'power off', 'a refused request left the host off');
        ctx.note(`${err.name}: the refused request was not blindly re-sent`);
      }
    },
  },
  {
    id: 'RES-015',
    title:
      'garbage answers to a read (cut, mistyped, missing, huge, not JSON, dripping) are typed errors, never a crash or hang',
    group: 'resilience',
    needs: 'read-only',
    requires: ['sim-control'],
    does: 'answers power reads with each kind of garbage in turn, the driver given a 0.3 s request timeout',
    async run(ctx) {
      const expected = {
        'truncated-json': 'OpenBMCProtocolError',
        'wrong-types': 'OpenBMCProtocolError',
        'missing-fields': 'OpenBMCProtocolError',
        'huge-body': 'OpenBMCProtocolError',
        'not-json': 'OpenBMCProtocolError',
        'slow-drip': 'OpenBMCTimeoutError',
      } as const;
      const seen: string[] = [];
      for (const [mode, name] of Object.entries(expected)) {
        await ctx.sim?.clearFaults();
        await inject(ctx, { kind: 'garbage', mode: mode as keyof typeof expected, ...powerRead(ctx) });
        await expectError(
          // Only slow-drip needs the short timeout: the others may take their time to arrive whole
          // (huge-body is 16 MiB), so a loaded machine cannot turn them into timeouts.
          ctx.power.getPowerState(
            ctx.taskWith(mode === 'slow-drip' ? SHORT : { ...SHORT, openbmc_request_timeout: 10 }),
          ),
          name,
          /./,
          `a read answered with ${mode}`,
        );
        seen.push(`${mode}: ${name}`);
      }
      await ctx.sim?.clearFaults();
      ctx.note(seen.join(', '));
    },
  },
];
