import type { Guest, GuestOs, StorageDevice } from '../inventory.ts';
import type { MigrationMode } from '../request.ts';
import { failed, notChecked, passed, type CheckResult } from './check-result.ts';
import { deviceProblems, unreadProblems, type DeviceContext, type DeviceProblem } from './device-findings.ts';
import { offlineBlockedText, offlineMove, useOfflineFix, type OfflineRoute } from './offline-fix.ts';

/**
 * Guest OS types OVMM moves online: HP-UX and OpenVMS (DOC IVM42-P179, IVM43-P178). Linux and Windows
 * are offline only [INF]. The 6.3 guide names only HP-UX (DOC V63-AG-P212): data, so it can be narrowed.
 */
export const ONLINE_GUEST_OS: readonly GuestOs[] = ['HPUX', 'OVMS'];

/** vPars migrate offline only (DOC V61-AG-P198, V63-AG-P197). */
export function checkGuestKind(guest: Guest, offline: OfflineRoute): CheckResult {
  if (guest.kind === 'vm') return passed('guest-kind', `${guest.name} is a VM`);
  return failed('guest-kind', `${guest.name} is a vPar: vPars migrate offline only`, useOfflineFix(offline));
}

export function checkGuestOs(guest: Guest, offline: OfflineRoute): CheckResult {
  if (ONLINE_GUEST_OS.includes(guest.os)) return passed('guest-os', `${guest.name} runs ${guest.os}`);
  return failed(
    'guest-os',
    `${guest.name} runs ${guest.os}: online migration needs ${ONLINE_GUEST_OS.join(' or ')}`,
    useOfflineFix(offline),
  );
}

/**
 * The per-guest `online_migration` attribute. HP tells admins to disable it on guests that are Serviceguard
 * cluster nodes, because an online move can make the node lose contact with the cluster and be removed
 * from it (HP Integrity Virtual Machines 4.2 Release Notes §9.2.5). So a disabled attribute is a decision
 * someone made: the fix never says "just enable it", and the offline path it offers means downtime.
 * Unknown (the attributes were not read) does not block, but it is not shown as checked either.
 */
export function checkOnlineMigrationEnabled(guest: Guest, offline: OfflineRoute): CheckResult {
  if (guest.onlineMigrationEnabled === undefined) {
    return notChecked(
      'online-migration-enabled',
      `online_migration of ${guest.name} is not known (its attributes were not read)`,
    );
  }
  if (guest.onlineMigrationEnabled)
    return passed('online-migration-enabled', `online_migration is enabled for ${guest.name}`);
  const move = offlineMove(offline);
  const onPurpose =
    move === undefined
      ? `fail the package over with Serviceguard (${offlineBlockedText(offline)})`
      : `move it offline (downtime): ${move}, or fail the package over with Serviceguard`;
  return failed(
    'online-migration-enabled',
    `online_migration is disabled for ${guest.name}: HP has it disabled on Serviceguard cluster nodes, which an online move can cut off from the cluster (HP Integrity VM 4.2 Release Notes §9.2.5)`,
    `if it was disabled on purpose (e.g. a Serviceguard node), ${onPurpose}; otherwise enable it (hpvmmodify -P ${guest.name} -x online_migration=enabled) and plan again`,
  );
}

/**
 * The storage rule, in both modes. Any move fails on: a device list the bot could not read completely,
 * a host DVD or an attached device (bound to the source VSP), NPIV HBAs on a version before 4.3
 * (device-findings.ts). Online also needs whole SAN disks (`disk`) or NPIV HBAs; a DVD is fine while
 * ejected (`null`); `lv`, `file` and anything else need offline migration (DOC IVM40-CH10, IVM42-P179,
 * V63-AG-P199). Offline, lvol and file stores are copied (the offline plan's copy checks cover them).
 */
export function checkStorageBacking(
  guest: Guest,
  mode: MigrationMode,
  context: DeviceContext,
  offline: OfflineRoute,
): CheckResult {
  if (guest.storage === undefined) {
    return failed(
      'storage-backing',
      `the devices of ${guest.name} were not collected (hpvmstatus -P ${guest.name} -d)`,
      'retry when the inventory has its device list',
    );
  }
  const problems: DeviceProblem[] = [...unreadProblems(guest, context), ...deviceProblems(guest, context)];
  if (problems.length > 0) {
    return failed(
      'storage-backing',
      problems.map((problem) => problem.detail).join('; '),
      [...new Set(problems.map((problem) => problem.fix))].join('; '),
    );
  }
  const kinds = guest.storage.map(describe).join(', ');
  if (guest.storage.length === 0) return passed('storage-backing', `${guest.name} has no storage devices`);
  if (mode === 'offline') return passed('storage-backing', `${kinds}: no device bound to ${context.vsp}`);
  const blocking = guest.storage.filter((device) => !onlineCapable(device));
  if (blocking.length === 0) return passed('storage-backing', `${kinds}: all online-capable`);
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
    `${ejectHint}${useOfflineFix(offline)}`,
  );
}

/** NPIV HBAs migrate online from 4.3 on (the version rule is in device-findings.ts). */
function onlineCapable(device: StorageDevice): boolean {
  return (
    device.backing === 'disk' || device.backing === 'npiv' || (device.device === 'dvd' && device.backing === 'null')
  );
}

function describe(device: StorageDevice): string {
  return device.backing === 'null' ? `${device.device} (ejected)` : `${device.device} on ${device.backingText}`;
}
