/**
 * The preview message re-rendered from the stored request: its status line and buttons follow the
 * request's state and revision (docs/architecture.md, "Chat surface": buttons replaced at once, no second
 * click). Everything shown is derived from the stored workflow, so any path that changes the request
 * shows the same thing for the same state.
 */
import { readPlanJson } from '../domain/plan/plan-schema.ts';

type PlanRead = ReturnType<typeof readPlanJson>;
import type { Workflow } from '../domain/workflow/records.ts';
import { tallyMoves } from '../domain/workflow/tally-moves.ts';
import type { RequestStatus } from '../ports.ts';
import type { BotContext } from './bot-context.ts';

export function statusOf(workflow: Workflow): RequestStatus | undefined {
  const { request, moves } = workflow;
  const base = { requestId: request.id, revision: request.previewRevision };
  const approvedBy = request.approvals.map((approval) => approval.userId);
  const tally = tallyMoves(moves);
  switch (request.state) {
    case 'pending': {
      const last = request.approvals.at(-1);
      if (last === undefined) return undefined;
      const given = request.approvals.length;
      return { ...base, kind: 'partly-approved', by: last.userId, given, required: request.approvalsRequired };
    }
    case 'approving':
      return { ...base, kind: 'approving', by: approvedBy };
    case 'running':
      return { ...base, kind: 'running', approvedBy, moves: tally };
    case 'needs_attention': {
      const guests = moves.filter((move) => move.state === 'needs_attention').map((move) => move.guest);
      return { ...base, kind: 'needs-attention', guests, moves: tally };
    }
    case 'completed': {
      const elapsedSeconds = runSeconds(workflow);
      return {
        ...base,
        kind: 'completed',
        approvedBy,
        moves: tally,
        ...(elapsedSeconds === undefined ? {} : { elapsedSeconds }),
      };
    }
    case 'failed':
      return { ...base, kind: 'failed', moves: tally, ...(request.stateNote ? { note: request.stateNote } : {}) };
    case 'rejected':
      return { ...base, kind: 'rejected', by: request.stateNote ?? 'an approver' };
    case 'expired':
      return { ...base, kind: 'expired', at: request.expiresAt };
    case 'superseded':
      return { ...base, kind: 'superseded', changed: request.stateNote ?? 'the inventory changed' };
    case 'cancelled': {
      const ran = moves.some((move) => move.startedAt !== undefined);
      return { ...base, kind: 'cancelled', by: request.stateNote ?? 'the bot', ...(ran ? { moves: tally } : {}) };
    }
    case 'checked':
      return undefined;
  }
}

/**
 * Edits the preview in place; status changes go out at once (no progress throttling). `read` is the
 * stored plan already read by the caller, when it has it.
 */
export async function showStatus(
  context: BotContext,
  workflow: Workflow,
  read: PlanRead = readPlanJson(workflow.request.planJson),
): Promise<void> {
  const { request } = workflow;
  if (request.previewTs === undefined) return;
  if (!read.ok) {
    context.logger.warn({ requestId: request.id, problem: read.problem }, 'preview not re-rendered: plan unreadable');
    return;
  }
  const input = { request, plan: read.plan, now: context.clock.now() };
  const status = statusOf(workflow);
  const message =
    status === undefined
      ? read.plan.request.kind === 'balance'
        ? context.presenter.balanceSuggestion(input)
        : context.presenter.preview(input)
      : context.presenter.previewWithStatus(input, status);
  try {
    await context.chat.update(request.channelId, request.previewTs, message, { throttleMs: 0 });
  } catch (error) {
    context.logger.warn({ err: error, requestId: request.id }, 'preview status update failed');
  }
}

/** From the first start to the last finish; undefined when no move started. */
function runSeconds(workflow: Workflow): number | undefined {
  const starts = workflow.moves.flatMap((move) => (move.startedAt ? [Date.parse(move.startedAt)] : []));
  const ends = workflow.moves.flatMap((move) =>
    move.finishedAt && move.startedAt ? [Date.parse(move.finishedAt)] : [],
  );
  if (starts.length === 0 || ends.length === 0) return undefined;
  const seconds = (Math.max(...ends) - Math.min(...starts)) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, seconds) : undefined;
}
