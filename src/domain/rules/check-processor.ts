import type { VspInventory } from '../inventory.ts';
import type { VspSettings } from '../vsp-settings.ts';
import { failed, passed, type CheckResult } from './check-result.ts';
import { useOfflineFix, type OfflineRoute } from './offline-fix.ts';

export interface ProcessorIdentity {
  readonly vsp: string;
  readonly family?: number;
  readonly model?: number;
}

/**
 * Processor groups within which a guest moves online (DOC IVM43-P178, V61-RN34): family 31 (Itanium 2
 * before 9000) with any model; family 32 models 0 and 1 (9000 and 9100). Any other pair must be the
 * same family and model. Offline moves may cross families (DOC V61-AG-P198), so this rule is online only.
 */
export const PROCESSOR_GROUPS: readonly { readonly family: number; readonly models: 'any' | readonly number[] }[] = [
  { family: 31, models: 'any' },
  { family: 32, models: [0, 1] },
];

/** What machinfo said, else the fleet config's cpuFamily/cpuModel (11.31 machinfo prints no numbers). */
export function processorIdentity(inventory: VspInventory, settings: VspSettings): ProcessorIdentity {
  const family = inventory.cpu.family ?? settings.cpuFamily;
  const model = inventory.cpu.model ?? settings.cpuModel;
  return {
    vsp: inventory.name,
    ...(family === undefined ? {} : { family }),
    ...(model === undefined ? {} : { model }),
  };
}

export function processorsCompatible(a: ProcessorIdentity, b: ProcessorIdentity): boolean {
  if (a.family === undefined || a.model === undefined || b.family === undefined || b.model === undefined) return false;
  if (a.family !== b.family) return false;
  if (a.model === b.model) return true;
  const group = PROCESSOR_GROUPS.find((entry) => entry.family === a.family);
  if (group === undefined) return false;
  if (group.models === 'any') return true;
  return group.models.includes(a.model) && group.models.includes(b.model);
}

export function checkProcessor(
  source: ProcessorIdentity,
  target: ProcessorIdentity,
  offline: OfflineRoute,
): CheckResult {
  const unknown = [source, target].filter((side) => side.family === undefined || side.model === undefined);
  if (unknown.length > 0) {
    return failed(
      'processor',
      `processor family/model of ${unknown.map((side) => side.vsp).join(' and ')} is not known (machinfo did not print it)`,
      `set cpuFamily/cpuModel in the fleet config for ${unknown.map((side) => side.vsp).join(' and ')}`,
    );
  }
  const pair = `${describe(source)} → ${describe(target)}`;
  if (processorsCompatible(source, target)) return passed('processor', `${pair}: compatible for online migration`);
  return failed('processor', `${pair}: not compatible for online migration`, useOfflineFix(offline));
}

function describe(side: ProcessorIdentity): string {
  return `${side.vsp} family ${side.family ?? '?'} model ${side.model ?? '?'}`;
}
