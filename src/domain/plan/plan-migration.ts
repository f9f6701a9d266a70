import type { MigrateRequest } from '../request.ts';
import { assemblePlan } from './assemble-plan.ts';
import { addCommitment, evaluateMove, noCommitments, type MoveIntent } from './evaluate-move.ts';
import type { BlockedGuest, Plan, PlanInput, PlannedMove, PlanRequest, ReturnPlanRequest } from './plan-types.ts';

/** `/migrate vm01 vm02 [from vsp1] to vsp2 [online|offline] [--stop] [--start] [--delete-source]`. */
export function planMigration(request: MigrateRequest, input: PlanInput): Plan {
  const intents = request.guests.map((guest): MoveIntent => ({
    guest,
    target: request.to,
    ...(request.from === undefined ? {} : { from: request.from }),
    ...(request.mode === undefined ? {} : { mode: request.mode }),
    stop: request.stop,
    start: request.start,
    deleteSource: request.deleteSource,
  }));
  return planIntents(request, intents, input);
}

/**
 * `/migrate return vsp1`: the guests evacuated from vsp1 go back, each online when it can (running),
 * offline when it is stopped; a running guest that cannot go online is blocked with the offline fix.
 */
export function planReturn(vsp: string, guestsToReturn: readonly string[], input: PlanInput): Plan {
  const request: ReturnPlanRequest = { kind: 'return', vsp, guests: [...guestsToReturn] };
  const intents = guestsToReturn.map((guest): MoveIntent => ({
    guest,
    target: vsp,
    stop: false,
    start: false,
    deleteSource: false,
  }));
  return planIntents(request, intents, input);
}

/** In request order, each move counting the memory of the ones before it on the same target. */
function planIntents(request: PlanRequest, intents: readonly MoveIntent[], input: PlanInput): Plan {
  const committed = noCommitments();
  const moves: PlannedMove[] = [];
  const blocked: BlockedGuest[] = [];
  for (const intent of intents) {
    const evaluation = evaluateMove(intent, input, committed);
    if (!evaluation.ok) {
      blocked.push(evaluation.blocked);
      continue;
    }
    moves.push(evaluation.move);
    addCommitment(committed, evaluation.move);
  }
  return assemblePlan({ request, checks: [], moves, blocked }, input);
}
