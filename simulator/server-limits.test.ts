// HTTP server limits per BMC listener: slow clients are cut off, heads, bodies and connections
// are capped. Timeouts are configured tiny and the tests wait for the socket's own events
// (no sleeps, no asserted durations).

import { connect, type Socket } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { renderErrorBody, serialize } from './http/render.ts';
import { resolveSimulatorOptions, SimulatorOptionsError } from './options.ts';
import { getProfile } from './profiles/index.ts';
import { type RunningSimulator, startSimulator } from './server.ts';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const portOf = (url: string) => Number(new URL(url).port);

/** Everything the server sends until it closes the socket. */
function untilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      got += d;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(got));
  });
}

function open(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(portOf(url), '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('server limits', () => {
  it('disconnects a slowloris client whose request head never ends, with 408', async () => {
    sim = await startSimulator({
      port: 0,
      http: true,
      timing: 'instant',
      limits: { headersTimeoutMs: 20, timeoutCheckIntervalMs: 5 },
    });
    const socket = await open(sim.url);
    const closed = untilClosed(socket);
    // One byte at a time; the blank line that ends the head never comes.
    const head = `GET /xyz/openbmc_project/state/host0 HTTP/1.1\r\nHost: bmc\r\nX-Slow: ${'a'.repeat(1000)}`;
    let i = 0;
    const drip = setInterval(() => {
      if (!socket.destroyed && i < head.length) socket.write(head[i++] ?? '');
    }, 2);
    const answer = await closed;
    clearInterval(drip);
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(i).toBeLessThan(head.length);
  });

  it('closes an idle keep-alive connection', async () => {
    sim = await startSimulator({
      port: 0,
      http: true,
      timing: 'instant',
      limits: { keepAliveTimeoutMs: 10 },
    });
    const socket = await open(sim.url);
    const closed = untilClosed(socket);
    socket.write('GET /redfish/v1 HTTP/1.1\r\nHost: bmc\r\n\r\n');
    const answer = await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).toContain('Keep-Alive: timeout=0');
  });

  it('answers a request head over the cap with 431', async () => {
    sim = await startSimulator({ port: 0, http: true, timing: 'instant', limits: { maxHeaderBytes: 2048 } });
    const res = await request(`${sim.url}/redfish/v1`, { headers: { 'x-big': 'a'.repeat(4096) } });
    await res.body.dump();
    expect(res.statusCode).toBe(431);
  });

  it('refuses connections over the cap', async () => {
    sim = await startSimulator({ port: 0, http: true, timing: 'instant', limits: { maxConnections: 1 } });
    const first = await open(sim.url);
    // A full exchange proves the server accepted the first connection before the second comes.
    const firstAnswer = new Promise<string>((resolve) =>
      first.once('data', (d: Buffer) => resolve(d.toString('latin1'))),
    );
    first.write('GET /redfish/v1 HTTP/1.1\r\nHost: bmc\r\n\r\n');
    expect(await firstAnswer).toMatch(/^HTTP\/1\.1 200 OK/);
    const second = await open(sim.url);
    second.write('GET /redfish/v1 HTTP/1.1\r\nHost: bmc\r\n\r\n');
    expect(await untilClosed(second)).toBe('');
    first.destroy();
  });

  it.each(['bmcweb-2021', 'phosphor-rest-2018'])(
    '%s: a body over the profile limit gets 413 with the profile answer',
    async (name) => {
      const profile = getProfile(name);
      if (!profile) throw new Error(name);
      sim = await startSimulator({ port: 0, profile: name, timing: 'instant' });
      const res = await request(`${sim.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: 'x'.repeat(profile.body.limitBytes + 1),
        dispatcher: new (await import('undici')).Agent({ connect: { ca: sim.caCertPem } }),
      });
      const text = await res.body.text();
      const answer = profile.errors['payload-too-large'];
      expect(res.statusCode).toBe(413);
      const body = renderErrorBody(answer, {});
      expect(text).toBe(body === undefined ? '' : serialize(body, profile.python === 2));
    },
  );

  it.each(['bmcweb-2021', 'bmcweb-2024', 'phosphor-rest-2018', 'legacy-2016'])(
    '%s: a request declaring 100 MiB and sending nothing is answered 413 at once, and the connection closes',
    async (name) => {
      sim = await startSimulator({ port: 0, http: true, profile: name, timing: 'instant' });
      const socket = await open(sim.url);
      const closed = untilClosed(socket);
      socket.write(
        `POST /login HTTP/1.1\r\nHost: bmc\r\nContent-Type: application/json\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n`,
      );
      const answer = await closed;
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer).toMatch(/\r\nConnection: close\r\n/i);
    },
  );

  it('validates limits', () => {
    expect(() => resolveSimulatorOptions({ limits: { maxConnections: 0 } })).toThrow(SimulatorOptionsError);
    expect(resolveSimulatorOptions({ limits: { headersTimeoutMs: 5 } }).limits).toMatchObject({
      headersTimeoutMs: 5,
      maxConnections: 200,
    });
    // bmcweb's: 15 s for a logged-out request (its head included) and between requests, 60 s for a
    // logged-in one, 200 connections.
    expect(resolveSimulatorOptions({}).limits).toMatchObject({
      headersTimeoutMs: 15_000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 15_000,
      maxConnections: 200,
    });
  });
});
