import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAddress, parseDriverInfo } from './driver-info.ts';
import { InvalidParameterValue, MissingParameterValue } from './errors.ts';

const base = { openbmc_address: '10.0.0.5', openbmc_username: 'root', openbmc_password: 'pw' };

describe('parseDriverInfo', () => {
  it('names every missing key at once', () => {
    const err = (() => {
      try {
        parseDriverInfo({ openbmc_username: '' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(MissingParameterValue);
    expect(err).toBeInstanceOf(InvalidParameterValue);
    expect((err as Error).message).toContain('openbmc_address, openbmc_username, openbmc_password');
  });

  it('applies the defaults Ironic uses', () => {
    const info = parseDriverInfo(base);
    expect(info).toMatchObject({
      address: 'https://10.0.0.5',
      verifyCa: true,
      dialect: 'auto',
      sessionReuse: false,
      powerTimeoutMs: 60_000,
      softPowerTimeoutMs: 600_000,
      connectTimeoutMs: 30_000,
      requestTimeoutMs: 60_000,
      retries: 4,
    });
  });

  it.each([
    ['10.0.0.5', 'https://10.0.0.5'],
    ['bmc1.example.com:8443', 'https://bmc1.example.com:8443'],
    ['http://10.0.0.5:80', 'http://10.0.0.5'],
    ['fd00::5', 'https://[fd00::5]'],
    ['[fd00::5]:443', 'https://[fd00::5]'],
    ['https://[fd00::5]:2443/', 'https://[fd00::5]:2443'],
  ])('normalises the address %s', (input, origin) => {
    expect(parseAddress(input)).toBe(origin);
  });

  it.each([
    ['ftp://10.0.0.5', /scheme ftp: is not http or https/],
    ['https://root:pw@10.0.0.5', /must not carry credentials/],
    ['https://10.0.0.5/redfish/v1', /lives at the root/],
    ['https://exa mple', /not a valid host or URL/],
  ])('rejects the address %s with the fix', (input, message) => {
    expect(() => parseAddress(input)).toThrow(message);
  });

  it('verify_ca: booleans, boolean strings, an existing bundle; anything else is named', () => {
    const ca = join(tmpdir(), `obmc-ca-${process.pid}.pem`);
    writeFileSync(ca, 'x');
    expect(parseDriverInfo({ ...base, openbmc_verify_ca: 'False' }).verifyCa).toBe(false);
    expect(parseDriverInfo({ ...base, openbmc_verify_ca: 'true' }).verifyCa).toBe(true);
    expect(parseDriverInfo({ ...base, openbmc_verify_ca: ca }).verifyCa).toBe(ca);
    expect(() => parseDriverInfo({ ...base, openbmc_verify_ca: '/no/such/ca.pem' })).toThrow(
      /openbmc_verify_ca "\/no\/such\/ca.pem": neither a boolean nor an existing CA bundle file/,
    );
    expect(() => parseDriverInfo({ ...base, openbmc_verify_ca: 3 })).toThrow(InvalidParameterValue);
  });

  it('rejects bad types and ranges by key', () => {
    expect(() => parseDriverInfo({ ...base, openbmc_password: 42 })).toThrow(
      /openbmc_password: expected a string/,
    );
    expect(() => parseDriverInfo({ ...base, openbmc_dialect: 'redfish' })).toThrow(
      /openbmc_dialect "redfish"/,
    );
    expect(() => parseDriverInfo({ ...base, openbmc_power_timeout: 'soon' })).toThrow(
      /openbmc_power_timeout/,
    );
    expect(() => parseDriverInfo({ ...base, openbmc_power_timeout: 0 })).toThrow(/at least/);
    expect(() => parseDriverInfo({ ...base, openbmc_retries: 2.5 })).toThrow(/openbmc_retries/);
    expect(parseDriverInfo({ ...base, openbmc_power_timeout: '90' }).powerTimeoutMs).toBe(90_000);
  });

  it("openbmc_system_id: an Id, or Ironic's path form kept as the Id; anything else named", () => {
    expect(parseDriverInfo(base).systemId).toBeNull();
    expect(parseDriverInfo({ ...base, openbmc_system_id: 'system' }).systemId).toBe('system');
    expect(parseDriverInfo({ ...base, openbmc_system_id: '/redfish/v1/Systems/Self_1' }).systemId).toBe(
      'Self_1',
    );
    for (const bad of ['a/b', '..', 'sys tem', '%2F', '/redfish/v1/Chassis/x', 'é', 'x'.repeat(256)]) {
      expect(() => parseDriverInfo({ ...base, openbmc_system_id: bad })).toThrow(
        /^Invalid openbmc_system_id .*expected the Id of a Redfish ComputerSystem/,
      );
    }
    expect(() => parseDriverInfo({ ...base, openbmc_system_id: 3 })).toThrow(InvalidParameterValue);
    // D-Bus REST has one host: a system there would be silently ignored.
    expect(() => parseDriverInfo({ ...base, openbmc_system_id: 'system', openbmc_api: 'rest' })).toThrow(
      /openbmc_system_id "system" with openbmc_api "rest".*drop one of them/,
    );
    expect(() =>
      parseDriverInfo({ ...base, openbmc_system_id: 'system', openbmc_dialect: 'legacy' }),
    ).toThrow(/openbmc_dialect "legacy"/);
  });

  it('openbmc_session_reuse with Basic auth is a contradiction, named', () => {
    expect(parseDriverInfo({ ...base, openbmc_session_reuse: 'true' }).sessionReuse).toBe(true);
    expect(() =>
      parseDriverInfo({ ...base, openbmc_session_reuse: true, openbmc_auth_type: 'basic' }),
    ).toThrow(/no session to keep/);
  });

  it('never echoes the password in a validation error', () => {
    const secret = 'Pa55-in-the-wrong-field';
    for (const input of [
      { ...base, openbmc_address: secret },
      { ...base, openbmc_dialect: secret },
      { ...base, openbmc_password: 7, openbmc_verify_ca: secret },
    ]) {
      try {
        parseDriverInfo({ ...input, openbmc_password: secret });
      } catch (e) {
        // The bad value may be echoed when it is itself the bad field; the password field never is.
        expect(JSON.stringify(e)).not.toContain('openbmc_password');
      }
    }
  });
});
