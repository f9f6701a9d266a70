/**
 * Approve, Reject and Cancel clicks (DESIGN §1 row 4, §3). The decision is pure (domain/workflow/approval);
 * the state change is a compare-and-set, so a double click, two approvers at once or a second replica
 * cannot make anything run twice. Whoever loses is told why, privately.
 */
import { decideClick, type ClickDecision } from '../domain/workflow/approval.ts';
import { NOT_SELECTED, type RequestRecord } from '../domain/workflow/records.ts';
import type { RequestPatch } from '../ports.ts';
import { audit } from './audit.ts';
import { approvalPolicy, mayApprove, type BotContext } from './bot-context.ts';
import type { ActionInput } from './bot-handlers.ts';
import type { ClickRefusal } from './presenter.ts';
import { showStatus } from './preview-status.ts';
import { recheckAndRun } from './approval-recheck.ts';
import { cancelRunning } from './request-runner.ts';

export async function handleClick(context: BotContext, input: ActionInput): Promise<void> {
  const { store, chat, presenter } = context;
  const requestId = input.value;
  const record = await store.getRequest(requestId);
  if (!record) {
    await chat.postEphemeral(input.channelId, input.userId, presenter.notice(`There is no request ${requestId}.`));
    return;
  }
  const now = context.clock.now();
  const userMayApprove = await mayApprove(context, input.userId);
  const selection = input.action === 'approve_selected' ? (input.selectedMoves ?? []) : undefined;
  const decision = decideClick(
    record,
    { action: input.action === 'approve_selected' ? 'approve' : input.action, userId: input.userId, userMayApprove },
    approvalPolicy(context.settings),
    now,
  );
  const refuse = async (refusal: ClickRefusal | string, code: string): Promise<void> => {
    await audit(context, input.userId, `click.${input.action}`, record.id, 'refused', { code });
    const message = typeof refusal === 'string' ? presenter.notice(refusal) : presenter.refusal(refusal);
    await chat.postEphemeral(input.channelId, input.userId, message);
  };
  const change = async (patch: RequestPatch): Promise<RequestRecord | undefined> => {
    const updated = await store.updateRequest(record.id, record.version, patch);
    if (!updated)
      await refuse(`${record.id} changed while you clicked (someone else acted first): look at it again.`, 'conflict');
    return updated;
  };

  if (selection !== undefined && selection.length === 0 && decision.outcome !== 'refuse') {
    await refuse(`Tick at least one move of ${record.id} to approve it, or use Approve all.`, 'nothing_selected');
    return;
  }

  switch (decision.outcome) {
    case 'refuse':
      await refuse(refusalFor(record, decision), decision.code);
      return;
    case 'expire': {
      const updated = await change({ state: 'expired', closedAt: now.toISOString() });
      if (!updated) return;
      await showStatus(context, updated, { kind: 'expired', at: updated.expiresAt });
      await refuse({ requestId: record.id, reason: 'expired', at: record.expiresAt }, 'expired');
      return;
    }
    case 'reject': {
      const updated = await change({ state: 'rejected', stateNote: input.userId, closedAt: now.toISOString() });
      if (!updated) return;
      await audit(context, input.userId, 'request.rejected', record.id, 'ok');
      await showStatus(context, updated, { kind: 'rejected', by: input.userId });
      return;
    }
    case 'count_approval': {
      const updated = await change({ approvals: decision.approvals });
      if (!updated) return;
      await audit(context, input.userId, 'request.approval_counted', record.id, 'ok', {
        given: decision.approvals.length,
        required: record.approvalsRequired,
      });
      await showStatus(context, updated, {
        kind: 'partly-approved',
        by: input.userId,
        given: decision.approvals.length,
        required: record.approvalsRequired,
      });
      return;
    }
    case 'approve': {
      const updated = await change({ state: 'approving', approvals: decision.approvals });
      if (!updated) return;
      if (selection !== undefined) await leaveOut(context, updated.id, selection);
      await audit(context, input.userId, 'request.approved', record.id, 'ok', {
        approvers: decision.approvals.map((a) => a.userId),
        ...(selection === undefined ? {} : { selectedMoves: selection }),
      });
      await showStatus(context, updated, { kind: 'approving', by: decision.approvals.map((a) => a.userId) });
      context.lifecycle.track(recheckAndRun(context, updated.id), (error) =>
        context.logger.error({ err: error, requestId: updated.id }, 're-check failed'),
      );
      return;
    }
    case 'cancel':
      if (decision.from === 'pending') {
        const updated = await change({ state: 'cancelled', stateNote: input.userId, closedAt: now.toISOString() });
        if (!updated) return;
        await audit(context, input.userId, 'request.cancelled', record.id, 'ok', { from: 'pending' });
        await showStatus(context, updated, { kind: 'cancelled', by: input.userId });
        return;
      }
      await cancelRunning(context, record, input.userId);
      return;
  }
}

/** The domain's refusal in the presenter's terms (which adds who may approve, when it expired, …). */
function refusalFor(
  record: RequestRecord,
  decision: Extract<ClickDecision, { outcome: 'refuse' }>,
): ClickRefusal | string {
  switch (decision.code) {
    case 'self_approval':
      return { requestId: record.id, reason: 'self-approval' };
    case 'not_an_approver':
      return { requestId: record.id, reason: 'not-approver' };
    case 'already_approved':
      return { requestId: record.id, reason: 'already-approved' };
    case 'expired':
      return { requestId: record.id, reason: 'expired', at: record.expiresAt };
    case 'not_pending':
      if (record.state === 'superseded')
        return {
          requestId: record.id,
          reason: 'superseded',
          ...(record.stateNote ? { changed: record.stateNote } : {}),
        };
      if (record.state === 'expired') return { requestId: record.id, reason: 'expired', at: record.expiresAt };
      return { requestId: record.id, reason: 'already-handled', state: record.state };
    default:
      return decision.reason;
  }
}

/** Suggested moves the approver did not tick are cancelled before the re-check, so they never run. */
async function leaveOut(context: BotContext, requestId: string, selected: readonly number[]): Promise<void> {
  for (const move of await context.store.getMoves(requestId)) {
    if (selected.includes(move.index)) continue;
    await context.store.transitionMove(requestId, move.index, ['queued'], {
      state: 'cancelled',
      error: NOT_SELECTED,
      finishedAt: context.clock.now().toISOString(),
    });
  }
}
