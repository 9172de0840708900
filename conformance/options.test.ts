// What a set of run options means: which targets (embedded profiles, a remote BMC, a targets file)
// and checks, with one default per setting, and refusals that name the bad value.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileAliases, ProfileName } from '../protocol/index.ts';
import { CATALOGUE } from './checks/index.ts';
import { ConformanceOptionsError, resolveConformanceOptions } from './options.ts';
import { DEFAULT_CONCURRENCY } from './runner.ts';

const targetsFile = async (body: object) => {
  const file = join(await mkdtemp(join(tmpdir(), 'obmc-opts-')), 'targets.json');
  await writeFile(file, JSON.stringify(body));
  return file;
};
const pool = {
  targets: [{ name: 'rack1', address: 'https://10.0.0.9', username: 'root', passwordEnv: 'PW' }],
};
const names = (r: { targets: { name: string; kind: string }[] }) =>
  r.targets.map((t) => `${t.kind}:${t.name}`);

describe('resolveConformanceOptions', () => {
  it('with nothing asked: every check on every embedded profile but the aliases, the runner default concurrency', async () => {
    const r = await resolveConformanceOptions({});
    expect(names(r)).not.toContain('embedded:bmcweb-rest-disabled');
    expect(names(r)).toEqual(
      ProfileName.filter((p) => !Object.hasOwn(ProfileAliases, p)).map((p) => `embedded:${p}`),
    );
    expect(r.checks).toEqual([...CATALOGUE]);
    expect(r).toMatchObject({ allowPowerChanges: false, concurrency: DEFAULT_CONCURRENCY });
  });

  it('an alias runs when asked by name', async () => {
    const r = await resolveConformanceOptions({ profile: 'bmcweb-rest-disabled' });
    expect(names(r)).toEqual(['embedded:bmcweb-rest-disabled']);
  });

  it('a remote target alone runs no embedded profile; with --profile both, the profile first', async () => {
    const remote = { target: 'https://10.0.0.5', username: 'root', password: 'pw' };
    expect(names(await resolveConformanceOptions(remote))).toEqual(['remote:https://10.0.0.5']);
    expect(names(await resolveConformanceOptions({ ...remote, profile: 'bmcweb-2019' }))).toEqual([
      'embedded:bmcweb-2019',
      'remote:https://10.0.0.5',
    ]);
  });

  it('--timing moves the embedded simulators: fast, or realistic on the manual clock; refused for a real BMC alone', async () => {
    const describe = async (timing: 'instant' | 'fast' | 'realistic') =>
      (await resolveConformanceOptions({ profile: 'bmcweb-2024', timing })).targets.map((t) => t.describe);
    expect(await describe('instant')).toEqual(['embedded simulator, profile bmcweb-2024']);
    expect(await describe('fast')).toEqual(['embedded simulator, profile bmcweb-2024, fast timing']);
    expect(await describe('realistic')).toEqual([
      'embedded simulator, profile bmcweb-2024, realistic timing on the manual clock',
    ]);
    const remote = { target: 'https://10.0.0.5', username: 'root', password: 'pw' };
    await expect(resolveConformanceOptions({ ...remote, timing: 'fast' })).rejects.toThrow(
      /--timing sets how the embedded simulators move: give --profile too/,
    );
  });

  it("a remote target's credentials may come from the environment, and are required", async () => {
    const env = { OPENBMC_USERNAME: 'root', OPENBMC_PASSWORD: 'pw' };
    expect(names(await resolveConformanceOptions({ target: 'bmc1' }, env))).toEqual(['remote:bmc1']);
    await expect(resolveConformanceOptions({ target: 'bmc1' }, { OPENBMC_USERNAME: 'root' })).rejects.toThrow(
      /--target needs --username and --password/,
    );
  });

  it("a targets file's concurrency applies unless one is given", async () => {
    const file = await targetsFile({ ...pool, concurrency: 2 });
    expect((await resolveConformanceOptions({ targetsFile: file }, { PW: 'x' })).concurrency).toBe(2);
    expect(
      (await resolveConformanceOptions({ targetsFile: file, concurrency: 7 }, { PW: 'x' })).concurrency,
    ).toBe(7);
    expect(
      (await resolveConformanceOptions({ targetsFile: await targetsFile(pool) }, { PW: 'x' })).concurrency,
    ).toBe(DEFAULT_CONCURRENCY);
  });

  it('checks by id, in catalogue order, case-insensitive', async () => {
    const r = await resolveConformanceOptions({ checks: ['pwr-001', 'SES-001'] });
    expect(r.checks.map((c) => c.id)).toEqual(['SES-001', 'PWR-001']);
  });

  it.each([
    [{ checks: ['NOP-001'] }, /unknown check id\(s\): NOP-001/],
    [{ profile: 'bmcweb-1999' }, /unknown profile 'bmcweb-1999'/],
    [
      { targetsFile: '/nonexistent/targets.json' },
      /cannot read targets file \/nonexistent\/targets\.json: ENOENT/,
    ],
  ])('refuses %j with a ConformanceOptionsError naming it', async (options, message) => {
    const refusal = resolveConformanceOptions(options);
    await expect(refusal).rejects.toThrow(ConformanceOptionsError);
    await expect(refusal).rejects.toThrow(message);
  });

  it('a targets file naming an unset password variable is refused, naming the variable', async () => {
    await expect(resolveConformanceOptions({ targetsFile: await targetsFile(pool) }, {})).rejects.toThrow(
      /environment variable PW is not set/,
    );
  });
});
