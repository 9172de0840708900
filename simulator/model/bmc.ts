// One emulated BMC: object tree, power and BMC machines, boot settings and sessions behind plain
// commands that return Result values. No HTTP here; ../http renders results per profile.

import type { JsonValue } from '../../protocol/index.ts';
import {
  BmcRebootCause,
  BmcState,
  BmcTransition,
  ChassisPowerState,
  ChassisTransition,
  DbusInterface,
  HostTransition,
  LegacyPath,
  ObjectPath,
} from '../../protocol/index.ts';
import { type BmcEvent, planBmcReboot } from './bmc-machine.ts';
import { bootObjects, bootPaths, consumeAtBoot, type EffectiveBoot } from './boot-settings.ts';
import type { Clock } from './clock.ts';
import { convertJson } from './dbus-types.ts';
import { inventoryObjects, sensorObjects, softwareObjects, uuidOf } from './inventory.ts';
import { legacyObjects, legacyView } from './legacy-objects.ts';
import { LOG_ENTRY_PREFIX, loggingObjects } from './logging.ts';
import type { ModelError } from './model-error.ts';
import { type FaultHooks, type ModelProfile, type ModelTimings, NO_FAULTS } from './model-profile.ts';
import { type NameMatch, ObjectTree } from './object-tree.ts';
import { applyPowerEvent, type PowerEvent, type PowerState, planPowerRequest } from './power-machine.ts';
import { err, ok, type Result } from './result.ts';
import type { Rng } from './rng.ts';
import { type Session, type SessionFailure, SessionStore } from './sessions.ts';
import type { StandIn } from './stand-in.ts';
import { stateObjects } from './state-objects.ts';
import { StepRunner } from './step-runner.ts';
import { toPlain, toWire, type WireValue } from './wire-value.ts';

export type Role = 'Administrator' | 'Operator' | 'ReadOnly';

export interface User {
  username: string;
  password: string;
  role: Role;
}

export interface BmcOptions {
  profile: ModelProfile;
  standIn?: StandIn;
  timings: ModelTimings;
  clock: Clock;
  rng: Rng;
  seed: number;
  users: User[];
  faults?: FaultHooks;
}

export type BmcSignal = { kind: 'listener'; up: boolean } | { kind: 'nmi' } | { kind: 'changed' };

/** What a BMC keeps across restarts: settings, accounts and whether the host was powered. */
export interface PersistedBmc {
  settings: Record<string, Record<string, JsonValue>>;
  users: User[];
  poweredOn: boolean;
}

const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');

export class Bmc {
  readonly tree = new ObjectTree();
  readonly sessions: SessionStore;
  readonly profile: ModelProfile;
  users: User[];
  faults: FaultHooks;
  /** What the host booted with last time (null before the first boot). */
  lastBoot: EffectiveBoot | null = null;
  nmiCount = 0;
  listening = true;

  readonly #clock: Clock;
  readonly #timings: ModelTimings;
  readonly #seed: number;
  readonly #power: StepRunner<PowerEvent>;
  readonly #bmcRunner: StepRunner<BmcEvent>;
  readonly #listeners = new Set<(signal: BmcSignal) => void>();
  #everPoweredOn = false;
  readonly #standIn: StandIn | undefined;

  constructor(o: BmcOptions) {
    this.#standIn = o.standIn;
    this.profile = o.standIn?.state
      ? { ...o.profile, state: { ...o.profile.state, ...o.standIn.state } }
      : o.profile;
    this.tree.listing = o.profile.routing.listing;
    this.users = o.users.map((u) => ({ ...u }));
    this.faults = o.faults ?? NO_FAULTS;
    this.#clock = o.clock;
    this.#timings = { ...o.timings, ...o.standIn?.timings };
    this.#seed = o.seed;
    this.sessions = new SessionStore(o.clock, o.rng, o.profile.sessions);
    this.#power = new StepRunner(o.clock, (e) => this.#applyPower(e));
    this.#bmcRunner = new StepRunner(o.clock, (e) => this.#applyBmc(e));
    this.#build();
  }

  get clock(): Clock {
    return this.#clock;
  }

  /** Subscribe to signals the transport must act on (listener down/up). Returns an unsubscribe. */
  on(listener: (signal: BmcSignal) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Paths whose properties survive a restart (phosphor-settings-manager persists them). */
  persistedPaths(): string[] {
    return [
      ...bootPaths(this.profile.boot),
      ObjectPath.powerRestorePolicy,
      `${ObjectPath.powerRestorePolicy}/one_time`,
      ObjectPath.autoReboot,
      `${ObjectPath.autoReboot}/one_time`,
    ].filter((p) => this.tree.object(p) !== undefined);
  }

  snapshot(): PersistedBmc {
    const settings: Record<string, Record<string, JsonValue>> = {};
    for (const p of this.persistedPaths())
      settings[p] = toPlain(this.tree.properties(p)) as Record<string, JsonValue>;
    const power = this.#readPower();
    return {
      settings,
      users: this.users.map((u) => ({ ...u })),
      poweredOn:
        power.chassis === ChassisPowerState.On || power.chassis === ChassisPowerState.TransitioningToOn,
    };
  }

  /**
   * Loads kept settings, then applies the power restore policy as phosphor-discover-system-state
   * does after a BMC start (openbmc-rest.md 3.6): AlwaysOn powers on, Restore returns to the
   * previous state, AlwaysOff and None leave the host off. Unknown paths or properties are ignored.
   */
  restore(p: PersistedBmc): void {
    for (const [path, props] of Object.entries(p.settings)) {
      for (const [name, value] of Object.entries(props)) this.tree.set(path, name, value);
    }
    if (p.users.length > 0) this.users = p.users.map((u) => ({ ...u }));
    const oneTime = str(this.tree.get(`${ObjectPath.powerRestorePolicy}/one_time`, 'PowerRestorePolicy'));
    const policy =
      oneTime && !oneTime.endsWith('.None')
        ? oneTime
        : str(this.tree.get(ObjectPath.powerRestorePolicy, 'PowerRestorePolicy'));
    const on = policy.endsWith('.AlwaysOn') || (policy.endsWith('.Restore') && p.poweredOn);
    if (on) this.#request('host', HostTransition.On);
  }

  /** The BMC reboots itself, as a write of RequestedBMCTransition=Reboot makes it. */
  rebootBmc(): void {
    this.tree.set(ObjectPath.bmc, 'RequestedBMCTransition', BmcTransition.Reboot);
    this.#bmcRunner.run(planBmcReboot(this.#timings));
  }

  /** Cancels every pending transition (shutdown). */
  stop(): void {
    this.#power.cancel();
    this.#bmcRunner.cancel();
  }

  /** Back to a powered-off machine with default settings, no sessions and nothing pending. */
  reset(): void {
    this.#power.cancel();
    this.#bmcRunner.cancel();
    this.sessions.clear();
    this.lastBoot = null;
    this.nmiCount = 0;
    this.tree.clear();
    this.#build();
    if (!this.listening) this.#setListening(true);
  }

  // ---- users and sessions -------------------------------------------------------------------

  checkPassword(username: string, password: string): User | undefined {
    return this.users.find((u) => u.username === username && u.password === password);
  }

  login(username: string, password: string): Result<Session, SessionFailure | { kind: 'bad-credentials' }> {
    if (!this.checkPassword(username, password)) return err({ kind: 'bad-credentials' });
    if (this.faults.take('session-limit')) return err({ kind: 'session-limit' });
    return this.sessions.create(username);
  }

  /** Ends a session; a `drop-logout` fault keeps it alive while still reporting success. */
  logout(token: string): boolean {
    if (this.faults.take('drop-logout')) return this.sessions.use(token) !== undefined;
    return this.sessions.remove(token);
  }

  roleOf(username: string): Role | undefined {
    return this.users.find((u) => u.username === username)?.role;
  }

  // ---- generic D-Bus REST verbs ---------------------------------------------------------------

  exists(path: string): boolean {
    return this.tree.exists(path);
  }

  getObject(path: string): Result<Record<string, WireValue>, ModelError> {
    if (!this.tree.exists(path)) return err({ kind: 'path-not-found', path });
    return ok(this.tree.properties(path));
  }

  getProperty(path: string, name: string, how: NameMatch): Result<WireValue, ModelError> {
    if (!this.tree.exists(path)) return err({ kind: 'path-not-found', path });
    const found = this.tree.findProperty(path, name, how);
    if (!found) return err({ kind: 'property-not-found', path, property: name });
    return ok(toWire(found.spec.value, found.spec.signature));
  }

  setProperty(path: string, name: string, value: JsonValue, how: NameMatch): Result<null, ModelError> {
    if (!this.tree.exists(path)) return err({ kind: 'path-not-creatable', path, property: name });
    const found = this.tree.findProperty(path, name, how);
    if (!found) return err({ kind: 'property-not-creatable', path, property: name });
    const property = found.name;
    if (found.spec.access === 'const') return err({ kind: 'read-only', path, property });
    const converted = convertJson(value, found.spec.signature, this.profile.coercion);
    if (!converted.ok) return err({ kind: converted.error, path, property, signature: found.spec.signature });
    const v = converted.value;
    if (found.spec.enumValues && (typeof v !== 'string' || !found.spec.enumValues.includes(v))) {
      return err({ kind: 'invalid-enum', path, property, value: String(v) });
    }
    if (bootPaths(this.profile.boot).includes(path) && this.faults.take('boot-not-sticky')) return ok(null);
    found.spec.value = v;
    this.#afterWrite(path, property, v);
    this.#emit({ kind: 'changed' });
    return ok(null);
  }

  invoke(path: string, method: string, args: JsonValue[], how: NameMatch): Result<JsonValue, ModelError> {
    if (!this.tree.exists(path)) return err({ kind: 'path-not-found', path });
    const found = this.tree.findMethod(path, method, how);
    if (!found) return err({ kind: 'method-not-found', path, method });
    if (args.length !== found.spec.args.length) return err({ kind: 'method-args', path, method: found.name });
    for (const [i, sig] of found.spec.args.entries()) {
      const arg = args[i];
      if (arg === undefined || !convertJson(arg, sig, this.profile.coercion).ok) {
        return err({ kind: 'method-arg-type', path, method: found.name });
      }
    }
    switch (found.spec.behaviour) {
      case 'nmi':
        this.nmiCount++;
        this.#emit({ kind: 'nmi' });
        return ok(null);
      case 'delete-all-logs':
        for (const p of this.tree.descendants(path)) if (p.startsWith(LOG_ENTRY_PREFIX)) this.tree.remove(p);
        return ok(null);
      case 'delete-self':
        this.tree.remove(path);
        return ok(null);
      default:
        if (found.spec.behaviour.startsWith('legacy-'))
          return ok(this.#legacyCall(found.spec.behaviour, args));
        return ok(null);
    }
  }

  /** DELETE calls xyz.openbmc_project.Object.Delete.Delete where the object has it. */
  delete(path: string): Result<null, ModelError> {
    if (!this.tree.exists(path)) return err({ kind: 'path-not-found', path });
    if (!this.tree.hasInterface(path, DbusInterface.objectDelete))
      return err({ kind: 'delete-not-supported', path });
    this.tree.remove(path);
    return ok(null);
  }

  children(path: string): Result<string[], ModelError> {
    if (!this.tree.exists(path)) return err({ kind: 'path-not-found', path });
    return ok(this.tree.children(path));
  }

  list(path: string): Result<string[], ModelError> {
    if (path !== '/' && !this.tree.exists(path)) return err({ kind: 'path-not-found', path });
    return ok(this.tree.descendants(path));
  }

  /** Path -> properties for the subtree, the object itself included (openbmc-rest.md 2.1). */
  enumerate(path: string): Result<Record<string, Record<string, WireValue>>, ModelError> {
    if (path !== '/' && !this.tree.exists(path)) return err({ kind: 'path-not-found', path });
    const out: Record<string, Record<string, WireValue>> = {};
    const keepEmpty = this.profile.routing.enumerateEmpty === 'include';
    for (const p of [path, ...this.tree.descendants(path)]) {
      const props = this.tree.properties(p);
      if (this.tree.object(p) && (keepEmpty || Object.keys(props).length > 0)) out[p] = props;
    }
    return ok(out);
  }

  // ---- state for the control API -----------------------------------------------------------------

  pending(): { event: string; dueInMs: number }[] {
    const describe = (e: PowerEvent | BmcEvent): string => {
      switch (e.type) {
        case 'chassis':
        case 'host':
        case 'bmc-state':
          return `${e.type} -> ${e.to.split('.').pop()}`;
        case 'host-off':
          return 'host -> Off';
        case 'progress':
          return `BootProgress -> ${e.stage.split('.').pop()}`;
        case 'os':
          return `OperatingSystemState -> ${e.status.split('.').pop()}`;
        case 'listener':
          return e.up ? 'listener up' : 'listener down';
        case 'rebooted':
          return 'BMC rebooted';
      }
    };
    return [...this.#power.pending(), ...this.#bmcRunner.pending()]
      .map((p) => ({ event: describe(p.event), dueInMs: p.dueInMs }))
      .sort((a, b) => a.dueInMs - b.dueInMs);
  }

  bootSettings(): Record<string, Record<string, JsonValue>> {
    const out: Record<string, Record<string, JsonValue>> = {};
    for (const p of bootPaths(this.profile.boot))
      out[p] = toPlain(this.tree.properties(p)) as Record<string, JsonValue>;
    return out;
  }

  // ---- internals ----------------------------------------------------------------------------------

  #build(): void {
    const now = this.#clock.now();
    const objects = this.#standIn
      ? this.#standIn.objects()
      : this.profile.objectModel === 'org-openbmc'
        ? [
            // The machine's state lives in hidden /xyz objects; 2016 firmware shows /org/openbmc only.
            ...stateObjects(this.profile, now).map((o) => ({ ...o, hidden: true })),
            ...legacyObjects(uuidOf(this.#seed)),
            ...bootObjects(this.profile.boot),
          ]
        : [
            ...stateObjects(this.profile, now),
            ...bootObjects(this.profile.boot),
            ...softwareObjects(this.#seed),
            ...inventoryObjects(this.#seed),
            ...sensorObjects(this.#seed),
            ...loggingObjects(now),
          ];
    for (const o of objects) this.tree.add(o);
    this.#everPoweredOn = false;
  }

  /** A power request, as a write of Requested* would make it (also the legacy chassis0 methods). */
  #request(target: 'host' | 'chassis', transition: string): void {
    const rules = { ...this.profile.state, timings: this.#timings };
    if (target === 'host') this.tree.set(ObjectPath.host, 'RequestedHostTransition', transition);
    else this.tree.set(ObjectPath.chassis, 'RequestedPowerTransition', transition);
    const starts = target === 'host' && transition !== HostTransition.Off;
    const faults = {
      stuck: this.faults.take('stuck-host'),
      powerOnFails: starts && this.faults.take('power-on-fails'),
    };
    this.#power.run(planPowerRequest(this.#readPower(), { target, transition }, rules, faults));
  }

  #legacyCall(behaviour: string, args: JsonValue[]): JsonValue {
    const view = legacyView(this.#readPower(), this.#everPoweredOn);
    switch (behaviour) {
      case 'legacy-power-on':
        this.#request('host', HostTransition.On);
        return null;
      case 'legacy-power-off':
        this.#request('chassis', ChassisTransition.Off);
        return null;
      case 'legacy-soft-power-off':
        this.#request('host', HostTransition.Off);
        return null;
      case 'legacy-reboot':
      case 'legacy-soft-reboot':
        // "if off, power on; else set reboot=1 and power off, which powers on again" (skeleton chassis_control.py).
        this.#request('host', HostTransition.Reboot);
        return null;
      case 'legacy-set-power-state':
        this.#request('chassis', args[0] === 1 ? ChassisTransition.On : ChassisTransition.Off);
        return null;
      case 'legacy-get-power-state':
        return view.powerState;
      case 'legacy-get-system-state':
        return view.systemState;
      case 'legacy-warm-reset':
        this.#bmcRunner.run(planBmcReboot(this.#timings));
        return null;
      case 'legacy-identify-on':
      case 'legacy-identify-off':
        this.tree.set(
          '/org/openbmc/control/led/identify',
          'state',
          behaviour === 'legacy-identify-on' ? 'On' : 'Off',
        );
        return null;
      default:
        return null;
    }
  }

  #readPower(): PowerState {
    return {
      host: str(this.tree.get(ObjectPath.host, 'CurrentHostState')),
      chassis: str(this.tree.get(ObjectPath.chassis, 'CurrentPowerState')),
      bootProgress: str(this.tree.get(ObjectPath.host, 'BootProgress')),
      osState: str(this.tree.get(ObjectPath.host, 'OperatingSystemState')),
      restartCause: str(this.tree.get(ObjectPath.host, 'RestartCause')),
    };
  }

  #afterWrite(path: string, property: string, value: JsonValue): void {
    const rules = { ...this.profile.state, timings: this.#timings };
    if (path === ObjectPath.host && property === 'RequestedHostTransition') {
      const starts = value !== HostTransition.Off;
      const faults = {
        stuck: this.faults.take('stuck-host'),
        powerOnFails: starts && this.faults.take('power-on-fails'),
      };
      this.#power.run(
        planPowerRequest(this.#readPower(), { target: 'host', transition: str(value) }, rules, faults),
      );
    } else if (path === ObjectPath.chassis && property === 'RequestedPowerTransition') {
      const faults = { stuck: this.faults.take('stuck-host'), powerOnFails: false };
      this.#power.run(
        planPowerRequest(this.#readPower(), { target: 'chassis', transition: str(value) }, rules, faults),
      );
    } else if (path === ObjectPath.bmc && property === 'RequestedBMCTransition') {
      if (
        (value === BmcTransition.Reboot || value === BmcTransition.HardReboot) &&
        !this.#standIn?.bmcRebootIgnored
      )
        this.#bmcRunner.run(planBmcReboot(this.#timings));
    }
  }

  #applyPower(event: PowerEvent): void {
    const { next, effects } = applyPowerEvent(this.#readPower(), event);
    this.tree.set(ObjectPath.host, 'CurrentHostState', next.host);
    this.tree.set(ObjectPath.chassis, 'CurrentPowerState', next.chassis);
    this.tree.set(ObjectPath.host, 'BootProgress', next.bootProgress);
    this.tree.set(ObjectPath.host, 'OperatingSystemState', next.osState);
    this.tree.set(ObjectPath.host, 'RestartCause', next.restartCause);
    const view = legacyView(next, this.#everPoweredOn || next.chassis === ChassisPowerState.On);
    this.tree.set(LegacyPath.bootProgress, 'value', view.progress);
    this.tree.set('/org/openbmc/control/power0', 'pgood', view.powerState);
    this.tree.set('/org/openbmc/control/power0', 'state', view.powerState);
    for (const effect of effects) {
      switch (effect.kind) {
        case 'consume-one-time-boot':
          this.lastBoot = consumeAtBoot(this.tree, this.profile.boot);
          break;
        case 'power-changed':
          // ms since the epoch of the last Off<->On change (openbmc-rest.md 3.2).
          this.tree.set(ObjectPath.chassis, 'LastStateChangeTime', this.#clock.now());
          if (effect.on) this.#everPoweredOn = true;
          break;
        case 'progress-changed':
          // µs since the epoch (openbmc-rest.md 3.1).
          this.tree.set(ObjectPath.host, 'BootProgressLastUpdate', this.#clock.now() * 1000);
          break;
      }
    }
    // Power and consumed one-time boot settings are what a restart must remember.
    if (effects.some((e) => e.kind === 'power-changed' || e.kind === 'consume-one-time-boot')) {
      this.#emit({ kind: 'changed' });
    }
  }

  #applyBmc(event: BmcEvent): void {
    switch (event.type) {
      case 'bmc-state':
        this.tree.set(ObjectPath.bmc, 'CurrentBMCState', event.to);
        return;
      case 'listener':
        this.#setListening(event.up);
        return;
      case 'rebooted':
        // Not persisted, so it reads None after the reboot; sessions only survive where the
        // firmware persists them (bmcweb does, phosphor-rest does not).
        this.tree.set(ObjectPath.bmc, 'RequestedBMCTransition', BmcTransition.None);
        this.tree.set(ObjectPath.bmc, 'LastRebootTime', this.#clock.now());
        this.tree.set(ObjectPath.bmc, 'LastRebootCause', BmcRebootCause.Software);
        this.tree.set(ObjectPath.bmc, 'CurrentBMCState', BmcState.NotReady);
        if (!this.profile.sessionsSurviveBmcReboot) this.sessions.clear();
        return;
    }
  }

  #setListening(up: boolean): void {
    this.listening = up;
    this.#emit({ kind: 'listener', up });
  }

  #emit(signal: BmcSignal): void {
    for (const l of this.#listeners) l(signal);
  }
}
