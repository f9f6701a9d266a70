/**
 * The exact optimum for small instances, by exhaustive search over every set of at most k moves
 * (each guest at most once, to any reachable host), independent of the planner's code: the objective
 * spread + price × moves (spread = Σ(load − mean)² over the active hosts = n × variance, so for a given
 * number of moves lower spread is lower sd), ties → fewer moves → less memory moved; constraints: the highest load must not
 * rise, and some order must run the moves with memory and anti-affinity valid at every step.
 * Loads are updated incrementally and the constraints checked only for a set that would beat the best
 * so far, which keeps k = 3 on 8 hosts × 40 guests well under a second.
 */
import { buildFleet, loadsOf, maxOf, movable, someOrderValid, type Fleet, type Move } from './fleet.ts';
import type { BalanceSnapshot } from '../../src/domain/balance/balance-types.ts';

export interface ExactPlan {
  readonly moves: readonly Move[];
  readonly spread: number;
  readonly objective: number;
  readonly memoryMoved: number;
}

export interface ExactResult {
  /** Optimum of the planner's objective (spread + price × moves). */
  readonly best: ExactPlan;
  /** Lowest sd with at most k moves, no price per move (for reference). */
  readonly lowestSd: ExactPlan;
  readonly setsVisited: number;
}

const TIE = 1e-12;

export function solveExact(snapshot: BalanceSnapshot, maxMoves: number, price: number): ExactResult {
  const fleet = buildFleet(snapshot);
  const relocations: Move[] = [];
  fleet.guests.forEach((vm, guest) => {
    if (!movable(fleet, guest)) return;
    fleet.hostNames.forEach((_name, to) => {
      if (fleet.reachable[fleet.home[guest] ?? 0]?.[to] && vm.memoryMb <= (fleet.memoryCap[to] ?? 0)) {
        relocations.push({ guest, to });
      }
    });
  });
  const loads = loadsOf(fleet, fleet.home);
  const loadCap = maxOf(fleet, loads) + TIE;
  const n = fleet.activeCount;
  let sum = 0;
  let squares = 0;
  loads.forEach((load, host) => {
    if (!fleet.active[host]) return;
    sum += load;
    squares += load * load;
  });
  const spreadNow = (): number => {
    if (n === 0) return 0;
    const spread = squares - (sum * sum) / n;
    return spread > 0 ? spread : 0;
  };
  const initial = spreadNow();
  let best: ExactPlan = { moves: [], spread: initial, objective: initial, memoryMoved: 0 };
  let lowestSd: ExactPlan = best;
  let visited = 1;
  const chosen: Move[] = [];
  let memoryMoved = 0;

  const better = (objective: number, count: number, memory: number, than: ExactPlan): boolean => {
    if (objective < than.objective - TIE) return true;
    if (objective > than.objective + TIE) return false;
    if (count !== than.moves.length) return count < than.moves.length;
    return memory < than.memoryMoved - 1e-9;
  };
  const feasible = (): boolean =>
    chosen.every((move) => (loads[move.to] ?? 0) <= loadCap || !fleet.active[move.to]) &&
    maxOf(fleet, loads) <= loadCap &&
    someOrderValid(fleet, chosen);

  const shift = (host: number, delta: number): void => {
    const before = loads[host] ?? 0;
    const after = before + delta / (fleet.cores[host] ?? 1);
    loads[host] = after;
    if (!fleet.active[host]) return;
    sum += after - before;
    squares += after * after - before * before;
  };

  const visit = (start: number): void => {
    for (let i = start; i < relocations.length; i++) {
      const move = relocations[i]!;
      if (chosen.some((other) => other.guest === move.guest)) continue;
      const vm = fleet.guests[move.guest]!;
      const home = fleet.home[move.guest] ?? 0;
      const saved = { from: loads[home] ?? 0, to: loads[move.to] ?? 0, sum, squares };
      shift(home, -vm.cpuDemand);
      shift(move.to, vm.cpuDemand);
      chosen.push(move);
      memoryMoved += vm.memoryMb;
      visited += 1;
      const spread = spreadNow();
      const count = chosen.length;
      const beatsBest = better(spread + price * count, count, memoryMoved, best);
      const beatsLowest = better(spread, count, memoryMoved, lowestSd);
      if ((beatsBest || beatsLowest) && feasible()) {
        const plan = { moves: [...chosen], spread, memoryMoved };
        if (beatsBest) best = { ...plan, objective: spread + price * count };
        if (beatsLowest) lowestSd = { ...plan, objective: spread };
      }
      if (count < maxMoves) visit(i + 1);
      chosen.pop();
      memoryMoved -= vm.memoryMb;
      loads[home] = saved.from;
      loads[move.to] = saved.to;
      sum = saved.sum;
      squares = saved.squares;
    }
  };
  if (maxMoves > 0) visit(0);
  return { best, lowestSd, setsVisited: visited };
}

export type { Fleet };
