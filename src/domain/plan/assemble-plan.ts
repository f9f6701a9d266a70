import type { CheckResult } from '../rules/check-result.ts';
import { assignRounds } from './assign-rounds.ts';
import type { BlockedGuest, Plan, PlanInput, PlannedMove, PlanRequest } from './plan-types.ts';

export interface PlanParts {
  readonly request: PlanRequest;
  readonly checks: readonly CheckResult[];
  readonly moves: readonly PlannedMove[];
  readonly blocked: readonly BlockedGuest[];
  /** Rounds decided by the caller (the balancer's, which respect memory freed by earlier rounds). */
  readonly rounds?: readonly (readonly number[])[];
}

/** Rounds, the total estimate and the verdict: the same for every kind of plan. */
export function assemblePlan(parts: PlanParts, input: PlanInput): Plan {
  const rounds = parts.rounds ?? assignRounds(parts.moves, input.settings.maxParallelMigrations);
  const estimatedSeconds = estimateRoundsSeconds(rounds, parts.moves);
  const ok =
    parts.blocked.length === 0 &&
    parts.checks.every((check) => check.ok) &&
    parts.moves.every((move) => move.checks.every((check) => check.ok));
  return {
    request: parts.request,
    inventoryCollectedAt: input.snapshot.collectedAt,
    checks: parts.checks,
    moves: parts.moves,
    blocked: parts.blocked,
    rounds,
    estimatedSeconds,
    ok,
  };
}

/** Rounds run one after the other; the moves of one round together: the sum of each round's longest move. */
export function estimateRoundsSeconds(
  rounds: readonly (readonly number[])[],
  moves: readonly Pick<PlannedMove, 'estimatedSeconds'>[],
): number {
  return rounds.reduce(
    (sum, round) => sum + Math.max(0, ...round.map((index) => moves[index]?.estimatedSeconds ?? 0)),
    0,
  );
}
