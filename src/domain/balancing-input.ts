/**
 * From the inventory to what the balancer reasons about (README.md, "Balancing suggestions"): per host its cores, the
 * memory guests may use, processor and HPVM version, maintenance; per guest its CPU demand in cores
 * (hpvmstatus -r usage × vCPUs), memory with HP's overhead, and whether it may move online at all — judged
 * by the same rules a `/migrate` preview uses. Pure.
 */
import type { BalanceSnapshot, BalanceVm } from './balance/balance-types.ts';
import type { FleetSnapshot, Guest } from './inventory.ts';
import {
  checkGuestKind,
  checkGuestOs,
  checkOnlineMigrationEnabled,
  checkStorageBacking,
} from './rules/check-online-eligibility.ts';
import { offlineRoute } from './rules/offline-fix.ts';
import { guestFootprintMb } from './rules/target-memory.ts';
import type { VspSettings } from './vsp-settings.ts';

export interface BalancingPolicy {
  readonly pinned: readonly string[];
  /** Group name → its guests. */
  readonly antiAffinityGroups: Readonly<Record<string, readonly string[]>>;
}

export function balancingInput(
  snapshot: FleetSnapshot,
  vsps: readonly VspSettings[],
  policy: BalancingPolicy,
): BalanceSnapshot {
  const settings = new Map(vsps.map((vsp) => [vsp.name, vsp]));
  const groupOf = new Map<string, string>();
  for (const [group, guests] of Object.entries(policy.antiAffinityGroups))
    for (const guest of guests) groupOf.set(guest, group);
  const hosts = snapshot.vsps.flatMap((vsp, index) => {
    const setting = settings.get(vsp.name);
    if (setting === undefined) return [];
    return [
      {
        name: vsp.name,
        cpuCores: Math.max(1, vsp.cpu.cores),
        memoryMb: Math.max(0, vsp.memoryMb - setting.reservedMemoryMb),
        // An unknown processor gets a family of its own: it is compatible with nothing, never even with
        // another unknown one, so no online move is proposed to or from it.
        cpuFamily: vsp.cpu.family ?? -(index + 1),
        cpuModel: vsp.cpu.model ?? 0,
        hpvmVersion: vsp.hpvmVersion,
        maintenance: setting.maintenance,
      },
    ];
  });
  const hostNames = new Set(hosts.map((host) => host.name));
  const vms: BalanceVm[] = snapshot.vsps
    .filter((vsp) => hostNames.has(vsp.name))
    .flatMap((vsp) =>
      vsp.guests
        .filter((guest) => guest.state === 'On' || guest.state === 'Off')
        .map((guest) => {
          const group = groupOf.get(guest.name);
          return {
            name: guest.name,
            host: vsp.name,
            vcpus: guest.vcpus,
            memoryMb: guestFootprintMb(guest),
            cpuDemand: ((guest.cpuUsagePct ?? 0) / 100) * guest.vcpus,
            state: guest.state === 'On' ? ('On' as const) : ('Off' as const),
            onlineEligible: onlineEligible(guest, vsp.name),
            ...(policy.pinned.includes(guest.name) ? { pinned: true } : {}),
            ...(group === undefined ? {} : { group }),
          };
        }),
    );
  return { hosts, vms };
}

/** The guest-side online rules; the host-side ones (processor, version, memory) are the balancer's. */
function onlineEligible(guest: Guest, vsp: string): boolean {
  if (guest.state !== 'On' || guest.storage === undefined) return false;
  // No target yet: the offline route only feeds fix texts, which the balancer does not show.
  const offline = offlineRoute(guest, '');
  return [
    checkGuestKind(guest, offline),
    checkGuestOs(guest, offline),
    checkOnlineMigrationEnabled(guest, offline),
    checkStorageBacking(guest, 'online', { vsp }, offline),
  ].every((check) => check.ok);
}
