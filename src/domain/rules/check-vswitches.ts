import type { Guest, VspInventory } from '../inventory.ts';
import { failed, passed, type CheckResult } from './check-result.ts';

/**
 * Every vswitch the guest's NICs use must exist on the target, online or offline (DOC IVM40-CH10). The NICs
 * come from the same `hpvmstatus -P vm -d` rows as the storage: while a row could not be read, the list of
 * NICs may be short, so the rule fails closed (the storage rule shows the rows).
 */
export function checkVswitches(guest: Guest, target: VspInventory, source: string): CheckResult {
  if (guest.networks === undefined) {
    return failed(
      'vswitches',
      `the network interfaces of ${guest.name} were not collected (hpvmstatus -P ${guest.name} -d)`,
      'retry when the inventory has its device list',
    );
  }
  const unread = guest.unreadDevices ?? [];
  if (unread.length > 0) {
    return failed(
      'vswitches',
      `${unread.length === 1 ? 'a device row' : `${unread.length} device rows`} of ${guest.name} on ${source} could not be read (device ${unread.map((row) => row.position).join(', ')}), so its vswitches are not all known`,
      `check the rows with hpvmstatus -P ${guest.name} -d; the bot cannot judge this guest's networks until it can read every row`,
    );
  }
  const used = [...new Set(guest.networks.map((nic) => nic.vswitch))];
  if (used.length === 0) return passed('vswitches', `${guest.name} has no network interfaces`);
  const present = new Set(target.vswitches.map((vswitch) => vswitch.name));
  const missing = used.filter((name) => !present.has(name));
  if (missing.length === 0) return passed('vswitches', `${target.name} has ${used.join(', ')}`);
  return failed(
    'vswitches',
    `${target.name} lacks vswitch ${missing.join(', ')} (${guest.name} uses ${used.join(', ')})`,
    `create ${missing.join(', ')} on ${target.name} (hpvmnet) with the same physical network, or choose another target`,
  );
}
