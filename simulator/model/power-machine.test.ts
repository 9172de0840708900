// Host and chassis power as pure plans, carried out on a ManualClock (openbmc-rest.md 3.1-3.4, 9.6).
// Each request from each state: the exact timeline, and the final Current*/BootProgress/OS state.

import { describe, expect, it } from 'vitest';
import {
  BootProgress,
  ChassisPowerState,
  ChassisTransition,
  HostState,
  HostTransition,
  ObjectPath,
  OsStatus,
  RestartCause,
} from '../../protocol/index.ts';
import { bmcweb2019 } from '../profiles/bmcweb-2019.ts';
import { bmcweb2021 } from '../profiles/bmcweb-2021.ts';
import { phosphorRest2017 } from '../profiles/phosphor-rest-2017.ts';
import { phosphorRest2018 } from '../profiles/phosphor-rest-2018.ts';
import type { Profile } from '../profiles/profile.ts';
import { Bmc } from './bmc.ts';
import { ManualClock } from './clock.ts';
import {
  applyPowerEvent,
  type PowerEffect,
  type PowerEvent,
  type PowerRequest,
  type PowerRules,
  type PowerState,
  planPowerRequest,
} from './power-machine.ts';
import { seededRng } from './rng.ts';
import { StepRunner } from './step-runner.ts';

const timings = {
  chassisOnMs: 3_000,
  chassisOffMs: 2_000,
  hostStartMs: 10_000,
  softOffMs: 20_000,
  softOffTimeoutMs: 45 * 60_000,
  rebootDelayMs: 5_000,
  powerCycleDelayMs: 5_000,
  bootStageMs: 1_000,
};

const rulesOf = (p: Profile): PowerRules => ({ ...p.state, timings });
const modern = rulesOf(bmcweb2021);
const older = rulesOf(bmcweb2019);

const short = (s: string) => s.split('.').pop() ?? s;

const OFF: PowerState = {
  host: HostState.Off,
  chassis: ChassisPowerState.Off,
  bootProgress: BootProgress.Unspecified,
  osState: OsStatus.Inactive,
  restartCause: RestartCause.Unknown,
};
const CHASSIS_ON: PowerState = { ...OFF, chassis: ChassisPowerState.On };
const RUNNING: PowerState = {
  host: HostState.Running,
  chassis: ChassisPowerState.On,
  bootProgress: BootProgress.OSStart,
  osState: OsStatus.BootComplete,
  restartCause: RestartCause.RemoteCommand,
};
const STATES = { OFF, CHASSIS_ON, RUNNING } as const;

const host = (transition: string): PowerRequest => ({ target: 'host', transition });
const chassis = (transition: string): PowerRequest => ({ target: 'chassis', transition });

interface Outcome {
  final: PowerState;
  /** `t host/chassis` after each host or chassis change (progress steps are left out). */
  timeline: string[];
  hostSeen: Set<string>;
  chassisSeen: Set<string>;
  effects: PowerEffect['kind'][];
}

/** Runs a plan through the real StepRunner on a ManualClock starting at 0. */
function carryOut(start: PowerState, req: PowerRequest, rules: PowerRules): Outcome {
  const clock = new ManualClock(0);
  let s = start;
  const timeline: string[] = [];
  const hostSeen = new Set<string>();
  const chassisSeen = new Set<string>();
  const effects: PowerEffect['kind'][] = [];
  const runner = new StepRunner<PowerEvent>(clock, (e) => {
    const r = applyPowerEvent(s, e);
    const changed = r.next.host !== s.host || r.next.chassis !== s.chassis;
    s = r.next;
    hostSeen.add(short(s.host));
    chassisSeen.add(short(s.chassis));
    effects.push(...r.effects.map((x) => x.kind));
    if (changed) timeline.push(`${clock.now()} ${short(s.host)}/${short(s.chassis)}`);
  });
  runner.run(planPowerRequest(start, req, rules));
  clock.advance(10 * 60_000);
  expect(clock.pending).toBe(0);
  return { final: s, timeline, hostSeen, chassisSeen, effects };
}

const finalOf = (s: PowerState) =>
  [short(s.host), short(s.chassis), short(s.bootProgress), short(s.osState)].join(' ');

// bmcweb-2021: host and chassis Transitioning* states (openbmc-rest.md 3.4, firmware 2020-11 onward).
const TABLE: [keyof typeof STATES, PowerRequest, string[], string][] = [
  // Host On powers the chassis first, then starts host firmware; progress follows Running.
  [
    'OFF',
    host(HostTransition.On),
    ['0 Off/TransitioningToOn', '3000 Off/On', '3000 TransitioningToRunning/On', '13000 Running/On'],
    'Running On OSStart BootComplete',
  ],
  [
    'CHASSIS_ON',
    host(HostTransition.On),
    ['0 TransitioningToRunning/On', '10000 Running/On'],
    'Running On OSStart BootComplete',
  ],
  // Repeating a request for the state the machine is in changes nothing.
  ['RUNNING', host(HostTransition.On), [], 'Running On OSStart BootComplete'],
  // Host Off is soft: the host goes first, then obmc-host-shutdown powers the chassis off.
  ['OFF', host(HostTransition.Off), [], 'Off Off Unspecified Inactive'],
  [
    'CHASSIS_ON',
    host(HostTransition.Off),
    ['0 Off/TransitioningToOff', '2000 Off/Off'],
    'Off Off Unspecified Inactive',
  ],
  [
    'RUNNING',
    host(HostTransition.Off),
    ['0 TransitioningToOff/On', '20000 Off/On', '20000 Off/TransitioningToOff', '22000 Off/Off'],
    'Off Off Unspecified Inactive',
  ],
  // Reboot: soft off, 5 s, a full boot (the chassis power cycles).
  [
    'RUNNING',
    host(HostTransition.Reboot),
    [
      '0 TransitioningToOff/On',
      '20000 Off/On',
      '20000 Off/TransitioningToOff',
      '22000 Off/Off',
      '27000 Off/TransitioningToOn',
      '30000 Off/On',
      '30000 TransitioningToRunning/On',
      '40000 Running/On',
    ],
    'Running On OSStart BootComplete',
  ],
  [
    'OFF',
    host(HostTransition.Reboot),
    ['0 Off/TransitioningToOn', '3000 Off/On', '3000 TransitioningToRunning/On', '13000 Running/On'],
    'Running On OSStart BootComplete',
  ],
  // Warm reboots keep the chassis on.
  [
    'RUNNING',
    host(HostTransition.GracefulWarmReboot),
    ['0 TransitioningToOff/On', '20000 Off/On', '20000 TransitioningToRunning/On', '30000 Running/On'],
    'Running On OSStart BootComplete',
  ],
  [
    'RUNNING',
    host(HostTransition.ForceWarmReboot),
    ['0 TransitioningToOff/On', '0 Off/On', '0 TransitioningToRunning/On', '10000 Running/On'],
    'Running On OSStart BootComplete',
  ],
  [
    'OFF',
    host(HostTransition.ForceWarmReboot),
    ['0 Off/TransitioningToOn', '3000 Off/On', '3000 TransitioningToRunning/On', '13000 Running/On'],
    'Running On OSStart BootComplete',
  ],
  // Chassis Off is hard and immediate and takes the host Off with it.
  [
    'RUNNING',
    chassis(ChassisTransition.Off),
    ['0 Off/On', '0 Off/TransitioningToOff', '2000 Off/Off'],
    'Off Off Unspecified Inactive',
  ],
  [
    'CHASSIS_ON',
    chassis(ChassisTransition.Off),
    ['0 Off/TransitioningToOff', '2000 Off/Off'],
    'Off Off Unspecified Inactive',
  ],
  ['OFF', chassis(ChassisTransition.Off), [], 'Off Off Unspecified Inactive'],
  // Chassis On is power only: the host stays Off.
  [
    'OFF',
    chassis(ChassisTransition.On),
    ['0 Off/TransitioningToOn', '3000 Off/On'],
    'Off On Unspecified Inactive',
  ],
  ['RUNNING', chassis(ChassisTransition.On), [], 'Running On OSStart BootComplete'],
  // PowerCycle: off, 5 s, on.
  [
    'CHASSIS_ON',
    chassis(ChassisTransition.PowerCycle),
    ['0 Off/TransitioningToOff', '2000 Off/Off', '7000 Off/TransitioningToOn', '10000 Off/On'],
    'Off On Unspecified Inactive',
  ],
  [
    'RUNNING',
    chassis(ChassisTransition.PowerCycle),
    ['0 Off/On', '0 Off/TransitioningToOff', '2000 Off/Off', '7000 Off/TransitioningToOn', '10000 Off/On'],
    'Off On Unspecified Inactive',
  ],
];

describe('power machine (bmcweb-2021 rules: transitional states)', () => {
  it.each(TABLE)('from %s, %o', (from, req, timeline, final) => {
    const out = carryOut(STATES[from], req, modern);
    expect(out.timeline).toEqual(timeline);
    expect(finalOf(out.final)).toBe(final);
  });

  it('steps BootProgress through the profile stages after Running, then OS BootComplete', () => {
    const clock = new ManualClock(0);
    let s = OFF;
    const seen: string[] = [];
    const runner = new StepRunner<PowerEvent>(clock, (e) => {
      s = applyPowerEvent(s, e).next;
      if (e.type === 'progress' || e.type === 'os')
        seen.push(`${clock.now()} ${short(s.bootProgress)} ${short(s.osState)}`);
    });
    runner.run(planPowerRequest(OFF, host(HostTransition.On), modern));
    clock.advance(13_000);
    expect(short(s.host)).toBe('Running');
    // Running alone is not "up": progress is still Unspecified and the OS Inactive.
    expect(finalOf(s)).toBe('Running On Unspecified Inactive');
    clock.advance(60_000);
    expect(seen).toEqual([
      '14000 PrimaryProcInit Inactive',
      '15000 MemoryInit Inactive',
      '16000 SecondaryProcInit Inactive',
      '17000 PCIInit Inactive',
      '18000 SystemInitComplete Inactive',
      '19000 OSStart Inactive',
      '19000 OSStart BootComplete',
    ]);
  });

  it('signals a one-time boot consumption on entering Running, and power changes on Off<->On', () => {
    const out = carryOut(OFF, host(HostTransition.On), modern);
    expect(out.effects.filter((e) => e !== 'progress-changed')).toEqual([
      'power-changed',
      'consume-one-time-boot',
    ]);
    expect(out.final.restartCause).toBe(RestartCause.RemoteCommand);
    const off = carryOut(RUNNING, chassis(ChassisTransition.Off), modern);
    expect(off.effects).toEqual(['progress-changed', 'power-changed']);
  });

  it('ignores transitions it has no plan for', () => {
    expect(
      planPowerRequest(RUNNING, host('xyz.openbmc_project.State.Host.Transition.Bogus'), modern),
    ).toEqual([]);
    expect(
      planPowerRequest(OFF, chassis('xyz.openbmc_project.State.Chassis.Transition.Bogus'), modern),
    ).toEqual([]);
  });

  it('makes no plan at all under the stuck fault, and ends in Quiesced under power-on-fails', () => {
    expect(
      planPowerRequest(OFF, host(HostTransition.On), modern, { stuck: true, powerOnFails: false }),
    ).toEqual([]);
    const plan = planPowerRequest(OFF, host(HostTransition.On), modern, { stuck: false, powerOnFails: true });
    expect(plan.at(-1)?.event).toEqual({ type: 'host', to: HostState.Quiesced });
  });

  it('forces power off hard when the soft-off timer runs out on a host that ignores the request', () => {
    const faults = { stuck: false, powerOnFails: false, osIgnoresSoftOff: true };
    const clock = new ManualClock(0);
    let s = RUNNING;
    const seen: string[] = [];
    const runner = new StepRunner<PowerEvent>(clock, (e) => {
      s = applyPowerEvent(s, e).next;
      seen.push(`${clock.now()} ${short(s.host)}/${short(s.chassis)}`);
    });
    runner.run(planPowerRequest(RUNNING, host(HostTransition.Off), modern, faults));
    // Not the soft-off time: the host still runs (transitioning) until the timer's end.
    clock.advance(timings.softOffMs);
    expect(short(s.host)).toBe('TransitioningToOff');
    expect(short(s.chassis)).toBe('On');
    clock.advance(timings.softOffTimeoutMs);
    expect(seen).toEqual([
      '0 TransitioningToOff/On',
      `${timings.softOffTimeoutMs} Off/On`,
      `${timings.softOffTimeoutMs} Off/TransitioningToOff`,
      `${timings.softOffTimeoutMs + timings.chassisOffMs} Off/Off`,
    ]);
    expect(finalOf(s)).toBe('Off Off Unspecified Inactive');
  });
});

describe('power machine without transitional states (2016-2020 firmware)', () => {
  const requests = [
    ...Object.values(HostTransition).map(host),
    ...Object.values(ChassisTransition).map(chassis),
  ];
  const cases = Object.keys(STATES).flatMap((from) => requests.map((r) => [from, r] as const));

  it.each(cases)('from %s, %o: only Off/Running and Off/On appear', (from, req) => {
    const out = carryOut(STATES[from as keyof typeof STATES], req, older);
    for (const h of out.hostSeen) expect(['Off', 'Running']).toContain(h);
    for (const c of out.chassisSeen) expect(['Off', 'On']).toContain(c);
  });

  it('moves Off -> Running directly on host On', () => {
    const out = carryOut(OFF, host(HostTransition.On), older);
    expect(out.timeline).toEqual(['3000 Off/On', '13000 Running/On']);
  });

  it.each([
    ['bmcweb-2019', bmcweb2019, false],
    ['phosphor-rest-2017', phosphorRest2017, false],
    ['phosphor-rest-2018', phosphorRest2018, false],
    ['bmcweb-2021', bmcweb2021, true],
  ] as const)('%s has transitional states: %s', (_name, profile, expected) => {
    const out = carryOut(RUNNING, host(HostTransition.Reboot), rulesOf(profile));
    expect(out.hostSeen.has('TransitioningToOff')).toBe(expected);
    expect(out.chassisSeen.has('TransitioningToOn')).toBe(expected);
  });
});

describe('power requests through the Bmc facade (bmcweb-2021, ManualClock)', () => {
  const make = () => {
    const clock = new ManualClock();
    const bmc = new Bmc({
      profile: bmcweb2021,
      timings: { ...bmcweb2021.timings, bootStageMs: 1_000 },
      clock,
      rng: seededRng(1),
      seed: 1,
      users: [{ username: 'root', password: '0penBmc', role: 'Administrator' }],
    });
    const read = (path: string, prop: string) => short(String(bmc.tree.get(path, prop)));
    const put = (path: string, prop: string, value: string) => {
      const r = bmc.setProperty(path, prop, value, 'exact');
      expect(r.ok).toBe(true);
    };
    return { clock, bmc, read, put };
  };

  it('lets the last request win: chassis Off during a host boot ends Off and never reaches Running', () => {
    const { clock, read, put } = make();
    put(ObjectPath.host, 'RequestedHostTransition', HostTransition.On);
    clock.advance(3_000);
    expect(read(ObjectPath.host, 'CurrentHostState')).toBe('TransitioningToRunning');
    put(ObjectPath.chassis, 'RequestedPowerTransition', ChassisTransition.Off);
    expect(read(ObjectPath.host, 'CurrentHostState')).toBe('Off');
    clock.advance(10 * 60_000);
    expect(read(ObjectPath.host, 'CurrentHostState')).toBe('Off');
    expect(read(ObjectPath.chassis, 'CurrentPowerState')).toBe('Off');
    // Requested* keep the last written value; the earlier host On is still what host0 reads.
    expect(read(ObjectPath.host, 'RequestedHostTransition')).toBe('On');
    expect(read(ObjectPath.chassis, 'RequestedPowerTransition')).toBe('Off');
  });

  it('lets the last request win: host On during a soft off boots again', () => {
    const { clock, read, put } = make();
    put(ObjectPath.host, 'RequestedHostTransition', HostTransition.On);
    clock.advance(10 * 60_000);
    put(ObjectPath.host, 'RequestedHostTransition', HostTransition.Off);
    clock.advance(1_000);
    expect(read(ObjectPath.host, 'CurrentHostState')).toBe('TransitioningToOff');
    put(ObjectPath.host, 'RequestedHostTransition', HostTransition.On);
    clock.advance(10 * 60_000);
    expect(read(ObjectPath.host, 'CurrentHostState')).toBe('Running');
    expect(read(ObjectPath.chassis, 'CurrentPowerState')).toBe('On');
    expect(read(ObjectPath.host, 'RequestedHostTransition')).toBe('On');
  });

  it('keeps RequestedHostTransition at Reboot after the reboot has completed', () => {
    const { clock, read, put } = make();
    put(ObjectPath.host, 'RequestedHostTransition', HostTransition.On);
    clock.advance(10 * 60_000);
    put(ObjectPath.host, 'RequestedHostTransition', HostTransition.Reboot);
    clock.advance(10 * 60_000);
    expect(read(ObjectPath.host, 'CurrentHostState')).toBe('Running');
    expect(read(ObjectPath.host, 'BootProgress')).toBe('OSStart');
    expect(read(ObjectPath.host, 'OperatingSystemState')).toBe('BootComplete');
    expect(read(ObjectPath.host, 'RequestedHostTransition')).toBe('Reboot');
  });

  it('takes a write to the "read-only" CurrentHostState until the next real transition', () => {
    const { clock, read, put } = make();
    put(ObjectPath.host, 'CurrentHostState', HostState.Quiesced);
    expect(read(ObjectPath.host, 'CurrentHostState')).toBe('Quiesced');
    put(ObjectPath.chassis, 'RequestedPowerTransition', ChassisTransition.Off);
    clock.advance(60_000);
    expect(read(ObjectPath.host, 'CurrentHostState')).toBe('Off');
  });

  it('records LastStateChangeTime (ms) at Off<->On and BootProgressLastUpdate (µs) at each stage', () => {
    const { clock, bmc, put } = make();
    const start = clock.now();
    put(ObjectPath.host, 'RequestedHostTransition', HostTransition.On);
    clock.advance(10 * 60_000);
    expect(bmc.tree.get(ObjectPath.chassis, 'LastStateChangeTime')).toBe(
      start + bmcweb2021.timings.chassisOnMs,
    );
    const lastStage = start + bmcweb2021.timings.chassisOnMs + bmcweb2021.timings.hostStartMs + 6 * 1_000;
    expect(bmc.tree.get(ObjectPath.host, 'BootProgressLastUpdate')).toBe(lastStage * 1000);
  });
});
