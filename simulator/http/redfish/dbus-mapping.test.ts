import { describe, expect, it } from 'vitest';
import { ChassisPowerState } from '../../../protocol/index.ts';
import { redfish2025 } from '../../profiles/redfish-eras.ts';
import { chassisPower } from './dbus-mapping.ts';

describe('Chassis PowerState from chassis0 CurrentPowerState', () => {
  it('shows nothing while the chassis transitions, until c583f90000 (2025-12) rendered PoweringOn/PoweringOff', () => {
    expect(chassisPower(redfish2025, ChassisPowerState.On)).toEqual({ PowerState: 'On', State: 'Enabled' });
    expect(chassisPower(redfish2025, ChassisPowerState.TransitioningToOn)).toBeUndefined();
    const later = { ...redfish2025, chassisTransitional: true };
    expect(chassisPower(later, ChassisPowerState.TransitioningToOn)).toEqual({
      PowerState: 'PoweringOn',
      State: 'Starting',
    });
    expect(chassisPower(later, ChassisPowerState.TransitioningToOff)).toEqual({
      PowerState: 'PoweringOff',
      State: 'StandbyOffline',
    });
  });
});
