import type { BalanceModel } from './balance-model.ts';
import { CAPACITY_SLACK } from './search-state.ts';

export interface PlannedMove {
  readonly guest: number;
  readonly from: number;
  readonly to: number;
}

export interface ScheduledMove extends PlannedMove {
  /** 1-based. */
  readonly round: number;
}

/**
 * Rounds for the moves (docs/architecture.md, "Domain rules"), or null when this greedy finds no valid schedule. Within
 * a round each VSP is in at most one move (HP: one online migration per host at a time), so the moves of a round touch
 * disjoint hosts and each can be checked against the placement at the start of the round: its target must
 * have the memory and hold no guest of its anti-affinity group that did not share its home. Hence the
 * placement after every round is valid, not just the final one. Round by round, moves touching the hosts
 * with the most moves left go first (fewer rounds), then the order given. (assignRounds' first fit is not
 * used: it may put a move before the one that frees the memory it needs.)
 */
export function scheduleMoves(model: BalanceModel, moves: readonly PlannedMove[]): ScheduledMove[] | null {
  const hostCount = model.hostNames.length;
  const memory = Float64Array.from(model.initialMemory);
  const groupDelta = new Map<number, number>();
  const initialGroup = new Map<number, number>();
  /** Members of the group living on the host before the plan (counted when first needed). */
  const initialMembers = (host: number, group: number): number => {
    const slot = host * model.groupCount + group;
    let count = initialGroup.get(slot);
    if (count === undefined) {
      count = 0;
      for (const guest of model.guestsByHome[host] ?? []) if (model.group[guest] === group) count += 1;
      initialGroup.set(slot, count);
    }
    return count;
  };
  const groupKey = (slot: number, home: number): number => slot * (hostCount + 1) + home;
  const fits = (move: PlannedMove): boolean => {
    if ((memory[move.to] ?? 0) + (model.memory[move.guest] ?? 0) > (model.memoryCap[move.to] ?? 0) + CAPACITY_SLACK)
      return false;
    const group = model.group[move.guest] ?? -1;
    if (group < 0) return true;
    const home = model.home[move.guest] ?? -1;
    const slot = move.to * model.groupCount + group;
    const initial = initialMembers(move.to, group);
    const total = initial + (groupDelta.get(groupKey(slot, hostCount)) ?? 0);
    const same = (home === move.to ? initial : 0) + (groupDelta.get(groupKey(slot, home)) ?? 0);
    return total === same;
  };
  const shiftGroup = (host: number, guest: number, by: number): void => {
    const group = model.group[guest] ?? -1;
    if (group < 0) return;
    const slot = host * model.groupCount + group;
    for (const key of [groupKey(slot, hostCount), groupKey(slot, model.home[guest] ?? 0)])
      groupDelta.set(key, (groupDelta.get(key) ?? 0) + by);
  };

  let remaining = moves.map((move, index) => ({ move, index }));
  const scheduled: ScheduledMove[] = [];
  for (let round = 1; remaining.length > 0; round++) {
    const degree = new Map<number, number>();
    for (const { move } of remaining)
      for (const host of [move.from, move.to]) degree.set(host, (degree.get(host) ?? 0) + 1);
    const busiest = ({ move }: { move: PlannedMove }): number =>
      Math.max(degree.get(move.from) ?? 0, degree.get(move.to) ?? 0);
    const candidates = [...remaining].sort((a, b) => busiest(b) - busiest(a) || a.index - b.index);
    const used = new Set<number>();
    const chosen = candidates.filter(({ move }) => {
      if (used.has(move.from) || used.has(move.to) || !fits(move)) return false;
      used.add(move.from);
      used.add(move.to);
      return true;
    });
    if (chosen.length === 0) return null;
    for (const { move } of chosen) {
      const size = model.memory[move.guest] ?? 0;
      memory[move.from] = (memory[move.from] ?? 0) - size;
      memory[move.to] = (memory[move.to] ?? 0) + size;
      shiftGroup(move.from, move.guest, -1);
      shiftGroup(move.to, move.guest, 1);
      scheduled.push({ ...move, round });
    }
    remaining = remaining.filter((entry) => !chosen.includes(entry));
  }
  return scheduled.sort((a, b) => a.round - b.round || a.guest - b.guest);
}
