/**
 * Runs an approved request round by round (docs/architecture.md, "Executing a move"): the moves of a round
 * together, the next round when they are all final. Before each round the plan's seal is checked and every
 * command of the round rendered again and compared with what the preview showed; a mismatch stops the
 * request before anything of the round runs. A move that fails or needs attention stops the rounds after
 * it (the state machine cancels their moves). Called again after a restart, it resumes where the stored
 * state says: moves in flight are followed again, moves that need attention are reconciled.
 */
import type { Workflow } from '../domain/workflow/records.ts';
import { isFinalMove } from '../domain/workflow/records.ts';
import { applyEvent } from './apply-event.ts';
import type { BotContext } from './bot-context.ts';
import { runMove } from './move-runner.ts';
import { openSealedPlan, renderedLinesDiffer } from './sealed-plan.ts';

export async function runRounds(context: BotContext, requestId: string, signal: AbortSignal): Promise<void> {
  for (;;) {
    if (signal.aborted) return;
    const workflow = await context.store.getWorkflow(requestId);
    if (!workflow) return;
    const { state } = workflow.request;
    if (state !== 'running' && state !== 'needs_attention') return;
    const round = nextRound(workflow);
    if (round === undefined) return;
    const indexes = workflow.moves.filter((move) => move.round === round).map((move) => move.index);
    const startsMoves = workflow.moves.some((move) => move.round === round && move.state === 'queued');
    if (startsMoves && state === 'running') {
      const problem = sealProblem(context, workflow, indexes);
      if (problem !== undefined) {
        await applyEvent(context, requestId, { type: 'seal_broken', problem });
        return;
      }
    }
    await Promise.all(indexes.map((index) => runMove(context, requestId, index, signal)));
    if (signal.aborted) return; // stopping: the moves resume from their stored state on restart
    const after = await context.store.getWorkflow(requestId);
    // The request stopped (a move needs attention, failed, or it was cancelled): whoever settles the rest
    // closes it. A move of this round still not final while the request runs has been taken over by
    // another path (a resolution, another replica): that path carries on.
    if (!after || after.request.state !== 'running') return;
    if (after.moves.filter((move) => move.round === round).some((move) => !isFinalMove(move.state))) {
      context.logger.warn({ requestId, round }, 'a move of the round is not final: leaving the request to it');
      return;
    }
  }
}

/** The first round with a move that is not final. */
function nextRound(workflow: Workflow): number | undefined {
  const open = workflow.moves.filter((move) => !isFinalMove(move.state)).map((move) => move.round);
  return open.length === 0 ? undefined : Math.min(...open);
}

function sealProblem(context: BotContext, workflow: Workflow, indexes: readonly number[]): string | undefined {
  const sealed = openSealedPlan(workflow);
  if (!sealed.ok) return sealed.problem;
  for (const index of indexes) {
    const planned = sealed.plan.moves[index];
    if (planned === undefined) return `the plan has no move ${index}`;
    const differs = renderedLinesDiffer(context, planned);
    if (differs !== undefined) return differs;
  }
  return undefined;
}
