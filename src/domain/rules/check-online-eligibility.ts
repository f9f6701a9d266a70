import type { Guest, GuestOs, StorageDevice } from '../inventory.ts';
import { failed, passed, type CheckResult } from './check-result.ts';
import { useOfflineFix } from './offline-fix.ts';

/**
 * Guest OS types OVMM moves online: HP-UX and OpenVMS (DOC IVM42-P179, IVM43-P178). Linux and Windows
 * are offline only [INF]. The 6.3 guide names only HP-UX (DOC V63-AG-P212): data, so it can be narrowed.
 */
export const ONLINE_GUEST_OS: readonly GuestOs[] = ['HPUX', 'OVMS'];

/** vPars migrate offline only (DOC V61-AG-P198, V63-AG-P197). */
export function checkGuestKind(guest: Guest, target: string): CheckResult {
  if (guest.kind === 'vm') return passed('guest-kind', `${guest.name} is a VM`);
  return failed('guest-kind', `${guest.name} is a vPar: vPars migrate offline only`, fix(guest, target));
}

export function checkGuestOs(guest: Guest, target: string): CheckResult {
  if (ONLINE_GUEST_OS.includes(guest.os)) return passed('guest-os', `${guest.name} runs ${guest.os}`);
  return failed(
    'guest-os',
    `${guest.name} runs ${guest.os}: online migration needs ${ONLINE_GUEST_OS.join(' or ')}`,
    fix(guest, target),
  );
}

/** The per-guest `online_migration` attribute; unknown (not in the outputs we parse) counts as enabled. */
export function checkOnlineMigrationEnabled(guest: Guest, target: string): CheckResult {
  if (guest.onlineMigrationEnabled === undefined) {
    return passed(
      'online-migration-enabled',
      `online_migration of ${guest.name} is not known; hpvmmigrate -s checks it`,
    );
  }
  if (guest.onlineMigrationEnabled)
    return passed('online-migration-enabled', `online_migration is enabled for ${guest.name}`);
  return failed(
    'online-migration-enabled',
    `online_migration is disabled for ${guest.name}`,
    `enable it (hpvmmodify -P ${guest.name} -x online_migration=enabled) unless it is disabled on purpose, e.g. a Serviceguard node; or ${fix(guest, target)}`,
  );
}

/**
 * Online needs whole SAN disks (`disk`); a DVD is fine while ejected (`null`). `lv`, `file` and
 * anything else need offline migration (DOC IVM40-CH10, IVM42-P179, V63-AG-P199).
 */
export function checkStorageBacking(guest: Guest, target: string): CheckResult {
  if (guest.storage === undefined) {
    return failed(
      'storage-backing',
      `the devices of ${guest.name} were not collected (hpvmstatus -P ${guest.name} -d)`,
      'retry when the inventory has its device list',
    );
  }
  const blocking = guest.storage.filter((device) => !onlineCapable(device));
  const kinds = guest.storage.map(describe).join(', ');
  if (blocking.length === 0) {
    return passed(
      'storage-backing',
      guest.storage.length === 0 ? `${guest.name} has no storage devices` : `${kinds}: all online-capable`,
    );
  }
  const loadedDvds = blocking.filter((device) => device.device === 'dvd' && device.backing === 'file');
  const ejectHint =
    loadedDvds.length === blocking.length
      ? `eject the DVD (${loadedDvds.map((device) => device.path).join(', ')}) and plan again, or `
      : '';
  const detail = blocking
    .map((device) =>
      device.device === 'dvd' && device.backing === 'file'
        ? `file-backed DVD ${device.path} is inserted`
        : `${device.device} on ${device.backingText} ${device.path}`,
    )
    .join('; ');
  return failed(
    'storage-backing',
    `${detail}: online migration needs whole SAN disks`,
    `${ejectHint}${fix(guest, target)}`,
  );
}

function onlineCapable(device: StorageDevice): boolean {
  return device.backing === 'disk' || (device.device === 'dvd' && device.backing === 'null');
}

function describe(device: StorageDevice): string {
  return device.backing === 'null' ? `${device.device} (ejected)` : `${device.device} on ${device.backingText}`;
}

function fix(guest: Guest, target: string): string {
  return useOfflineFix(guest.name, target, guest.state === 'On');
}
