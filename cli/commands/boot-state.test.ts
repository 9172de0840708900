// One-time boot on 2017 L0 firmware (no one-time setting: the driver emulates it) across separate
// `obmc` calls: the per-BMC state file keeps what the driver must clear after the next boot, so
// the promise "pxe (one-time)" is kept; where no state file can be kept, one-time is refused.

import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BootSource } from '../../protocol/index.ts';
import { type RunningSimulator, startSimulator } from '../../simulator/server.ts';
import { obmc } from '../../test/support/obmc.ts';

const PASSWORD = 'l0-Pa55-61fa';
let sim: RunningSimulator;
let ca: string;

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    profile: 'phosphor-rest-2017',
    timing: 'instant',
    seed: 3,
    password: PASSWORD,
  });
  ca = join(mkdtempSync(join(tmpdir(), 'obmc-l0-')), 'ca.pem');
  writeFileSync(ca, sim.caCertPem ?? '');
});
afterEach(async () => {
  expect((await sim.control(0).state()).sessions).toBe(0);
  await sim.control(0).reset();
});
afterAll(async () => {
  await sim.close();
});

const at = () => ['--address', sim.url, '--username', 'root', '--password', PASSWORD, '--ca', ca];
const stateDir = (home: string) => join(home, 'openbmc-kit', 'bmc');

describe('one-time boot on L0 across obmc calls', () => {
  it('is reported one-time, used by the next boot only, then cleared', async () => {
    const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'obmc-state-')) };
    expect((await obmc(env, 'boot', 'set', 'pxe', ...at())).out).toBe('pxe (one-time)\n');
    // A new call, a new driver: it knows from the state file that pxe is one-time.
    expect((await obmc(env, 'boot', 'get', ...at(), '--json')).out).toBe(
      '{"boot_device":"pxe","persistent":false}\n',
    );
    const [file] = readdirSync(stateDir(env.XDG_STATE_HOME));
    const text = readFileSync(join(stateDir(env.XDG_STATE_HOME), file ?? ''), 'utf8');
    expect(JSON.parse(text)).toMatchObject({
      address: sim.url,
      driver_internal_info: { openbmc_boot_once_emulated: true },
    });
    expect(text).not.toContain(PASSWORD);

    expect((await obmc(env, 'power', 'on', ...at())).code).toBe(0);
    expect((await sim.control(0).state()).lastBoot?.source).toBe(BootSource.Network);
    const after = await obmc(env, 'boot', 'get', ...at(), '--json');
    expect(JSON.parse(after.out)).not.toMatchObject({ boot_device: 'pxe' });
    expect((await obmc(env, 'power', 'reboot', ...at())).code).toBe(0);
    expect((await sim.control(0).state()).lastBoot?.source).not.toBe(BootSource.Network);
    // Nothing left to remember: the file is gone.
    expect(readdirSync(stateDir(env.XDG_STATE_HOME))).toEqual([]);
  });

  it('as separate processes: the second obmc knows the first one set pxe one-time', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const env = {
      ...process.env,
      XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'obmc-state-')),
      OPENBMC_PASSWORD: PASSWORD,
    };
    const run = async (...args: string[]) =>
      (
        await promisify(execFile)(
          process.execPath,
          [
            '--import',
            'tsx',
            'cli/entry.ts',
            ...args,
            '--address',
            sim.url,
            '--username',
            'root',
            '--ca',
            ca,
          ],
          { cwd: root, env },
        )
      ).stdout;
    expect(await run('boot', 'set', 'pxe')).toBe('pxe (one-time)\n');
    expect(await run('boot', 'get')).toBe('pxe (one-time)\n');
  }, 60_000);

  it('a persistent device stays for every boot', async () => {
    const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'obmc-state-')) };
    expect((await obmc(env, 'boot', 'set', 'pxe', '--persistent', ...at())).out).toBe('pxe (persistent)\n');
    expect((await obmc(env, 'power', 'on', ...at())).code).toBe(0);
    expect((await obmc(env, 'power', 'reboot', ...at())).code).toBe(0);
    expect((await sim.control(0).state()).lastBoot?.source).toBe(BootSource.Network);
    expect((await obmc(env, 'boot', 'get', ...at())).out).toBe('pxe (persistent)\n');
  });

  it('with no state directory, one-time is refused before anything is set (exit 6)', async () => {
    const before = (await sim.control(0).state()).boot;
    const r = await obmc({}, 'boot', 'set', 'pxe', ...at(), '--json');
    expect(r.code, r.err).toBe(6);
    expect(r.err).toMatch(/has no one-time boot setting \(L0 boot layout, 2017 firmware\).*use --persistent/);
    expect((await sim.control(0).state()).boot).toEqual(before);
    expect((await obmc({}, 'boot', 'set', 'pxe', '--persistent', ...at())).code).toBe(0);
  });

  it('a state file that is not one of ours is an error naming the file, not ignored', async () => {
    const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'obmc-state-')) };
    await obmc(env, 'boot', 'set', 'cdrom', ...at());
    const [file = ''] = readdirSync(stateDir(env.XDG_STATE_HOME));
    writeFileSync(join(stateDir(env.XDG_STATE_HOME), file), '{"not": "ours"');
    const r = await obmc(env, 'boot', 'get', ...at());
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^obmc: state: .*${file.replace(/\./g, '\\.')} is not JSON; remove it`));
  });
});
