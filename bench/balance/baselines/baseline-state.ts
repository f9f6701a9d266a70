/**
 * A placement the baselines change one move at a time, with the benchmark's own rule checks
 * (bench/balance/fleet.ts): the same hard constraints as the planner — memory, processor and version,
 * maintenance, pinned and ineligible guests, anti-affinity groups, each guest moved at most once.
 */
import { applyMove, loadsOf, moveAllowed, type Fleet, type Move } from '../fleet.ts';

export interface BaselineRun {
  readonly name: string;
  readonly moves: readonly Move[];
}

export class BaselineState {
  position: number[];
  memory: number[];
  loads: number[];
  readonly moves: Move[] = [];

  constructor(readonly fleet: Fleet) {
    this.position = [...fleet.home];
    this.memory = [...fleet.initialMemory];
    this.loads = loadsOf(fleet, this.position);
  }

  allowed(move: Move): boolean {
    return moveAllowed(this.fleet, this.position, this.memory, move);
  }

  apply(move: Move): void {
    const next = applyMove(this.fleet, this.position, this.memory, move);
    this.position = next.position;
    this.memory = next.memory;
    this.loads = loadsOf(this.fleet, this.position);
    this.moves.push(move);
  }

  /** Loads if `move` ran now (no checks). */
  loadsAfter(move: Move): number[] {
    const loads = [...this.loads];
    const vm = this.fleet.guests[move.guest];
    const from = this.position[move.guest] ?? 0;
    loads[from]! -= (vm?.cpuDemand ?? 0) / (this.fleet.cores[from] ?? 1);
    loads[move.to]! += (vm?.cpuDemand ?? 0) / (this.fleet.cores[move.to] ?? 1);
    return loads;
  }

  guestsOn(host: number): number[] {
    return this.position.flatMap((at, guest) => (at === host ? [guest] : []));
  }

  activeHosts(): number[] {
    return this.fleet.hostNames.flatMap((_name, host) => (this.fleet.active[host] ? [host] : []));
  }
}
