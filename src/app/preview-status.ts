/** Re-renders a request's preview message with a status line (buttons replaced at once, DESIGN §3). */
import type { Plan } from '../domain/plan/plan-types.ts';
import { NOT_SELECTED, type RequestRecord } from '../domain/workflow/records.ts';
import type { BotContext } from './bot-context.ts';
import { tallyMoves, type RequestStatus } from './presenter.ts';

/** The plan exactly as stored and shown: the runner executes this object's command lines. */
export function storedPlan(record: RequestRecord): Plan {
  return JSON.parse(record.planJson) as Plan;
}

type StatusFields = RequestStatus extends infer S
  ? S extends unknown
    ? Omit<S, 'requestId' | 'version'>
    : never
  : never;

/** Edits the preview in place; status changes go out at once (no progress throttling). */
export async function showStatus(context: BotContext, record: RequestRecord, status: StatusFields): Promise<void> {
  if (record.previewTs === undefined) return;
  const message = context.presenter.previewWithStatus(
    { request: record, plan: storedPlan(record), now: context.clock.now() },
    { ...status, requestId: record.id, version: record.version },
  );
  try {
    await context.chat.update(record.channelId, record.previewTs, message, { throttleMs: 0 });
  } catch (error) {
    context.logger.warn({ err: error, requestId: record.id }, 'preview status update failed');
  }
}

/** The status line for a request's current state and moves. */
export async function currentStatus(context: BotContext, record: RequestRecord): Promise<StatusFields | undefined> {
  // Suggested moves nobody ticked are not part of the request's outcome.
  const moves = tallyMoves((await context.store.getMoves(record.id)).filter((move) => move.error !== NOT_SELECTED));
  const approvedBy = record.approvals.map((approval) => approval.userId);
  switch (record.state) {
    case 'running':
      return { kind: 'running', approvedBy, moves };
    case 'completed':
      return { kind: 'completed', approvedBy, moves };
    case 'failed':
      return { kind: 'failed', moves, ...(record.stateNote ? { note: record.stateNote } : {}) };
    case 'cancelled':
      return { kind: 'cancelled', by: record.stateNote ?? 'the bot', moves };
    default:
      return undefined;
  }
}
