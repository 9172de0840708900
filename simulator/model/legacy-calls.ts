// What the skeleton-era (2016) methods do: chassis0/power0/host0 power calls become the same
// power requests the /xyz properties make; getters read the legacy view (openbmc-rest.md 5).

import type { JsonValue } from '../../protocol/index.ts';
import { ChassisTransition, HostTransition } from '../../protocol/index.ts';
import { legacyView } from './legacy-objects.ts';
import type { LegacyBehaviour, ObjectTree } from './object-tree.ts';
import type { PowerControl } from './power-control.ts';

export interface LegacyContext {
  tree: ObjectTree;
  power: PowerControl;
  /** warmReset reboots the BMC without a RequestedBMCTransition write. */
  rebootBmc: () => void;
}

export function legacyCall(
  behaviour: LegacyBehaviour,
  args: readonly JsonValue[],
  c: LegacyContext,
): JsonValue {
  const view = legacyView(c.power.read(), c.power.everPoweredOn);
  switch (behaviour) {
    case 'legacy-power-on':
      c.power.request({ target: 'host', transition: HostTransition.On });
      return null;
    case 'legacy-power-off':
      c.power.request({ target: 'chassis', transition: ChassisTransition.Off });
      return null;
    case 'legacy-soft-power-off':
      c.power.request({ target: 'host', transition: HostTransition.Off });
      return null;
    case 'legacy-reboot':
    case 'legacy-soft-reboot':
      // "if off, power on; else set reboot=1 and power off, which powers on again" (skeleton chassis_control.py).
      c.power.request({ target: 'host', transition: HostTransition.Reboot });
      return null;
    case 'legacy-set-power-state':
      c.power.request({
        target: 'chassis',
        transition: args[0] === 1 ? ChassisTransition.On : ChassisTransition.Off,
      });
      return null;
    case 'legacy-get-power-state':
      return view.powerState;
    case 'legacy-get-system-state':
      return view.systemState;
    case 'legacy-warm-reset':
      c.rebootBmc();
      return null;
    case 'legacy-identify-on':
    case 'legacy-identify-off':
      c.tree.set(
        '/org/openbmc/control/led/identify',
        'state',
        behaviour === 'legacy-identify-on' ? 'On' : 'Off',
      );
      return null;
  }
}
