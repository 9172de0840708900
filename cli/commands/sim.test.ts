// `obmc sim` in-process through runObmc(argv, io): it prints one `listening <URL> profile=<NAME>`
// line per BMC once ready, serves until the io's interrupt resolves, and refuses bad options.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../io.ts';
import { runObmc } from '../main.ts';

interface FakeIo {
  io: CliIo;
  out: () => string;
  err: () => string;
  interrupt: () => void;
  /** Resolves once stdout holds `n` lines. */
  lines: (n: number) => Promise<string[]>;
}

function fakeIo(): FakeIo {
  let out = '';
  let err = '';
  let interrupt = () => {};
  const interrupted = new Promise<void>((resolve) => {
    interrupt = resolve;
  });
  const waiters: { n: number; resolve: (lines: string[]) => void }[] = [];
  const lines = () => out.split('\n').filter(Boolean);
  const io: CliIo = {
    stdout: (t) => {
      out += t;
      for (const w of [...waiters]) {
        if (lines().length >= w.n) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(lines());
        }
      }
    },
    stderr: (t) => {
      err += t;
    },
    env: {},
    interrupted,
  };
  return {
    io,
    out: () => out,
    err: () => err,
    interrupt: () => interrupt(),
    lines: (n) =>
      lines().length >= n ? Promise.resolve(lines()) : new Promise((resolve) => waiters.push({ n, resolve })),
  };
}

describe('obmc sim', () => {
  it('--port 0 --http --nodes 2 prints two listening lines with real ports, serves, and stops on interrupt', async () => {
    const f = fakeIo();
    const run = runObmc(
      ['sim', '--port', '0', '--http', '--nodes', '2', '--timing', 'instant', '--log-level', 'silent'],
      f.io,
    );
    const printed = await Promise.race([
      f.lines(2),
      run.then(() => {
        throw new Error(`sim ended early: ${f.err()}`);
      }),
    ]);
    expect(printed).toHaveLength(2);
    const urls = printed.map((line) => {
      const m = /^listening (http:\/\/127\.0\.0\.1:(\d+)) profile=bmcweb-2025$/.exec(line);
      expect(m, line).not.toBeNull();
      expect(Number(m?.[2])).toBeGreaterThan(0);
      return m?.[1] ?? '';
    });
    expect(new Set(urls).size).toBe(2);

    // Both BMCs answer while the command runs.
    for (const url of urls) {
      const r = await fetch(`${url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'root', password: '0penBmc' }),
      });
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ token: expect.stringMatching(/^[A-Za-z0-9]{20}$/) });
    }

    f.interrupt();
    await run;
    expect(f.err()).toBe('');
    // After the interrupt the listeners are closed (a fresh pool, so no kept-alive socket is reused).
    const fresh = new Agent();
    try {
      for (const url of urls) {
        const failed = await request(`${url}/redfish/v1`, { dispatcher: fresh }).then(
          () => 'answered',
          (e: { code?: string }) => e.code,
        );
        expect(failed).toBe('ECONNREFUSED');
      }
    } finally {
      await fresh.close();
    }
  });

  it('passes --profile, --username and --password through', async () => {
    const f = fakeIo();
    const run = runObmc(
      [
        'sim',
        '--port',
        '0',
        '--http',
        '--profile',
        'bmcweb-2019',
        '--username',
        'admin',
        '--password',
        's3cret',
        '--log-level',
        'silent',
      ],
      f.io,
    );
    const [line] = await f.lines(1);
    const url = /^listening (\S+) profile=bmcweb-2019$/.exec(line ?? '')?.[1];
    expect(url).toBeDefined();
    const login = (password: string) =>
      fetch(`${url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      }).then((r) => r.status);
    expect(await login('s3cret')).toBe(200);
    expect(await login('0penBmc')).toBe(401);
    f.interrupt();
    await run;
  });

  it('refuses an unknown --profile with a clear error and a non-zero exit, starting nothing', async () => {
    const f = fakeIo();
    const code = await runObmc(['sim', '--port', '0', '--http', '--profile', 'bmcweb-1999'], f.io);
    expect(code).toBe(2);
    expect(f.err()).toContain(
      "obmc: invalid input: option '--profile <name>' argument 'bmcweb-1999' is invalid.",
    );
    expect(f.err()).toContain('bmcweb-2021');
    expect(f.out()).toBe('');
  });

  it('refuses a non-integer --port', async () => {
    const f = fakeIo();
    const code = await runObmc(['sim', '--port', 'abc'], f.io);
    expect(code).toBe(2);
    expect(f.err()).toContain('--port must be an integer.');
    expect(f.out()).toBe('');
  });

  it('refuses --fleet with --nodes, --profile, --username or --password (exit 2), naming them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'obmc-fleet-'));
    const fleet = join(dir, 'fleet.json');
    await writeFile(fleet, JSON.stringify({ nodes: [{ profile: 'bmcweb-2019', count: 2 }] }));
    const f = fakeIo();
    const code = await runObmc(
      ['sim', '--port', '0', '--http', '--fleet', fleet, '--nodes', '3', '--username', 'admin'],
      f.io,
    );
    expect(code).toBe(2);
    expect(f.err()).toBe(
      `obmc: invalid input: --fleet sets each BMC's count, profile and account; drop --nodes, --username (or set them per node in ${fleet})\n`,
    );
    expect(f.out()).toBe('');
    const g = fakeIo();
    expect(
      await runObmc(['sim', '--port', '0', '--http', '--fleet', fleet, '--profile', 'bmcweb-2024'], g.io),
    ).toBe(2);
    expect(g.err()).toContain('drop --profile');
  });

  it('--lockout ATTEMPTS[:SECONDS] passes the policy through; a bad value is refused (exit 2)', async () => {
    const bad = fakeIo();
    expect(await runObmc(['sim', '--port', '0', '--http', '--lockout', '0'], bad.io)).toBe(2);
    expect(bad.err()).toContain('--lockout must be ATTEMPTS or ATTEMPTS:SECONDS');
    const f = fakeIo();
    const run = runObmc(
      ['sim', '--port', '0', '--http', '--lockout', '2:600', '--log-level', 'silent'],
      f.io,
    );
    const [line] = await f.lines(1);
    const url = /^listening (\S+) /.exec(line ?? '')?.[1];
    const login = (password: string) =>
      fetch(`${url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'root', password }),
      }).then((r) => r.status);
    expect(await login('x')).toBe(401);
    expect(await login('y')).toBe(401);
    expect(await login('0penBmc')).toBe(401);
    f.interrupt();
    expect(await run).toBe(0);
  });

  it('--print-ca prints the PEM a client passes as --ca to trust the simulator, and serves nothing', async () => {
    const f = fakeIo();
    expect(await runObmc(['sim', '--print-ca'], f.io)).toBe(0);
    const pem = f.out();
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
    // The simulator started with the same options serves that very certificate.
    const g = fakeIo();
    const run = runObmc(['sim', '--port', '0', '--log-level', 'silent'], g.io);
    const [line] = await g.lines(1);
    const url = /^listening (https:\S+) /.exec(line ?? '')?.[1] ?? '';
    const trusting = new Agent({ connect: { ca: pem } });
    try {
      const res = await request(`${url}/redfish/v1`, { dispatcher: trusting });
      await res.body.dump();
      expect(res.statusCode).toBe(200);
    } finally {
      await trusting.close();
    }
    g.interrupt();
    expect(await run).toBe(0);
    const h = fakeIo();
    expect(await runObmc(['sim', '--print-ca', '--http'], h.io)).toBe(2);
    expect(h.err()).toContain('--print-ca: with --http there is no certificate');
  });
});
