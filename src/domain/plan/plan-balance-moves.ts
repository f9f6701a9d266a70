/**
 * Turns a balancing suggestion into an executable plan: each proposed move goes through every rule, like
 * any `/migrate`, online only, cumulatively (a guest placed earlier counts on its target). A move the
 * rules refuse is blocked with its checks; the balancer's own model is never trusted alone.
 */
import { assemblePlan } from './assemble-plan.ts';
import { addCommitment, evaluateMove } from './evaluate-move.ts';
import type { BalancePlanRequest, BlockedGuest, Plan, PlanInput, PlannedMove } from './plan-types.ts';

export function planBalanceMoves(request: BalancePlanRequest, input: PlanInput): Plan {
  const committed = new Map<string, number>();
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
  return assemblePlan({ request, checks: [], moves, blocked }, input);
}
