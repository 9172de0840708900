// The README's exit-code table, one case per code, through the one error path (cli/main.ts): every
// failure is one line `obmc: <kind>: <message>` on stderr and, under --json, one JSON object on
// stdout; bad input is refused before any request with exit 2.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../simulator/index.ts';
import { type ObmcRun, obmc } from '../test/support/obmc.ts';

const PASSWORD = 'exit-Codes-9b1';
let sim: RunningSimulator;
let restDisabled: RunningSimulator;
let ca: string;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, timing: 'instant', seed: 3, password: PASSWORD });
  restDisabled = await startSimulator({
    port: 0,
    http: true,
    profile: 'bmcweb-rest-disabled',
    timing: 'instant',
  });
  ca = join(mkdtempSync(join(tmpdir(), 'obmc-exit-')), 'ca.pem');
  writeFileSync(ca, sim.caCertPem ?? '');
});
afterAll(async () => {
  await sim.close();
  await restDisabled.close();
});

const target = () => ['--address', sim.url, '--username', 'root', '--password', PASSWORD, '--ca', ca];

/** One stderr line with the kind; under --json also the same failure as JSON on stdout. */
function expectFailure(r: ObmcRun, code: number, kind: string, message: RegExp, json: boolean): void {
  expect(r.code).toBe(code);
  expect(r.err).toMatch(new RegExp(`^obmc: ${kind}: `));
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(message);
  if (json) {
    const printed = JSON.parse(r.out) as { error: { kind: string; code: string; message: string } };
    expect(printed.error.kind).toMatch(new RegExp(`^${kind}$`));
    expect(printed.error.code).toMatch(/^[A-Z_]+$/);
    expect(r.err).toContain(printed.error.message);
  } else {
    expect(r.out).toBe('');
  }
}

describe('exit 2: bad input, refused before any request', () => {
  const bad: [string, string[], RegExp][] = [
    ['an unknown option', ['power', 'status', '--bogus'], /unknown option '--bogus'/],
    ['an unknown command', ['powr', 'status'], /unknown command 'powr' \(Did you mean power\?\)/],
    ['an unknown subcommand', ['power', 'explode'], /unknown command 'explode'/],
    ['an invalid dialect', ['power', 'status', '--dialect', 'ipmi'], /argument 'ipmi' is invalid/],
    ['an invalid boot device', ['boot', 'set', 'floppy'], /expected one of pxe, disk, cdrom, bios, safe/],
    [
      '--insecure with --ca',
      ['power', 'status', '--insecure'],
      /'--insecure' cannot be used with option '--ca/,
    ],
    ['--timeout abc', ['power', 'on', '--timeout', 'abc'], /--timeout must be a positive number of seconds/],
    ['an extra argument', ['power', 'status', 'now'], /too many arguments/],
  ];
  it.each(bad)('%s', async (_what, args, message) => {
    const r = await obmc({}, ...args, ...target());
    expectFailure(r, 2, 'invalid input', message, false);
    expect((await obmc({}, ...args, ...target(), '--json')).out).toMatch(
      /^\{"error":\{"kind":"invalid input"/,
    );
    expect((await sim.control(0).state()).sessions).toBe(0);
  });

  it('a missing address, with --json', async () => {
    const r = await obmc({}, 'power', 'status', '--username', 'root', '--password', PASSWORD, '--json');
    expectFailure(r, 2, 'invalid input', /required option '--address <url>' not specified/, true);
  });

  it('an address the driver refuses, with --json', async () => {
    const r = await obmc(
      {},
      'power',
      'status',
      '--address',
      'ftp://bmc',
      '--username',
      'r',
      '--password',
      'p',
      '--json',
    );
    expectFailure(r, 2, 'invalid input', /openbmc_address/, true);
  });

  it('a command group alone prints its help and exits 2', async () => {
    const r = await obmc({}, 'power');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage: obmc power [options] [command]');
    expect(r.err).toMatch(/\nobmc: invalid input: a command is missing/);
  });

  it('the simulator and the kit refuse bad options the same way', async () => {
    expectFailure(
      await obmc({}, 'sim', '--nodes', '0'),
      2,
      'invalid input',
      /nodes must be an integer from 1/,
      false,
    );
    expectFailure(
      await obmc({}, 'sim', '--faults', '/nonexistent.json'),
      2,
      'invalid input',
      /faults file/,
      false,
    );
    expectFailure(await obmc({}, 'conformance', '--check', 'XYZ-999'), 2, 'invalid input', /XYZ-999/, false);
  });
});

describe('exit 3 to 6 and 1: what the BMC answered', () => {
  it('3: authentication refused', async () => {
    const r = await obmc(
      {},
      'power',
      'status',
      ...target().slice(0, 5),
      `${PASSWORD}x`,
      '--ca',
      ca,
      '--json',
    );
    expectFailure(r, 3, 'authentication', /authentication failed/, true);
  });

  it('4: certificate not trusted', async () => {
    const r = await obmc({}, 'power', 'status', ...target().slice(0, 6), '--json');
    expectFailure(r, 4, 'certificate', /certificate/, true);
  });

  it('5: the power state is not reached', async () => {
    await sim.control(0).addFault({ kind: 'power-on-fails', times: 1 });
    try {
      const r = await obmc({}, 'power', 'on', ...target(), '--timeout', '1', '--json');
      expectFailure(r, 5, '[a-z ]+', /power on/, true);
    } finally {
      await sim.control(0).reset();
    }
  });

  it('6: REST API disabled on this BMC', async () => {
    const r = await obmc(
      {},
      'power',
      'status',
      '--address',
      restDisabled.url,
      '--username',
      'root',
      '--password',
      '0penBmc',
      // auto would drive this BMC over Redfish; D-Bus REST asked for explicitly is what is off.
      '--api',
      'rest',
      '--json',
    );
    expectFailure(r, 6, 'rest api disabled', /Redfish/i, true);
  });

  it('1: anything else (a BMC answering 500)', async () => {
    await sim.control(0).addFault({ kind: 'status', status: 500, path: '*CurrentHostState*' });
    try {
      // The fault is on the D-Bus REST path the REST dialect reads.
      const r = await obmc({}, 'power', 'status', ...target(), '--api', 'rest', '--json');
      expectFailure(r, 1, 'error', /500/, true);
    } finally {
      await sim.control(0).reset();
    }
  });
});

describe('exit 0', () => {
  it('--version prints the package version', async () => {
    const r = await obmc({}, '--version');
    expect(r).toEqual({ code: 0, out: expect.stringMatching(/^\d+\.\d+\.\d+\n$/), err: '' });
  });

  it('--help, also of a command, lists the exit codes', async () => {
    for (const args of [['--help'], ['power', 'on', '--help'], ['help', 'conformance']]) {
      const r = await obmc({}, ...args);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Exit codes:\n {2}0 {2}success\n {2}1 .*\n {2}2 {2}bad input/);
      expect(r.err).toBe('');
    }
  });
});
