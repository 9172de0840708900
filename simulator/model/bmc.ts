// One emulated BMC: the object tree with its accounts, sessions, power and BMC machines and boot
// settings, behind plain commands that return Result values. No HTTP here; every face (D-Bus
// REST, the Python server, Redfish) renders these results per profile. The parts live in their
// own modules: accounts.ts, sessions.ts, dbus-verbs.ts, power-control.ts, bmc-lifecycle.ts,
// legacy-calls.ts, model-objects.ts, persisted-state.ts.

import type { JsonValue } from '../../protocol/index.ts';
import {
  BmcTransition,
  ChassisPowerState,
  DbusInterface,
  HostTransition,
  ObjectPath,
} from '../../protocol/index.ts';
import { accountPolicyObject, lockoutOf, minPasswordLengthVerdict } from './account-policy.ts';
import { Accounts, type LockoutPolicy, type Role, type User } from './accounts.ts';
import { BmcLifecycle } from './bmc-lifecycle.ts';
import type { BmcEvent } from './bmc-machine.ts';
import { bootPaths, type EffectiveBoot } from './boot-settings.ts';
import type { Clock } from './clock.ts';
import type { Signature } from './dbus-types.ts';
import { DbusVerbs } from './dbus-verbs.ts';
import { isIdentifyGroup, physicalLedState } from './led-groups.ts';
import { legacyCall } from './legacy-calls.ts';
import { LOG_ENTRY_PREFIX } from './logging.ts';
import type { ModelError } from './model-error.ts';
import { modelObjects } from './model-objects.ts';
import { type FaultHooks, type ModelProfile, type ModelTimings, NO_FAULTS } from './model-profile.ts';
import { type MethodBehaviour, type NameMatch, ObjectTree } from './object-tree.ts';
import {
  type PersistedBmc,
  persistedPaths,
  plainProperties,
  restorePolicyPowersOn,
  restoreSettings,
} from './persisted-state.ts';
import { PowerControl } from './power-control.ts';
import type { PowerEvent, PowerRequest, PowerState } from './power-machine.ts';
import { err, type Result } from './result.ts';
import type { Rng } from './rng.ts';
import { type Session, type SessionFailure, SessionStore } from './sessions.ts';
import type { StandIn } from './stand-in.ts';
import { transitionRefusal } from './transition-refusals.ts';
import type { WireValue } from './wire-value.ts';

export type { Role, User } from './accounts.ts';
export type { PersistedBmc } from './persisted-state.ts';

export interface BmcOptions {
  profile: ModelProfile;
  standIn?: StandIn;
  timings: ModelTimings;
  clock: Clock;
  rng: Rng;
  seed: number;
  users: User[];
  faults?: FaultHooks;
  /** Account lockout (off unless given, as OpenBMC ships). */
  lockout?: LockoutPolicy;
}

export type BmcSignal = { kind: 'listener'; up: boolean } | { kind: 'nmi' } | { kind: 'changed' };

export class Bmc {
  readonly tree = new ObjectTree();
  readonly sessions: SessionStore;
  readonly accounts: Accounts;
  readonly profile: ModelProfile;
  readonly power: PowerControl;
  readonly lifecycle: BmcLifecycle;
  faults: FaultHooks;
  nmiCount = 0;
  listening = true;

  readonly #clock: Clock;
  readonly #seed: number;
  readonly #verbs: DbusVerbs;
  readonly #listeners = new Set<(signal: BmcSignal) => void>();
  readonly #standIn: StandIn | undefined;
  readonly #lockout: LockoutPolicy | undefined;

  constructor(o: BmcOptions) {
    this.#standIn = o.standIn;
    this.#lockout = o.lockout;
    this.profile = o.standIn?.state
      ? { ...o.profile, state: { ...o.profile.state, ...o.standIn.state } }
      : o.profile;
    this.tree.listing = o.profile.routing.listing;
    this.accounts = new Accounts(o.users, o.clock, o.lockout);
    this.faults = o.faults ?? NO_FAULTS;
    this.#clock = o.clock;
    this.#seed = o.seed;
    const timings = { ...o.timings, ...o.standIn?.timings };
    this.sessions = new SessionStore(o.clock, o.rng, o.profile.sessions);
    this.power = new PowerControl({
      tree: this.tree,
      clock: o.clock,
      state: this.profile.state,
      boot: this.profile.boot,
      timings,
      faults: () => this.faults,
      changed: () => this.#emit({ kind: 'changed' }),
    });
    this.lifecycle = new BmcLifecycle({
      tree: this.tree,
      clock: o.clock,
      timings,
      listening: (up) => this.#setListening(up),
      // Sessions only survive where the firmware persists them (bmcweb does, phosphor-rest does not).
      rebooted: () => {
        if (!this.profile.sessionsSurviveBmcReboot) this.sessions.clear();
      },
    });
    this.#verbs = new DbusVerbs(this.tree, this.profile, {
      accepts: (path, property, value) =>
        !(bootPaths(this.profile.boot).includes(path) && this.faults.take('boot-not-sticky')) &&
        this.#policyVerdict(path, property, value) !== 'ignore',
      refuses: (path, property, value) => {
        const verdict = this.#policyVerdict(path, property, value);
        if (typeof verdict === 'object') return verdict;
        return transitionRefusal(path, property, value, this.lifecycle.ready(), this.faults);
      },
      written: (path, property, value) => {
        this.#afterWrite(path, property, value);
        this.#emit({ kind: 'changed' });
      },
      call: (behaviour, path, args) => this.#call(behaviour, path, args),
    });
    this.#build();
  }

  get clock(): Clock {
    return this.#clock;
  }

  /** What the host booted with last time (null before the first boot). */
  get lastBoot(): EffectiveBoot | null {
    return this.power.lastBoot;
  }

  /** Subscribe to signals the transport must act on (listener down/up). Returns an unsubscribe. */
  on(listener: (signal: BmcSignal) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // ---- persistence and lifecycle ----------------------------------------------------------------

  /** Paths whose properties survive a restart (phosphor-settings-manager persists them). */
  persistedPaths(): string[] {
    return persistedPaths(this.tree, this.profile.boot);
  }

  snapshot(): PersistedBmc {
    const power = this.power.read();
    const idle = this.sessions.limits.idleTimeoutMs;
    return {
      settings: plainProperties(this.tree, this.persistedPaths()),
      users: this.accounts.persisted(),
      poweredOn:
        power.chassis === ChassisPowerState.On || power.chassis === ChassisPowerState.TransitioningToOn,
      ...(idle !== null && idle !== this.profile.sessions.idleTimeoutMs
        ? { sessionTimeoutS: Math.round(idle / 1000) }
        : {}),
    };
  }

  /** Loads kept settings, then applies the power restore policy as after a BMC start. */
  restore(p: PersistedBmc): void {
    restoreSettings(this.tree, p.settings);
    if (p.sessionTimeoutS !== undefined) this.setSessionTimeout(p.sessionTimeoutS);
    if (this.tree.object(ObjectPath.userManager)) this.#syncLockout();
    if (p.users.length > 0) this.accounts.restore(p.users);
    if (restorePolicyPowersOn(this.tree, p.poweredOn))
      this.requestPower({ target: 'host', transition: HostTransition.On });
  }

  /** The BMC reboots itself, as a write of RequestedBMCTransition=Reboot makes it. */
  rebootBmc(): void {
    this.tree.set(ObjectPath.bmc, 'RequestedBMCTransition', BmcTransition.Reboot);
    this.lifecycle.reboot();
  }

  /** Cancels every pending transition (shutdown). */
  stop(): void {
    this.power.cancel();
    this.lifecycle.cancel();
  }

  /** Back to a powered-off machine with default settings, no sessions and nothing pending. */
  reset(): void {
    this.power.forget();
    this.lifecycle.cancel();
    this.sessions.clear();
    this.accounts.unlockAll();
    this.accounts.setLockout(this.#lockout);
    this.sessions.limits = this.profile.sessions;
    this.nmiCount = 0;
    this.tree.clear();
    this.#build();
    if (!this.listening) this.#setListening(true);
  }

  // ---- users and sessions -------------------------------------------------------------------

  checkPassword(username: string, password: string): { username: string; role: Role } | undefined {
    return this.accounts.check(username, password);
  }

  login(username: string, password: string): Result<Session, SessionFailure | { kind: 'bad-credentials' }> {
    if (!this.accounts.check(username, password)) return err({ kind: 'bad-credentials' });
    if (this.faults.take('session-limit')) return err({ kind: 'session-limit' });
    return this.sessions.create(username);
  }

  /** Ends a session; a `drop-logout` fault keeps it alive while still reporting success. */
  logout(token: string): boolean {
    if (this.faults.take('drop-logout')) return this.sessions.use(token) !== undefined;
    return this.sessions.remove(token);
  }

  roleOf(username: string): Role | undefined {
    return this.accounts.roleOf(username);
  }

  /** The idle timeout of every face's sessions (Redfish SessionService SessionTimeout); kept across restarts. */
  setSessionTimeout(seconds: number): void {
    this.sessions.limits = { ...this.sessions.limits, idleTimeoutMs: seconds * 1000 };
    this.#emit({ kind: 'changed' });
  }

  // ---- generic D-Bus REST verbs (dbus-verbs.ts) ----------------------------------------------

  exists(path: string): boolean {
    return this.tree.exists(path);
  }

  /** An object the mapper's GetObject finds: not a namespace that only prefixes objects. */
  isObject(path: string): boolean {
    return this.tree.object(path) !== undefined;
  }

  hasProperty(path: string, name: string, how: NameMatch): boolean {
    return this.tree.findProperty(path, name, how) !== undefined;
  }

  /** The D-Bus signature of a property, or undefined when there is no such property. */
  propertySignature(path: string, name: string, how: NameMatch): Signature | undefined {
    return this.tree.findProperty(path, name, how)?.spec.signature;
  }

  /** A property's own name (the case its interface gives it), signature and writability. */
  propertyInfo(
    path: string,
    name: string,
    how: NameMatch,
  ): { name: string; signature: Signature; readOnly: boolean } | undefined {
    const found = this.tree.findProperty(path, name, how);
    return (
      found && { name: found.name, signature: found.spec.signature, readOnly: found.spec.access === 'const' }
    );
  }

  /** A method's interface, own name, `in` signatures and whether a Python function implements it. */
  methodInfo(
    path: string,
    name: string,
    how: NameMatch,
  ): { iface: string; name: string; args: readonly string[]; python: boolean } | undefined {
    const found = this.tree.findMethod(path, name, how);
    return (
      found && {
        iface: found.iface,
        name: found.name,
        args: found.spec.args,
        python: found.spec.python ?? false,
      }
    );
  }

  hasMethod(path: string, name: string, how: NameMatch): boolean {
    return this.tree.findMethod(path, name, how) !== undefined;
  }

  /** Whether DELETE can remove the object (it implements xyz.openbmc_project.Object.Delete). */
  deletable(path: string): boolean {
    return this.tree.hasInterface(path, DbusInterface.objectDelete);
  }

  getObject(path: string): Result<Record<string, WireValue>, ModelError> {
    return this.#verbs.getObject(path);
  }

  getProperty(path: string, name: string, how: NameMatch): Result<WireValue, ModelError> {
    return this.#verbs.getProperty(path, name, how);
  }

  setProperty(path: string, name: string, value: JsonValue, how: NameMatch): Result<null, ModelError> {
    return this.#verbs.setProperty(path, name, value, how);
  }

  invoke(path: string, method: string, args: JsonValue[], how: NameMatch): Result<JsonValue, ModelError> {
    return this.#verbs.invoke(path, method, args, how);
  }

  delete(path: string): Result<null, ModelError> {
    return this.#verbs.delete(path);
  }

  children(path: string): Result<string[], ModelError> {
    return this.#verbs.children(path);
  }

  list(path: string): Result<string[], ModelError> {
    return this.#verbs.list(path);
  }

  enumerate(path: string): Result<Record<string, Record<string, WireValue>>, ModelError> {
    return this.#verbs.enumerate(path);
  }

  // ---- power --------------------------------------------------------------------------------------

  /** A power request, the same whichever face sent it (a property write, a legacy method, a reset). */
  requestPower(r: PowerRequest): void {
    this.power.request(r);
  }

  readPower(): PowerState {
    return this.power.read();
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
    return [...this.power.pending(), ...this.lifecycle.pending()]
      .map((p) => ({ event: describe(p.event), dueInMs: p.dueInMs }))
      .sort((a, b) => a.dueInMs - b.dueInMs);
  }

  bootSettings(): Record<string, Record<string, JsonValue>> {
    return plainProperties(this.tree, bootPaths(this.profile.boot));
  }

  // ---- internals ----------------------------------------------------------------------------------

  #build(): void {
    for (const o of modelObjects(this.profile, this.#seed, this.#clock.now(), this.#standIn))
      this.tree.add(o);
    if (this.profile.accountPolicy && !this.#standIn) this.tree.add(accountPolicyObject(this.#lockout));
  }

  /** The user manager's MinPasswordLength setter's verdict (account-policy.ts); other writes are accepted. */
  #policyVerdict(
    path: string,
    property: string,
    value: JsonValue,
  ): ReturnType<typeof minPasswordLengthVerdict> {
    const check = this.profile.accountPolicy?.minPasswordLength;
    if (!check || path !== ObjectPath.userManager || property !== 'MinPasswordLength') return 'accept';
    return minPasswordLengthVerdict(check, typeof value === 'number' ? value : 0);
  }

  /** PAM follows the AccountPolicy object's lockout properties. */
  #syncLockout(): void {
    const num = (name: string) => {
      const v = this.tree.get(ObjectPath.userManager, name);
      return typeof v === 'number' ? v : 0;
    };
    this.accounts.setLockout(lockoutOf(num('MaxLoginAttemptBeforeLockout'), num('AccountUnlockTimeout')));
  }

  /** What a written property sets in motion (phosphor-state-manager watches Requested*). */
  #afterWrite(path: string, property: string, value: JsonValue): void {
    const transition = typeof value === 'string' ? value : '';
    if (path === ObjectPath.userManager) this.#syncLockout();
    else if (isIdentifyGroup(path)) {
      const asserted = (p: string) => this.tree.get(p, 'Asserted') === true;
      this.tree.set(
        ObjectPath.identifyPhysicalLed,
        'State',
        physicalLedState(asserted(ObjectPath.identifyLed), asserted(ObjectPath.identifyBlinkLed)),
      );
    } else if (path === ObjectPath.host && property === 'RequestedHostTransition') {
      this.power.request({ target: 'host', transition });
    } else if (path === ObjectPath.chassis && property === 'RequestedPowerTransition') {
      this.power.request({ target: 'chassis', transition });
    } else if (path === ObjectPath.bmc && property === 'RequestedBMCTransition') {
      if (
        (value === BmcTransition.Reboot || value === BmcTransition.HardReboot) &&
        !this.#standIn?.bmcRebootIgnored
      )
        this.lifecycle.reboot();
    }
  }

  #call(behaviour: MethodBehaviour, path: string, args: readonly JsonValue[]): JsonValue {
    switch (behaviour) {
      case 'nmi':
        this.nmiCount++;
        this.#emit({ kind: 'nmi' });
        return null;
      case 'delete-all-logs':
        for (const p of this.tree.descendants(path)) if (p.startsWith(LOG_ENTRY_PREFIX)) this.tree.remove(p);
        return null;
      case 'delete-self':
        this.tree.remove(path);
        return null;
      case 'none':
        return null;
      default:
        return legacyCall(behaviour, args, {
          tree: this.tree,
          power: this.power,
          rebootBmc: () => this.lifecycle.reboot(),
        });
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
