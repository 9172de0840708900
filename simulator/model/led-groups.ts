// phosphor-led-manager's identify LEDs: two groups, enclosure_identify (the LED on) and
// enclosure_identify_blink (the LED blinking), driving one physical LED. Asserting a group sets
// the physical LED to that group's action; blinking wins over on (the manager applies the
// group with the higher-priority action). Sources: openbmc/phosphor-led-manager manager.cpp
// (driveLEDs), meta-phosphor's example led.yaml (enclosure_identify: Action On;
// enclosure_identify_blink: Action Blink); phosphor-dbus-interfaces Led/Group, Led/Physical.

import { DbusInterface, enumValues, LedAction, ObjectPath } from '../../protocol/index.ts';
import type { DbusObject } from './object-tree.ts';

const group = (path: string): DbusObject => ({
  path,
  interfaces: { [DbusInterface.ledGroup]: { properties: { Asserted: { signature: 'b', value: false } } } },
});

export function ledObjects(): DbusObject[] {
  return [
    group(ObjectPath.identifyLed),
    group(ObjectPath.identifyBlinkLed),
    {
      path: ObjectPath.identifyPhysicalLed,
      interfaces: {
        [DbusInterface.ledPhysical]: {
          properties: { State: { signature: 's', value: LedAction.Off, enumValues: enumValues(LedAction) } },
        },
      },
    },
  ];
}

/** Whether a write to this path is a group assertion the manager acts on. */
export const isIdentifyGroup = (path: string): boolean =>
  path === ObjectPath.identifyLed || path === ObjectPath.identifyBlinkLed;

/** The physical LED's state for the two groups' assertions. */
export function physicalLedState(identify: boolean, blink: boolean): string {
  if (blink) return LedAction.Blink;
  return identify ? LedAction.On : LedAction.Off;
}
