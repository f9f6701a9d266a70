import type { Guest } from '../inventory.ts';
import type { MigrationMode } from '../request.ts';
import { failed, passed, type CheckResult } from './check-result.ts';
import { stopFix, useOfflineFix, type OfflineRoute } from './offline-fix.ts';

/**
 * Online moves a running guest; offline moves a stopped one, or a running one when the operator
 * accepted the downtime with `--stop` (hpvmmigrate -d). States other than On/Off (`On (EFI)`, booting,
 * anything undocumented) are eligible for nothing: the guest is between states.
 */
export function checkGuestState(guest: Guest, mode: MigrationMode, stop: boolean, offline: OfflineRoute): CheckResult {
  const { name, stateText } = guest;
  if (guest.state === 'Other' || guest.state === 'NotRunnable') {
    return failed(
      'guest-state',
      `${name} is ${stateText}: only On or Off guests are migrated`,
      `retry when ${name} is On (OS) or Off`,
    );
  }
  if (mode === 'online') {
    if (guest.state === 'On') return passed('guest-state', `${name} is ${stateText}: it keeps running during the move`);
    return failed(
      'guest-state',
      `${name} is ${stateText}: online migration moves a running guest`,
      useOfflineFix(offline),
    );
  }
  if (guest.state === 'Off') return passed('guest-state', `${name} is ${stateText}`);
  if (stop) return passed('guest-state', `${name} is ${stateText}: --stop stops it on the source first (DOWNTIME)`);
  return failed('guest-state', `${name} is ${stateText}: an offline move needs it stopped`, stopFix(offline));
}
