/**
 * DRS-style greedy (vSphere DRS, classic; the anchors' "one move at a time" loop): in each pass evaluate
 * every single move of every guest to every host against the current placement, take the one with the
 * lowest resulting sd, repeat while it lowers the sd, at most k moves; the shared hard constraints apply.
 * - `threshold: 3` is DRS's default migration threshold: recommendations are made while the sd exceeds
 *   (5 − 3) / (10·√N) (the KB priority formula, see the anchors). MinGoodness and CostBenefit (no public
 *   defaults) are left out.
 * - `threshold: 'none'` takes every improvement, however small (the plain greedy loop).
 * With `keepMax` a move may also not raise the highest load above today's (the planner's guard), which
 * makes it the exact solver's problem: the benchmark uses that to show what the planner adds over greedy.
 */
import { maxOf, movable, sdOf, type Fleet } from '../fleet.ts';
import { BaselineState, type BaselineRun } from './baseline-state.ts';

export function drsGreedy(fleet: Fleet, maxMoves: number, threshold: 3 | 'none', keepMax = false): BaselineRun {
  const state = new BaselineState(fleet);
  const cap = maxOf(fleet, state.loads) + 1e-12;
  const target = threshold === 'none' ? 0 : (5 - threshold) / (10 * Math.sqrt(Math.max(1, fleet.activeCount)));
  while (state.moves.length < maxMoves && sdOf(fleet, state.loads) > target) {
    let best: { guest: number; to: number; sd: number } | null = null;
    const current = sdOf(fleet, state.loads);
    fleet.guests.forEach((_vm, guest) => {
      if (!movable(fleet, guest) || state.position[guest] !== fleet.home[guest]) return;
      fleet.hostNames.forEach((_name, to) => {
        if (!state.allowed({ guest, to })) return;
        const loads = state.loadsAfter({ guest, to });
        if (keepMax && maxOf(fleet, loads) > cap) return;
        const sd = sdOf(fleet, loads);
        if (sd < current - 1e-12 && (best === null || sd < best.sd - 1e-12)) best = { guest, to, sd };
      });
    });
    if (best === null) break;
    const { guest, to } = best;
    state.apply({ guest, to });
  }
  return { name: `drs(${threshold === 'none' ? 'every gain' : `threshold ${threshold}`})`, moves: state.moves };
}
