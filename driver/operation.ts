// The frame of every driver operation: validate driver_info, check the lock, queue behind other
// operations on the same BMC, run inside one session with an overall deadline, and give every
// failure the node, address, operation and step.

import type { Task } from './constants.ts';
import { type RedfishSession, resolveRedfish, withRedfishSession } from './dialects/redfish-session.ts';
import { type DriverInfo, parseDriverInfo } from './driver-info.ts';
import { ExclusiveLockRequired, InvalidParameterValue, inContext } from './errors.ts';
import type { KeyedLock } from './keyed-lock.ts';
import {
  type BmcSession,
  type DriverRuntime,
  logoutBoundMs,
  type Operation,
  withSession,
} from './session.ts';

export interface DriverCore {
  rt: DriverRuntime;
  lock: KeyedLock;
}

export interface OperationSpec {
  name: string;
  mutating: boolean;
  /** The whole operation's budget, from the moment it holds the BMC. */
  budgetMs: (info: DriverInfo) => number;
}

export async function runOperation<T>(
  core: DriverCore,
  task: Task,
  spec: OperationSpec,
  fn: (session: BmcSession, op: Operation) => Promise<T>,
  /** The same operation over Redfish (where the BMC is driven that way); without it, UnsupportedDriverExtension. */
  redfish?: (session: RedfishSession, op: Operation) => Promise<T>,
): Promise<T> {
  const info = parseDriverInfo(task.node.driver_info);
  const op: Operation = {
    info,
    context: {
      address: info.address,
      operation: spec.name,
      api: info.api,
      ...(task.node.uuid ? { node: task.node.uuid } : {}),
    },
    deadlineAt: 0,
    secrets: [info.password],
  };
  if (spec.mutating && task.shared) {
    throw new ExclusiveLockRequired(
      'An exclusive lock is required, but the current context has a shared lock.',
      { context: op.context },
    );
  }
  return core.lock.run(info.address, async () => {
    op.deadlineAt = core.rt.clock.now() + spec.budgetMs(info);
    try {
      const root = await resolveRedfish(core.rt, op);
      if (root) return await withRedfishSession(core.rt, op, root, redfish && ((s) => redfish(s, op)));
      if (info.systemId) {
        // Not dropped silently: the node's driver_info names a system this BMC has no API for.
        throw new InvalidParameterValue(
          `openbmc_system_id "${info.systemId}" names a Redfish ComputerSystem, but this BMC serves no Redfish; D-Bus REST drives its one host0, so drop openbmc_system_id`,
          { context: { ...op.context, api: 'rest' } },
        );
      }
      return await withSession(core.rt, op, (s) => fn(s, op));
    } catch (err) {
      throw inContext(err, op.context, op.secrets);
    }
  });
}

/** Room for the requests around a wait: login, reads, retries, logout. */
export function requestMargin(info: DriverInfo): number {
  return 4 * info.requestTimeoutMs + info.retries * info.retryIntervalMs;
}

/** A power change's budget: up to two waits (a reboot's off and on), the reboot settle time and
 * the requests around them. */
export function powerChangeBudgetMs(info: DriverInfo, waitMs: number): number {
  return 2 * waitMs + info.rebootSettleMs + requestMargin(info);
}

/** The longest an operation can hold its caller even if the BMC stops answering: its budget,
 * then the logout's own deadline. `waitMs` is a power change's wait; none for other operations. */
export function operationBoundMs(info: DriverInfo, waitMs?: number): number {
  const budget = waitMs === undefined ? requestMargin(info) : powerChangeBudgetMs(info, waitMs);
  return budget + logoutBoundMs(info);
}
