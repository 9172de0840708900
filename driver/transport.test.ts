// The transport against a loopback server that never answers: the request ends when its signal
// says, as a timeout that names the limit; an abort for another reason says so.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenBMCTimeoutError } from './errors.ts';
import { Transport } from './transport.ts';

describe('Transport timeouts', () => {
  let server: Server;
  let address: string;
  const transport = new Transport();

  beforeAll(async () => {
    server = createServer(() => {
      // never answers
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await transport.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (signal: AbortSignal, timeoutMs: number) =>
    transport
      .send(
        { method: 'GET', path: '/xyz/openbmc_project/state/host0' },
        {
          address,
          verifyCa: false,
          connectTimeoutMs: 30_000,
          timeoutMs,
          headers: {},
          signal,
          context: { step: 'read power state' },
        },
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );

  it('a request whose timeout signal fires is an OpenBMCTimeoutError naming the limit', async () => {
    const err = await send(AbortSignal.timeout(60), 60);
    expect(err).toBeInstanceOf(OpenBMCTimeoutError);
    expect((err as Error).message).toBe(
      'timed out: no answer within 60 ms (openbmc_request_timeout or the operation\'s deadline) (step "read power state")',
    );
  });

  it('a request aborted for another reason says it was aborted', async () => {
    const ac = new AbortController();
    const pending = send(ac.signal, 60_000);
    ac.abort();
    const err = await pending;
    expect(err).toBeInstanceOf(OpenBMCTimeoutError);
    expect((err as Error).message).toMatch(/^the operation was aborted or its deadline passed/);
  });
});
