/**
 * ProxLB-style balancing (gyptazy/ProxLB, method cpu, mode used): while the balanciness — highest minus
 * lowest node load in percentage points — exceeds the threshold (10, the code default), take the most
 * loaded node's guests, smaller first (`balance_larger_guests_first: false`), and move each to the most
 * free node, recomputing after every move; leave the node when it is no longer the most loaded or the
 * cluster is balanced. Here "most free" is the least loaded node the shared hard constraints allow, and
 * at most k moves. Maintenance nodes are not evacuated (that is not balancing).
 */
import { movable, type Fleet } from '../fleet.ts';
import { BaselineState, type BaselineRun } from './baseline-state.ts';

const BALANCINESS = 10;

export function proxlbBalance(fleet: Fleet, maxMoves: number): BaselineRun {
  const state = new BaselineState(fleet);
  const spread = (): number => {
    const loads = state.activeHosts().map((host) => state.loads[host] ?? 0);
    return loads.length === 0 ? 0 : (Math.max(...loads) - Math.min(...loads)) * 100;
  };
  const mostLoaded = (): number =>
    state.activeHosts().reduce((a, b) => ((state.loads[b] ?? 0) > (state.loads[a] ?? 0) ? b : a));
  while (state.moves.length < maxMoves && state.activeHosts().length > 1 && spread() > BALANCINESS) {
    const source = mostLoaded();
    const guests = state
      .guestsOn(source)
      .filter((guest) => movable(fleet, guest) && state.position[guest] === fleet.home[guest])
      .sort((a, b) => (fleet.guests[a]?.cpuDemand ?? 0) - (fleet.guests[b]?.cpuDemand ?? 0) || a - b);
    let movedAny = false;
    for (const guest of guests) {
      const targets = state
        .activeHosts()
        .filter((to) => to !== source && state.allowed({ guest, to }))
        .sort((a, b) => (state.loads[a] ?? 0) - (state.loads[b] ?? 0) || a - b);
      const to = targets[0];
      if (to === undefined) continue;
      state.apply({ guest, to });
      movedAny = true;
      if (state.moves.length >= maxMoves || mostLoaded() !== source || spread() <= BALANCINESS) break;
    }
    if (!movedAny) break;
  }
  return { name: 'proxlb', moves: state.moves };
}
