import { mayMoveOnline } from './balance-model.ts';
import { scanRelocations } from './scan-relocations.ts';
import {
  emptyCandidate,
  evaluateRelocation,
  isBetter,
  relocate,
  type Candidate,
  type SearchState,
} from './search-state.ts';

export interface PairMove {
  readonly firstGuest: number;
  readonly firstTarget: number;
  /** The second relocation and the score of the placement after both. */
  readonly second: Candidate;
}

/**
 * The best combination of two relocations, for when no single one helps: a swap (two guests exchange
 * hosts), a chain (make room on a host, then fill it), or a replacement (cancel a chosen move, make a
 * better one). The first relocation may make things worse on its own. On a big fleet it is taken from
 * the guests on the `width` most and least loaded hosts and the moved guests, to those hosts and each
 * atom's best; the second from the same guests plus those on the two hosts the first one touched.
 */
export function scanPairs(
  state: SearchState,
  width: number,
  tabu: ReadonlySet<number>,
  tabuPairs: ReadonlySet<string>,
): PairMove | null {
  const { model } = state;
  const focus = focusHosts(state, width);
  const base = [...new Set([...guestsOn(state, focus), ...state.moved])].sort((a, b) => a - b);
  const inBase = new Set(base);
  const probe = emptyCandidate();
  const second = emptyCandidate();
  let best: PairMove | null = null;
  for (const guest of base) {
    if (model.movable[guest] !== 1) continue;
    const from = state.position[guest] ?? 0;
    const home = model.home[guest] ?? 0;
    for (const target of firstTargets(state, guest, focus)) {
      if (target !== home && !mayMoveOnline(model, home, target)) continue;
      if (!evaluateRelocation(state, guest, target, probe, true)) continue;
      const saved = save(state, guest, from, target);
      relocate(state, guest, target, false);
      const overCap = model.active[target] === 1 && (state.load[target] ?? 0) > state.loadCap;
      const guests = [...base, ...guestsOn(state, [from, target]).filter((other) => !inBase.has(other))].filter(
        (other) => other !== guest,
      );
      Object.assign(second, emptyCandidate());
      const scope = { extraTargets: [from, target], staleHosts: [from, target], tabu };
      if (overCap) {
        const onTarget = guestsOn(state, [target]).filter((other) => other !== guest);
        scanRelocations(state, onTarget, { ...scope, relieve: target }, second, probe);
      } else {
        scanRelocations(state, guests, scope, second, probe);
      }
      restore(state, saved);
      if (second.guest < 0) continue;
      if (best !== null && !isBetter(second, best.second)) continue;
      if (tabuPairs.has(pairKey(guest, target, second.guest, second.target))) continue;
      best = { firstGuest: guest, firstTarget: target, second: { ...second } };
    }
  }
  return best;
}

export function pairKey(firstGuest: number, firstTarget: number, secondGuest: number, secondTarget: number): string {
  return `${firstGuest}>${firstTarget},${secondGuest}>${secondTarget}`;
}

/** Every host on a small fleet; else the `width` most and least loaded active hosts. */
function focusHosts(state: SearchState, width: number): number[] {
  const { model } = state;
  const all = model.hostNames.map((_name, host) => host);
  if (all.length <= 2 * width) return all;
  const active = all
    .filter((host) => model.active[host] === 1)
    .sort((a, b) => (state.load[b] ?? 0) - (state.load[a] ?? 0) || a - b);
  const picked = new Set([...active.slice(0, width), ...active.slice(-width)]);
  return all.filter((host) => picked.has(host));
}

/** Targets for a first relocation: its home (cancel), the focus hosts, and each atom's least loaded host. */
function firstTargets(state: SearchState, guest: number, focus: readonly number[]): number[] {
  const { model } = state;
  const home = model.home[guest] ?? 0;
  const from = state.position[guest] ?? 0;
  const targets = new Set<number>(focus);
  if (from !== home) targets.add(home);
  for (const atom of model.destinationAtoms[model.classOf[home] ?? 0] ?? []) {
    const order = state.atomOrder[atom] ?? [];
    const least = order[0] === from || order[0] === home ? order[1] : order[0];
    if (least !== undefined) targets.add(least);
  }
  targets.delete(from);
  return [...targets].sort((a, b) => a - b);
}

/** Guests now on `hosts`, in index order. */
function guestsOn(state: SearchState, hosts: readonly number[]): number[] {
  const found: number[] = [];
  for (const host of hosts) {
    for (const guest of state.model.guestsByHome[host] ?? []) if (state.position[guest] === host) found.push(guest);
  }
  for (const guest of state.moved) if (hosts.includes(state.position[guest] ?? -1)) found.push(guest);
  return [...new Set(found)].sort((a, b) => a - b);
}

interface Saved {
  readonly guest: number;
  readonly from: number;
  readonly target: number;
  readonly loads: readonly [number, number];
  readonly memory: readonly [number, number];
  readonly sum: number;
  readonly sumSquares: number;
  readonly memoryMoved: number;
}

function save(state: SearchState, guest: number, from: number, target: number): Saved {
  return {
    guest,
    from,
    target,
    loads: [state.load[from] ?? 0, state.load[target] ?? 0],
    memory: [state.usedMemory[from] ?? 0, state.usedMemory[target] ?? 0],
    sum: state.sum,
    sumSquares: state.sumSquares,
    memoryMoved: state.memoryMoved,
  };
}

/** Undoes a temporary relocation bit for bit, so the atom orders stay valid without re-sorting. */
function restore(state: SearchState, saved: Saved): void {
  relocate(state, saved.guest, saved.from, false);
  state.load[saved.from] = saved.loads[0];
  state.load[saved.target] = saved.loads[1];
  state.usedMemory[saved.from] = saved.memory[0];
  state.usedMemory[saved.target] = saved.memory[1];
  state.sum = saved.sum;
  state.sumSquares = saved.sumSquares;
  state.memoryMoved = saved.memoryMoved;
}
