// Ironic's NoopManagement (ironic/drivers/modules/noop_mgmt.py): for nodes whose boot device is
// managed outside Ironic. Accepts pxe and disk and does nothing; reads know nothing.

import { BootDevice, type BootDeviceInfo, type BootDeviceValue, type Task } from './constants.ts';
import { InvalidParameterValue, UnsupportedDriverExtension } from './errors.ts';

const NOOP_DEVICES: BootDeviceValue[] = [BootDevice.pxe, BootDevice.disk];

export class NoopManagement {
  getProperties(): Record<string, string> {
    return {};
  }
  validate(_task: Task): void {}
  async getSupportedBootDevices(_task: Task): Promise<BootDeviceValue[]> {
    return [...NOOP_DEVICES];
  }
  async setBootDevice(_task: Task, device: string, _persistent = false): Promise<void> {
    if (!NOOP_DEVICES.some((d) => d === device)) {
      throw new InvalidParameterValue(
        `Invalid boot device "${String(device).slice(0, 40)}"; supported: pxe, disk`,
      );
    }
  }
  async getBootDevice(_task: Task): Promise<BootDeviceInfo> {
    return { boot_device: null, persistent: null };
  }
  async getSensorsData(_task: Task): Promise<never> {
    throw new UnsupportedDriverExtension('Driver noop does not support get_sensors_data.');
  }
}
