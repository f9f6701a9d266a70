import { buildBalanceModel, type BalanceModel } from './balance-model.ts';
import {
  DEFAULT_MIN_GAIN_PER_MOVE,
  DEFAULT_PAIR_HOSTS,
  DEFAULT_SEARCH_EFFORT,
  type BalanceMove,
  type BalanceOptions,
  type BalanceResult,
  type BalanceSnapshot,
  type HostLoad,
} from './balance-types.ts';
import { hostLoads, loadFigures } from './load-figures.ts';
import { describeMove } from './describe-move.ts';
import { plannedMoves, searchPlan } from './search-plan.ts';
import { createSearchState } from './search-state.ts';
import { scheduleMoves, type ScheduledMove } from './schedule-moves.ts';

const ROUNDING = 1e-12;

/**
 * Load-balancing suggestions for a snapshot (`balance` in README.md, "Command line"): at most `maxMoves` online moves
 * that lower the population sd of CPU load over the hosts not in maintenance, each paying at least
 * `minGainPerMove` (in spread, see BalanceOptions), never raising the highest load, every move valid at
 * every round boundary.
 * Pure and deterministic: hosts and guests are taken in name order, so input order does not matter.
 */
export function planBalance(snapshot: BalanceSnapshot, options: BalanceOptions): BalanceResult {
  const model = buildBalanceModel(snapshot);
  const maxMoves = Math.max(0, Math.floor(options.maxMoves));
  const price = Math.max(0, options.minGainPerMove ?? DEFAULT_MIN_GAIN_PER_MOVE);
  const state = createSearchState(model, maxMoves, price);
  const limits = {
    pairWidth: options.pairHosts ?? DEFAULT_PAIR_HOSTS,
    effort: options.searchEffort ?? DEFAULT_SEARCH_EFFORT,
  };
  const order = maxMoves > 0 && model.activeCount > 1 ? searchPlan(state, limits) : [];
  const initialLoads = hostLoads(model, model.home);
  const before = loadFigures(model, initialLoads);
  let scheduled = scheduleMoves(model, plannedMoves(state, order)) ?? [];
  let finalLoads = hostLoads(model, positionsAfter(model, scheduled));
  let after = loadFigures(model, finalLoads);
  // Belt and braces: the search only accepts improvements, but a plan must never make things worse
  // (the slack only absorbs rounding: a host may end exactly at the old maximum).
  if (after.cpuStdDev > before.cpuStdDev || after.maxCpuLoad > before.maxCpuLoad + ROUNDING) {
    scheduled = [];
    finalLoads = initialLoads;
    after = before;
  }
  return {
    moves: scheduled.map((move) => toBalanceMove(model, move)),
    before,
    after,
    reasons: describeMoves(model, scheduled, initialLoads),
    hosts: model.hostNames.map((host, index): HostLoad => ({
      host,
      maintenance: model.active[index] !== 1,
      cpuCores: model.cores[index] ?? 0,
      before: initialLoads[index] ?? 0,
      after: finalLoads[index] ?? 0,
    })),
  };
}

function positionsAfter(model: BalanceModel, moves: readonly ScheduledMove[]): Int32Array {
  const position = Int32Array.from(model.home);
  for (const move of moves) position[move.guest] = move.to;
  return position;
}

function toBalanceMove(model: BalanceModel, move: ScheduledMove): BalanceMove {
  return {
    vm: model.guestNames[move.guest] ?? '',
    from: model.hostNames[move.from] ?? '',
    to: model.hostNames[move.to] ?? '',
    mode: 'online',
    round: move.round,
  };
}

/** Each move's effect on its two hosts, applying the moves in the order given. */
function describeMoves(model: BalanceModel, moves: readonly ScheduledMove[], initialLoads: Float64Array): string[] {
  const loads = Float64Array.from(initialLoads);
  return moves.map((move) => {
    const demand = model.demand[move.guest] ?? 0;
    const fromBefore = loads[move.from] ?? 0;
    const toBefore = loads[move.to] ?? 0;
    loads[move.from] = fromBefore - demand / (model.cores[move.from] ?? 1);
    loads[move.to] = toBefore + demand / (model.cores[move.to] ?? 1);
    return describeMove(
      { host: model.hostNames[move.from] ?? '', before: fromBefore, after: loads[move.from] ?? 0 },
      { host: model.hostNames[move.to] ?? '', before: toBefore, after: loads[move.to] ?? 0 },
      model.active[move.from] !== 1,
    );
  });
}
