// PATCH of Chassis/chassis (bmcweb chassis.hpp, route added with IndicatorLED in 1c8fba97b1,
// 2019-12): LocationIndicatorActive and the deprecated IndicatorLED, and nothing else ("delete
// this when we support more patch properties"). No status is preset, so what a client sees
// follows each setter's callback: 2020-2023 (638e239e) setLocationIndicatorActive answers
// nothing (200, empty) and setIndicatorLedState Base.Success; 2024 (9dae4dee) the IndicatorLED
// write goes through setDbusProperty (204), the blink group's write for LocationIndicatorActive
// does not (200, empty); since 2eaa927986 (2025-04) LocationIndicatorActive is a setDbusProperty
// on the associated group (204), and with IndicatorLED compiled out (f664fd8abe) that key is
// PropertyUnknown (HEAD).

import type { JsonValue } from '../../../protocol/index.ts';
import { fail, type RedfishContext, type RedfishReply } from './context.ts';
import type { DbusWrite } from './dbus-mapping.ts';
import {
  INDICATOR_LED_VALUES,
  indicatorLedWarning,
  indicatorLedWrites,
  locationIndicatorWrites,
} from './indicator-led.ts';
import { errorBody, type Problem, renderMessage } from './messages.ts';
import { readBody, readFields, valueArg } from './request-body.ts';
import { setFailure } from './set-failure.ts';
import { unknownResource } from './systems.ts';

export function patchChassis(ctx: RedfishContext): RedfishReply {
  const { rules, bmc } = ctx;
  // The 2019 snapshot (dd118a2e) predates the route: the router's 405.
  if (rules.odataContext) return { status: 405 };
  const body = readBody(ctx, 'patch');
  if (Array.isArray(body)) return fail(rules, body);
  const { values, problems } = readFields(rules, body, {
    IndicatorLED: 'string',
    LocationIndicatorActive: 'boolean',
  });
  if (problems.length > 0) return fail(rules, problems);
  const active = values.LocationIndicatorActive;
  const led = values.IndicatorLED;
  if (typeof active !== 'boolean' && typeof led !== 'string') return { status: 200 };
  if (typeof led === 'string' && !rules.indicatorLed)
    return fail(rules, [{ key: 'PropertyUnknown', args: ['IndicatorLED'], property: 'IndicatorLED' }]);
  const headers = typeof led === 'string' ? indicatorLedWarning(rules) : {};
  if (ctx.params.chassis !== 'chassis') {
    const missing = unknownResource(ctx, 'Chassis', ctx.params.chassis ?? '');
    return { ...missing, headers: { ...headers, ...missing.headers } };
  }

  const byName = rules.dbusErrors === 'error-name';
  const out: Problem[] = [];
  const root: JsonValue[] = [];
  let sets = 0;
  /** The writes in order; true when all were taken, the first refusal answered as the era does. */
  const apply = (writes: readonly DbusWrite[], property: string, value: JsonValue): boolean => {
    for (const w of writes) {
      const r = bmc.setProperty(w.path, w.property, w.value, 'exact');
      if (!r.ok) {
        out.push(setFailure(rules, r.error, property, value).problem);
        return false;
      }
    }
    return true;
  };
  if (typeof active === 'boolean') {
    const done = apply(locationIndicatorWrites(rules, active), 'LocationIndicatorActive', active);
    if (done && rules.leds.location === 'association') sets++;
  }
  if (typeof led === 'string') {
    if (!(INDICATOR_LED_VALUES as readonly string[]).includes(led))
      out.push({
        key: 'PropertyValueNotInList',
        args: [valueArg(rules, led), 'IndicatorLED'],
        property: 'IndicatorLED',
      });
    else if (apply(indicatorLedWrites(rules, led), 'IndicatorLED', led)) {
      if (byName) sets++;
      else root.push(renderMessage(rules, 'Success'));
    }
  }
  if (out.length > 0) {
    const failed = fail(rules, out, headers);
    if (root.length === 0) return failed;
    return { ...failed, body: { ...errorBody(rules, out), '@Message.ExtendedInfo': root } };
  }
  if (sets > 0) {
    if (rules.setSuccess === 'no-content') return { status: 204, headers };
    const success = Array.from({ length: sets }, () => renderMessage(rules, 'Success'));
    return { status: 200, headers, body: { '@Message.ExtendedInfo': success } };
  }
  return root.length > 0
    ? { status: 200, headers, body: { '@Message.ExtendedInfo': root } }
    : { status: 200, headers };
}
