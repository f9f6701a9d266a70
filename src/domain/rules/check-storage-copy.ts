/**
 * Offline moves of guests on lvol or file backing stores (docs/hpvm-reference.md, "Offline moves that copy storage").
 * HP: such storage "must be copied to the target VSP" (HP vPars and Integrity Virtual Machines V6.1
 * Administrator Guide §12.1.2, p. 198; V6.3 guide §12.1.2, p. 198), and without it the target refuses the
 * guest with `Target VM Host error - Device does not exist.` (HPVM 3.5 capture, docs/hpvm-reference.md "Messages").
 *
 * For each lvol: where it goes (same path, or the target's storageMap), its size (the source's
 * `vgdisplay -v`), the room on the target (Free PE × PE Size of the volume group) and the copy's duration.
 * The copy itself is hpvmmigrate's `-m <resource> -C` where the version's templates have it; elsewhere the
 * preview refuses with the manual steps, and once the lvol is on the target (same name, same size) the move
 * carries the configuration only. Copies that earlier moves of the same plan make onto the target count: they
 * take their room in its volume group and their path (`earlier`). Everything unknown fails closed. File-backed disks are refused with the
 * manual steps: the bot does not read file sizes or files on the target yet.
 */
import type { Guest, StorageDevice, VolumeGroupInfo, VspInventory } from '../inventory.ts';
import { isAllowedStoragePath, lvolOfRawPath } from '../storage-path.ts';
import { failed, passed, type CheckResult } from './check-result.ts';

/** One store an offline move copies (or finds already copied) on its target. Plain data: part of the plan. */
export interface StorageCopy {
  readonly backing: 'lv';
  /** The guest's device as a resource statement prefix: `disk`, `avio_stor`, `0,1,0`. */
  readonly device: string;
  readonly adaptor: string;
  readonly address: string;
  /** Raw device on the source (`/dev/vg01/rlvol1`). */
  readonly source: string;
  /** Raw device on the target; the source path unless the target's storageMap says otherwise. */
  readonly target: string;
  readonly sizeMb: number;
  /** The volume group on the target and its free space before this move. */
  readonly room: { readonly on: string; readonly freeMb: number };
  /** Estimated copy time; 0 when the store is already there. */
  readonly copySeconds: number;
  /** `hpvmmigrate`: copied by `-m … -C` in the migrate line; `present`: found on the target, copied by hand. */
  readonly method: 'hpvmmigrate' | 'present';
}

/** A store an earlier move of the same plan copies (or finds) on the same target. */
export interface EarlierCopy {
  readonly guest: string;
  readonly copy: StorageCopy;
}

export interface StorageCopyInput {
  readonly guest: Guest;
  readonly source: VspInventory;
  readonly target: VspInventory;
  /** The target VSP's storageMap (source path → target path). */
  readonly storageMap?: Readonly<Record<string, string>>;
  /** The source's HPVM version has `optionCopyStorage` (hpvmmigrate runs on the source). */
  readonly copySupported: boolean;
  readonly sourceVersion: string;
  readonly copyMbPerSecond: number;
  /** The copies earlier moves of the plan make onto this target; none when absent. */
  readonly earlier?: readonly EarlierCopy[];
}

export interface StorageCopyResult {
  readonly check: CheckResult;
  /** Every store of the move, when the check passed; empty otherwise. */
  readonly copies: readonly StorageCopy[];
}

/** Undefined when the guest has no lvol- or file-backed disk: nothing to copy, no check to show. */
export function checkStorageCopy(input: StorageCopyInput): StorageCopyResult | undefined {
  const { guest, source, target } = input;
  if (guest.storage === undefined) {
    return refuse(
      `the devices of ${guest.name} were not collected (hpvmstatus -P ${guest.name} -d): lvol or file stores to copy are unknown`,
      'retry when the inventory has its device list',
    );
  }
  const stores = guest.storage.filter(
    (device) => device.device !== 'dvd' && (device.backing === 'lv' || device.backing === 'file'),
  );
  if (stores.length === 0) return undefined;

  const files = stores.filter((device) => device.backing === 'file');
  if (files.length > 0) {
    const paths = files.map((device) => device.path).join(', ');
    return refuse(
      `${guest.name} has file-backed disks (${paths}); the bot does not yet read file sizes and files on ${target.name}`,
      `copy by hand with the guest off: on ${source.name}, \`dd if=<file> bs=1024k | ssh ${target.name} dd of=<file> bs=1024k\` for ${paths} (enough room: bdf on ${target.name}); then migrate it with hpvmmigrate on ${source.name} yourself`,
    );
  }

  const used = new Map<string, number>();
  const copies: StorageCopy[] = [];
  const problems: { detail: string; fix: string }[] = [];
  for (const device of stores) {
    const planned = planLvol(input, device, used);
    if ('copy' in planned) copies.push(planned.copy);
    else problems.push(planned);
  }
  if (problems.length > 0) {
    return refuse(
      problems.map((problem) => problem.detail).join('; '),
      problems.map((problem) => problem.fix).join('; '),
    );
  }
  const detail = copies
    .map((copy) =>
      copy.method === 'present'
        ? `${copy.source} → ${target.name}:${copy.target} (${copy.sizeMb} MB) is already there, copied by hand`
        : `${copy.source} → ${target.name}:${copy.target}: ${copy.sizeMb} MB into ${copy.room.on} (${copy.room.freeMb} MB free), ~${copy.copySeconds} s`,
    )
    .join('; ');
  return { check: passed('storage-copy', detail), copies };
}

type Planned = { readonly copy: StorageCopy } | { readonly detail: string; readonly fix: string };

function planLvol(input: StorageCopyInput, device: StorageDevice, used: Map<string, number>): Planned {
  const { source, target, storageMap, copySupported } = input;
  const from = lvolOfRawPath(device.path);
  if (from === undefined) {
    return {
      detail: `${device.path} is not an lvol raw device path (/dev/<vg>/r<lvol>) the bot can place`,
      fix: `move ${input.guest.name} by hand, or give it a backing store named /dev/<vg>/r<lvol>`,
    };
  }
  const mapped = storageMap?.[device.path];
  const targetPath = mapped ?? device.path;
  const to = lvolOfRawPath(targetPath);
  if (!isAllowedStoragePath(targetPath) || to === undefined) {
    return {
      detail: `storageMap of ${target.name} sends ${device.path} to ${targetPath}, not an lvol raw device path`,
      fix: `map ${device.path} to /dev/<vg>/r<lvol> in the storageMap of ${target.name}`,
    };
  }
  if (source.volumeGroups === undefined) {
    return {
      detail: `the size of ${device.path} is unknown: vgdisplay -v on ${source.name} failed or was not run`,
      fix: `check vgdisplay -v on ${source.name} (vgdisplayPath in the config) and plan again`,
    };
  }
  const sizeMb = findLvol(source.volumeGroups, from.vg, from.lv)?.sizeMb;
  if (sizeMb === undefined) {
    return {
      detail: `vgdisplay -v on ${source.name} does not list ${from.lv} with a size`,
      fix: `check that ${from.lv} exists on ${source.name} and plan again`,
    };
  }
  if (target.volumeGroups === undefined) {
    return {
      detail: `the room on ${target.name} is unknown: vgdisplay -v there failed or was not run`,
      fix: `check vgdisplay -v on ${target.name} (vgdisplayPath in the config) and plan again`,
    };
  }
  const group = target.volumeGroups.find((candidate) => candidate.name === to.vg);
  const existing = group === undefined ? undefined : findLvol([group], to.vg, to.lv);
  const mapFix = `map ${device.path} to another path in the storageMap of ${target.name}`;
  const claimed = input.earlier?.find((earlier) => earlier.copy.target === targetPath);
  if (claimed !== undefined) {
    return {
      detail: `${claimed.guest}, moved earlier in this plan, already takes ${target.name}:${targetPath} (from ${claimed.copy.source})`,
      fix: `${mapFix}, or move ${input.guest.name} in a plan of its own once ${claimed.guest} has moved`,
    };
  }
  if (!copySupported)
    return manualLvol({ input, device, targetPath, to, sizeMb, group, existing, mapped: mapped !== undefined });
  if (existing !== undefined) {
    const what =
      existing.sizeMb === sizeMb
        ? `an lvol of the same name and size (${sizeMb} MB): a stale copy from an earlier move, or another guest's disk`
        : `an lvol of that name of ${existing.sizeMb ?? 'unknown'} MB (${device.path} has ${sizeMb} MB)`;
    return {
      detail: `${target.name} already has ${to.lv}, ${what}; copying would overwrite it`,
      fix: `${mapFix}, or remove ${to.lv} on ${target.name} (lvremove) once no guest uses it (hpvmdevmgmt -l gdev)`,
    };
  }
  if (group === undefined) {
    const others = target.volumeGroups.map((vg) => `${vg.name} ${freeMb(vg)} MB free`).join(', ') || 'none';
    return {
      detail: `${target.name} has no volume group ${to.vg} for ${device.path} (${sizeMb} MB); its volume groups: ${others}`,
      fix: `create ${to.vg} on ${target.name} (vgcreate) with at least ${sizeMb} MB free, or ${mapFix} (a volume group with room)`,
    };
  }
  const needMb = extentsMb(sizeMb, group);
  const taken = takenEarlier(input.earlier ?? [], group);
  const freeBefore = freeMb(group) - taken.mb - (used.get(group.name) ?? 0);
  if (needMb > freeBefore) {
    const free =
      taken.mb === 0
        ? `${freeBefore} MB free (${group.freePe} extents of ${group.peSizeMb} MB)`
        : `${freeMb(group)} MB free (${group.freePe} extents of ${group.peSizeMb} MB), ${taken.mb} MB of it taken by earlier moves of this plan (${taken.list}), so ${freeBefore} MB left`;
    return {
      detail: `${group.name} on ${target.name} has ${free}; ${device.path} needs ${needMb} MB`,
      fix: `extend ${group.name} on ${target.name} by ${needMb - freeBefore} MB (vgextend) or free that much, ${mapFix} (a volume group with room), or choose another target`,
    };
  }
  used.set(group.name, (used.get(group.name) ?? 0) + needMb);
  return {
    copy: {
      ...identity(device, targetPath),
      sizeMb,
      room: { on: group.name, freeMb: freeBefore },
      copySeconds: Math.ceil(sizeMb / input.copyMbPerSecond),
      method: 'hpvmmigrate',
    },
  };
}

interface ManualInput {
  readonly input: StorageCopyInput;
  readonly device: StorageDevice;
  readonly targetPath: string;
  readonly to: { readonly vg: string; readonly lv: string };
  readonly sizeMb: number;
  readonly group: VolumeGroupInfo | undefined;
  readonly existing: { readonly name: string; readonly sizeMb?: number } | undefined;
  readonly mapped: boolean;
}

/** A version without a documented copy option: the operator copies, the bot moves the configuration. */
function manualLvol(manual: ManualInput): Planned {
  const { input, device, targetPath, to, sizeMb, group, existing, mapped } = manual;
  const { source, target, sourceVersion } = input;
  const why = `hpvmmigrate of HPVM ${sourceVersion} (on ${source.name}) has no documented storage copy option`;
  if (mapped) {
    return {
      detail: `${why}, so ${device.path} cannot be placed at ${targetPath} on ${target.name}`,
      fix: `remove ${device.path} from the storageMap of ${target.name}: without -m the target must have the same path`,
    };
  }
  if (existing !== undefined && existing.sizeMb === sizeMb) {
    return {
      copy: {
        ...identity(device, targetPath),
        sizeMb,
        room: { on: to.vg, freeMb: group === undefined ? 0 : freeMb(group) },
        copySeconds: 0,
        method: 'present',
      },
    };
  }
  if (existing !== undefined) {
    return {
      detail: `${target.name} has ${to.lv} of ${existing.sizeMb ?? 'unknown'} MB, not the ${sizeMb} MB of ${device.path}`,
      fix: `remove or resize ${to.lv} on ${target.name} once no guest uses it, then copy ${device.path} by hand (${why})`,
    };
  }
  const lvName = to.lv.slice(to.vg.length + 1);
  return {
    detail: `${why}; ${target.name} does not have ${to.lv} (${sizeMb} MB)`,
    fix:
      `with ${input.guest.name} off: on ${target.name}, \`lvcreate -L ${sizeMb} -n ${lvName} ${to.vg}\`` +
      (group === undefined ? ` (create ${to.vg} first: vgcreate)` : '') +
      `; on ${source.name}, \`dd if=${device.path} bs=1024k | ssh ${target.name} dd of=${targetPath} bs=1024k\`; then plan again (the bot finds the lvol and moves the configuration)`,
  };
}

function identity(
  device: StorageDevice,
  targetPath: string,
): Pick<StorageCopy, 'backing' | 'device' | 'adaptor' | 'address' | 'source' | 'target'> {
  return {
    backing: 'lv',
    device: device.device,
    adaptor: device.adaptor,
    address: device.bus,
    source: device.path,
    target: targetPath,
  };
}

function findLvol(
  groups: readonly VolumeGroupInfo[],
  vg: string,
  lv: string,
): { readonly name: string; readonly sizeMb?: number } | undefined {
  return groups.find((group) => group.name === vg)?.lvols.find((lvol) => lvol.name === lv);
}

function freeMb(group: VolumeGroupInfo): number {
  return group.freePe * group.peSizeMb;
}

/** An lvol takes whole extents. */
function extentsMb(sizeMb: number, group: VolumeGroupInfo): number {
  return Math.ceil(sizeMb / group.peSizeMb) * group.peSizeMb;
}

/** The room earlier copies of the plan take in the group (an lvol found there takes none), and which they are. */
function takenEarlier(earlier: readonly EarlierCopy[], group: VolumeGroupInfo): { mb: number; list: string } {
  const copies = earlier.filter(({ copy }) => copy.method === 'hpvmmigrate' && copy.room.on === group.name);
  return {
    mb: copies.reduce((sum, { copy }) => sum + extentsMb(copy.sizeMb, group), 0),
    list: copies.map(({ guest, copy }) => `${guest}: ${copy.target} ${extentsMb(copy.sizeMb, group)} MB`).join(', '),
  };
}

/** The resource statement hpvmmigrate's `-m` gets for one copy (hpvmcreate/hpvmmodify syntax, 4.3 guide §6.2.2.3) [INF]. */
export function copyResource(copy: StorageCopy): string {
  return `${copy.device}:${copy.adaptor}:${copy.address}:${copy.backing}:${copy.target}`;
}

function refuse(detail: string, fix: string): StorageCopyResult {
  return { check: failed('storage-copy', detail, fix), copies: [] };
}
