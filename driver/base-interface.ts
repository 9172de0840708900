// What every OpenBMC interface shares, as Ironic's BaseInterface: the driver_info it documents
// and validates (without network I/O), and the driver's shared runtime.

import type { Task } from './constants.ts';
import { DRIVER_INFO_PROPERTIES, parseDriverInfo } from './driver-info.ts';
import type { DriverCore } from './operation.ts';

export abstract class OpenBMCInterface {
  protected readonly core: DriverCore;

  constructor(core: DriverCore) {
    this.core = core;
  }

  /** driver_info key -> description (required keys say so). */
  getProperties(): Record<string, string> {
    return Object.fromEntries(Object.entries(DRIVER_INFO_PROPERTIES).map(([k, v]) => [k, v.description]));
  }

  /** Checks driver_info only: no network I/O. */
  validate(task: Task): void {
    parseDriverInfo(task.node.driver_info);
  }
}
