/**
 * The part of a balancing plan someone selected: the chosen moves, in their order, with rounds and the
 * estimate recomputed, and the request listing only them — the same shape planning those moves afresh
 * gives, so the two can be compared before anything runs.
 */
import { estimateRoundsSeconds } from './assemble-plan.ts';
import { assignRounds } from './assign-rounds.ts';
import type { Plan } from './plan-types.ts';

export function restrictPlan(plan: Plan, selected: readonly number[], maxParallelMigrations: number): Plan {
  const keep = new Set(selected);
  const moves = plan.moves.filter((_, index) => keep.has(index));
  const guests = new Set(moves.map((move) => move.guest.name));
  const request =
    plan.request.kind === 'balance'
      ? { ...plan.request, moves: plan.request.moves.filter((move) => guests.has(move.vm)) }
      : plan.request;
  const rounds = assignRounds(moves, maxParallelMigrations);
  return { ...plan, request, moves, rounds, estimatedSeconds: estimateRoundsSeconds(rounds, moves) };
}
