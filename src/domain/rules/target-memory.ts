import type { Guest, VspInventory } from '../inventory.ts';

/**
 * Per-guest memory overhead on the host, HP's 6.3 sizing rule (DOC V63-AG-P58):
 * vCPUs × guest memory × 0.4 % + 64 MB, rounded up (4 vCPU, 16 GB → 327 MB).
 */
export function guestOverheadMb(vcpus: number, memoryMb: number): number {
  return Math.ceil(vcpus * memoryMb * 0.004) + 64;
}

/** What a running guest takes from its host. */
export function guestFootprintMb(guest: Pick<Guest, 'vcpus' | 'memoryMb'>): number {
  return guest.memoryMb + guestOverheadMb(guest.vcpus, guest.memoryMb);
}

export interface TargetMemory {
  readonly vsp: string;
  /** machinfo memory. */
  readonly totalMb: number;
  readonly reservedMb: number;
  /** Footprint of the guests running there now. */
  readonly runningMb: number;
  /** Footprint of guests earlier moves of the same plan bring there running. */
  readonly committedMb: number;
  readonly freeMb: number;
}

/**
 * Conservative on purpose: guests in an undocumented state (`Other`: EFI, booting…) count as running,
 * and memory that moves of the same plan free on a host is not counted as free until a new plan.
 */
export function targetMemory(inventory: VspInventory, reservedMb: number, committedMb: number): TargetMemory {
  const runningMb = inventory.guests
    .filter((guest) => guest.state === 'On' || guest.state === 'Other')
    .reduce((sum, guest) => sum + guestFootprintMb(guest), 0);
  return {
    vsp: inventory.name,
    totalMb: inventory.memoryMb,
    reservedMb,
    runningMb,
    committedMb,
    freeMb: inventory.memoryMb - reservedMb - runningMb - committedMb,
  };
}
