// `obmc power|boot|sensors|nmi|info` in-process against the simulator over HTTPS: Ironic field
// names in --json, one-line errors with the exit code of their kind, no session left behind.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../simulator/server.ts';
import { obmc as obmcWith } from '../../test/support/obmc.ts';

const PASSWORD = 'cli-Pa55-7f3a';
let sim: RunningSimulator;
let ca: string;

beforeAll(async () => {
  sim = await startSimulator({
    profile: 'bmcweb-2021',
    port: 0,
    host: '127.0.0.1',
    timing: 'instant',
    seed: 9,
    password: PASSWORD,
  });
  ca = join(mkdtempSync(join(tmpdir(), 'obmc-cli-')), 'ca.pem');
  writeFileSync(ca, sim.caCertPem ?? '');
});
afterEach(async () => {
  expect((await sim.control(0).state()).sessions).toBe(0);
});
afterAll(async () => {
  await sim.close();
});

const obmc = (...args: string[]) => obmcWith({}, ...args);
const target = () => ['--address', sim.url, '--username', 'root', '--password', PASSWORD, '--ca', ca];

describe('obmc power and boot', () => {
  it('prints the power state with Ironic names and changes it', async () => {
    expect(await obmc('power', 'status', ...target(), '--json')).toEqual({
      code: 0,
      out: '{"power_state":"power off"}\n',
      err: '',
    });
    expect((await obmc('power', 'on', ...target())).out).toBe('power on\n');
    expect((await obmc('power', 'soft-off', ...target(), '--json')).out).toBe(
      '{"power_state":"power off"}\n',
    );
  });

  it('sets and reads the boot device', async () => {
    expect((await obmc('boot', 'set', 'pxe', ...target(), '--json')).out).toBe(
      '{"boot_device":"pxe","persistent":false}\n',
    );
    expect((await obmc('boot', 'set', 'disk', '--persistent', ...target())).out).toBe('disk (persistent)\n');
    expect((await obmc('boot', 'get', ...target(), '--json')).out).toBe(
      '{"boot_device":"disk","persistent":true}\n',
    );
  });

  it('sensors, nmi and info', async () => {
    const sensors = JSON.parse((await obmc('sensors', ...target(), '--json')).out);
    expect(Object.keys(sensors).sort()).toEqual(['Fan', 'Power', 'Temperature', 'Voltage']);
    expect((await obmc('nmi', ...target())).out).toBe('NMI injected\n');
    // The D-Bus REST facts: bmcweb serves Redfish too, which auto would report instead.
    const info = JSON.parse((await obmc('info', ...target(), '--api', 'rest', '--json')).out);
    expect(info).toMatchObject({ dialect: 'bmcweb', boot_layout: 'L2', boot_mode: 'uefi' });
  });
});

describe('obmc failures', () => {
  it('wrong password: one line, exit 3, no password in any output', async () => {
    const r = await obmc(
      'power',
      'status',
      '--address',
      sim.url,
      '--username',
      'root',
      '--password',
      `${PASSWORD}x`,
      '--ca',
      ca,
      '--json',
    );
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^obmc: authentication: authentication failed/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.out)).toMatchObject({ error: { kind: 'authentication', code: 'OBMC_AUTH' } });
    expect(r.out + r.err).not.toContain(PASSWORD);
  });

  it('untrusted certificate: exit 4 naming the certificate; --insecure works', async () => {
    const r = await obmc(
      'power',
      'status',
      '--address',
      sim.url,
      '--username',
      'root',
      '--password',
      PASSWORD,
    );
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/^obmc: certificate: TLS certificate verification failed/);
    expect(
      (
        await obmc(
          'power',
          'status',
          '--address',
          sim.url,
          '--username',
          'root',
          '--password',
          PASSWORD,
          '--insecure',
        )
      ).code,
    ).toBe(0);
  });

  it('a power-on that ends in Quiesced (fast timing, real transitions): exit 5, never "power on"', async () => {
    await using fast = await startSimulator({
      port: 0,
      host: '127.0.0.1',
      profile: 'bmcweb-2021',
      timing: 'fast',
      seed: 9,
      password: PASSWORD,
    });
    const fastCa = join(mkdtempSync(join(tmpdir(), 'obmc-cli-')), 'ca.pem');
    writeFileSync(fastCa, fast.caCertPem ?? '');
    const at = ['--address', fast.url, '--username', 'root', '--password', PASSWORD, '--ca', fastCa];
    await fast.control(0).addFault({ kind: 'power-on-fails', times: 2 });
    for (const action of ['on', 'reboot']) {
      const r = await obmc('power', action, ...at, '--json');
      expect(r.code, r.err).toBe(5);
      expect(JSON.parse(r.out)).toMatchObject({
        error: { kind: 'power state not reached', code: 'OBMC_POWER_STATE_FAILURE' },
      });
      expect(r.err).toMatch(/^obmc: power state not reached: .*Quiesced/);
    }
    expect((await fast.control(0).state()).sessions).toBe(0);
  });

  it('a device outside the list is refused before any request', async () => {
    const r = await obmc('boot', 'set', 'floppy', ...target());
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('expected one of pxe, disk, cdrom, bios, safe');
  });
});
