/**
 * hpvmmigrate's storage options, `[-m storage-resource [-C] [-t]]...` (synopsis of hpvmmigrate(1M), HP Integrity
 * VM 4.0, T2767-90141), and what they do here. What HP's -C and -t do is not in the text found: -C is emulated
 * as "copy this lvol to the target" and -t is accepted and ignored [INF, docs/hpvm-reference.md "Offline moves that
 * copy storage"]. Lvols are checked only on a target that models LVM (`volumeGroups` in the fleet file): there
 * a missing lvol fails as HP's 3.5 host did, `Target VM Host error - Device does not exist.`
 */
import type { FleetModel } from '../fleet-model.ts';
import type { SimStorage } from '../guest-config.ts';
import { freePe, lvolAt } from '../sim-host.ts';
import type { CommandIo } from './command-types.ts';
import { COMMAND_LOG_LINE, type CheckFailure, type MigrateRequest, type StorageMove } from './migrate-request.ts';

export type { StorageMove } from './migrate-request.ts';

export interface StorageOption {
  readonly resource: string;
  readonly copy: boolean;
}

/** Takes every `-m res [-C] [-t]` group out of argv (getopt keeps only the last -m); the rest goes to getopt. */
export function takeStorageOptions(
  argv: readonly string[],
): { ok: true; argv: string[]; storage: StorageOption[] } | { ok: false; message: string } {
  const rest: string[] = [];
  const storage: { resource: string; copy: boolean }[] = [];
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index] ?? '';
    if (word === '-m' || (word.startsWith('-m') && word.length > 2)) {
      const resource = word === '-m' ? argv[++index] : word.slice(2);
      if (resource === undefined) return { ok: false, message: 'option requires an argument -- m' };
      storage.push({ resource, copy: false });
    } else if (word === '-C' || word === '-t') {
      const last = storage[storage.length - 1];
      if (last === undefined) return { ok: false, message: `${word} applies to a -m storage resource` };
      if (word === '-C') last.copy = true;
    } else {
      rest.push(word);
    }
  }
  return { ok: true, argv: rest, storage };
}

/** `disk:avio_stor:0,1,0:lv:/dev/vg01/rlvol1` → the guest's device at that address and its path on the target. */
export function resolveStorageMoves(
  devices: readonly SimStorage[],
  options: readonly StorageOption[],
): { ok: true; moves: StorageMove[] } | { ok: false; message: string } {
  const moves: StorageMove[] = devices.map((device) => ({ device, targetPath: device.path, copy: false }));
  for (const option of options) {
    const match = /^([a-z]+):([a-z_]+):([0-9]+),([0-9]+),([0-9]+):(lv|file|disk):(\/.+)$/.exec(option.resource);
    if (match === null) return { ok: false, message: `Invalid storage resource '${option.resource}'.` };
    const [, kind, adaptor, bus, dev, target, , path = ''] = match;
    const index = moves.findIndex(
      ({ device }) =>
        device.device === kind &&
        device.adaptor === adaptor &&
        device.bus === Number(bus) &&
        device.dev === Number(dev) &&
        device.target === Number(target),
    );
    const found = moves[index];
    if (found === undefined)
      return { ok: false, message: `No device at ${bus},${dev},${target} for '${option.resource}'.` };
    moves[index] = { device: found.device, targetPath: path, copy: option.copy };
  }
  return { ok: true, moves };
}

/** What the target verifies about lvols (only when it models LVM). Texts other than HP's own are [INF]. */
export function storageChecks(request: MigrateRequest): CheckFailure[] {
  const { source, target } = request;
  if (target.volumeGroups === undefined) return [];
  const failures: CheckFailure[] = [];
  const taken = new Map<string, number>();
  for (const move of request.storage ?? []) {
    if (move.device.backing !== 'lv') continue;
    const there = lvolAt(target, move.targetPath);
    if (!move.copy) {
      if (there?.sizeMb === undefined) failures.push(targetError('Device does not exist.'));
      continue;
    }
    const here = lvolAt(source, move.device.path);
    if (here?.sizeMb === undefined) {
      failures.push(hard(request, `Storage ${move.device.path} to copy does not exist on this VM Host.`));
    } else if (there?.group === undefined) {
      failures.push(targetError(`Volume group ${there?.vg ?? move.targetPath} does not exist.`));
    } else if (there.sizeMb !== undefined) {
      failures.push(targetError(`Logical volume ${there.vg}/${there.lvol} already exists.`));
    } else {
      const need = Math.ceil(here.sizeMb / there.group.peSizeMb) + (taken.get(there.vg) ?? 0);
      if (need > freePe(there.group)) failures.push(targetError(`Not enough free space in volume group ${there.vg}.`));
      taken.set(there.vg, need);
    }
  }
  return failures;
}

/**
 * The copy: each `-C` lvol is created on the target and filled, taking size ÷ link speed. HP documents no
 * progress line for it; this one is the simulator's own [INF], shown by the bot verbatim as output.
 */
export async function copyStorage(model: FleetModel, request: MigrateRequest, io: CommandIo): Promise<void> {
  const slowLink = Math.max(request.source.faults.slowLink ?? 1, request.target.faults.slowLink ?? 1);
  for (const move of request.storage ?? []) {
    if (!move.copy || move.device.backing !== 'lv') continue;
    const here = lvolAt(request.source, move.device.path);
    const there = lvolAt(request.target, move.targetPath);
    if (here?.sizeMb === undefined || there === undefined) continue;
    io.out(`hpvmmigrate: Copying ${move.device.path} to ${request.target.name}:${move.targetPath} (${here.sizeMb} MB)`);
    await model.sleep((here.sizeMb / model.linkMbPerSecond) * slowLink, io.signal);
    model.createLvol(request.target.name, there.vg, there.lvol, here.sizeMb);
  }
}

function targetError(reason: string): CheckFailure {
  return { lines: [`Target VM Host error - ${reason}`, COMMAND_LOG_LINE], forceable: true };
}

function hard(request: MigrateRequest, reason: string): CheckFailure {
  return { lines: [`ERROR (${request.guest.config.name}): ${reason}`], forceable: false };
}
