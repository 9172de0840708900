// reset-connection resets the TCP connection over HTTPS as over HTTP (it used to answer an empty
// 500 over HTTPS: a TLS socket cannot be reset itself).

import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../server.ts';

function codeOf(err: unknown): string | undefined {
  for (let e: unknown = err; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
  }
  return undefined;
}

describe.each([false, true])('reset-connection (plain HTTP: %s)', (plain) => {
  let sim: RunningSimulator;
  let agent: Agent;
  afterAll(async () => {
    await agent.close();
    await sim.close();
  });

  it('resets the connection instead of answering, once, then answers again', async () => {
    sim = await startSimulator({ port: 0, host: '127.0.0.1', timing: 'instant', seed: 1, http: plain });
    agent = new Agent({ connect: sim.caCertPem ? { ca: sim.caCertPem } : {} });
    await sim.control(0).addFault({ kind: 'reset-connection', path: '/xyz/*', times: 1 });
    const url = `${sim.url}/xyz/openbmc_project/state/host0`;
    const err = await request(url, { dispatcher: agent }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(codeOf(err)).toBe('ECONNRESET');
    const res = await request(url, { dispatcher: agent });
    await res.body.dump();
    expect(res.statusCode).toBe(401);
    expect((await sim.control(0).state()).faults).toEqual([]);
  });
});
