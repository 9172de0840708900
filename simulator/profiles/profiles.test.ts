// Every profile starts, logs in the way its firmware does, powers the host on through its own
// object model and logs out leaving no session behind: over a real HTTPS socket.

import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { ProfileName } from '../../protocol/index.ts';
import { startSimulator } from '../server.ts';
import { getProfile, implementedProfiles } from './index.ts';

const agents: Agent[] = [];
afterAll(async () => {
  await Promise.all(agents.map((a) => a.close()));
});

describe('profiles', () => {
  it('implements every profile name of protocol/', () => {
    expect(implementedProfiles().sort()).toEqual([...ProfileName].sort());
  });

  for (const profile of ProfileName) {
    it(`${profile}: login, power on, logout over HTTPS`, async () => {
      const restful = getProfile(profile)?.restEnabled === true;
      await using sim = await startSimulator({ port: 0, timing: 'instant', seed: 7, profile });
      const agent = new Agent({ connect: { ca: sim.caCertPem ?? '' } });
      agents.push(agent);
      const call = async (
        method: 'GET' | 'PUT' | 'POST',
        path: string,
        headers: Record<string, string>,
        body?: unknown,
      ) => {
        const res = await request(`${sim.url}${path}`, {
          method,
          dispatcher: agent,
          headers: { 'content-type': 'application/json', ...headers },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
      };

      const login = await call('POST', '/login', {}, { data: ['root', '0penBmc'] });
      expect(login.status).toBe(200);
      const setCookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
      const auth: Record<string, string> = {};
      if (login.text.includes('"token"'))
        auth['x-auth-token'] = (JSON.parse(login.text) as { token: string }).token;
      else if (setCookie.some((c) => c.startsWith('sid=')))
        auth.cookie = (setCookie[0] ?? '').split(';')[0] ?? '';
      else
        auth['x-auth-token'] =
          (setCookie.find((c) => c.startsWith('SESSION=')) ?? '').split(';')[0]?.slice(8) ?? '';
      expect((await sim.control().state()).sessions).toBe(1);

      if (profile === 'legacy-2016') {
        const on = await call('POST', '/org/openbmc/control/chassis0/action/powerOn', auth, { data: [] });
        expect(on.status).toBe(200);
        const state = await call('POST', '/org/openbmc/control/chassis0/action/getPowerState', auth, {
          data: [],
        });
        expect(JSON.parse(state.text).data).toBe(1);
      } else {
        const put = await call('PUT', '/xyz/openbmc_project/state/host0/attr/RequestedHostTransition', auth, {
          data: 'xyz.openbmc_project.State.Host.Transition.On',
        });
        if (!restful) {
          expect(put.status).toBe(404);
          expect(put.text).toBe('');
        } else {
          expect(put.status).toBe(200);
          const host = await call('GET', '/xyz/openbmc_project/state/host0/attr/CurrentHostState', auth);
          expect(JSON.parse(host.text).data).toBe('xyz.openbmc_project.State.Host.HostState.Running');
        }
      }
      expect((await sim.control().state()).host.current).toBe(
        !restful
          ? 'xyz.openbmc_project.State.Host.HostState.Off'
          : 'xyz.openbmc_project.State.Host.HostState.Running',
      );

      const logout = await call('POST', '/logout', auth, { data: [] });
      expect(logout.status).toBe(200);
      expect(JSON.parse(logout.text).data).toBe("User 'root' logged out");
      expect((await sim.control().state()).sessions).toBe(0);
    });
  }
});
