import { mayMoveOnline } from './balance-model.ts';
import {
  evaluateRelocation,
  isBetter,
  OBJECTIVE_TIE,
  spreadFromSums,
  type Candidate,
  type SearchState,
} from './search-state.ts';

/** How far an atom walk goes past hosts that lack memory or break anti-affinity before giving up. */
const WALK_LIMIT = 64;

export interface ScanScope {
  /** Hosts to offer as targets besides each atom's best (e.g. the hosts a pair's first move touched). */
  readonly extraTargets: readonly number[];
  /** Hosts whose place in their atom's order is stale: skipped in atom walks, offered via extraTargets. */
  readonly staleHosts: readonly number[];
  /** Relocations barred (could not be scheduled, or cancelled for a refill). Key: guest * hostCount + target. */
  readonly tabu: ReadonlySet<number>;
  /** A host above the load cap (a pair's first half put it there): only moves off it that fix that count. */
  readonly relieve?: number;
}

/**
 * The best single relocation of any of `guests` (new move, new target for a moved guest, or cancelling
 * its move) into `best`, which it only ever improves. Exact within that neighbourhood: a target in an
 * atom changes the variance by (2·L·b + b²)/n − … with the same b = demand / cores for every host of the
 * atom, which grows with the host's load L, so the least loaded host of an atom that has the memory and
 * keeps the groups apart is the atom's best target, and the first one above the load cap ends the walk.
 * (The walk passes at most WALK_LIMIT hosts that lack memory or hold a group member, a bound for fleets
 * where memory is short everywhere; the benchmark fleets plan the same without it.)
 */
export function scanRelocations(
  state: SearchState,
  guests: ArrayLike<number>,
  scope: ScanScope,
  best: Candidate,
  probe: Candidate,
): void {
  const { model } = state;
  const hostCount = model.hostNames.length;
  const budgetLeft = state.moves < state.maxMoves;
  const bound = boundContext(state, scope);
  for (let index = 0; index < guests.length; index++) {
    const guest = guests[index] ?? 0;
    if (model.movable[guest] !== 1) continue;
    const from = state.position[guest] ?? 0;
    const home = model.home[guest] ?? 0;
    if (from === home && !budgetLeft) continue;
    if (scope.relieve !== undefined) {
      if (from !== scope.relieve) continue;
      const left = (state.load[from] ?? 0) - (model.demand[guest] ?? 0) / (model.cores[from] ?? 1);
      if (left > state.loadCap) continue;
    }
    if (from !== home && evaluateRelocation(state, guest, home, probe)) offer(probe, best, scope, hostCount);
    const demand = model.demand[guest] ?? 0;
    if (from === home && newMoveBound(state, bound, guest) > best.objective + OBJECTIVE_TIE) continue;
    const atoms = model.destinationAtoms[model.classOf[home] ?? 0] ?? [];
    for (let a = 0; a < atoms.length; a++) {
      const order = state.atomOrder[atoms[a] ?? 0] ?? [];
      let misses = 0;
      for (let rank = 0; rank < order.length && misses < WALK_LIMIT; rank++) {
        const target = order[rank] ?? 0;
        if (target === from || target === home || scope.staleHosts.includes(target)) continue;
        if ((state.load[target] ?? 0) + demand / (model.cores[target] ?? 1) > state.loadCap) break;
        if (evaluateRelocation(state, guest, target, probe)) {
          if (offer(probe, best, scope, hostCount)) break;
          // The atom's best is tabu: the next host may still serve.
          continue;
        }
        misses += 1;
      }
    }
    for (const target of scope.extraTargets) {
      if (target === home || !mayMoveOnline(model, home, target)) continue;
      if (evaluateRelocation(state, guest, target, probe)) offer(probe, best, scope, hostCount);
    }
  }
}

interface BoundContext {
  readonly objective: number;
  readonly mean: number;
  readonly minLoad: number;
}

function boundContext(state: SearchState, scope: ScanScope): BoundContext {
  const { model } = state;
  let minLoad = Infinity;
  for (const order of state.atomOrder) {
    // Only stale hosts can be out of place, so the first non-stale host is the least loaded of the rest.
    for (let rank = 0; rank < order.length && rank < 3; rank++)
      minLoad = Math.min(minLoad, state.load[order[rank] ?? 0] ?? 0);
  }
  for (const host of scope.staleHosts) if (model.active[host] === 1) minLoad = Math.min(minLoad, state.load[host] ?? 0);
  const count = Math.max(1, model.activeCount);
  return {
    objective: spreadFromSums(model.activeCount, state.sum, state.sumSquares) + state.price * state.moves,
    mean: state.sum / count,
    minLoad,
  };
}

/**
 * A lower bound on the objective after moving an unmoved guest anywhere, so most guests are dismissed
 * in O(1) once a good candidate is known. With a = d/cores(from) (0 from a host in maintenance), b =
 * d/cores(to), μ the mean load: Δspread = −2a(L_from − μ) + a² + 2b(L_to − μ) + b² − (b − a)²/n, and
 * L_to is at least the least load of any active host, b lies between d/(most cores) and d/(fewest cores).
 */
function newMoveBound(state: SearchState, bound: BoundContext, guest: number): number {
  const { model } = state;
  const from = state.position[guest] ?? 0;
  const demand = model.demand[guest] ?? 0;
  const a = model.active[from] === 1 ? demand / (model.cores[from] ?? 1) : 0;
  const source = model.active[from] === 1 ? a * a - 2 * a * ((state.load[from] ?? 0) - bound.mean) : 0;
  const low = demand / model.maxCores;
  const high = demand / model.minCores;
  const b = Math.min(high, Math.max(low, bound.mean - bound.minLoad));
  const target = 2 * b * (bound.minLoad - bound.mean) + b * b;
  const correction = Math.max((high - a) ** 2, (low - a) ** 2) / Math.max(1, model.activeCount);
  return bound.objective + source + target - correction + state.price;
}

/** Takes `probe` into `best` when better; true unless it was tabu. */
function offer(probe: Candidate, best: Candidate, scope: ScanScope, hostCount: number): boolean {
  if (scope.tabu.size > 0 && scope.tabu.has(probe.guest * hostCount + probe.target)) return false;
  if (isBetter(probe, best)) Object.assign(best, probe);
  return true;
}
