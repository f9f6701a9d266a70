import type { Guest } from '../inventory.ts';
import { failed, passed, type CheckResult } from './check-result.ts';
import { guestOverheadMb, type TargetMemory } from './target-memory.ts';
import { offlineMove, type OfflineRoute } from './offline-fix.ts';

/**
 * The target must hold the guest running: for online moves, and for offline moves with --start.
 * An offline move that leaves the guest off on the target needs no memory there yet.
 */
export function checkMemoryFit(guest: Guest, memory: TargetMemory, offline: OfflineRoute): CheckResult {
  const overhead = guestOverheadMb(guest.vcpus, guest.memoryMb);
  const needed = guest.memoryMb + overhead;
  const free =
    `${memory.vsp} has ${memory.freeMb} MB free for guests ` +
    `(${memory.totalMb} total − ${memory.reservedMb} reserved − ${memory.runningMb} running guests − ${memory.committedMb} planned)`;
  const need = `${guest.name} needs ${needed} MB (${guest.memoryMb} + ${overhead} overhead)`;
  if (needed <= memory.freeMb) return passed('memory-fit', `${need}; ${free}`);
  const move = offlineMove(offline);
  const withoutStart = move === undefined ? '' : `, or move ${guest.name} without starting it there: ${move}`;
  return failed(
    'memory-fit',
    `${need}; ${free}: ${needed - memory.freeMb} MB short`,
    `choose a target with more free memory, free memory on ${memory.vsp}${withoutStart}`,
  );
}
