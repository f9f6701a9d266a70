import { pairKey, scanPairs, type PairMove } from './scan-pairs.ts';
import { scanRelocations } from './scan-relocations.ts';
import {
  currentCandidate,
  emptyCandidate,
  isBetter,
  recomputeSums,
  relocate,
  type Candidate,
  type SearchState,
} from './search-state.ts';
import { scheduleMoves, type PlannedMove } from './schedule-moves.ts';

interface DescentLimits {
  readonly pairWidth: number;
  /** Evaluation count after which the optional lookahead stops. */
  readonly stopAt: number;
}

export interface SearchLimits {
  readonly pairWidth: number;
  /** Evaluations the ruin-and-refill phase may spend (see BalanceOptions.searchEffort). */
  readonly effort: number;
}

/**
 * Improves the placement in `state` and returns the moved guests in the order they were first chosen.
 * 1. Descent to a local optimum (descend()).
 * 2. Ruin and refill: cancel a few of the chosen moves, forbid exactly those for the refill, descend
 *    again; keep the result only if it is better. This escapes the optima a one-move-at-a-time greedy
 *    gets stuck in (two good moves where a different pair was better). It runs until a full round of
 *    ruins finds nothing or the effort budget is spent: deterministic, since it counts evaluations.
 */
export function searchPlan(state: SearchState, limits: SearchLimits): number[] {
  const search = { pairWidth: limits.pairWidth, stopAt: state.evaluations + limits.effort };
  const order: number[] = [];
  descend(state, order, new Set(), search);
  let best = savePlan(state, order);
  let improved = true;
  while (improved && state.evaluations < search.stopAt) {
    improved = false;
    for (const ruin of ruins(best.order)) {
      if (state.evaluations >= search.stopAt) break;
      const better = ruinAndRefill(state, best, ruin, search);
      if (better === null) continue;
      best = better;
      improved = true;
      break;
    }
  }
  return [...best.order];
}

interface SavedPlan {
  readonly order: readonly number[];
  readonly targets: readonly number[];
  readonly score: Candidate;
}

function savePlan(state: SearchState, order: readonly number[]): SavedPlan {
  return {
    order: [...order],
    targets: order.map((guest) => state.position[guest] ?? 0),
    score: currentCandidate(state),
  };
}

/** Cancels `ruin`'s moves, bars them, descends; the better plan, or null with `best` put back. */
function ruinAndRefill(
  state: SearchState,
  best: SavedPlan,
  ruin: readonly number[],
  search: DescentLimits,
): SavedPlan | null {
  const hostCount = state.model.hostNames.length;
  const tabu = new Set(ruin.map((guest) => guest * hostCount + (state.position[guest] ?? 0)));
  for (const guest of ruin) relocate(state, guest, state.model.home[guest] ?? 0, true);
  recomputeSums(state);
  const order = best.order.filter((guest) => !ruin.includes(guest));
  // Cancelling a move can break the others (it takes back memory a later move needed): skip that ruin.
  if (scheduleMoves(state.model, plannedMoves(state, order)) !== null) {
    descend(state, order, tabu, search);
    descend(state, order, new Set(), search);
    if (
      isBetter(currentCandidate(state), best.score) &&
      scheduleMoves(state.model, plannedMoves(state, order)) !== null
    ) {
      return savePlan(state, order);
    }
  }
  restorePlan(state, order, best.order, best.targets);
  return null;
}

/** The moves of the current placement (home → position) in `order`. */
export function plannedMoves(state: SearchState, order: readonly number[]): PlannedMove[] {
  return order.map((guest) => ({
    guest,
    from: state.model.home[guest] ?? 0,
    to: state.position[guest] ?? 0,
  }));
}

/**
 * Descent: each step takes the best single relocation over every guest (a new move, a new target for a
 * moved guest, or cancelling a move: the last two are how an earlier choice gets replaced); only when
 * none improves does it look at pairs (swaps, chains, cancel-and-replace). Every accepted step must leave
 * the moves runnable in rounds (scheduleMoves), else it is undone and barred. Each accepted step
 * lowers (objective, moves, memory moved) strictly, so it ends; the step cap is a guard.
 */
function descend(state: SearchState, order: number[], tabu: Set<number>, search: DescentLimits): void {
  const { pairWidth } = search;
  const { model } = state;
  const hostCount = model.hostNames.length;
  const tabuPairs = new Set<string>();
  const best = emptyCandidate();
  const probe = emptyCandidate();
  const limit = 4 * state.maxMoves + 4 * model.guestNames.length + 16;
  for (let step = 0; step < limit; step++) {
    const current = currentCandidate(state);
    Object.assign(best, emptyCandidate());
    scanRelocations(state, hottestFirst(state), { extraTargets: [], staleHosts: [], tabu }, best, probe);
    const singleGain = best.guest >= 0 && isBetter(best, current) ? current.objective - best.objective : 0;
    if (state.moves + 2 <= state.maxMoves && state.evaluations < search.stopAt) {
      // Lookahead while the effort lasts: a pair (a chain or swap the greedy would never build) goes
      // first when it ends better than the greedy's next two single moves.
      const pair = scanPairs(state, pairWidth, tabu, tabuPairs);
      if (pair !== null && current.objective - pair.second.objective > singleGain) {
        const twoSingles = singleGain > 0 ? afterTwoSingles(state, best, tabu) : current;
        if (isBetter(pair.second, twoSingles) && tryPair(state, order, pair, tabuPairs)) continue;
      }
    }
    if (singleGain > 0 || (best.guest >= 0 && isBetter(best, current))) {
      const { guest, target } = best;
      if (!commit(state, order, [[guest, target]])) tabu.add(guest * hostCount + target);
      continue;
    }
    const pair = scanPairs(state, pairWidth, tabu, tabuPairs);
    if (pair === null || !isBetter(pair.second, current)) break;
    tryPair(state, order, pair, tabuPairs);
  }
}

/** The score after `first` and then the best single move after it (the state is left as it was). */
function afterTwoSingles(state: SearchState, first: Candidate, tabu: Set<number>): Candidate {
  const { guest, target } = first;
  const from = state.position[guest] ?? 0;
  relocate(state, guest, target, true);
  const second = emptyCandidate();
  scanRelocations(state, hottestFirst(state), { extraTargets: [], staleHosts: [], tabu }, second, emptyCandidate());
  const result = second.guest >= 0 && isBetter(second, currentCandidate(state)) ? second : currentCandidate(state);
  relocate(state, guest, from, true);
  recomputeSums(state);
  return result;
}

/** Commits both halves of a pair, or bars it when the moves could no longer be sequenced. */
function tryPair(state: SearchState, order: number[], pair: PairMove, tabuPairs: Set<string>): boolean {
  const steps: [number, number][] = [
    [pair.firstGuest, pair.firstTarget],
    [pair.second.guest, pair.second.target],
  ];
  if (commit(state, order, steps)) return true;
  tabuPairs.add(pairKey(pair.firstGuest, pair.firstTarget, pair.second.guest, pair.second.target));
  return false;
}

/**
 * Every movable guest, moved ones first, then host by host from the most loaded (hosts in maintenance
 * last): good candidates come early, so the bound in scanRelocations dismisses most of the rest.
 */
function hottestFirst(state: SearchState): Int32Array {
  const { model } = state;
  const hosts = model.hostNames
    .map((_name, host) => host)
    .sort(
      (a, b) => (model.active[b] ?? 0) - (model.active[a] ?? 0) || (state.load[b] ?? 0) - (state.load[a] ?? 0) || a - b,
    );
  const guests = new Int32Array(model.guestNames.length);
  let count = 0;
  for (const guest of state.moved) guests[count++] = guest;
  for (const host of hosts) {
    for (const guest of model.guestsByHome[host] ?? []) {
      if (model.movable[guest] === 1 && state.position[guest] === host) guests[count++] = guest;
    }
  }
  return guests.subarray(0, count);
}

/** Which chosen moves to cancel: every non-empty subset of up to three moves' worth, else each one alone. */
function ruins(order: readonly number[]): number[][] {
  if (order.length > 3) return order.map((guest) => [guest]);
  const subsets: number[][] = [];
  for (let mask = 1; mask < 1 << order.length; mask++) {
    subsets.push(order.filter((_guest, bit) => (mask & (1 << bit)) !== 0));
  }
  return subsets.sort((a, b) => a.length - b.length);
}

/** Puts the placement back to a saved plan (guests in `order` at `targets`, everyone else at home). */
function restorePlan(
  state: SearchState,
  current: readonly number[],
  order: readonly number[],
  targets: readonly number[],
): void {
  for (const guest of current) relocate(state, guest, state.model.home[guest] ?? 0, true);
  order.forEach((guest, index) => relocate(state, guest, targets[index] ?? 0, true));
  recomputeSums(state);
}

/** Applies the relocations; keeps them if the moves can still be sequenced, else puts everything back. */
function commit(state: SearchState, order: number[], steps: readonly [number, number][]): boolean {
  const previousOrder = [...order];
  const previous = steps.map(([guest]) => [guest, state.position[guest] ?? 0] as const);
  for (const [guest, target] of steps) {
    const wasHome = state.position[guest] === state.model.home[guest];
    relocate(state, guest, target, true);
    if (wasHome) order.push(guest);
    else if (target === state.model.home[guest]) order.splice(order.indexOf(guest), 1);
  }
  recomputeSums(state);
  if (scheduleMoves(state.model, plannedMoves(state, order)) !== null) return true;
  for (const [guest, position] of [...previous].reverse()) relocate(state, guest, position, true);
  recomputeSums(state);
  order.splice(0, order.length, ...previousOrder);
  return false;
}
