/**
 * Turns a balancing suggestion into an executable plan: each proposed move goes through every rule, like
 * any `/migrate`, online only, cumulatively (a guest placed earlier counts on its target). A move the
 * rules refuse is blocked with its checks; the balancer's own model is never trusted alone.
 */
import { assemblePlan } from './assemble-plan.ts';
import { assignRounds } from './assign-rounds.ts';
import { addCommitment, evaluateMove, noCommitments } from './evaluate-move.ts';
import type { BalancePlanRequest, BlockedGuest, Plan, PlanInput, PlannedMove } from './plan-types.ts';

export function planBalanceMoves(request: BalancePlanRequest, input: PlanInput): Plan {
  const committed = noCommitments();
  const moves: PlannedMove[] = [];
  const blocked: BlockedGuest[] = [];
  for (const proposal of request.moves) {
    const evaluation = evaluateMove(
      {
        guest: proposal.vm,
        from: proposal.from,
        target: proposal.to,
        mode: 'online',
        stop: false,
        start: false,
        deleteSource: false,
      },
      input,
      committed,
    );
    if (!evaluation.ok) {
      blocked.push(evaluation.blocked);
      continue;
    }
    moves.push(evaluation.move);
    addCommitment(committed, evaluation.move);
  }
  return assemblePlan({ request, checks: [], moves, blocked, rounds: balancerRounds(request, moves, input) }, input);
}

/**
 * The balancer's rounds, kept in order (a move may rely on what an earlier round frees, or on a group
 * member having left), each split further so a round holds at most maxParallelMigrations moves and a
 * VSP takes part in at most one online migration per round.
 */
function balancerRounds(request: BalancePlanRequest, moves: readonly PlannedMove[], input: PlanInput): number[][] {
  const roundOf = new Map(request.moves.map((move) => [move.vm, move.round]));
  const order = [...new Set(moves.map((move) => roundOf.get(move.guest.name) ?? 0))].sort((a, b) => a - b);
  return order.flatMap((round) => {
    const indexes = moves.flatMap((move, index) => ((roundOf.get(move.guest.name) ?? 0) === round ? [index] : []));
    return assignRounds(
      indexes.map((index) => moves[index]!),
      input.settings.maxParallelMigrations,
    ).map((group) => group.map((position) => indexes[position]!));
  });
}
