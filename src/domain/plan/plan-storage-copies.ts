/**
 * The storage-copy part of an offline move (docs/hpvm-reference.md, "Offline moves that copy storage"): the rule's
 * verdict, the `-m … -C` resources for the migrate line, and the copy time the estimate adds.
 */
import { supportsStorageCopy } from '../commands/command-templates.ts';
import type { Guest, VspInventory } from '../inventory.ts';
import {
  checkStorageCopy,
  copyResource,
  type EarlierCopy,
  type StorageCopyResult,
} from '../rules/check-storage-copy.ts';
import type { VspSettings } from '../vsp-settings.ts';
import type { PlanInput } from './plan-types.ts';

interface Side {
  readonly settings: VspSettings;
  readonly inventory: VspInventory;
}

export function planStorageCopies(
  input: PlanInput,
  guest: Guest,
  source: Side,
  target: Side,
  earlier: readonly EarlierCopy[],
): StorageCopyResult | undefined {
  return checkStorageCopy({
    guest,
    source: source.inventory,
    target: target.inventory,
    ...(target.settings.storageMap === undefined ? {} : { storageMap: target.settings.storageMap }),
    // hpvmmigrate runs on the source, so its version decides whether -m … -C exists.
    copySupported: supportsStorageCopy(input.templates, source.settings.hpvmVersion),
    sourceVersion: source.settings.hpvmVersion,
    copyMbPerSecond: input.settings.storageCopyMbPerSecond ?? input.settings.linkMbPerSecond,
    earlier,
  });
}

/** Resource statements for the migrate line: only the stores hpvmmigrate copies (not those already there). */
export function copyResources(result: StorageCopyResult | undefined): readonly string[] {
  return (result?.copies ?? []).filter((copy) => copy.method === 'hpvmmigrate').map(copyResource);
}

export function copySeconds(result: StorageCopyResult | undefined): number {
  return (result?.copies ?? []).reduce((sum, copy) => sum + copy.copySeconds, 0);
}

/**
 * Why an offline move would be refused for its storage, for the fixes that would otherwise suggest one. The
 * detail only: the storage rule's own fix comes with the offline preview, and the online refusal stays short.
 */
export function storageBlockers(result: StorageCopyResult | undefined): readonly string[] {
  return result === undefined || result.check.ok ? [] : [result.check.detail];
}
