// The transport under a BMC reboot, in-process: every profile comes back with its host state kept,
// other BMCs of the simulator keep serving, and a port taken while the BMC was down is reported
// and retried instead of being shown as listening.

import { createServer, type Server } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { HostTransition, ObjectPath } from '../protocol/index.ts';
import { createLogger } from './logger.ts';
import type { SimNode } from './node.ts';
import { implementedProfiles } from './profiles/index.ts';
import { type RunningSimulator, startSimulator } from './server.ts';

const RUNNING = 'xyz.openbmc_project.State.Host.HostState.Running';
const OFF = 'xyz.openbmc_project.State.Host.HostState.Off';
const READY = 'xyz.openbmc_project.State.BMC.BMCState.Ready';

let sim: RunningSimulator | undefined;
let blocker: Server | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
  blocker = undefined;
});

/** A status, or the connection error's code when nothing answered. */
const attempt = (url: string) =>
  fetch(`${url}/_sim/state`).then(
    (r) => r.status,
    (e: { cause?: { code?: string } }) => e.cause?.code ?? 'failed',
  );

async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** As a client would: the 2016 firmware only has chassis0's powerOn method. */
function powerOn(node: SimNode): void {
  const r =
    node.profile.objectModel === 'org-openbmc'
      ? node.bmc.invoke('/org/openbmc/control/chassis0', 'powerOn', [], 'exact')
      : node.bmc.setProperty(ObjectPath.host, 'RequestedHostTransition', HostTransition.On, 'exact');
  expect(r.ok).toBe(true);
}

describe('BMC reboot: the listener comes back', () => {
  const cases = implementedProfiles().flatMap((profile) =>
    (['run', 'off'] as const).map((host) => ({ profile, host })),
  );
  it.each(cases)(
    '$profile, host $host, manual clock: refused while down, back NotReady then Ready, host kept',
    async ({ profile, host }) => {
      sim = await startSimulator({ port: 0, http: true, profile, timing: 'realistic', manualClock: true });
      const node = sim.nodes[0];
      const clock = node?.manualClock;
      if (!node || !clock) throw new Error('no node');
      const t = node.profile.timings;
      if (host === 'run') {
        powerOn(node);
        clock.advance(600_000);
      }
      const before = node.state().host.current;
      expect(before).toBe(host === 'run' ? RUNNING : OFF);

      node.addFault({ kind: 'bmc-reboot' });
      clock.advance(t.bmcReplyGraceMs);
      await until(async () => (await attempt(sim?.url ?? '')) === 'ECONNREFUSED');
      clock.advance(t.bmcDownMs);
      await until(async () => (await attempt(sim?.url ?? '')) === 200);
      expect(node.state().bmc).toMatchObject({
        current: 'xyz.openbmc_project.State.BMC.BMCState.NotReady',
        listening: true,
      });
      clock.advance(t.bmcNotReadyMs);
      expect(node.state().bmc.current).toBe(READY);
      expect(node.state().host.current).toBe(before);
    },
  );

  it('fast timing, two nodes: node 1 reboots and comes back while node 0 keeps answering', async () => {
    sim = await startSimulator({ port: 0, http: true, timing: 'fast', nodes: 2 });
    const [zero, one] = sim.nodes;
    const [url0, url1] = sim.urls;
    if (!zero || !one || !url0 || !url1) throw new Error('two nodes');
    powerOn(one);
    await until(() => one.state().host.current === RUNNING);
    one.addFault({ kind: 'bmc-reboot' });
    await until(() => !one.bmc.listening);
    expect(await attempt(url0)).toBe(200);
    await until(() => one.state().bmc.current === READY && one.state().bmc.listening);
    expect(await attempt(url1)).toBe(200);
    expect(one.state().host.current).toBe(RUNNING);
  });

  it('a port taken while the BMC was down is logged, reported by the control API and retried until free', async () => {
    const lines: string[] = [];
    const logs = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    sim = await startSimulator({
      port: 0,
      http: true,
      timing: 'realistic',
      manualClock: true,
      nodes: 2,
      logger: createLogger('info', logs),
      limits: { relistenIntervalMs: 5 },
    });
    const node = sim.nodes[0];
    const clock = node?.manualClock;
    if (!node || !clock) throw new Error('no node');
    const t = node.profile.timings;
    const port = Number(new URL(sim.url).port);
    node.addFault({ kind: 'bmc-reboot' });
    clock.advance(t.bmcReplyGraceMs);
    await until(async () => (await attempt(sim?.url ?? '')) === 'ECONNREFUSED');

    // Someone else takes the port while the BMC is down.
    const taken = createServer((s) => s.destroy());
    blocker = taken;
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    clock.advance(t.bmcDownMs);
    await until(() => lines.some((l) => l.includes('BMC cannot reopen its port; retrying')));
    // Node 1's control API reports node 0 as not listening, with the reason.
    const seen = (await (await fetch(`${sim.urls[1]}/_sim/state?node=0`)).json()) as {
      bmc: { listening: boolean; listenError?: string };
    };
    expect(seen.bmc.listening).toBe(false);
    expect(seen.bmc.listenError).toMatch(new RegExp(`^cannot reopen port ${port}: .*EADDRINUSE`));
    expect(lines.some((l) => l.includes('BMC back up'))).toBe(false);

    await new Promise((resolve) => taken.close(resolve));
    blocker = undefined;
    await until(() => lines.some((l) => l.includes('BMC back up')));
    expect(await attempt(sim.url)).toBe(200);
    expect(node.state().bmc.listening).toBe(true);
    expect(node.state().bmc.listenError).toBeUndefined();
  });
});
