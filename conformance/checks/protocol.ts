// The protocol facts the driver is built on, seen on the wire without the driver: the envelope,
// full dotted enum strings, and 401 without or after a session (openbmc-rest.md 1, 2).

import assert from 'node:assert/strict';
import {
  BootSource,
  ChassisPowerState,
  HostState,
  HostTransition,
  LegacyPath,
  ObjectPath,
  RestRoute,
} from '../../protocol/index.ts';
import type { Check, CheckContext } from '../check.ts';
import type { RawAnswer } from '../raw-bmc.ts';

/** The object every generation has: host state on /xyz, the chassis control object on 2016's /org. */
function stateObject(ctx: CheckContext): string {
  return ctx.dialect() === 'legacy' ? LegacyPath.chassis : ObjectPath.host;
}

function envelopeOf(a: RawAnswer, what: string): { status: unknown; message: unknown; data: unknown } {
  assert.ok(
    a.json !== null && typeof a.json === 'object' && !Array.isArray(a.json),
    `${what}: the body should be a JSON object, got ${a.text.slice(0, 80)}`,
  );
  const e = a.json as Record<string, unknown>;
  assert.deepEqual(
    Object.keys(e).sort(),
    ['data', 'message', 'status'],
    `${what}: the envelope has data, message and status, got keys ${Object.keys(e).join(', ')}`,
  );
  return { status: e.status, message: e.message, data: e.data };
}

async function withRawSession<T>(
  ctx: CheckContext,
  fn: (s: Awaited<ReturnType<CheckContext['raw']['login']>>) => Promise<T>,
): Promise<T> {
  const s = await ctx.setup('log in over plain HTTP', async () => {
    const session = await ctx.raw.login();
    if (session.login.status !== 200) throw new Error(`login answered HTTP ${session.login.status}`);
    return session;
  });
  try {
    return await fn(s);
  } finally {
    await ctx.raw.logout(s).catch(() => undefined);
  }
}

/** The value is one of the enum's full dotted names (protocol/enums.ts), not a short name. */
function isOneOf(value: unknown, names: Record<string, string>, what: string): void {
  assert.ok(
    Object.values(names).includes(String(value)),
    `${what} is ${JSON.stringify(value)}, not one of ${Object.values(names)[0]?.replace(/\.\w+$/, '')}.*`,
  );
}

export const protocolChecks: Check[] = [
  {
    id: 'PRO-001',
    title:
      'login with {"data": [user, password]} answers 200 and a session (envelope, or the token form of bmcweb 2023+)',
    group: 'protocol',
    needs: 'read-only',
    does: 'logs in and out over plain HTTP',
    async run(ctx) {
      const s = await ctx.raw.login();
      try {
        assert.equal(s.login.status, 200, `POST /login answered HTTP ${s.login.status}`);
        const body = s.login.json as Record<string, unknown> | undefined;
        if (body && Object.keys(body).length === 1 && 'token' in body) {
          // bmcweb since 2023-08 answers every login form with {"token"} (openbmc-rest.md 1.2).
          assert.match(
            String(body.token),
            /^[A-Za-z0-9]{20,}$/,
            'the token is an opaque alphanumeric string',
          );
        } else {
          const e = envelopeOf(s.login, 'POST /login');
          assert.equal(e.status, 'ok', 'a successful login has status "ok"');
          assert.equal(e.message, '200 OK', 'a successful login has message "200 OK"');
        }
        assert.ok(s.cookie.length > 0, 'a data-array login sets a session cookie');
      } finally {
        await ctx.raw.logout(s);
      }
    },
  },
  {
    id: 'PRO-002',
    title: 'an object read answers the envelope {data, message: "200 OK", status: "ok"}',
    group: 'protocol',
    needs: 'read-only',
    does: 'reads the host state object over plain HTTP',
    async run(ctx) {
      const path = stateObject(ctx);
      await withRawSession(ctx, async (s) => {
        const a = await ctx.raw.send('GET', path, { session: s });
        assert.equal(a.status, 200, `GET ${path} answered HTTP ${a.status}`);
        const e = envelopeOf(a, `GET ${path}`);
        assert.equal(e.status, 'ok');
        assert.equal(e.message, '200 OK');
        assert.ok(
          e.data !== null && typeof e.data === 'object',
          `GET ${path}: data should be the object's properties`,
        );
      });
    },
  },
  {
    id: 'PRO-003',
    title: 'state and boot enums are full dotted D-Bus names',
    group: 'protocol',
    needs: 'read-only',
    does: 'reads the host, chassis and boot objects over plain HTTP',
    async run(ctx) {
      if (ctx.dialect() === 'legacy')
        ctx.skip(
          'the 2016 /org/openbmc firmware has no enum properties (states are numbers and plain strings)',
        );
      await withRawSession(ctx, async (s) => {
        const host = envelopeOf(await ctx.raw.send('GET', ObjectPath.host, { session: s }), 'GET host0')
          .data as Record<string, unknown>;
        isOneOf(host.CurrentHostState, HostState, 'CurrentHostState');
        isOneOf(host.RequestedHostTransition, HostTransition, 'RequestedHostTransition');
        const chassis = envelopeOf(
          await ctx.raw.send('GET', ObjectPath.chassis, { session: s }),
          'GET chassis0',
        ).data as Record<string, unknown>;
        isOneOf(chassis.CurrentPowerState, ChassisPowerState, 'CurrentPowerState');
        const layout = ctx.driver.detected(String(ctx.task.node.driver_info.openbmc_address)).bootLayout;
        const bootPath = layout === 'L0' ? ObjectPath.bootSourceL0 : ObjectPath.boot;
        const boot = await ctx.raw.send('GET', bootPath, { session: s });
        if (boot.status === 200) {
          const data = envelopeOf(boot, `GET ${bootPath}`).data as Record<string, unknown>;
          isOneOf(data.BootSource, BootSource, 'BootSource');
        }
      });
    },
  },
  {
    id: 'PRO-004',
    title: 'without a session the BMC answers 401',
    group: 'protocol',
    needs: 'read-only',
    does: 'reads the host state object once without logging in',
    async run(ctx) {
      const path = stateObject(ctx);
      const a = await ctx.raw.send('GET', path);
      assert.equal(a.status, 401, `GET ${path} without a session answered HTTP ${a.status}, not 401`);
    },
  },
  {
    id: 'PRO-005',
    title: 'after logout the session is dead: its cookie gets 401',
    group: 'protocol',
    needs: 'read-only',
    does: 'logs in, logs out, and reads once with the ended session',
    async run(ctx) {
      const path = stateObject(ctx);
      const s = await ctx.setup('log in over plain HTTP', () => ctx.raw.login());
      const out = await ctx.raw.logout(s);
      assert.equal(out.status, 200, `POST /logout answered HTTP ${out.status}`);
      const a = await ctx.raw.send('GET', path, { session: s });
      assert.equal(a.status, 401, `a read with a logged-out session answered HTTP ${a.status}, not 401`);
    },
  },
  {
    id: 'PRO-006',
    title: 'a wrong password gets 401 and no session',
    group: 'protocol',
    needs: 'read-only',
    does: 'logs in once with a wrong password over plain HTTP',
    async run(ctx) {
      const s = await ctx.raw.login(`wrong-${Date.now().toString(36)}`);
      assert.equal(s.login.status, 401, `a wrong password answered HTTP ${s.login.status}`);
      if (ctx.sim)
        assert.equal((await ctx.sim.state()).sessions, 0, 'a refused login must not open a session');
    },
  },
  {
    id: 'PRO-007',
    title: 'the power state the driver reports is the one the BMC publishes',
    group: 'protocol',
    needs: 'read-only',
    does: 'reads the power state through the driver and over plain HTTP',
    async run(ctx) {
      const viaDriver = await ctx.power.getPowerState(ctx.task);
      if (ctx.dialect() === 'legacy') {
        const wire = await withRawSession(ctx, (s) =>
          ctx.raw.send('POST', `${LegacyPath.chassis}${RestRoute.action}getPowerState`, {
            session: s,
            body: { data: [] },
          }),
        );
        const data = envelopeOf(wire, 'getPowerState').data;
        assert.equal(
          viaDriver,
          data === 1 ? 'power on' : 'power off',
          `the driver says ${viaDriver}, getPowerState says ${String(data)}`,
        );
        return;
      }
      const host = await withRawSession(ctx, (s) => ctx.raw.send('GET', ObjectPath.host, { session: s }));
      const state = String((envelopeOf(host, 'GET host0').data as Record<string, unknown>).CurrentHostState);
      // Ironic's reading: Running and TransitioningToRunning are on, Off and TransitioningToOff off.
      const on: string[] = [HostState.Running, HostState.TransitioningToRunning];
      const off: string[] = [HostState.Off, HostState.TransitioningToOff];
      const expected = on.includes(state) ? 'power on' : off.includes(state) ? 'power off' : 'error';
      assert.equal(viaDriver, expected, `the driver says ${viaDriver}, the BMC publishes ${state}`);
    },
  },
];
