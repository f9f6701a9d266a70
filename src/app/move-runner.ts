/**
 * One move, from queued to verified (docs/architecture.md, "Executing a move"): the sealed plan's migrate
 * line started detached on the source, its log followed by byte offset into the store and the thread,
 * then `hpvmstatus` on both VSPs — the plan's own verification lines — decides the outcome, never
 * hpvmmigrate's exit code alone. Every step is a transition, and resumable: a restarted bot calls this
 * again and continues from the move's stored state and offset; the remote start runs at most once. When a
 * step fails in a way that leaves the outcome unknown, the move needs attention (fail closed) and the
 * reconciler takes over.
 */
import type { PlannedMove } from '../domain/plan/plan-types.ts';
import type { MoveProgress, MoveRecord, Workflow } from '../domain/workflow/records.ts';
import { isFinalMove } from '../domain/workflow/records.ts';
import { applyEvent, type Applied } from './apply-event.ts';
import type { BotContext } from './bot-context.ts';
import { followMove } from './follow-move.ts';
import { factsOf, readCopies, verifyLinesOf } from './move-facts.ts';
import { errorCode, errorText, nextStepForMove } from './next-step.ts';
import { retryTransient } from './retry-transient.ts';
import { openSealedPlan } from './sealed-plan.ts';
import { startMove } from './start-move.ts';

export async function runMove(
  context: BotContext,
  requestId: string,
  index: number,
  signal: AbortSignal,
): Promise<void> {
  let workflow = await context.store.getWorkflow(requestId);
  let move = workflow?.moves.find((candidate) => candidate.index === index);
  if (!workflow || !move || isFinalMove(move.state)) return;
  if (move.state === 'needs_attention') {
    context.workers.reconcile(requestId, index);
    return;
  }
  const sealed = openSealedPlan(workflow);
  const planned = sealed.ok ? sealed.plan.moves[index] : undefined;
  if (move.state === 'queued') {
    // The round's seal check has just passed; if the plan changed since, nothing of it starts.
    if (!planned) {
      const problem = sealed.ok ? `the plan has no move ${index}` : sealed.problem;
      await applyEvent(context, requestId, { type: 'seal_broken', problem });
      return;
    }
    // The state machine refuses a start out of turn or after a cancel.
    const applied = await applyEvent(context, requestId, { type: 'move_start', index });
    if (!applied.ok) return;
    ({ workflow, move } = current(applied, index));
  }
  const where = { guest: move.guest, source: move.source, target: move.target, requestId };
  try {
    if (!planned)
      throw new Error(`the stored plan cannot be read any more: ${sealed.ok ? 'no such move' : sealed.problem}`);
    move = await ensureProgressMessage(context, workflow, move, planned);
    if (move.state === 'starting') ({ workflow, move } = await start(context, requestId, move, planned, signal));
    if (move.state === 'running') ({ workflow, move } = await follow(context, workflow, move, planned, signal));
    if (move.state === 'verifying') await verify(context, workflow, move, planned);
  } catch (error) {
    if (signal.aborted) return; // the bot is stopping: the move resumes from its stored state on restart
    if (error instanceof MoveTakenOver) return;
    context.logger.error({ err: error, requestId, move: index }, 'move lost');
    await applyEvent(context, requestId, {
      type: 'move_lost',
      index,
      code: errorCode(error),
      message: errorText(error),
      nextStep: nextStepForMove(context, error, where),
    });
  }
}

/** The workflow and this move as a transition left them. */
function current(applied: Extract<Applied, { ok: true }>, index: number): { workflow: Workflow; move: MoveRecord } {
  const move = applied.workflow.moves.find((candidate) => candidate.index === index);
  if (!move) throw new Error(`move ${index} vanished from ${applied.workflow.request.id}`);
  return { workflow: applied.workflow, move };
}

/** Applies a step of the move; a refusal means someone else changed it (cancelled, resolved): stop here. */
async function step(
  context: BotContext,
  requestId: string,
  index: number,
  event: Parameters<typeof applyEvent>[2],
): Promise<{ workflow: Workflow; move: MoveRecord }> {
  const applied = await applyEvent(context, requestId, event);
  if (!applied.ok) throw new MoveTakenOver(applied.reason);
  return current(applied, index);
}

/** Another path settled or changed the move while this one worked on it: nothing is wrong, just stop. */
class MoveTakenOver extends Error {
  override readonly name = 'MoveTakenOver';
}

async function ensureProgressMessage(
  context: BotContext,
  workflow: Workflow,
  move: MoveRecord,
  planned: PlannedMove,
): Promise<MoveRecord> {
  const { request } = workflow;
  if (move.progressTs !== undefined || request.previewTs === undefined) return move;
  const message = context.presenter.progress({ move, ...estimatesOf(planned), now: context.clock.now() });
  const { ts } = await context.chat.post(request.channelId, message, { threadTs: request.previewTs });
  return context.store.recordProgress(request.id, move.index, { progressTs: ts });
}

async function start(
  context: BotContext,
  requestId: string,
  move: MoveRecord,
  planned: PlannedMove,
  signal: AbortSignal,
): Promise<{ workflow: Workflow; move: MoveRecord }> {
  const { remoteDir } = context.settings.migration;
  const migrateLine = planned.commands.migrate.line;
  // The remote start line creates its marker atomically: retrying after an unclear failure cannot start twice.
  const started = await retryTransient(
    () => startMove(context.shell, move, migrateLine, remoteDir, { timeoutMs: context.settings.ssh.commandTimeoutMs }),
    {
      giveUpAfterMs: context.settings.execution.giveUpAfterMs,
      what: `starting ${requestId}/${move.index} on ${move.source}`,
      signal,
    },
  );
  return step(context, requestId, move.index, {
    type: 'move_started',
    index: move.index,
    remoteDir: started.dir,
    command: migrateLine,
    remoteLine: started.line,
    fresh: started.outcome.kind === 'started',
  });
}

async function follow(
  context: BotContext,
  workflow: Workflow,
  move: MoveRecord,
  planned: PlannedMove,
  signal: AbortSignal,
): Promise<{ workflow: Workflow; move: MoveRecord }> {
  const { store } = context;
  const { request } = workflow;
  let latest = move;
  const result = await followMove(context.shell, move, {
    intervalMs: context.settings.execution.followIntervalMs,
    giveUpAfterMs: context.settings.execution.giveUpAfterMs,
    commandTimeoutMs: context.settings.ssh.commandTimeoutMs,
    signal,
    onLines: async (lines, newOffset) => {
      const at = context.clock.now().toISOString();
      await store.appendOutput(
        lines.map((text) => ({ requestId: request.id, moveIndex: move.index, stream: 'log', text, at })),
      );
      latest = await store.recordProgress(request.id, move.index, { logOffset: newOffset });
    },
    onProgress: async (progress: MoveProgress) => {
      latest = await store.recordProgress(request.id, move.index, { progress });
      showProgress(context, workflow, latest, planned);
    },
    onTrouble: (trouble) =>
      context.logger.warn({ requestId: request.id, move: move.index, ...trouble }, 'VSP unreachable while following'),
  });
  return step(context, request.id, move.index, { type: 'move_exited', index: move.index, exitCode: result.exitCode });
}

async function verify(context: BotContext, workflow: Workflow, move: MoveRecord, planned: PlannedMove): Promise<void> {
  const copies = await readCopies(context.shell, verifyLinesOf(planned), {
    timeoutMs: context.settings.ssh.commandTimeoutMs,
  });
  const facts = factsOf(copies, undefined, move.exitCode);
  const after = await step(context, workflow.request.id, move.index, {
    type: 'move_checked',
    index: move.index,
    facts,
  });
  showProgress(context, after.workflow, after.move, planned);
}

/** Progress edits are coalesced by the chat adapter; they never hold up following the log. */
function showProgress(context: BotContext, workflow: Workflow, move: MoveRecord, planned: PlannedMove): void {
  const { request } = workflow;
  if (move.progressTs === undefined) return;
  const message = context.presenter.progress({ move, ...estimatesOf(planned), now: context.clock.now() });
  context.chat
    .update(request.channelId, move.progressTs, message)
    .catch((error: unknown) => context.logger.warn({ err: error, requestId: request.id }, 'progress update failed'));
}

/** The plan's estimates a progress message needs: the whole move's seconds and, in newer plans, by phase. */
function estimatesOf(planned: PlannedMove): {
  estimatedSeconds: number;
  estimatedPhases?: PlannedMove['estimatedPhases'];
} {
  return {
    estimatedSeconds: planned.estimatedSeconds,
    ...(planned.estimatedPhases === undefined ? {} : { estimatedPhases: planned.estimatedPhases }),
  };
}
