/**
 * OpenStack Watcher `workload_stabilization` (watcher/decision_engine/strategy/strategies/
 * workload_stabilization.py), CPU metric only, its defaults: threshold 0.1 on the CPU sd, weight 1.0.
 * - simulate_migrations: for each available host (name order) and each of its active, not excluded
 *   instances, try the destinations `host_choice` yields; every one that beats the best sd so far for
 *   that instance (starting from the current sd) is recorded; the list is sorted by that sd.
 * - do_execute: walk the list; skip what the target cannot take (Watcher checks disk only; here the
 *   shared hard constraints); re-simulate on the updated loads; accept if below the best accepted sd
 *   (starting at 1, as in Watcher); stop as soon as a simulated sd is under the threshold.
 * Deviations: `retry` (random destination, the default) is replaced by Watcher's own deterministic
 * `cycle` choice (and `fullsearch` is reported too); an instance already moved is skipped (Watcher would
 * "migrate" it again from its old host); at most k moves. Pinned or ineligible guests count as excluded.
 */
import { movable, sdOf, type Fleet } from '../fleet.ts';
import { BaselineState, type BaselineRun } from './baseline-state.ts';

export type WatcherHostChoice = 'cycle' | 'fullsearch';

const THRESHOLD = 0.1;

export function watcherStabilization(fleet: Fleet, maxMoves: number, hostChoice: WatcherHostChoice): BaselineRun {
  const state = new BaselineState(fleet);
  const name = `watcher(${hostChoice})`;
  const currentSd = sdOf(fleet, state.loads);
  if (currentSd <= THRESHOLD || maxMoves === 0) return { name, moves: [] };
  const nodes = state.activeHosts();
  const candidates: { guest: number; to: number; value: number }[] = [];
  for (const source of nodes) {
    const others = nodes.filter((host) => host !== source);
    let cursor = 0;
    for (const guest of state.guestsOn(source)) {
      if (!movable(fleet, guest)) continue;
      let best = currentSd;
      const destinations = hostChoice === 'cycle' ? [others[cursor++ % others.length]!] : others;
      for (const to of destinations) {
        const value = sdOf(fleet, state.loadsAfter({ guest, to }));
        if (value < best) {
          best = value;
          candidates.push({ guest, to, value });
        }
      }
    }
  }
  candidates.sort((a, b) => a.value - b.value);
  let minSd = 1;
  for (const candidate of candidates) {
    if (state.moves.length >= maxMoves) break;
    const move = { guest: candidate.guest, to: candidate.to };
    if (state.position[move.guest] !== fleet.home[move.guest] || !state.allowed(move)) continue;
    const value = sdOf(fleet, state.loadsAfter(move));
    if (value < minSd) {
      minSd = value;
      state.apply(move);
    }
    if (value < THRESHOLD) break;
  }
  return { name, moves: state.moves };
}
