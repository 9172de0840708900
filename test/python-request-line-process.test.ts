// The Python server's request-line handling (test/python-request-line.test.ts) in a real
// `obmc sim` process: a lower-case method and a CONNECT over raw TLS reach the bottle pipeline,
// and neither ends the process, which still closes cleanly on SIGTERM.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { type SimProcess, startSimProcess } from './support/sim-process.ts';

const BOTTLE_405 = 'DELETE,GET,OPTIONS,PATCH,POST,PUT';

/** Writes `data` on one TLS connection trusting `ca` and reads until the server closes it. */
function exchange(url: string, ca: string, data: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: hostname, port: Number(port), ca }, () => socket.write(data));
    let out = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      out += d;
    });
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
  });
}

const statusLines = (answer: string) => answer.match(/HTTP\/1\.1 \d{3} [^\r]*/g) ?? [];

describe('obmc sim --profile phosphor-rest-2018 as a process: request lines as gevent reads them', () => {
  let dir = '';
  let sim: SimProcess | undefined;
  afterAll(async () => {
    await sim?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a lower-case GET and a CONNECT get the Python answers, the process serves on and exits 0 on SIGTERM', async () => {
    dir = await mkdtemp(join(tmpdir(), 'obmc-request-line-'));
    const targets = join(dir, 'targets.json');
    // --targets-out writes the certificate clients trust next to the targets file.
    sim = await startSimProcess([
      '--profile',
      'phosphor-rest-2018',
      '--port',
      '0',
      '--log-level',
      'silent',
      '--targets-out',
      targets,
    ]);
    const url = sim.urls[0] ?? '';
    const ca = await readFile(`${targets}.ca.pem`, 'utf8');

    // Without a session: the 401 of the in-process test's sessionless requests
    // (transcripts-phosphor-rest.md section 1).
    const get = await exchange(
      url,
      ca,
      'get /xyz/openbmc_project/ HTTP/1.1\r\nHost: bmc\r\nConnection: close\r\n\r\n',
    );
    expect(statusLines(get)).toEqual(['HTTP/1.1 401 Unauthorized']);
    expect(get.split('"Login required"')).toHaveLength(2);

    const connect = await exchange(
      url,
      ca,
      'CONNECT bmc.example:443 HTTP/1.1\r\nHost: bmc\r\nConnection: close\r\n\r\n',
    );
    expect(statusLines(connect)).toEqual(['HTTP/1.1 405 Method Not Allowed']);
    expect(connect).toMatch(new RegExp(`^Allow: ${BOTTLE_405}\\r$`, 'm'));
    expect(connect).toContain('"description": "Method not allowed."');

    // Still serving: neither request ended the process or its listener.
    expect(sim.child.exitCode).toBeNull();
    expect(sim.child.signalCode).toBeNull();
    const again = await exchange(
      url,
      ca,
      'GET /xyz/openbmc_project/ HTTP/1.1\r\nHost: bmc\r\nConnection: close\r\n\r\n',
    );
    expect(statusLines(again)).toEqual(['HTTP/1.1 401 Unauthorized']);

    expect(await sim.stop()).toBe(0);
    expect(sim.stderr()).toBe('');
  });
});
