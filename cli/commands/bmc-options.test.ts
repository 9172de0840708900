// The options every BMC command shares, against a simulator over HTTPS: the request timeout (flag
// and environment) bounds a BMC that never answers, --timeout exists only where a command waits
// for a power change, OPENBMC_INSECURE and OPENBMC_CA stand for --insecure and --ca, and the
// certificate error tells a CLI user about both.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../simulator/server.ts';
import { obmc } from '../../test/support/obmc.ts';

const PASSWORD = 'opts-Pa55-2b7d';
let sim: RunningSimulator;
let ca: string;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, host: '127.0.0.1', timing: 'instant', seed: 4, password: PASSWORD });
  ca = join(mkdtempSync(join(tmpdir(), 'obmc-opts-')), 'ca.pem');
  writeFileSync(ca, sim.caCertPem ?? '');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await sim.control(0).clearFaults();
  expect((await sim.control(0).state()).sessions).toBe(0);
});
afterAll(async () => {
  await sim.close();
});

const login = () => ['--address', sim.url, '--username', 'root', '--password', PASSWORD];

describe('request timeout', () => {
  it('a BMC that never answers: --request-timeout ends `power status` with a timeout (exit 4)', async () => {
    await sim.control(0).addFault({ kind: 'hang' });
    const r = await obmc({}, 'power', 'status', ...login(), '--ca', ca, '--request-timeout', '0.2', '--json');
    expect(r.code, r.err).toBe(4);
    expect(JSON.parse(r.out)).toMatchObject({ error: { kind: 'timeout', code: 'OBMC_TIMEOUT' } });
    expect(r.err).toMatch(/^obmc: timeout: timed out: no answer within 200 ms/);
  });

  it('OPENBMC_REQUEST_TIMEOUT does the same; a bad value is bad input (exit 2)', async () => {
    await sim.control(0).addFault({ kind: 'hang' });
    vi.stubEnv('OPENBMC_REQUEST_TIMEOUT', '0.2');
    const r = await obmc({}, 'power', 'status', ...login(), '--ca', ca);
    expect(r.code, r.err).toBe(4);
    expect(r.err).toMatch(/no answer within 200 ms/);
    vi.stubEnv('OPENBMC_REQUEST_TIMEOUT', 'soon');
    const bad = await obmc({}, 'power', 'status', ...login(), '--ca', ca);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--request-timeout must be a positive number of seconds, got "soon"/);
  });

  it('--help states the default and the bound of the whole command', async () => {
    const status = await obmc({}, 'power', 'status', '--help');
    expect(status.out.replace(/\s+/g, ' ')).toMatch(
      /--request-timeout <seconds> .*the whole command ends within 70 s \(default: 10, env: OPENBMC_REQUEST_TIMEOUT\)/,
    );
    const on = await obmc({}, 'power', 'on', '--help');
    expect(on.out.replace(/\s+/g, ' ')).toMatch(/ends within 2 x --timeout \+ 85 s/);
  });
});

describe('--timeout only where a command waits for a power change', () => {
  it.each([['power', 'status'], ['boot', 'get'], ['sensors'], ['nmi'], ['info']])(
    'obmc %s %s --timeout is an unknown option (exit 2)',
    async (...words) => {
      const r = await obmc({}, ...words.filter(Boolean), ...login(), '--ca', ca, '--timeout', '5');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/unknown option '--timeout'/);
    },
  );

  it('power on takes it', async () => {
    const r = await obmc({}, 'power', 'on', ...login(), '--ca', ca, '--timeout', '5');
    expect(r.code, r.err).toBe(0);
    await obmc({}, 'power', 'off', ...login(), '--ca', ca, '--timeout', '5');
  });
});

describe('TLS options from the environment', () => {
  it('the certificate error names --ca and --insecure', async () => {
    const r = await obmc({}, 'power', 'status', ...login());
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/^obmc: certificate: TLS certificate verification failed/);
    expect(r.err).toContain(
      '--ca FILE (or OPENBMC_CA) trusts the CA that signed it; --insecure skips verification',
    );
  });

  it('OPENBMC_CA trusts the CA; OPENBMC_INSECURE=1 skips verification, =0 does not', async () => {
    vi.stubEnv('OPENBMC_CA', ca);
    expect((await obmc({}, 'power', 'status', ...login())).code).toBe(0);
    vi.unstubAllEnvs();
    expect((await obmc({ OPENBMC_INSECURE: '1' }, 'power', 'status', ...login())).code).toBe(0);
    expect((await obmc({ OPENBMC_INSECURE: '0' }, 'power', 'status', ...login())).code).toBe(4);
  });

  it('OPENBMC_INSECURE with a value that is no yes or no, or together with --ca, is bad input', async () => {
    const odd = await obmc({ OPENBMC_INSECURE: 'maybe' }, 'power', 'status', ...login());
    expect(odd.code).toBe(2);
    expect(odd.err).toMatch(/OPENBMC_INSECURE must be 1, true or yes/);
    const both = await obmc({ OPENBMC_INSECURE: 'yes' }, 'power', 'status', ...login(), '--ca', ca);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/OPENBMC_INSECURE cannot be used with --ca/);
  });
});
