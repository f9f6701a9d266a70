import type { FleetSnapshot, VspInventory } from '../inventory.ts';
import type { VspSettings } from '../vsp-settings.ts';
import { failed, passed, type CheckResult } from './check-result.ts';

export interface TargetResult {
  readonly check: CheckResult;
  /** Both set only when the check passed. */
  readonly settings?: VspSettings;
  readonly inventory?: VspInventory;
}

/**
 * The target is a different VSP of the fleet, not in maintenance, and its inventory was read
 * (every later rule needs its processor, memory and vswitches). The first failure is the one reported.
 */
export function checkTarget(
  guest: string,
  target: string,
  source: string,
  vsps: readonly VspSettings[],
  snapshot: FleetSnapshot,
): TargetResult {
  if (target === source) {
    return { check: failed('target', `${guest} is already on ${target}`, `choose another target than ${source}`) };
  }
  const settings = vsps.find((vsp) => vsp.name === target);
  if (settings === undefined) {
    const known = vsps.map((vsp) => vsp.name).join(', ');
    return { check: failed('target', `${target} is not in the fleet config (${known})`, 'choose a VSP of the fleet') };
  }
  if (settings.maintenance) {
    return {
      check: failed(
        'target',
        `${target} is in maintenance`,
        `choose another target, or clear maintenance for ${target} in the fleet config`,
      ),
    };
  }
  const failure = snapshot.failures.find((entry) => entry.vsp === target);
  const inventory = snapshot.vsps.find((vsp) => vsp.name === target);
  if (inventory === undefined) {
    const why = failure === undefined ? 'it was not in the inventory' : `${failure.code}: ${failure.message}`;
    return { check: failed('target', `${target} could not be read (${why})`, `retry when ${target} answers`) };
  }
  return {
    check: passed(
      'target',
      `${target} is in the fleet, not in maintenance, inventory read (HPVM ${settings.hpvmVersion})`,
    ),
    settings,
    inventory,
  };
}
