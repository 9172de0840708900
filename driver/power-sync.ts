// A power-sync round over many nodes: what Ironic's conductor does every
// sync_power_state_interval with sync_power_state_workers in parallel (ironic-contract.md 1.3,
// "What the conductor does in the background"): get_power_state of every node, a bounded number
// at once so dead BMCs cannot stall the round (pain point 10). Each read is an ordinary driver
// operation: the per-BMC queue, the request gap, the agents and, where driver_info asks for it,
// session reuse are the driver's own; each node's failure is its own typed result.

import type { PowerStateValue, Task } from './constants.ts';
import type { OpenBMCDriver } from './driver.ts';
import { DriverOperationError, IronicException, OpenBMCError } from './errors.ts';

/** Ironic's default `[conductor]sync_power_state_workers`. */
export const DEFAULT_SYNC_WORKERS = 8;

export type PowerSyncResult = {
  /** The node's place in the list given. */
  index: number;
  /** The node's uuid, or its BMC address when it has none. */
  node: string;
  ms: number;
} & ({ ok: true; powerState: PowerStateValue } | { ok: false; error: IronicException });

export interface PowerSyncProgress {
  done: number;
  total: number;
  failed: number;
  /** The result that completed this step. */
  result: PowerSyncResult;
}

export interface PowerSyncOptions {
  /** Nodes read at once (default 8, as Ironic). */
  concurrency?: number;
  /** Stops handing out nodes; reads under way finish, the rest are reported as not read. */
  signal?: AbortSignal;
  onProgress?: (progress: PowerSyncProgress) => void;
}

export interface PowerSyncRound {
  results: PowerSyncResult[];
  failed: number;
  ms: number;
}

/** The round was stopped before this node's turn. */
export class PowerSyncAborted extends DriverOperationError {
  override readonly code: string = 'OBMC_SYNC_ABORTED';
}

const nameOf = (task: Task): string => {
  const address = task.node.driver_info.openbmc_address;
  return task.node.uuid ?? (typeof address === 'string' ? address : '(no address)');
};

/** Reads the power state of every node; never throws for a node's failure. */
export async function syncPowerStates(
  driver: OpenBMCDriver,
  tasks: readonly Task[],
  options: PowerSyncOptions = {},
): Promise<PowerSyncRound> {
  const concurrency = options.concurrency ?? DEFAULT_SYNC_WORKERS;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const started = performance.now();
  const results: PowerSyncResult[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  let failed = 0;
  const finish = (result: PowerSyncResult) => {
    results[result.index] = result;
    done++;
    if (!result.ok) failed++;
    options.onProgress?.({ done, total: tasks.length, failed, result });
  };

  const readOne = async (index: number, task: Task) => {
    const t = performance.now();
    const base = { index, node: nameOf(task) };
    try {
      const powerState = await driver.power.getPowerState({ ...task, shared: true });
      finish({ ...base, ms: performance.now() - t, ok: true, powerState });
    } catch (err) {
      // The driver raises IronicException subclasses; anything else is wrapped, never rethrown.
      const error =
        err instanceof IronicException
          ? err
          : new OpenBMCError(`unexpected failure: ${err instanceof Error ? err.name : typeof err}`, {
              context: { node: base.node, operation: 'get power state' },
            });
      finish({ ...base, ms: performance.now() - t, ok: false, error });
    }
  };

  const worker = async () => {
    for (let i = next++; i < tasks.length; i = next++) {
      const task = tasks[i] as Task;
      if (options.signal?.aborted) {
        finish({
          index: i,
          node: nameOf(task),
          ms: 0,
          ok: false,
          error: new PowerSyncAborted('the power sync round was stopped before this node was read', {
            context: { node: nameOf(task), operation: 'get power state' },
          }),
        });
        continue;
      }
      await readOne(i, task);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  return { results, failed, ms: performance.now() - started };
}
