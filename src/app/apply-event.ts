/**
 * The one way the bot changes a request: read it, ask the state machine (domain/workflow/transition.ts),
 * store the change and its audit row in one compare-and-set transaction, then carry out the effects. A
 * concurrent change (another click, another replica) makes the compare-and-set fail: the event is then
 * decided again on the request as it is now — it may be refused this time, which is the point.
 */
import { migrateFailureSummary } from '../domain/execution/parse-migrate-output.ts';
import { readPlanJson } from '../domain/plan/plan-schema.ts';

type PlanRead = ReturnType<typeof readPlanJson>;
import type { WorkflowEvent } from '../domain/workflow/events.ts';
import { isFinalMove, type Workflow } from '../domain/workflow/records.ts';
import { transition } from '../domain/workflow/transition.ts';
import type { Effect, Refusal, Transition } from '../domain/workflow/transition-types.ts';
import type { BotContext } from './bot-context.ts';
import { showStatus } from './preview-status.ts';
import { postNote, postSummary } from './thread-notes.ts';

export type Applied =
  | { readonly ok: true; readonly workflow: Workflow; readonly transition: Transition }
  | Refusal
  | { readonly ok: false; readonly code: 'not_found'; readonly reason: string };

/** Compare-and-set attempts before giving up on a request that keeps changing under us. */
const ATTEMPTS = 8;

export async function applyEvent(context: BotContext, requestId: string, event: WorkflowEvent): Promise<Applied> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const workflow = await context.store.getWorkflow(requestId);
    if (!workflow) return { ok: false, code: 'not_found', reason: `there is no request ${requestId}` };
    const now = context.clock.now();
    const result = transition(workflow, event, now);
    if (!result.ok) return result;
    const audit = { ...result.audit, at: now.toISOString(), requestId };
    const stored = await context.store.commit(requestId, workflow.request.version, result.change, audit);
    if (!stored) continue;
    context.logger.info(
      { requestId, event: event.type, state: stored.request.state, version: stored.request.version },
      'transition',
    );
    await carryOut(context, stored, result);
    return { ok: true, workflow: stored, transition: result };
  }
  return {
    ok: false,
    code: 'wrong_state',
    reason: `${requestId} kept changing while this was decided (${event.type}): look at it again`,
  };
}

/**
 * A move whose state changed shows it in its progress message. Edits while a move runs are coalesced by
 * the chat adapter and never hold up the transition; the last one (a final state, or needs attention) goes
 * out at once and is awaited, before the preview's status says the request is done.
 */
async function refreshProgress(
  context: BotContext,
  workflow: Workflow,
  result: Transition,
  planOf: () => PlanRead,
): Promise<void> {
  const { request } = workflow;
  const changed = result.change.moves
    .filter((update) => update.change.state !== undefined)
    .map((update) => update.index);
  if (changed.length === 0) return;
  const read = planOf();
  for (const move of workflow.moves) {
    if (!changed.includes(move.index) || move.progressTs === undefined) continue;
    const planned = read.ok ? read.plan.moves[move.index] : undefined;
    // A failed move's message says why, in hpvmmigrate's words (its stored output).
    const failureReason =
      move.state === 'failed'
        ? migrateFailureSummary((await context.store.getOutput(request.id, move.index)).map((line) => line.text))
        : undefined;
    const message = context.presenter.progress({
      move,
      ...(planned === undefined ? {} : { estimatedSeconds: planned.estimatedSeconds }),
      ...(planned?.estimatedPhases === undefined ? {} : { estimatedPhases: planned.estimatedPhases }),
      ...(failureReason === undefined ? {} : { failureReason }),
      now: context.clock.now(),
    });
    const settled = isFinalMove(move.state) || move.state === 'needs_attention';
    const edit = context.chat
      .update(request.channelId, move.progressTs, message, settled ? { throttleMs: 0 } : {})
      .catch((error: unknown) => context.logger.warn({ err: error, requestId: request.id }, 'progress update failed'));
    if (settled) await edit;
  }
}

/**
 * Effects: the thread replies first, in order (a thread reads in the order things happened), then the
 * preview's status line (so when the preview says "Completed" its thread already holds the summary), then
 * the background work. Messages are awaited; a message that cannot be posted is logged: the state change
 * stands.
 */
const EFFECT_ORDER: Readonly<Record<Effect['kind'], number>> = {
  tell: 0,
  summarize: 0,
  show_status: 1,
  recheck: 2,
  run: 2,
  reconcile: 2,
  cleanup: 2,
};

async function carryOut(context: BotContext, workflow: Workflow, result: Transition): Promise<void> {
  const { id } = workflow.request;
  // The plan never changes: read it (a zod parse) at most once for all the effects of this transition.
  let read: PlanRead | undefined;
  const planOf = (): PlanRead => (read ??= readPlanJson(workflow.request.planJson));
  const ordered = [...result.effects].sort((a, b) => EFFECT_ORDER[a.kind] - EFFECT_ORDER[b.kind]);
  let progressShown = false;
  for (const effect of ordered) {
    if (!progressShown && EFFECT_ORDER[effect.kind] > 0) {
      progressShown = true;
      await refreshProgress(context, workflow, result, planOf);
    }
    try {
      switch (effect.kind) {
        case 'show_status':
          await showStatus(context, workflow, planOf());
          break;
        case 'tell':
          await postNote(context, workflow, effect.note);
          break;
        case 'summarize':
          await postSummary(context, workflow);
          break;
        case 'recheck':
          context.workers.recheck(id);
          break;
        case 'run':
          context.workers.run(id);
          break;
        case 'reconcile':
          context.workers.reconcile(id, effect.index);
          break;
        case 'cleanup':
          context.workers.cleanup(id, effect.index);
          break;
      }
    } catch (error) {
      context.logger.warn({ err: error, requestId: id, effect: effect.kind }, 'effect failed');
    }
  }
  if (!progressShown) await refreshProgress(context, workflow, result, planOf);
}
