// IndicatorLED and LocationIndicatorActive of the System and the Chassis, read from and written
// to phosphor-led-manager's identify groups (model/led-groups.ts) as each era's bmcweb does
// (RedfishRules.leds): 2019 systems.hpp (dd118a2e), led.hpp at 638e239e and 9dae4dee, HEAD's
// association lookup. In this model the system's `identifying` association names
// enclosure_identify.

import { LedAction, ObjectPath } from '../../../protocol/index.ts';
import type { RedfishRules } from '../../profiles/redfish-eras.ts';
import type { RedfishContext } from './context.ts';
import type { DbusWrite } from './dbus-mapping.ts';

const asserted = (ctx: RedfishContext, path: string) => ctx.bmc.tree.get(path, 'Asserted') === true;

/** 2019: the physical LED's Action, by name (getLedIdentify). */
const PHYSICAL: Record<string, string> = {
  [LedAction.On]: 'Lit',
  [LedAction.Blink]: 'Blinking',
  [LedAction.Off]: 'Off',
};

/** IndicatorLED: Blinking, Lit or Off (getIndicatorLedState; 2019 getLedGroupIdentify + getLedIdentify). */
export function readIndicatorLed(ctx: RedfishContext): string {
  const identify = asserted(ctx, ObjectPath.identifyLed);
  const blink = asserted(ctx, ObjectPath.identifyBlinkLed);
  if (ctx.rules.leds.indicator === 'physical') {
    if (!identify && !blink) return 'Off';
    return PHYSICAL[String(ctx.bmc.tree.get(ObjectPath.identifyPhysicalLed, 'State'))] ?? 'Off';
  }
  if (blink) return 'Blinking';
  return identify ? 'Lit' : 'Off';
}

/** LocationIndicatorActive: blink or on (getLocationIndicatorActive), or the associated group. */
export function readLocationIndicator(ctx: RedfishContext): boolean {
  const identify = asserted(ctx, ObjectPath.identifyLed);
  if (ctx.rules.leds.location === 'association') return identify;
  return asserted(ctx, ObjectPath.identifyBlinkLed) || identify;
}

export const INDICATOR_LED_VALUES = ['Lit', 'Blinking', 'Off'] as const;

/** The D-Bus writes of an IndicatorLED PATCH (a value of INDICATOR_LED_VALUES), in bmcweb's order. */
export function indicatorLedWrites(rules: RedfishRules, led: string): DbusWrite[] {
  const group = (path: string, value: boolean): DbusWrite => ({ path, property: 'Asserted', value });
  switch (rules.leds.indicator) {
    case 'physical': {
      const action = led === 'Lit' ? LedAction.On : led === 'Blinking' ? LedAction.Blink : LedAction.Off;
      return [
        group(ObjectPath.identifyLed, led !== 'Off'),
        { path: ObjectPath.identifyPhysicalLed, property: 'State', value: action },
      ];
    }
    case 'groups':
      return [
        group(ObjectPath.identifyBlinkLed, led === 'Blinking'),
        group(ObjectPath.identifyLed, led === 'Lit'),
      ];
    case 'groups-blink-bug':
      return [
        group(ObjectPath.identifyBlinkLed, led === 'Blinking'),
        group(ObjectPath.identifyLed, led === 'Blinking'),
      ];
  }
}

/** The D-Bus writes of a LocationIndicatorActive PATCH: the blink group (enclosure_identify only
 * where the blink group is missing), or the associated group. */
export function locationIndicatorWrites(rules: RedfishRules, active: boolean): DbusWrite[] {
  const path = rules.leds.location === 'association' ? ObjectPath.identifyLed : ObjectPath.identifyBlinkLed;
  return [{ path, property: 'Asserted', value: active }];
}

/** The deprecation warning an IndicatorLED PATCH carries (d6aa0093aa, 2020-11). */
export const indicatorLedWarning = (rules: RedfishRules): Record<string, string> =>
  rules.leds.indicator === 'physical'
    ? {}
    : { Warning: '299 - "IndicatorLED is deprecated. Use LocationIndicatorActive instead."' };
