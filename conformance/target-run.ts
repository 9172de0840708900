// One opened target for the length of a run: its driver, its raw HTTP client, what the first
// read found (REST disabled? unreachable?), and the frame every check runs in: a clean machine,
// boot settings recorded and restored, a deadline, sessions counted on simulators, secrets
// scrubbed from every message. The shipped runner and vitest both run checks through this.

import { performance } from 'node:perf_hooks';
import { systemClock } from '../driver/clock.ts';
import { classifyRedfishRoot, redfishProbeRequest } from '../driver/dialects/detect.ts';
import {
  type BootSettingsSnapshot,
  createOpenBMCDriver,
  type OpenBMCDriver,
  OpenBMCRestDisabledError,
  type PowerStateValue,
  scrub,
  type Task,
} from '../driver/index.ts';
import { type Api, type Check, type CheckContext, CheckSetupError, CheckSkipped } from './check.ts';
import { evaluateProfile, type InteropProfile, type InteropReport } from './interop/evaluate.ts';
import type { Decision } from './plan.ts';
import { RawBmc } from './raw-bmc.ts';
import { openRawSessionWith } from './redfish-raw.ts';
import { type CheckResult, resultOf, type Status } from './results.ts';
import type { Target, TargetSpec } from './targets/target.ts';

export const SKIP_REST_DISABLED =
  "the BMC's D-Bus REST API is disabled (the driver says so with OpenBMCRestDisabledError; Redfish is the way in)";
export const SKIP_REST_ENABLED = 'the BMC has its REST API enabled';
export const SKIP_NO_REDFISH = 'the BMC serves no usable Redfish';

export class TargetRun {
  readonly target: Target;
  readonly driver: OpenBMCDriver;
  readonly raw: RawBmc;
  /** The API every driver task of this run speaks. */
  readonly api: Api;
  /** What the first power read found: a REST-disabled BMC, or a failure that stops every check. */
  restDisabled = false;
  /** Why this run's API is not there at all (no usable Redfish root): every check skips with it. */
  apiAbsent: string | undefined;
  probeError: string | undefined;
  initialPower: PowerStateValue | undefined;

  private constructor(target: Target, api: Api) {
    this.target = target;
    this.api = api;
    this.driver = createOpenBMCDriver(target.clock ? { clock: target.clock } : {});
    const info = target.driverInfo;
    this.raw = new RawBmc({
      address: target.address,
      username: String(info.openbmc_username),
      password: String(info.openbmc_password),
      insecure: target.tls.insecure,
      ...(target.tls.ca ? { ca: target.tls.ca } : {}),
    });
  }

  static async open(spec: TargetSpec, api: Api = 'rest'): Promise<TargetRun> {
    const run = new TargetRun(await spec.open(), api);
    await run.#probe();
    return run;
  }

  newTask(extra: Record<string, unknown> = {}): Task {
    return {
      node: {
        uuid: this.target.name,
        // The unit's API over the target's own choice (a unit that choice rules out is never
        // run: api-skips.ts); a check may still ask for the other API (cross-protocol).
        driver_info: { ...this.target.driverInfo, openbmc_api: this.api, ...extra },
        driver_internal_info: {},
      },
    };
  }

  redact(text: string): string {
    return scrub(text, this.target.secrets);
  }

  async #probe(): Promise<void> {
    try {
      await this.target.prepare?.();
      if (this.api === 'redfish') {
        // Without credentials, as the driver's own detection: is there a Redfish to check at all?
        const a = await this.raw.request('GET', redfishProbeRequest.path);
        const r = classifyRedfishRoot({ status: a.status, headers: a.headers, body: a.text });
        if (!r.ok) {
          this.apiAbsent = `${SKIP_NO_REDFISH} (${r.reason})`;
          return;
        }
      }
      this.initialPower = await this.driver.power.getPowerState(this.newTask());
    } catch (err) {
      if (err instanceof OpenBMCRestDisabledError) this.restDisabled = true;
      else this.probeError = this.redact(describeError(err));
    }
  }

  /** Runs one check (or reports why it does not run) and returns its result. */
  async runCheck(check: Check, decision: Decision = { run: true }): Promise<CheckResult> {
    const started = performance.now();
    const result = (status: Status, message?: string, note?: string): CheckResult =>
      resultOf(
        check,
        status,
        Math.round((performance.now() - started) * 10) / 10,
        message === undefined ? undefined : this.redact(message),
        note === undefined ? undefined : this.redact(note),
      );
    if (!decision.run) return result('skipped', decision.reason);
    if (this.apiAbsent) return result('skipped', this.apiAbsent);
    if (this.probeError)
      return result('error', `the target did not answer a power state read: ${this.probeError}`);
    const wantsRest = check.restApi ?? 'enabled';
    if (this.api === 'rest' && wantsRest === 'enabled' && this.restDisabled)
      return result('skipped', SKIP_REST_DISABLED);
    if (this.api === 'rest' && wantsRest === 'disabled' && !this.restDisabled)
      return result('skipped', SKIP_REST_ENABLED);

    const notes: string[] = [];
    const task = this.newTask();
    let saved: BootSettingsSnapshot | undefined;
    try {
      await this.target.prepare?.();
      // A target that prepares (the simulator's reset) starts every check from default settings;
      // on any other, boot settings are recorded here and put back after the check.
      if (check.needs !== 'read-only' && !this.target.prepare) {
        saved = await this.driver.management.saveBootSettings(this.newTask());
      }
    } catch (err) {
      return result('error', `could not prepare the target: ${describeError(err)}`);
    }

    let status: Status;
    let message: string | undefined;
    try {
      await this.#withDeadline(check, check.run(this.#context(task, notes)));
      status = 'pass';
    } catch (err) {
      if (err instanceof CheckSkipped) {
        status = 'skipped';
        message = err.message;
      } else if (err instanceof CheckSetupError) {
        status = 'error';
        message = err.message;
      } else {
        status = err instanceof DeadlineError ? 'error' : 'fail';
        message = describeError(err);
      }
    }

    // Put the boot settings back, also when the check failed (DESIGN.md: safety on real hardware).
    if (saved) {
      try {
        await this.driver.management.restoreBootSettings(this.newTask(), saved);
      } catch (err) {
        const why = `could not restore the boot settings: ${describeError(err)}`;
        if (status === 'pass' || status === 'skipped') {
          status = 'error';
          message = why;
        } else {
          message = `${message ?? ''}; ${why}`;
        }
      }
    }
    // On a simulator, every session the check opened must be gone.
    if (this.target.sim && status === 'pass') {
      try {
        const left = (await this.target.sim.state()).sessions;
        if (left > 0) {
          status = 'fail';
          message = `${left} session(s) still open on the BMC after the check: every session the driver opens must be logged out and gone (a BMC that keeps them runs out of sessions)`;
        }
      } catch (err) {
        status = 'error';
        message = `could not read the simulator's session count: ${describeError(err)}`;
      }
    }
    return result(status, message, notes.length ? notes.join('; ') : undefined);
  }

  #context(task: Task, notes: string[]): CheckContext {
    const driver = this.driver;
    const setup = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
      try {
        return await fn();
      } catch (err) {
        throw new CheckSetupError(`set-up failed (${what}): ${describeError(err)}`);
      }
    };
    return {
      target: this.target.name,
      driver,
      power: driver.power,
      management: driver.management,
      task,
      taskWith: (extra) => this.newTask(extra),
      ...(this.target.sim ? { sim: this.target.sim } : {}),
      raw: this.raw,
      clock: this.target.clock ?? systemClock,
      dialect: () => driver.detected(this.target.address).dialect,
      api: this.api,
      setup,
      ensurePower: (state) =>
        setup(`power the host ${state === 'power on' ? 'on' : 'off'}`, async () => {
          if ((await driver.power.getPowerState(task)) !== state)
            await driver.power.setPowerState(task, state);
        }),
      skip: (reason) => {
        throw new CheckSkipped(reason);
      },
      note: (text) => notes.push(text),
    };
  }

  async #withDeadline(check: Check, work: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const ms = this.target.checkTimeoutMs;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DeadlineError(`${check.id} did not finish within ${ms / 1000} s`)),
        ms,
      );
    });
    try {
      await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Evaluates an interop profile over a Redfish session of its own (read only). */
  async evaluateInterop(profile: InteropProfile): Promise<InteropReport> {
    const s = await openRawSessionWith(this.raw);
    try {
      return await evaluateProfile(profile, async (path) => {
        const a = await this.raw.request('GET', path, { headers: s.headers });
        return { status: a.status, headers: a.headers, json: a.json };
      });
    } finally {
      await this.raw.request('DELETE', s.uri, { headers: s.headers }).catch(() => undefined);
    }
  }

  /** Remote targets: put the host back in the power state it was found in. */
  async restorePower(): Promise<string | undefined> {
    const was = this.initialPower;
    if (was !== 'power on' && was !== 'power off') return undefined;
    const task = this.newTask();
    const now = await this.driver.power.getPowerState(task);
    if (now === was) return undefined;
    await this.driver.power.setPowerState(task, was);
    return `the host was ${now} after the checks and was returned to ${was}`;
  }

  async close(): Promise<void> {
    await this.driver.close();
    await this.raw.close();
    await this.target.close();
  }
}

class DeadlineError extends Error {
  override name = 'DeadlineError';
}

export function describeError(err: unknown): string {
  if (err instanceof Error) {
    // node:assert's messages carry the actual/expected diff; driver errors their context.
    return err.name === 'AssertionError' || err.name === 'Error'
      ? err.message
      : `${err.name}: ${err.message}`;
  }
  return String(err);
}
