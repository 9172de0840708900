// OpenBMCPower: Ironic's PowerInterface over the BMC's REST API (ironic-contract.md 1.3, 3.3,
// must-haves). Every change is confirmed by reading the state back until the BMC *reports* the
// target; hard off is the chassis Off, soft off the host Off, on the host On; reboot never sends
// off to a node that is off; a rejected or lost request is judged by re-reading the state.

import { OpenBMCInterface } from './base-interface.ts';
import { afterBoot, beforeBoot } from './boot-support.ts';
import { POWER_TARGETS, PowerState, type PowerStateValue, type PowerTarget, type Task } from './constants.ts';
import {
  legacyPower,
  type PowerAction,
  type PowerDialect,
  type PowerReading,
  xyzPower,
} from './dialects/power.ts';
import { redfishBeforeBoot } from './dialects/redfish-management.ts';
import { redfishPower } from './dialects/redfish-power.ts';
import type { RedfishSession } from './dialects/redfish-session.ts';
import { InvalidParameterValue, OpenBMCAuthError, OpenBMCError, PowerStateFailure } from './errors.ts';
import { type DriverCore, powerChangeBudgetMs, requestMargin, runOperation } from './operation.ts';
import type { BmcSession, Operation } from './session.ts';
import { isTransient } from './transport.ts';
import { pollUntil } from './wait.ts';

function powerDialectOf(s: BmcSession): PowerDialect {
  return s.dialect.objectModel === 'xyz' ? xyzPower : legacyPower;
}

/** One session's power operations and boot hooks, whichever API it speaks. */
interface PowerSide {
  read(): Promise<PowerReading>;
  /** A settled "off" confirmed where the host state alone does not say the power is down. */
  confirmOff(host: PowerReading): Promise<PowerReading>;
  request(action: PowerAction): Promise<void>;
  supported(): Promise<PowerTarget[]>;
  beforeBoot(task: Task, warn: (msg: string) => void): Promise<void>;
  afterBoot(task: Task): Promise<void>;
}

function restSide(s: BmcSession): PowerSide {
  const p = powerDialectOf(s);
  return {
    read: () => p.read(s),
    confirmOff: (host) => p.confirmOff(s, host),
    request: (a) => p.request(s, a),
    supported: () => p.supported(s),
    beforeBoot: (task, warn) => beforeBoot(s, task, warn),
    afterBoot: (task) => afterBoot(s, task),
  };
}

function redfishSide(s: RedfishSession): PowerSide {
  // Redfish has no emulated one-time device to clear: every firmware with Redfish has Once.
  return {
    ...redfishPower(s),
    beforeBoot: (task, warn) => redfishBeforeBoot(s, task, warn),
    afterBoot: async () => {},
  };
}

/** A node's `disable_power_off` (Ironic 2025): never cut its power; reboot in the firmware instead. */
function powerOffDisabled(task: Task): boolean {
  return (task.node as { disable_power_off?: unknown }).disable_power_off === true;
}

export class OpenBMCPower extends OpenBMCInterface {
  async getPowerState(task: Task): Promise<PowerStateValue> {
    return runOperation(
      this.core,
      task,
      { name: 'get power state', mutating: false, budgetMs: requestMargin },
      async (s) => (await powerDialectOf(s).read(s)).state,
      async (s) => (await redfishPower(s).read()).state,
    );
  }

  async getSupportedPowerStates(task: Task): Promise<PowerTarget[]> {
    return runOperation(
      this.core,
      task,
      { name: 'get supported power states', mutating: false, budgetMs: requestMargin },
      async (s) => {
        return powerDialectOf(s).supported(s);
      },
      (s) => redfishPower(s).supported(),
    );
  }

  async reboot(task: Task, timeoutSeconds?: number): Promise<void> {
    return this.setPowerState(task, PowerState.reboot, timeoutSeconds);
  }

  async setPowerState(task: Task, state: string, timeoutSeconds?: number): Promise<void> {
    const target = POWER_TARGETS.find((t) => t === state);
    if (!target) {
      throw new InvalidParameterValue(
        `Unsupported target power state "${String(state).slice(0, 40)}"; expected one of: ${POWER_TARGETS.join(', ')}`,
      );
    }
    if (timeoutSeconds !== undefined && !(Number.isFinite(timeoutSeconds) && timeoutSeconds > 0)) {
      throw new InvalidParameterValue(
        `Invalid power timeout ${String(timeoutSeconds)}: expected a positive number of seconds`,
      );
    }
    const waitMs = (info: { powerTimeoutMs: number; softPowerTimeoutMs: number }) =>
      timeoutSeconds !== undefined
        ? timeoutSeconds * 1000
        : isSoft(target)
          ? info.softPowerTimeoutMs
          : info.powerTimeoutMs;
    await runOperation(
      this.core,
      task,
      {
        name: `set power state to ${target}`,
        mutating: true,
        budgetMs: (info) => powerChangeBudgetMs(info, waitMs(info)),
      },
      async (s, op) => {
        const flow = new PowerFlow(this.core, restSide(s), op, task, waitMs(op.info));
        await flow.run(target);
      },
      async (s, op) => {
        await new PowerFlow(this.core, redfishSide(s), op, task, waitMs(op.info)).run(target);
      },
    );
  }
}

/** One power change inside one session. */
class PowerFlow {
  readonly #core: DriverCore;
  readonly #op: Operation;
  readonly #task: Task;
  readonly #waitMs: number;
  readonly #p: PowerSide;

  constructor(core: DriverCore, side: PowerSide, op: Operation, task: Task, waitMs: number) {
    this.#core = core;
    this.#op = op;
    this.#task = task;
    this.#waitMs = waitMs;
    this.#p = side;
  }

  /** Makes the change; returns the reading that showed the target state. */
  async run(target: PowerTarget): Promise<PowerReading> {
    const reading = await this.#p.read();
    // Hard on/off exist on every firmware (host On, chassis Off); only the soft transitions can
    // be missing from AllowedHostTransitions (2024+), so only they cost the extra read.
    const supported = isSoft(target) ? await this.#p.supported() : [target];
    if (!supported.includes(target)) {
      throw new InvalidParameterValue(
        `this BMC's firmware does not offer "${target}" (it offers: ${supported.join(', ')})`,
        { context: this.#op.context },
      );
    }
    const noOff = powerOffDisabled(this.#task);
    switch (target) {
      case PowerState.on:
        return this.#turn('on', reading, PowerState.on, 'power on');
      case PowerState.off:
      case PowerState.softPowerOff:
        if (noOff) throw this.#refuseOff(target);
        return this.#turn(
          target === PowerState.off ? 'hard-off' : 'soft-off',
          reading,
          PowerState.off,
          target,
        );
      case PowerState.reboot:
        // Never send off to a node that is off (Ironic bug 1718794); off, then on, so the
        // result is observable on every firmware (Ironic's Redfish reboot since 2020).
        if (reading.state !== PowerState.on) return this.#turn('on', reading, PowerState.on, 'power on');
        if (noOff) return this.#firmwareReboot(reading);
        return this.#turn(
          'on',
          await this.#turn('hard-off', reading, PowerState.off, 'power off'),
          PowerState.on,
          'power on',
        );
      case PowerState.softReboot:
        if (reading.state !== PowerState.on) return this.#turn('on', reading, PowerState.on, 'power on');
        return this.#firmwareReboot(reading);
    }
  }

  /** Asks for a change unless the BMC already reports the target settled, then waits for it;
   * returns the reading that showed the target. */
  async #turn(
    action: PowerAction,
    reading: PowerReading,
    want: PowerStateValue,
    step: string,
  ): Promise<PowerReading> {
    const now = await this.#confirmed(reading, want);
    if (now.state === want && now.phase === 'settled') {
      this.#core.rt.logger.info(
        { address: this.#op.info.address, state: want },
        'already in the requested power state',
      );
      return now;
    }
    if (want === PowerState.on) await this.#beforeBoot();
    await this.#request(action, want, step);
    const reached = await this.#waitFor(want, step, now);
    if (want === PowerState.on) await this.#p.afterBoot(this.#task);
    return reached;
  }

  /** The firmware's graceful reboot: give the host time to leave "on", then wait for "on". */
  async #firmwareReboot(before: PowerReading): Promise<PowerReading> {
    await this.#beforeBoot();
    await this.#request('soft-reboot', null, 'reboot');
    await pollUntil(
      () => this.#p.read(),
      (r) => r.state !== PowerState.on,
      { ...this.#pollOptions(), timeoutMs: Math.min(this.#op.info.rebootSettleMs, this.#waitMs) },
    );
    const reached = await this.#waitFor(PowerState.on, 'reboot', before);
    await this.#p.afterBoot(this.#task);
    return reached;
  }

  /**
   * Sends one power request. If it fails in a way that leaves its fate unknown (connection lost)
   * or the BMC refuses it (400/409/5xx), re-read the state: at the target is success; after a
   * lost connection it is re-sent once; otherwise the refusal stands (pain points 4, 5).
   */
  async #request(action: PowerAction, want: PowerStateValue | null, step: string) {
    try {
      await this.#p.request(action);
    } catch (err) {
      if (!(err instanceof OpenBMCError) || err instanceof OpenBMCAuthError) throw err;
      const now = await this.#p.read();
      if (want !== null && now.state === want) return;
      if (!isTransient(err)) throw err;
      this.#core.rt.logger.info(
        { address: this.#op.info.address, step },
        're-sending a power request after a lost connection',
      );
      await this.#p.request(action);
    }
  }

  /**
   * Polls until the BMC reports `want` settled. A host that lands in a failed state (Quiesced)
   * ends the wait at once: nothing the driver waits for follows it. A failed state already there
   * before the request only counts once the host was seen elsewhere: firmware without transitional
   * states shows the old Quiesced until the new boot ends (openbmc-rest.md 3.4).
   */
  async #waitFor(want: PowerStateValue, step: string, before: PowerReading): Promise<PowerReading> {
    const started = this.#core.rt.clock.now();
    let moved = before.phase !== 'failed';
    const r = await pollUntil(
      async () => this.#confirmed(await this.#p.read(), want),
      (x) => {
        if (x.phase !== 'failed') moved = true;
        return (x.state === want && x.phase === 'settled') || (x.phase === 'failed' && moved);
      },
      this.#pollOptions(),
    );
    const context = { ...this.#op.context, step: `wait for ${step}` };
    if (r.ok && r.last.phase === 'failed') {
      const after = seconds(this.#core.rt.clock.now() - started);
      throw new PowerStateFailure(
        `Failed to set node power state to ${want}: the host stopped in ${r.last.detail} (${r.last.state}) after ${after} s, a failed boot or shutdown the BMC reports as final`,
        { context },
      );
    }
    if (r.ok) return r.last;
    throw new PowerStateFailure(
      `Failed to set node power state to ${want}: after ${seconds(this.#waitMs)} s the BMC still reports ${r.last.detail} (${r.last.state})`,
      { context },
    );
  }

  /** A settled "off" from the host confirmed by the chassis power (one more read, only then). */
  async #confirmed(r: PowerReading, want: PowerStateValue): Promise<PowerReading> {
    return want === PowerState.off && r.state === PowerState.off && r.phase === 'settled'
      ? this.#p.confirmOff(r)
      : r;
  }

  #pollOptions() {
    return {
      timeoutMs: this.#waitMs,
      intervalMs: this.#op.info.pollIntervalMs,
      maxIntervalMs: this.#op.info.pollMaxIntervalMs,
      clock: this.#core.rt.clock,
    };
  }

  async #beforeBoot(): Promise<void> {
    await this.#p.beforeBoot(this.#task, (msg) =>
      this.#core.rt.logger.warn({ address: this.#op.info.address }, msg),
    );
  }

  #refuseOff(target: PowerTarget): PowerStateFailure {
    return new PowerStateFailure(
      `Failed to set node power state to ${target}: the node has disable_power_off set`,
      {
        context: this.#op.context,
      },
    );
  }
}

const seconds = (ms: number) => Number((ms / 1000).toFixed(2));
const isSoft = (t: PowerTarget) => t === PowerState.softPowerOff || t === PowerState.softReboot;
