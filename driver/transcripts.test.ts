// The driver against golden firmware transcripts (fixtures/transcripts, taken from the reference,
// never from our simulator): undici's MockAgent answers exactly what the recorded firmware
// answered, net connect is off, so any request the firmware did not answer fails the test.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { substitute, type Vars } from '../fixtures/transcripts/template.ts';
import { type Exchange, parseTranscript } from '../fixtures/transcripts/transcript.ts';
import { createOpenBMCDriver, type OpenBMCDriver, type Task } from './index.ts';

const ORIGIN = 'https://bmc.test';
const DIR = join(import.meta.dirname, '..', 'fixtures', 'transcripts');
/** Sample values for the transcripts' captured variables (any value their pattern allows). */
const SAMPLES: Vars = {
  token: 'AbCdEfGhIjKlMnOpQrSt',
  sid: '"!c2lnbmF0dXJl?ZGF0YQ=="',
  xsrf: 'XsRfXsRfXsRfXsRfXsRf',
  session: 'SeSsIoNsEsSiOnSeSsIo',
  sep: ' ', // Python 2's json.dumps(indent=2) leaves ', ' at line ends
  cleared: 'SameSite=Strict; Secure; HttpOnly; expires=Thu, 01 Jan 1970 00:00:00 GMT',
};

async function exchange(profile: string, file: string, title: string): Promise<Exchange> {
  const t = parseTranscript(await readFile(join(DIR, profile, file), 'utf8'), file);
  const found = t.exchanges.find((e) => e.title === title);
  if (!found) throw new Error(`no exchange "${title}" in ${profile}/${file}`);
  return found;
}

function fill(text: string): string {
  const r = substitute(text, SAMPLES);
  if (r.missing.length) throw new Error(`no sample for ${r.missing.join(', ')}`);
  return r.text;
}

/** Registers the exchange's answer for its request line, `times` times. */
function answer(mock: MockAgent, e: Exchange, times = 1): void {
  const headers: Record<string, string | string[]> = {};
  for (const h of e.expected.headers) {
    const name = h.name.toLowerCase();
    if (name === 'content-length') continue;
    const v = fill(h.value);
    const prev = headers[name];
    headers[name] = prev === undefined ? v : [...(Array.isArray(prev) ? prev : [prev]), v];
  }
  mock
    .get(ORIGIN)
    .intercept({ method: e.request.method, path: fill(e.request.path) })
    .reply(e.expected.status, fill(e.expected.body), { headers })
    .times(times);
}

function setup(): { mock: MockAgent; driver: OpenBMCDriver; task: Task } {
  const mock = new MockAgent({ enableCallHistory: true });
  mock.disableNetConnect();
  const driver = createOpenBMCDriver({ dispatcher: mock });
  const task: Task = {
    node: {
      driver_info: {
        openbmc_address: ORIGIN,
        openbmc_username: 'root',
        openbmc_password: '0penBmc',
        openbmc_poll_interval: 0.001,
        // D-Bus REST transcripts: a real BMC of these eras would first be asked for its Redfish root.
        openbmc_api: 'rest',
        openbmc_min_command_interval: 0,
      },
    },
  };
  return { mock, driver, task };
}

function calls(mock: MockAgent) {
  return (mock.getCallHistory()?.calls() ?? []).map((c) => ({
    line: `${c.method} ${c.path}`,
    headers: Object.fromEntries(
      Object.entries(c.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    ),
    body: c.body === null || c.body === undefined ? null : JSON.parse(String(c.body)),
  }));
}

let open: OpenBMCDriver | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

describe('bmcweb-2021 transcripts', () => {
  const P = 'bmcweb-2021';

  it('detects bmcweb from the empty 401, logs in with the token form, reads the host state, logs out', async () => {
    const { mock, driver, task } = setup();
    open = driver;
    answer(mock, await exchange(P, '03-login-failures.http', 'GET without a session'));
    const login = await exchange(
      P,
      '02-login-token.http',
      'login with username and password (token, no cookies)',
    );
    answer(mock, login);
    answer(mock, await exchange(P, '08-state-defaults.http', 'host CurrentHostState'));
    answer(mock, await exchange(P, '02-login-token.http', 'logout'));

    expect(await driver.power.getPowerState(task)).toBe('power off');

    // The read is also the check that bmcweb's REST API is on (a 200, not an empty 404).
    const sent = calls(mock);
    expect(sent.map((c) => c.line)).toEqual([
      'GET /xyz/openbmc_project/state/host0',
      'POST /login',
      'GET /xyz/openbmc_project/state/host0/attr/CurrentHostState',
      'POST /logout',
    ]);
    expect(sent[0]?.headers['x-auth-token']).toBeUndefined();
    expect(sent[1]?.body).toEqual(JSON.parse(login.request.body ?? 'null'));
    for (const c of sent.slice(2)) expect(c.headers['x-auth-token']).toBe(SAMPLES.token);
    expect(sent[3]?.body).toEqual({ data: [] });
  });

  it('reads the L2 boot defaults as no override (boot_device and persistent null)', async () => {
    const { mock, driver, task } = setup();
    open = driver;
    answer(mock, await exchange(P, '03-login-failures.http', 'GET without a session'));
    answer(
      mock,
      await exchange(P, '02-login-token.http', 'login with username and password (token, no cookies)'),
    );
    answer(mock, await exchange(P, '08-state-defaults.http', 'host CurrentHostState'));
    answer(mock, await exchange(P, '14-boot-l2.http', 'one_time object defaults'));
    answer(mock, await exchange(P, '14-boot-l2.http', 'boot object defaults'));
    answer(mock, await exchange(P, '02-login-token.http', 'logout'));

    expect(await driver.management.getBootDevice(task)).toEqual({ boot_device: null, persistent: null });
    expect(driver.detected(ORIGIN)).toEqual({
      address: ORIGIN,
      api: 'rest',
      dialect: 'bmcweb',
      bootLayout: 'L2',
    });
  });

  it('a wrong password is an authentication error, tried once, and nothing else is sent', async () => {
    const { mock, driver, task } = setup();
    open = driver;
    answer(mock, await exchange(P, '03-login-failures.http', 'GET without a session'));
    answer(mock, await exchange(P, '03-login-failures.http', 'login, wrong password (username form)'));
    await expect(driver.power.getPowerState(task)).rejects.toMatchObject({
      name: 'OpenBMCAuthError',
      code: 'OBMC_AUTH',
    });
    expect(calls(mock).map((c) => c.line)).toEqual(['GET /xyz/openbmc_project/state/host0', 'POST /login']);
  });
});

describe('phosphor-rest-2018 transcripts', () => {
  const P = 'phosphor-rest-2018';

  it('detects the Python server from its JSON 401, logs in with the data list, sends the sid cookie', async () => {
    const { mock, driver, task } = setup();
    open = driver;
    answer(mock, await exchange(P, '01-login-failures.http', '1. unauthenticated GET (no cookie)'));
    const login = await exchange(P, '02-read.http', "6. login ok (this file's session)");
    answer(mock, login);
    answer(mock, await exchange(P, '02-read.http', '8. GET attr'));
    answer(mock, await exchange(P, '08-logout.http', '39. logout'));

    expect(await driver.power.getPowerState(task)).toBe('power off');

    const sent = calls(mock);
    expect(sent.map((c) => c.line)).toEqual([
      'GET /xyz/openbmc_project/state/host0',
      'POST /login',
      'GET /xyz/openbmc_project/state/host0/attr/CurrentHostState',
      'POST /logout',
    ]);
    expect(sent[1]?.body).toEqual(JSON.parse(login.request.body ?? 'null'));
    // Exactly application/json: the Python server answers 415 to any parameter.
    expect(sent[1]?.headers['content-type']).toBe('application/json');
    for (const c of sent.slice(2)) expect(c.headers.cookie).toBe(`sid=${SAMPLES.sid}`);
  });

  it('powers on with the recorded request and waits until the BMC reports the host running', async () => {
    const { mock, driver, task } = setup();
    open = driver;
    answer(mock, await exchange(P, '01-login-failures.http', '1. unauthenticated GET (no cookie)'));
    answer(mock, await exchange(P, '04-power.http', "6. login ok (this file's session)"));
    answer(mock, await exchange(P, '02-read.http', '8. GET attr')); // Off before the request
    const put = await exchange(P, '04-power.http', '11. PUT attr valid (power on)');
    answer(mock, put);
    answer(
      mock,
      await exchange(P, '04-power.http', '12. GET attr right after (fixture transition takes 2 s)'),
    );
    // TransitioningToRunning is not the end of a power-on: the driver reads again until Running.
    answer(mock, await exchange(P, '04-power.http', '13. GET attr after the transition'));
    answer(mock, await exchange(P, '08-logout.http', '39. logout'));

    await driver.power.setPowerState(task, 'power on');

    const sent = calls(mock);
    const putCall = sent.find((c) => c.line.startsWith('PUT '));
    expect(putCall?.line).toBe(`PUT ${put.request.path}`);
    expect(putCall?.body).toEqual(JSON.parse(put.request.body ?? 'null'));
    expect(sent.at(-1)?.line).toBe('POST /logout');
  });
});

/** One power read per profile, every answer from that profile's transcripts. */
const POWER_READS: {
  profile: string;
  dialect?: string;
  probe?: [string, string];
  login: [string, string];
  reads: [string, string][];
  logout: [string, string];
  state: string;
}[] = [
  {
    profile: 'legacy-2016',
    dialect: 'legacy', // its transcripts have no request for the /xyz probe path
    login: ['02-power.http', 'login with the data array'],
    reads: [['02-power.http', 'getPowerState while off']],
    logout: ['02-power.http', 'logout'],
    state: 'power off',
  },
  {
    profile: 'phosphor-rest-2017',
    probe: ['01-login-and-auth.http', 'GET host0 without a session'],
    login: ['02-power.http', 'login with the data array'],
    reads: [['02-power.http', 'CurrentHostState default']],
    logout: ['02-power.http', 'logout'],
    state: 'power off',
  },
  {
    profile: 'bmcweb-2019',
    probe: ['02-login-failures.http', 'GET without a session, with a User-Agent'],
    login: ['04-power.http', 'login with username and password (token, no cookies)'],
    reads: [['04-power.http', 'CurrentHostState after the boot wait']],
    logout: ['04-power.http', 'logout'],
    state: 'power on',
  },
  {
    profile: 'bmcweb-2024',
    probe: ['05-login-failures.http', 'GET without a session'],
    login: ['06-power.http', 'login with username and password (token plus cookies)'],
    reads: [['06-power.http', 'CurrentHostState after the boot wait']],
    logout: ['02-login-username.http', 'logout clears the session cookie'],
    state: 'power on',
  },
];

describe.each(POWER_READS)('$profile transcripts', (c) => {
  it(`reads ${c.state} with one login and one logout`, async () => {
    const { mock, driver, task } = setup();
    open = driver;
    if (c.dialect) task.node.driver_info.openbmc_dialect = c.dialect;
    if (c.probe) answer(mock, await exchange(c.profile, ...c.probe));
    answer(mock, await exchange(c.profile, ...c.login));
    for (const r of c.reads) answer(mock, await exchange(c.profile, ...r));
    answer(mock, await exchange(c.profile, ...c.logout));

    expect(await driver.power.getPowerState(task)).toBe(c.state);
    const lines = calls(mock).map((x) => x.line);
    expect(lines.filter((l) => l === 'POST /login')).toHaveLength(1);
    expect(lines.at(-1)).toBe('POST /logout');
    expect(mock.pendingInterceptors()).toEqual([]);
  });
});
