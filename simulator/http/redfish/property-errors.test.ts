// PropertyNotWritable and PropertyValueIncorrect over HTTPS, on the one resource this face
// serves where bmcweb raises them: AccountService PATCH (account_service.hpp). MaxPasswordLength
// is never writable (403, 405 since 9310d76b5e); MinPasswordLength is not writable before
// ef73ad0d99 (2022-01) and since then goes to phosphor-user-manager, whose setter refuses a
// value below 8 with InvalidArgument, answered 400 PropertyValueIncorrect by setDbusProperty
// (2024+). The same D-Bus object answers D-Bus REST, so a write on one face shows on the other.

import { afterAll, describe, expect, it } from 'vitest';
import { DbusError, ObjectPath, RedfishPath } from '../../../protocol/index.ts';
import { closeAll, READER, startHttps as start } from '../../../test/support/redfish-https.ts';

afterAll(closeAll);

type Message = { MessageId: string; MessageArgs: string[] };
const ids = (list: unknown) => (list as Message[]).map((m) => m.MessageId);

describe('AccountService PATCH: PropertyNotWritable and PropertyValueIncorrect by era', () => {
  it('2019: both lengths are read-only (403, under <Prop>@Message.ExtendedInfo); the lockout is written with Base.Success', async () => {
    const { get, patch, sim } = await start('bmcweb-2019');
    const r = await patch(RedfishPath.accountService, {
      MinPasswordLength: 10,
      MaxPasswordLength: 30,
      AccountLockoutThreshold: 3,
    });
    expect(r.status).toBe(403);
    const body = r.json();
    expect(ids(body['MinPasswordLength@Message.ExtendedInfo'])).toEqual(['Base.1.4.0.PropertyNotWritable']);
    expect(ids(body['MaxPasswordLength@Message.ExtendedInfo'])).toEqual(['Base.1.4.0.PropertyNotWritable']);
    expect(ids(body['@Message.ExtendedInfo'])).toEqual(['Base.1.4.0.Success']);
    expect(body.error).toBeUndefined();
    const service = (await get(RedfishPath.accountService)).json();
    expect(service).toMatchObject({
      AccountLockoutThreshold: 3,
      MinPasswordLength: 8,
      MaxPasswordLength: 20,
    });
    expect(sim.nodes[0]?.bmc.tree.get(ObjectPath.userManager, 'MaxLoginAttemptBeforeLockout')).toBe(3);
  });

  it('2024: MinPasswordLength 6 is refused by the user manager: 400 PropertyValueIncorrect in error; 12 is written (204) and shows on D-Bus REST', async () => {
    const { get, patch, send, token, readAttr } = await start('bmcweb-2024');
    const low = await patch(RedfishPath.accountService, { MinPasswordLength: 6 });
    expect(low.status).toBe(400);
    const error = low.json().error as { code: string; '@Message.ExtendedInfo': Message[] };
    expect(error.code).toBe('Base.1.18.1.PropertyValueIncorrect');
    expect(error['@Message.ExtendedInfo'][0]?.MessageArgs).toEqual(['MinPasswordLength', '6']);
    expect((await get(RedfishPath.accountService)).json().MinPasswordLength).toBe(8);

    const good = await patch(RedfishPath.accountService, { MinPasswordLength: 12 });
    expect(good.status).toBe(204);
    expect(good.text).toBe('');
    expect(await readAttr(ObjectPath.userManager, 'MinPasswordLength')).toBe(12);

    // The other way: a D-Bus REST write below 8 is the same setter's InvalidArgument.
    const put = await send('PUT', `${ObjectPath.userManager}/attr/MinPasswordLength`, { data: 4 }, token);
    expect(put.status).toBe(403);
    expect(JSON.parse(put.text).data.description).toBe(DbusError.invalidArgument);
    const threshold = await send(
      'PUT',
      `${ObjectPath.userManager}/attr/MaxLoginAttemptBeforeLockout`,
      { data: 5 },
      token,
    );
    expect(threshold.status).toBe(200);
    expect((await get(RedfishPath.accountService)).json()).toMatchObject({
      AccountLockoutThreshold: 5,
      MinPasswordLength: 12,
    });
  });

  it('2024: MaxPasswordLength is 403 PropertyNotWritable beside a write that succeeds; an unsigned overflow is PropertyValueNotInList', async () => {
    const { patch } = await start('bmcweb-2024');
    const r = await patch(RedfishPath.accountService, { MaxPasswordLength: 30, AccountLockoutDuration: 60 });
    expect(r.status).toBe(403);
    expect(ids(r.json()['MaxPasswordLength@Message.ExtendedInfo'])).toEqual([
      'Base.1.18.1.PropertyNotWritable',
    ]);
    const big = await patch(RedfishPath.accountService, { MinPasswordLength: 300 });
    expect(big.status).toBe(400);
    expect(ids(big.json()['MinPasswordLength@Message.ExtendedInfo'])).toEqual([
      'Base.1.18.1.PropertyValueNotInList',
    ]);
  });

  it('2025: PropertyNotWritable is 405 (9310d76b5e); above 64 is refused too (phosphor-user-manager 9ca8692)', async () => {
    const { patch } = await start('bmcweb-2025');
    const r = await patch(RedfishPath.accountService, { MaxPasswordLength: 30 });
    expect(r.status).toBe(405);
    expect(ids(r.json()['MaxPasswordLength@Message.ExtendedInfo'])).toEqual([
      'Base.1.19.PropertyNotWritable',
    ]);
    const high = await patch(RedfishPath.accountService, { MinPasswordLength: 65 });
    expect(high.status).toBe(400);
    expect((high.json().error as { code: string }).code).toBe('Base.1.19.PropertyValueIncorrect');
  });

  it('a lockout threshold PATCHed over Redfish locks an account after that many failures', async () => {
    const { patch, send } = await start('bmcweb-2025');
    expect((await patch(RedfishPath.accountService, { AccountLockoutThreshold: 2 })).status).toBe(204);
    for (let i = 0; i < 2; i++)
      expect((await send('POST', RedfishPath.sessions, { UserName: 'root', Password: 'wrong' })).status).toBe(
        401,
      );
    const locked = await send('POST', RedfishPath.sessions, { UserName: 'root', Password: '0penBmc' });
    expect(locked.status).toBe(401);
  });

  it('a ReadOnly user may not PATCH the AccountService (ConfigureUsers): 403 InsufficientPrivilege', async () => {
    const { send } = await start('bmcweb-2025');
    const login = await send('POST', RedfishPath.sessions, {
      UserName: READER.username,
      Password: READER.password,
    });
    expect(login.status).toBe(201);
    const token = String(login.headers['x-auth-token']);
    const r = await send('PATCH', RedfishPath.accountService, { AccountLockoutThreshold: 1 }, token);
    expect(r.status).toBe(403);
    expect((r.json().error as { code: string }).code).toBe('Base.1.19.InsufficientPrivilege');
  });
});
