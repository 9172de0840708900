import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTargetsFile, TargetsFileError } from './targets-file.ts';

const env = { RACK1_PW: 'rack1-secret', EMPTY: '' };
const one = (t: Record<string, unknown>) => JSON.stringify({ targets: [t] });
const good = { name: 'rack1-node3', address: 'https://10.1.2.3', username: 'root', passwordEnv: 'RACK1_PW' };

describe('targets file', () => {
  it('gives remote targets with the password from the environment and the CA relative to the file', async () => {
    const f = parseTargetsFile(
      JSON.stringify({
        concurrency: 2,
        targets: [
          { ...good, ca: 'certs/rack1.pem' },
          { ...good, name: 'b', insecure: true },
        ],
      }),
      '/ci/pool/targets.json',
      env,
    );
    expect(f.concurrency).toBe(2);
    expect(f.targets.map((t) => [t.name, t.kind, t.simulated])).toEqual([
      ['rack1-node3', 'remote', false],
      ['b', 'remote', false],
    ]);
    expect(f.targets[0]?.describe).toBe('https://10.1.2.3 as root');
    expect(f.targets[1]?.describe).toBe('https://10.1.2.3 as root (certificate not verified)');
    await expect(f.targets[0]?.open()).rejects.toThrow(/ENOENT.*\/ci\/pool\/certs\/rack1\.pem/);
    const b = await f.targets[1]?.open();
    expect(b?.driverInfo).toMatchObject({ openbmc_password: 'rack1-secret', openbmc_verify_ca: false });
    expect(b?.sim).toBeUndefined();
  });

  it('parses the example in fixtures/targets/', async () => {
    const file = new URL('../../fixtures/targets/example.json', import.meta.url).pathname;
    const f = parseTargetsFile(readFileSync(file, 'utf8'), file, { RACK1_BMC_PASSWORD: 'x' });
    expect(f.concurrency).toBe(2);
    expect(f.targets.map((t) => t.describe)).toEqual([
      'https://10.20.1.3 as root',
      '10.20.1.4:8443 as ci-operator (certificate not verified)',
    ]);
  });

  it.each([
    ['not JSON', '{targets: []', /targets\.json is not valid JSON/],
    ['no targets', '{"targets": []}', /targets: Too small/],
    ['an unknown key', one({ ...good, pasword: 'x' }), /targets\.0: Unrecognized key: "pasword"/],
    ['a password in the file', one({ ...good, password: 'x' }), /Unrecognized key: "password"/],
    [
      'a bad env name',
      one({ ...good, passwordEnv: 'a-b' }),
      /targets\.0\.passwordEnv: must be an environment variable name/,
    ],
    [
      'an unset variable',
      one({ ...good, passwordEnv: 'NOPE' }),
      /targets\.0 \(rack1-node3\): environment variable NOPE is not set/,
    ],
    ['an empty variable', one({ ...good, passwordEnv: 'EMPTY' }), /environment variable EMPTY is not set/],
    [
      'insecure and ca',
      one({ ...good, insecure: true, ca: 'x.pem' }),
      /give either insecure or ca, not both/,
    ],
    [
      'a driver_info key without openbmc_',
      one({ ...good, driverInfo: { timeout: 1 } }),
      /targets\.0\.driverInfo\.timeout: Invalid key/,
    ],
    [
      'duplicate names',
      JSON.stringify({ targets: [good, good] }),
      /targets\.1: duplicate name "rack1-node3"/,
    ],
  ])('refuses %s, naming the place', (_what, text, message) => {
    expect(() => parseTargetsFile(text, 'targets.json', env)).toThrow(TargetsFileError);
    expect(() => parseTargetsFile(text, 'targets.json', env)).toThrow(message);
  });
});
