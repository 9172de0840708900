// gevent's pywsgi takes the first word of a request line, whatever it is, as the method, and
// bottle upper-cases it to route (simulator/gevent-request-line.ts): over raw TLS sockets, what
// Node's own parser would refuse (`get`) or tunnel (CONNECT) reaches the Python server's pipeline,
// keep-alive and pipelined requests included, while a bmcweb listener keeps Node's parser.

import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../simulator/server.ts';
import { startLoopbackSimulator } from './support/loopback-sim.ts';

const PASSWORD = 'Request-line-Pa55';
const LOGIN = `{"data": ["root", "${PASSWORD}"]}`;
const ATTR = '/xyz/openbmc_project/state/host0/attr/CurrentHostState';
const BOTTLE_405 = 'DELETE,GET,OPTIONS,PATCH,POST,PUT';

/** Writes `data` on one TLS connection and reads until the server closes it. */
function exchange(sim: RunningSimulator, data: string): Promise<string> {
  const url = new URL(sim.url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: url.hostname, port: Number(url.port), ca: sim.caCertPem }, () =>
      socket.write(data),
    );
    let out = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      out += d;
    });
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
  });
}

// A body without a final newline runs into the next status line.
const statusLines = (answer: string) => answer.match(/HTTP\/1\.1 \d{3} [^\r]*/g) ?? [];

describe('phosphor-rest-2018: request lines as gevent reads them', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startLoopbackSimulator('phosphor-rest-2018', PASSWORD);
  });
  afterAll(() => sim.close());

  it('CONNECT is a method like any other: bottle 405 with every routed method, for a path or an authority', async () => {
    for (const target of [ATTR, 'bmc.example:443']) {
      const answer = await exchange(
        sim,
        `CONNECT ${target} HTTP/1.1\r\nHost: bmc\r\nConnection: close\r\n\r\n`,
      );
      expect(statusLines(answer)).toEqual(['HTTP/1.1 405 Method Not Allowed']);
      expect(answer).toMatch(new RegExp(`^Allow: ${BOTTLE_405}\\r$`, 'm'));
      expect(answer).toContain('"description": "Method not allowed."');
    }
  });

  it('a lower-case login, then a pipelined lower-case GET and head on the same connection', async () => {
    const login = await exchange(
      sim,
      `post /login HTTP/1.1\r\nHost: bmc\r\nContent-Type: application/json\r\nContent-Length: ${LOGIN.length}\r\nConnection: close\r\n\r\n${LOGIN}`,
    );
    expect(statusLines(login)).toEqual(['HTTP/1.1 200 OK']);
    const cookie = /^Set-Cookie: (sid="[^"]+")/m.exec(login)?.[1] ?? '';
    expect(cookie).not.toBe('');
    const get = `get ${ATTR} HTTP/1.1\r\nHost: bmc\r\nCookie: ${cookie}\r\n\r\n`;
    const head = `head ${ATTR} HTTP/1.1\r\nHost: bmc\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`;
    const answer = await exchange(sim, get + head);
    expect(statusLines(answer)).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
    // Bottle.wsgi drops the body only for `HEAD` as sent: both answers carry it.
    expect(answer.split('"xyz.openbmc_project.State.Host.HostState.Off"')).toHaveLength(3);
  });

  it('an upper-case HEAD still has no body, after a request with a body on the same connection', async () => {
    const body = '{"data": 1}';
    const answer = await exchange(
      sim,
      `put ${ATTR} HTTP/1.1\r\nHost: bmc\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}` +
        `HEAD ${ATTR} HTTP/1.1\r\nHost: bmc\r\nConnection: close\r\n\r\n`,
    );
    // Without a session both are 401; only the first has a body.
    expect(statusLines(answer)).toEqual(['HTTP/1.1 401 Unauthorized', 'HTTP/1.1 401 Unauthorized']);
    expect(answer.split('"Login required"')).toHaveLength(2);
  });
});

describe('bmcweb-2021: Node parses the request line', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startLoopbackSimulator('bmcweb-2021');
  });
  afterAll(() => sim.close());

  it('a lower-case method is a bare 400 (Beast is not modelled)', async () => {
    const answer = await exchange(sim, `get ${ATTR} HTTP/1.1\r\nHost: bmc\r\nConnection: close\r\n\r\n`);
    expect(statusLines(answer)).toEqual(['HTTP/1.1 400 Bad Request']);
  });
});
