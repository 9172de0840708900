// Boot settings shared by the management and power interfaces: which layout this BMC has
// (probed once per address), applying planned writes, and L0's emulated one-time device.

import type { BootLayoutName } from '../protocol/index.ts';
import { ObjectPath } from '../protocol/index.ts';
import { BOOT_DEVICES, type Task } from './constants.ts';
import { BOOT_DIALECTS, type BootDialect, type BootWrite } from './dialects/boot.ts';
import { isNotFound, UnsupportedDriverExtension } from './errors.ts';
import type { BmcSession } from './session.ts';

/** driver_internal_info key: an L0 device set "one-time" that the driver clears after the next boot. */
export const EMULATED_ONE_TIME = 'openbmc_boot_once_emulated';
/** driver_internal_info key: a device the BMC would only keep one-time, re-applied before every
 * power-on and reboot (Ironic's persistence fallback, ironic-contract.md 3.5). */
export const EMULATED_PERSISTENT = 'openbmc_boot_device';

export async function bootDialect(s: BmcSession): Promise<BootDialect> {
  const cached = s.facts.bootLayout;
  if (cached) return BOOT_DIALECTS[cached];
  const layout = await probeLayout(s);
  s.facts.bootLayout = layout;
  return BOOT_DIALECTS[layout];
}

async function probeLayout(s: BmcSession): Promise<BootLayoutName> {
  if (s.dialect.objectModel === 'org-openbmc') return 'legacy';
  try {
    const once = await s.getObject(ObjectPath.bootOneTime, 'detect the boot settings layout');
    s.remember(ObjectPath.bootOneTime, once);
    // L1's one_time carries Source and Mode; L2's only Enabled (openbmc-rest.md 4.1).
    return 'BootSource' in once ? 'L1' : 'L2';
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  try {
    await s.getObject(ObjectPath.bootSourceL0, 'detect the boot settings layout');
    return 'L0';
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  throw new UnsupportedDriverExtension('this BMC publishes no boot source settings the driver knows');
}

export async function applyWrites(s: BmcSession, writes: readonly BootWrite[]): Promise<void> {
  for (const w of writes) await s.putAttr(w.path, w.name, w.value, `set ${w.name}`);
}

/** Before a power-on or reboot: re-apply an emulated persistent device as one-time. A failure is
 * only a warning: the power action matters more (as Ironic's restore_boot_device). */
export async function beforeBoot(s: BmcSession, task: Task, warn: (msg: string) => void): Promise<void> {
  const device = task.node.driver_internal_info?.[EMULATED_PERSISTENT];
  const known = BOOT_DEVICES.find((d) => d === device);
  if (!known) return;
  try {
    const boot = await bootDialect(s);
    await applyWrites(s, await boot.plan(s, known, false));
  } catch (err) {
    warn(`could not re-apply boot device ${known}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** After a boot the driver started: clear an emulated one-time device (L0 has no one-time of its own). */
export async function afterBoot(s: BmcSession, task: Task): Promise<void> {
  const internal = task.node.driver_internal_info;
  if (internal?.[EMULATED_ONE_TIME] !== true) return;
  const boot = await bootDialect(s);
  await applyWrites(s, await boot.clear(s));
  delete internal[EMULATED_ONE_TIME];
}
