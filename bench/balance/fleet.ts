/**
 * The benchmark's own reading of the balancing model (DESIGN §6), written apart from the planner so the
 * exact solver and the baselines check the same rules independently: loads, sd, compatibility, and
 * whether a sequence of moves keeps memory and anti-affinity at every step.
 */
import type { BalanceSnapshot, BalanceVm } from '../../src/domain/balance/balance-types.ts';
import { ONLINE_VERSION_PATHS } from '../../src/domain/rules/version-paths.ts';

export interface Fleet {
  readonly hostNames: string[];
  readonly cores: number[];
  readonly memoryCap: number[];
  readonly active: boolean[];
  readonly activeCount: number;
  /** `On` guests only. */
  readonly guests: BalanceVm[];
  readonly home: number[];
  /** [source][target]: processor + version allow an online move and the target is not in maintenance. */
  readonly reachable: boolean[][];
  readonly initialMemory: number[];
}

export interface Move {
  readonly guest: number;
  readonly to: number;
}

export function buildFleet(snapshot: BalanceSnapshot): Fleet {
  const hosts = [...snapshot.hosts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const index = new Map(hosts.map((host, i) => [host.name, i]));
  const guests = snapshot.vms
    .filter((vm) => vm.state === 'On')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const home = guests.map((vm) => index.get(vm.host) ?? -1);
  const initialMemory = hosts.map(() => 0);
  guests.forEach((vm, g) => (initialMemory[home[g] ?? 0]! += vm.memoryMb));
  return {
    hostNames: hosts.map((host) => host.name),
    cores: hosts.map((host) => host.cpuCores),
    memoryCap: hosts.map((host) => host.memoryMb),
    active: hosts.map((host) => host.maintenance !== true),
    activeCount: hosts.filter((host) => host.maintenance !== true).length,
    guests,
    home,
    reachable: hosts.map((source) =>
      hosts.map(
        (target) =>
          source !== target &&
          target.maintenance !== true &&
          processorsMatch(source.cpuFamily, source.cpuModel, target.cpuFamily, target.cpuModel) &&
          (source.hpvmVersion === target.hpvmVersion ||
            (ONLINE_VERSION_PATHS[source.hpvmVersion]?.includes(target.hpvmVersion) ?? false)),
      ),
    ),
    initialMemory,
  };
}

/** DESIGN §2, written out again: family 31 any model; family 32 models 0 and 1; else identical. */
function processorsMatch(familyA: number, modelA: number, familyB: number, modelB: number): boolean {
  if (familyA !== familyB) return false;
  if (modelA === modelB || familyA === 31) return true;
  return familyA === 32 && [0, 1].includes(modelA) && [0, 1].includes(modelB);
}

export function movable(fleet: Fleet, guest: number): boolean {
  const vm = fleet.guests[guest];
  return vm !== undefined && vm.onlineEligible && vm.pinned !== true;
}

export function loadsOf(fleet: Fleet, position: readonly number[]): number[] {
  const demand = fleet.hostNames.map(() => 0);
  position.forEach((host, guest) => (demand[host]! += fleet.guests[guest]?.cpuDemand ?? 0));
  return demand.map((sum, host) => sum / (fleet.cores[host] ?? 1));
}

export function sdOf(fleet: Fleet, loads: readonly number[]): number {
  const values = loads.filter((_load, host) => fleet.active[host]);
  if (values.length === 0) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
}

export function maxOf(fleet: Fleet, loads: readonly number[]): number {
  const values = loads.filter((_load, host) => fleet.active[host]);
  return values.length === 0 ? 0 : Math.max(...values);
}

/**
 * Whether `move` may run now, with the fleet placed as `position` and `memory` used per host: movable,
 * not moved before, reachable from its home, the memory fits, and no other member of its group on the
 * target unless it shared the guest's home before.
 */
export function moveAllowed(fleet: Fleet, position: readonly number[], memory: readonly number[], move: Move): boolean {
  const { guest, to } = move;
  const vm = fleet.guests[guest];
  const home = fleet.home[guest] ?? -1;
  if (vm === undefined || !movable(fleet, guest) || position[guest] !== home) return false;
  if (!fleet.reachable[home]?.[to]) return false;
  if ((memory[to] ?? 0) + vm.memoryMb > (fleet.memoryCap[to] ?? 0) + 1e-9) return false;
  if (vm.group === undefined) return true;
  return position.every(
    (host, other) => host !== to || fleet.guests[other]?.group !== vm.group || fleet.home[other] === home,
  );
}

/** Applies `move` to copies of position and memory. */
export function applyMove(
  fleet: Fleet,
  position: readonly number[],
  memory: readonly number[],
  move: Move,
): { position: number[]; memory: number[] } {
  const nextPosition = [...position];
  const nextMemory = [...memory];
  const size = fleet.guests[move.guest]?.memoryMb ?? 0;
  nextMemory[position[move.guest] ?? 0]! -= size;
  nextMemory[move.to]! += size;
  nextPosition[move.guest] = move.to;
  return { position: nextPosition, memory: nextMemory };
}

/** Whether some order runs all `moves` validly (every permutation: for the small sets of the exact solver). */
export function someOrderValid(fleet: Fleet, moves: readonly Move[]): boolean {
  const start = { position: [...fleet.home], memory: [...fleet.initialMemory] };
  const search = (state: { position: number[]; memory: number[] }, left: readonly Move[]): boolean => {
    if (left.length === 0) return true;
    return left.some(
      (move, i) =>
        moveAllowed(fleet, state.position, state.memory, move) &&
        search(
          applyMove(fleet, state.position, state.memory, move),
          left.filter((_m, j) => j !== i),
        ),
    );
  };
  return search(start, moves);
}
