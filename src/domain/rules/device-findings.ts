/**
 * What a guest's device list says about moving it at all, online or offline: rows the bot could not read,
 * devices that belong to the source VSP itself, and NPIV HBAs on a version that cannot move them. The
 * storage rule reports these, and the offline fix (offline-fix.ts) reads them so that no refusal points
 * the operator at an offline move that would fail for the same reason.
 */
import type { Guest, StorageDevice } from '../inventory.ts';
import { NPIV_MIGRATION_VERSIONS } from './version-paths.ts';

export interface DeviceContext {
  /** The VSP the guest is on (named in what the bot could not read there). */
  readonly vsp: string;
  readonly sourceVersion?: string;
  /** Undefined when the target is not a VSP of the fleet (the target rule reports that). */
  readonly target?: { readonly vsp: string; readonly version: string };
}

/** One reason the guest cannot move, with the operator's next step. */
export interface DeviceProblem {
  readonly detail: string;
  readonly fix: string;
  /** A few words for other rules' fixes: why an offline move would fail as well. */
  readonly short: string;
}

/**
 * Fail closed on an incomplete device list (issue 9 item 5): a row that did not parse, or fewer or more
 * storage rows than the guest table's `#Devs`. #Devs counts storage devices only: a guest with two lvols
 * and a DVD shows `#Devs 3  #Nets 2` next to its two vswitch NICs, and a fresh guest with only its
 * serial console shows `0 0` (captured HPVM 3.5 sessions, docs/hpvm-output-formats.md §1-2 sources). That
 * NPIV HBA rows count among them is INF.
 */
export function unreadProblems(guest: Guest, context: DeviceContext): DeviceProblem[] {
  const fix = `check the row with hpvmstatus -P ${guest.name} -d; the bot cannot judge this guest's storage until it can read every row`;
  const short = `the device list of ${guest.name} on ${context.vsp} could not be read completely`;
  const unread = guest.unreadDevices ?? [];
  if (unread.length > 0) {
    return unread.map((row) => ({
      detail: `could not read device ${row.position} of ${guest.name} on ${context.vsp}: ${row.line} (${row.reason})`,
      fix,
      short,
    }));
  }
  if (guest.storage !== undefined && guest.deviceCount !== undefined && guest.deviceCount !== guest.storage.length) {
    return [
      {
        detail: `hpvmstatus counts ${guest.deviceCount} devices (#Devs) for ${guest.name} on ${context.vsp}, but hpvmstatus -P ${guest.name} -d listed ${guest.storage.length} storage rows`,
        fix: `compare hpvmstatus with hpvmstatus -P ${guest.name} -d on ${context.vsp}; the bot cannot judge this guest's storage until both agree`,
        short,
      },
    ];
  }
  return [];
}

/** Devices of the source VSP itself, and NPIV HBAs the versions cannot move: refused in both modes. */
export function deviceProblems(guest: Guest, context: DeviceContext): DeviceProblem[] {
  const storage = guest.storage ?? [];
  return [
    ...storage.filter(isHostDvd).map((device) => hostDvdProblem(guest.name, device)),
    ...storage.filter(isAttached).map((device) => attachedProblem(guest.name, device, context.vsp)),
    ...npivProblems(guest, storage, context),
  ];
}

/** Everything that would make any move of this guest fail: the offline fix consults this. */
export function blockingProblems(guest: Guest, context: DeviceContext): DeviceProblem[] {
  return [...unreadProblems(guest, context), ...deviceProblems(guest, context)];
}

/**
 * A DVD backed by a disk is the VSP's own drive (`dvd:scsi:0,0,1:disk:/dev/rdsk/c1t4d0`), which HPVM
 * treats as shared: hpvmmigrate prints "Device /dev/rdsk/c1t4d0 is shared.  Guest with shared storage
 * devices cannot be migrated." (captured HPVM 3.5 session, docs/hpvm-reference.md "hpvmmigrate errors").
 */
export function isHostDvd(device: StorageDevice): boolean {
  return device.device === 'dvd' && (device.backing === 'disk' || device.hostDevice === true);
}

/** Attached tapes, changers and burners (`attach`, `attach_path`): physical devices of the VSP. */
export function isAttached(device: StorageDevice): boolean {
  return device.device !== 'dvd' && device.hostDevice === true;
}

/** The resource as hpvmmodify -d takes it, the same syntax hpvmstatus -d prints. */
function resource(device: StorageDevice): string {
  return `${device.device}:${device.adaptor}:${device.bus}:${device.backingText}:${device.path}`;
}

function hostDvdProblem(guest: string, device: StorageDevice): DeviceProblem {
  return {
    detail: `DVD ${device.path} is a drive of the VSP itself, which HP counts as shared: hpvmmigrate refuses (Device ${device.path} is shared. Guest with shared storage devices cannot be migrated.)`,
    fix: `remove the host DVD from the guest (hpvmmodify -P ${guest} -d ${resource(device)}), then plan again`,
    short: `host DVD ${device.path} (HP refuses guests with shared devices)`,
  };
}

/**
 * INF: we found no HP statement on migrating a guest with attached devices. HP says tapes, changers and
 * burners are not virtualized, media changes happen at the drive and only one active guest may hold one
 * (HP Integrity Virtual Machines 4.3: Installation, Configuration, Administration §6.2.2.3, p. 112): the
 * device cannot follow the guest to another VSP, so the bot refuses rather than guess.
 */
function attachedProblem(guest: string, device: StorageDevice, vsp: string): DeviceProblem {
  return {
    detail: `${device.device} ${device.path} is attached from ${vsp} (${device.backingText}): an attached device is a physical device of the VSP and cannot follow the guest (inferred; HP documents no migration of attached devices)`,
    fix: `detach it (hpvmmodify -P ${guest} -d ${resource(device)}), plan again, and attach the target's device after the move if the guest needs one`,
    short: `attached ${device.device} ${device.path}`,
  };
}

function npivProblems(guest: Guest, storage: readonly StorageDevice[], context: DeviceContext): DeviceProblem[] {
  const hbas = storage.filter((device) => device.backing === 'npiv');
  if (hbas.length === 0) return [];
  const sides = [
    ...(context.sourceVersion === undefined ? [] : [{ vsp: context.vsp, version: context.sourceVersion }]),
    ...(context.target === undefined ? [] : [context.target]),
  ];
  const old = sides.filter((side) => !NPIV_MIGRATION_VERSIONS.includes(side.version));
  if (old.length === 0) return [];
  const where = old.map((side) => `${side.vsp} runs HPVM ${side.version}`).join(', ');
  const paths = hbas.map((device) => device.path).join(', ');
  return [
    {
      detail: `${guest.name} has NPIV HBAs (${paths}) and ${where}: HP migrates guests with NPIV HBAs from HPVM 4.3 (January 2012 patch) on, online and offline`,
      fix: `move it between VSPs that run HPVM 4.3 (January 2012 patch or later) or 6.x, or upgrade ${old.map((side) => side.vsp).join(' and ')}`,
      short: `NPIV HBAs and ${where}`,
    },
  ];
}
