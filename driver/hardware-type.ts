// OpenBMCHardware: which interfaces the hardware type offers, first = default
// (ironic-contract.md 1.5). The rest (boot, deploy, ...) is inherited from Ironic's generic type.

import { OpenBMCManagement } from './management.ts';
import { NoopManagement } from './noop-management.ts';
import { OpenBMCPower } from './power.ts';

export class OpenBMCHardware {
  readonly name = 'openbmc';
  readonly supportedPowerInterfaces = [OpenBMCPower] as const;
  readonly supportedManagementInterfaces = [OpenBMCManagement, NoopManagement] as const;

  get defaultPowerInterface(): typeof OpenBMCPower {
    return this.supportedPowerInterfaces[0];
  }

  get defaultManagementInterface(): typeof OpenBMCManagement {
    return this.supportedManagementInterfaces[0];
  }
}
