// IndicatorLED and LocationIndicatorActive over HTTPS on every bmcweb era, with the D-Bus view
// of phosphor-led-manager's identify groups (and the physical LED they drive) checked through
// D-Bus REST where the build has it, or the model where REST is compiled out.

import { afterAll, describe, expect, it } from 'vitest';
import { LedAction, ObjectPath, RedfishPath } from '../../../protocol/index.ts';
import { closeAll, startHttps } from '../../../test/support/redfish-https.ts';
import { redfish2019, redfish2021, redfish2024 } from '../../profiles/redfish-eras.ts';
import { indicatorLedWrites, locationIndicatorWrites } from './indicator-led.ts';

afterAll(closeAll);

const asserted = (writes: { path: string; value: unknown }[]) =>
  Object.fromEntries(writes.map((w) => [w.path.split('/').pop(), w.value]));

describe('identify LED writes by era (pure)', () => {
  it('2019 asserts the group and sets the physical LED; 2021 writes both groups; 2024 writes the blink value twice', () => {
    expect(asserted(indicatorLedWrites(redfish2019, 'Blinking'))).toEqual({
      enclosure_identify: true,
      identify: LedAction.Blink,
    });
    expect(asserted(indicatorLedWrites(redfish2021, 'Lit'))).toEqual({
      enclosure_identify_blink: false,
      enclosure_identify: true,
    });
    expect(asserted(indicatorLedWrites(redfish2024, 'Lit'))).toEqual({
      enclosure_identify_blink: false,
      enclosure_identify: false,
    });
    expect(asserted(locationIndicatorWrites(redfish2021, true))).toEqual({ enclosure_identify_blink: true });
  });
});

describe('IndicatorLED Blinking round-trips', () => {
  it('2019: Blinking asserts enclosure_identify and blinks the physical LED; reads Blinking; Off clears both', async () => {
    const { get, patch, readAttr } = await startHttps('bmcweb-2019');
    expect((await patch(RedfishPath.system, { IndicatorLED: 'Blinking' })).status).toBe(204);
    expect((await get(RedfishPath.system)).json().IndicatorLED).toBe('Blinking');
    expect(await readAttr(ObjectPath.identifyLed, 'Asserted')).toBe(true);
    expect(await readAttr(ObjectPath.identifyPhysicalLed, 'State')).toBe(LedAction.Blink);
    expect((await patch(RedfishPath.system, { IndicatorLED: 'Lit' })).status).toBe(204);
    expect((await get(RedfishPath.system)).json().IndicatorLED).toBe('Lit');
    expect((await patch(RedfishPath.system, { IndicatorLED: 'Off' })).status).toBe(204);
    expect((await get(RedfishPath.system)).json().IndicatorLED).toBe('Off');
    expect(await readAttr(ObjectPath.identifyPhysicalLed, 'State')).toBe(LedAction.Off);
  });

  it('2021: Blinking asserts enclosure_identify_blink (with the deprecation Warning); Lit reads Lit; LocationIndicatorActive on System and Chassis', async () => {
    const { get, patch, readAttr, writeAttr } = await startHttps('bmcweb-2021');
    const r = await patch(RedfishPath.system, { IndicatorLED: 'Blinking' });
    expect(r.status).toBe(204);
    expect(r.headers.warning).toBe(
      '299 - "IndicatorLED is deprecated. Use LocationIndicatorActive instead."',
    );
    expect(await readAttr(ObjectPath.identifyBlinkLed, 'Asserted')).toBe(true);
    expect(await readAttr(ObjectPath.identifyLed, 'Asserted')).toBe(false);
    const system = (await get(RedfishPath.system)).json();
    expect(system).toMatchObject({ IndicatorLED: 'Blinking', LocationIndicatorActive: true });
    expect((await get(RedfishPath.chassis)).json()).toMatchObject({
      IndicatorLED: 'Blinking',
      LocationIndicatorActive: true,
    });
    expect((await patch(RedfishPath.system, { IndicatorLED: 'Lit' })).status).toBe(204);
    expect((await get(RedfishPath.system)).json().IndicatorLED).toBe('Lit');
    // A D-Bus write of the blink group shows on Redfish.
    expect((await writeAttr(ObjectPath.identifyBlinkLed, 'Asserted', true)).status).toBe(200);
    expect((await get(RedfishPath.system)).json().IndicatorLED).toBe('Blinking');
    expect(await readAttr(ObjectPath.identifyPhysicalLed, 'State')).toBe(LedAction.Blink);
  });

  it('2024: bmcweb writes the blink value to enclosure_identify too (87c449664e), so Lit reads back Off while Blinking round-trips', async () => {
    const { get, patch, readAttr } = await startHttps('bmcweb-2024');
    expect((await patch(RedfishPath.system, { IndicatorLED: 'Blinking' })).status).toBe(204);
    expect((await get(RedfishPath.system)).json().IndicatorLED).toBe('Blinking');
    expect(await readAttr(ObjectPath.identifyLed, 'Asserted')).toBe(true);
    expect((await patch(RedfishPath.system, { IndicatorLED: 'Lit' })).status).toBe(204);
    expect((await get(RedfishPath.system)).json().IndicatorLED).toBe('Off');
  });

  it('2025: no IndicatorLED; LocationIndicatorActive is the associated group (enclosure_identify)', async () => {
    const { get, patch, sim } = await startHttps('bmcweb-2025');
    const system = (await get(RedfishPath.system)).json();
    expect(system.IndicatorLED).toBeUndefined();
    expect(system.LocationIndicatorActive).toBe(false);
    expect((await patch(RedfishPath.system, { LocationIndicatorActive: true })).status).toBe(204);
    expect(sim.nodes[0]?.bmc.tree.get(ObjectPath.identifyLed, 'Asserted')).toBe(true);
    expect(sim.nodes[0]?.bmc.tree.get(ObjectPath.identifyBlinkLed, 'Asserted')).toBe(false);
    expect((await get(RedfishPath.chassis)).json().LocationIndicatorActive).toBe(true);
  });
});

describe('Chassis PATCH of the identify LED (no status preset: each setter answers)', () => {
  it('2019 has no Chassis PATCH: 405', async () => {
    const { patch } = await startHttps('bmcweb-2019');
    expect((await patch(RedfishPath.chassis, { LocationIndicatorActive: true })).status).toBe(405);
  });

  it('2021: IndicatorLED answers 200 + Base.Success with the Warning; LocationIndicatorActive 200 with no body', async () => {
    const { get, patch, readAttr } = await startHttps('bmcweb-2021');
    const led = await patch(RedfishPath.chassis, { IndicatorLED: 'Blinking' });
    expect(led.status).toBe(200);
    expect(led.headers.warning).toContain('IndicatorLED is deprecated');
    expect((led.json()['@Message.ExtendedInfo'] as { MessageId: string }[])[0]?.MessageId).toBe(
      'Base.1.8.1.Success',
    );
    expect((await get(RedfishPath.chassis)).json().IndicatorLED).toBe('Blinking');
    const off = await patch(RedfishPath.chassis, { LocationIndicatorActive: false });
    expect(off.status).toBe(200);
    expect(off.text).toBe('');
    expect(await readAttr(ObjectPath.identifyBlinkLed, 'Asserted')).toBe(false);
    const bad = await patch(RedfishPath.chassis, { IndicatorLED: 'Dim' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json())).toEqual(['IndicatorLED@Message.ExtendedInfo']);
  });

  it('2024: IndicatorLED through setDbusProperty (204); LocationIndicatorActive through a plain set (200, empty)', async () => {
    const { patch } = await startHttps('bmcweb-2024');
    expect((await patch(RedfishPath.chassis, { IndicatorLED: 'Blinking' })).status).toBe(204);
    const lia = await patch(RedfishPath.chassis, { LocationIndicatorActive: true });
    expect(lia.status).toBe(200);
    expect(lia.text).toBe('');
  });

  it('2025: LocationIndicatorActive on the associated group (204); IndicatorLED is PropertyUnknown', async () => {
    const { get, patch, sim } = await startHttps('bmcweb-2025');
    expect((await patch(RedfishPath.chassis, { LocationIndicatorActive: true })).status).toBe(204);
    expect(sim.nodes[0]?.bmc.tree.get(ObjectPath.identifyLed, 'Asserted')).toBe(true);
    expect((await get(RedfishPath.system)).json().LocationIndicatorActive).toBe(true);
    const led = await patch(RedfishPath.chassis, { IndicatorLED: 'Lit' });
    expect(led.status).toBe(400);
    expect((led.json().error as { code: string }).code).toBe('Base.1.19.PropertyUnknown');
  });
});
