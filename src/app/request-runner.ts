/**
 * Runs an approved request round by round (DESIGN §2, §7): the moves of a round together, the next
 * round when they are all done. A failed move stops the rounds after it (their moves are cancelled and
 * said so); a cancel stops queued moves, never a migration already running.
 */
import {
  FINAL_MOVE_STATES,
  NOT_SELECTED,
  type MoveRecord,
  type RequestRecord,
  type RequestState,
} from '../domain/workflow/records.ts';
import { audit } from './audit.ts';
import type { BotContext } from './bot-context.ts';
import { runMove } from './move-runner.ts';
import { currentStatus, showStatus, storedPlan } from './preview-status.ts';

/** One runner per request per process: recovery and a fresh approval never run a request twice here. */
const active = new Map<string, Promise<void>>();

export function runRequest(context: BotContext, requestId: string): Promise<void> {
  const existing = active.get(requestId);
  if (existing) return existing;
  const run = runRounds(context, requestId, context.lifecycle.signal).finally(() => active.delete(requestId));
  active.set(requestId, run);
  return run;
}

async function runRounds(context: BotContext, requestId: string, signal: AbortSignal): Promise<void> {
  const { store } = context;
  if (signal.aborted) return;
  const record = await store.getRequest(requestId);
  if (record?.state !== 'running') return;
  const plan = storedPlan(record);
  await refreshStatus(context, requestId);
  for (const round of plan.rounds) {
    await Promise.all(round.map((index) => runMove(context, record, plan, index, signal)));
    if (signal.aborted) return;
    const moves = await store.getMoves(requestId);
    const failed = moves.find((move) => move.state === 'failed');
    if (failed) {
      await cancelQueued(context, record, moves, `${failed.guest}'s move failed, so the moves after it do not start`);
      break;
    }
    await refreshStatus(context, requestId);
  }
  if (signal.aborted) return;
  await finish(context, requestId);
}

/** `cancel` while running: queued moves will not start; running migrations finish and are verified. */
export async function cancelRunning(context: BotContext, record: RequestRecord, userId: string): Promise<void> {
  const moves = await context.store.getMoves(record.id);
  const cancelled = await cancelQueued(context, record, moves, `cancelled by <@${userId}>`);
  // Remember who cancelled, for the final status line; a concurrent change only loses this note.
  const current = await context.store.getRequest(record.id);
  if (current) await context.store.updateRequest(current.id, current.version, { stateNote: userId });
  const running = moves.filter((move) => !FINAL_MOVE_STATES.includes(move.state) && move.state !== 'queued');
  await audit(context, userId, 'request.cancel', record.id, 'ok', {
    cancelled: cancelled.map((move) => move.guest),
    stillRunning: running.map((move) => move.guest),
  });
  const runningText =
    running.length === 0
      ? ''
      : ` ${running.map((move) => `${move.guest} (${move.source} → ${move.target}, ${move.mode})`).join(', ')} ${running.length === 1 ? 'is' : 'are'} already running: stopping hpvmmigrate halfway is not safe, so ${running.length === 1 ? 'it' : 'they'} will finish and be verified.`;
  await context.chat.postEphemeral(
    record.channelId,
    userId,
    context.presenter.notice(`${record.id}: ${cancelled.length} queued move(s) cancelled.${runningText}`),
  );
  await refreshStatus(context, record.id);
}

async function cancelQueued(
  context: BotContext,
  record: RequestRecord,
  moves: readonly MoveRecord[],
  reason: string,
): Promise<MoveRecord[]> {
  const cancelled: MoveRecord[] = [];
  for (const move of moves) {
    const updated = await context.store.transitionMove(record.id, move.index, ['queued'], {
      state: 'cancelled',
      finishedAt: context.clock.now().toISOString(),
      error: reason,
    });
    if (!updated) continue;
    cancelled.push(updated);
    if (record.previewTs !== undefined) {
      await context.chat.post(record.channelId, context.presenter.moveCancelled({ move: updated, reason }), {
        threadTs: record.previewTs,
      });
    }
  }
  return cancelled;
}

async function finish(context: BotContext, requestId: string): Promise<void> {
  const { store } = context;
  const all = await store.getMoves(requestId);
  if (all.some((move) => !FINAL_MOVE_STATES.includes(move.state))) return;
  // Suggested moves nobody ticked were never part of what ran.
  const moves = all.filter((move) => move.error !== NOT_SELECTED);
  const state: RequestState = moves.some((move) => move.state === 'failed')
    ? 'failed'
    : moves.every((move) => move.state === 'succeeded')
      ? 'completed'
      : 'cancelled';
  for (let attempt = 0; attempt < 5; attempt++) {
    const record = await store.getRequest(requestId);
    if (record?.state !== 'running') return;
    const closed = await store.updateRequest(requestId, record.version, {
      state,
      closedAt: context.clock.now().toISOString(),
      ...(state === 'cancelled' ? { stateNote: record.stateNote ?? 'the bot' } : {}),
    });
    if (!closed) continue;
    await audit(context, 'bot', `request.${state}`, requestId, state === 'failed' ? 'failed' : 'ok', {
      moves: moves.map((move) => ({ guest: move.guest, state: move.state, at: move.verifiedLocation })),
    });
    const status = await currentStatus(context, closed);
    if (status) await showStatus(context, closed, status);
    if (closed.previewTs !== undefined) {
      await context.chat.post(closed.channelId, context.presenter.requestSummary({ request: closed, moves }), {
        threadTs: closed.previewTs,
      });
    }
    return;
  }
}

async function refreshStatus(context: BotContext, requestId: string): Promise<void> {
  const record = await context.store.getRequest(requestId);
  if (!record) return;
  const status = await currentStatus(context, record);
  if (status) await showStatus(context, record, status);
}
