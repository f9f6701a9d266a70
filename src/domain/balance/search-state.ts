import type { BalanceModel } from './balance-model.ts';

/** Objectives closer than this are equal; the tie-breaks (fewer moves, less memory) decide. */
export const OBJECTIVE_TIE = 1e-12;
/** Rounding slack for capacity comparisons (memory in MB, loads as fractions). */
export const CAPACITY_SLACK = 1e-9;
const LOAD_CAP_SLACK = 1e-12;

/**
 * The placement being improved, with everything a candidate needs kept incrementally so that one
 * candidate costs O(1): per-host load and memory, the sum and the sum of squares of the active hosts'
 * loads (variance = Σx²/n − (Σx/n)²), the move count, and per (host, group) occupancy for anti-affinity.
 * Each atom keeps its hosts sorted by load so the best target of a move is found without a full scan.
 */
export interface SearchState {
  readonly model: BalanceModel;
  readonly maxMoves: number;
  /** Objective = spread + price × moves (price: the minimum gain per move, see BalanceOptions). */
  readonly price: number;
  /** The highest load before the plan: no host may end above it. */
  readonly loadCap: number;
  readonly position: Int32Array;
  readonly load: Float64Array;
  readonly usedMemory: Float64Array;
  sum: number;
  sumSquares: number;
  moves: number;
  memoryMoved: number;
  /** Guests away from home, in the order they were first moved (the sequencer's preferred order). */
  readonly moved: Set<number>;
  readonly groupTotal: Map<number, number>;
  readonly groupSameHome: Map<number, number>;
  readonly atomOrder: readonly Int32Array[];
  readonly atomRank: Int32Array;
  /** Candidates scored so far: the unit of the search's work budget (deterministic, unlike a clock). */
  evaluations: number;
}

/**
 * A placement's score; `guest`/`target` name the relocation that leads to it (-1 for none). The spread
 * is Σ(load − mean)² over the active hosts (n × variance): for a fixed n, lower spread is lower sd.
 */
export interface Candidate {
  guest: number;
  target: number;
  objective: number;
  spread: number;
  moves: number;
  memoryMoved: number;
}

export function emptyCandidate(): Candidate {
  return { guest: -1, target: -1, objective: Infinity, spread: Infinity, moves: 0, memoryMoved: 0 };
}

export function createSearchState(model: BalanceModel, maxMoves: number, price: number): SearchState {
  const hostCount = model.hostNames.length;
  const load = new Float64Array(hostCount);
  const usedMemory = new Float64Array(hostCount);
  const demandSum = new Float64Array(hostCount);
  const groupTotal = new Map<number, number>();
  const groupSameHome = new Map<number, number>();
  model.home.forEach((host, guest) => {
    demandSum[host] = (demandSum[host] ?? 0) + (model.demand[guest] ?? 0);
    usedMemory[host] = (usedMemory[host] ?? 0) + (model.memory[guest] ?? 0);
    const group = model.group[guest] ?? -1;
    if (group >= 0) {
      increment(groupTotal, host * model.groupCount + group, 1);
      increment(groupSameHome, (host * model.groupCount + group) * hostCount + host, 1);
    }
  });
  let loadCap = 0;
  for (let host = 0; host < hostCount; host++) {
    load[host] = (demandSum[host] ?? 0) / (model.cores[host] ?? 1);
    if (model.active[host] === 1) loadCap = Math.max(loadCap, load[host] ?? 0);
  }
  const atomOrder = model.atoms.map((hosts) => Int32Array.from(hosts));
  const atomRank = new Int32Array(hostCount).fill(-1);
  const state: SearchState = {
    model,
    maxMoves,
    price,
    loadCap: loadCap + LOAD_CAP_SLACK,
    position: Int32Array.from(model.home),
    load,
    usedMemory,
    sum: 0,
    sumSquares: 0,
    moves: 0,
    memoryMoved: 0,
    moved: new Set(),
    groupTotal,
    groupSameHome,
    atomOrder,
    atomRank,
    evaluations: 0,
  };
  for (const order of atomOrder) {
    order.sort((a, b) => compareLoad(state, a, b));
    order.forEach((host, rank) => (atomRank[host] = rank));
  }
  recomputeSums(state);
  return state;
}

/** The current placement's score. */
export function currentCandidate(state: SearchState): Candidate {
  const spread = spreadFromSums(state.model.activeCount, state.sum, state.sumSquares);
  return {
    guest: -1,
    target: -1,
    objective: spread + state.price * state.moves,
    spread,
    moves: state.moves,
    memoryMoved: state.memoryMoved,
  };
}

/** Lower objective; on a tie fewer moves; then less memory moved. */
export function isBetter(a: Candidate, b: Candidate): boolean {
  if (a.objective < b.objective - OBJECTIVE_TIE) return true;
  if (a.objective > b.objective + OBJECTIVE_TIE) return false;
  if (a.moves !== b.moves) return a.moves < b.moves;
  return a.memoryMoved < b.memoryMoved - CAPACITY_SLACK;
}

/**
 * Scores moving `guest` from where it is now to `target` (its home = cancelling its move) into `out`;
 * false when the move breaks the budget, memory, the load cap (unless `overCap`: a pair's first half may
 * pass it if the second brings the host back) or anti-affinity. Processor and version compatibility are
 * the caller's: it only offers allowed targets.
 */
export function evaluateRelocation(
  state: SearchState,
  guest: number,
  target: number,
  out: Candidate,
  overCap = false,
): boolean {
  const { model } = state;
  state.evaluations += 1;
  const from = state.position[guest] ?? -1;
  const home = model.home[guest] ?? -1;
  if (target === from) return false;
  const moves = state.moves + (from === home ? 1 : 0) - (target === home ? 1 : 0);
  if (moves > state.maxMoves) return false;
  const memory = model.memory[guest] ?? 0;
  if ((state.usedMemory[target] ?? 0) + memory > (model.memoryCap[target] ?? 0) + CAPACITY_SLACK) return false;
  const demand = model.demand[guest] ?? 0;
  let sum = state.sum;
  let sumSquares = state.sumSquares;
  if (model.active[target] === 1) {
    const before = state.load[target] ?? 0;
    const share = demand / (model.cores[target] ?? 1);
    const after = before + share;
    if (after > state.loadCap && share > 0 && !overCap) return false;
    sum += share;
    sumSquares += after * after - before * before;
  }
  if (model.active[from] === 1) {
    const before = state.load[from] ?? 0;
    const share = demand / (model.cores[from] ?? 1);
    const after = before - share;
    sum -= share;
    sumSquares += after * after - before * before;
  }
  if (!groupAllows(state, guest, target)) return false;
  const spread = spreadFromSums(model.activeCount, sum, sumSquares);
  out.guest = guest;
  out.target = target;
  out.spread = spread;
  out.moves = moves;
  out.objective = spread + state.price * moves;
  out.memoryMoved = state.memoryMoved + (from === home ? memory : 0) - (target === home ? memory : 0);
  return true;
}

/** No guest of the group on `target` that did not share `guest`'s home host before the plan. */
export function groupAllows(state: SearchState, guest: number, target: number): boolean {
  const { model } = state;
  const group = model.group[guest] ?? -1;
  if (group < 0) return true;
  const slot = target * model.groupCount + group;
  const total = state.groupTotal.get(slot) ?? 0;
  if (total === 0) return true;
  const same = state.groupSameHome.get(slot * model.hostNames.length + (model.home[guest] ?? 0)) ?? 0;
  return total === same;
}

/**
 * Moves `guest` to `target`. With `reorder` false the atom order is left stale for the two hosts
 * (the pair search skips them in atom walks and offers them explicitly, then restores).
 */
export function relocate(state: SearchState, guest: number, target: number, reorder: boolean): void {
  const { model } = state;
  const from = state.position[guest] ?? -1;
  const home = model.home[guest] ?? -1;
  const demand = model.demand[guest] ?? 0;
  const memory = model.memory[guest] ?? 0;
  shiftLoad(state, from, -demand);
  shiftLoad(state, target, demand);
  state.usedMemory[from] = (state.usedMemory[from] ?? 0) - memory;
  state.usedMemory[target] = (state.usedMemory[target] ?? 0) + memory;
  const group = model.group[guest] ?? -1;
  if (group >= 0) {
    const hostCount = model.hostNames.length;
    increment(state.groupTotal, from * model.groupCount + group, -1);
    increment(state.groupSameHome, (from * model.groupCount + group) * hostCount + home, -1);
    increment(state.groupTotal, target * model.groupCount + group, 1);
    increment(state.groupSameHome, (target * model.groupCount + group) * hostCount + home, 1);
  }
  if (from === home) {
    state.moves += 1;
    state.memoryMoved += memory;
    state.moved.add(guest);
  }
  if (target === home) {
    state.moves -= 1;
    state.memoryMoved -= memory;
    state.moved.delete(guest);
  }
  state.position[guest] = target;
  if (reorder) {
    reposition(state, from);
    reposition(state, target);
  }
}

/** Exact sums again, so rounding from many incremental updates never accumulates. */
export function recomputeSums(state: SearchState): void {
  let sum = 0;
  let sumSquares = 0;
  state.load.forEach((load, host) => {
    if (state.model.active[host] !== 1) return;
    sum += load;
    sumSquares += load * load;
  });
  state.sum = sum;
  state.sumSquares = sumSquares;
}

/** Σ(x − mean)² = Σx² − (Σx)²/n, never negative. */
export function spreadFromSums(count: number, sum: number, sumSquares: number): number {
  if (count === 0) return 0;
  const spread = sumSquares - (sum * sum) / count;
  return spread > 0 ? spread : 0;
}

function shiftLoad(state: SearchState, host: number, demand: number): void {
  const { model } = state;
  const before = state.load[host] ?? 0;
  const after = before + demand / (model.cores[host] ?? 1);
  state.load[host] = after;
  if (model.active[host] !== 1) return;
  state.sum += after - before;
  state.sumSquares += after * after - before * before;
}

/** Insertion step: the host's load changed, move it to its place in its atom (ties by index). */
function reposition(state: SearchState, host: number): void {
  const atom = state.model.atomOf[host] ?? -1;
  if (atom < 0) return;
  const order = state.atomOrder[atom] as Int32Array;
  let rank = state.atomRank[host] ?? 0;
  while (rank > 0 && compareLoad(state, order[rank - 1] ?? 0, host) > 0) {
    const other = order[rank - 1] ?? 0;
    order[rank] = other;
    state.atomRank[other] = rank;
    rank -= 1;
  }
  while (rank < order.length - 1 && compareLoad(state, order[rank + 1] ?? 0, host) < 0) {
    const other = order[rank + 1] ?? 0;
    order[rank] = other;
    state.atomRank[other] = rank;
    rank += 1;
  }
  order[rank] = host;
  state.atomRank[host] = rank;
}

function compareLoad(state: SearchState, a: number, b: number): number {
  const difference = (state.load[a] ?? 0) - (state.load[b] ?? 0);
  return difference !== 0 ? difference : a - b;
}

function increment(map: Map<number, number>, key: number, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next === 0) map.delete(key);
  else map.set(key, next);
}
