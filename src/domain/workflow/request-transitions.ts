/**
 * Transitions of the request as a whole: the preview, approvals, rejection, cancellation, expiry, the
 * re-check before anything runs, and a broken seal. See docs/architecture.md, "States and events".
 */
import { approvedByAll, isExpired, originMismatch, selectionOf } from './approval.ts';
import type { Actor, ClickOrigin, WorkflowEvent } from './events.ts';
import { ACTIVE_MOVE_STATES, type Approval, type RequestState, type Workflow } from './records.ts';
import { Step } from './step.ts';
import { refuse, type Refusal, type TransitionResult } from './transition-types.ts';

type EventOf<T extends WorkflowEvent['type']> = Extract<WorkflowEvent, { type: T }>;

export function previewPosted(workflow: Workflow, event: EventOf<'preview_posted'>, now: Date): TransitionResult {
  const { request } = workflow;
  if (request.state !== 'pending' || request.previewTs !== undefined) return wrongState(workflow, 'post its preview');
  const step = new Step(workflow, now).setRequest({ previewTs: event.ts });
  if (event.showsEveryCommand) {
    return step.build({ actor: 'bot', action: 'preview.posted', result: 'ok', detail: { ts: event.ts } });
  }
  // An approver must be able to read every command that would run; a preview that cannot show them all
  // (nor attach them) is closed rather than approvable.
  const note = 'the preview could not show every command line, so it cannot be approved';
  step.setRequest({ state: 'cancelled', stateNote: note, closedAt: now.toISOString() }).rerender();
  step.cancelQueued(note);
  return step.build({ actor: 'bot', action: 'preview.incomplete', result: 'refused', detail: { ts: event.ts } });
}

export function previewFailed(workflow: Workflow, event: EventOf<'preview_failed'>, now: Date): TransitionResult {
  if (workflow.request.state !== 'pending') return wrongState(workflow, 'close it');
  const step = new Step(workflow, now).setRequest({
    state: 'cancelled',
    stateNote: 'the preview could not be posted',
    closedAt: now.toISOString(),
  });
  step.cancelQueued('the preview could not be posted');
  return step.build({ actor: 'bot', action: 'preview.failed', result: 'failed', detail: { error: event.reason } });
}

export function approve(workflow: Workflow, event: EventOf<'approve'>, now: Date): TransitionResult {
  const { request } = workflow;
  const { actor } = event;
  const gate = clickGate(workflow, event.origin, now);
  if (gate) return gate;
  if (!actor.mayApprove) return refuse('not_an_approver', 'you are not on the approver list for this request');
  if (actor.userId === request.requesterId && !event.selfApproval) {
    return refuse('self_approval', 'you asked for this move: another approver has to approve it (four eyes)');
  }
  if (request.approvals.some((approval) => approval.userId === actor.userId)) {
    return refuse('already_approved', 'you already approved this request; it needs another approver');
  }
  if (event.selection !== 'all' && request.kind !== 'balance') {
    return refuse('selection_not_allowed', 'only a balancing suggestion can be approved in part: use Approve');
  }
  const moves = selectionOf(workflow, event.selection);
  if (moves.length === 0) {
    return refuse('nothing_selected', `tick at least one move of ${request.id} to approve it, or use Approve all`);
  }
  const unknown = moves.filter((index) => workflow.moves.every((move) => move.index !== index));
  if (unknown.length > 0) return refuse('invalid_selection', `${request.id} has no move ${unknown.join(', ')}`);

  const approval: Approval = { userId: actor.userId, at: now.toISOString(), planHash: request.planHash, moves };
  const approvals = [...request.approvals, approval];
  const detail = { selection: moves, given: approvals.length, required: request.approvalsRequired };
  const step = new Step(workflow, now).setRequest({ approvals }).rerender();
  if (approvals.length < request.approvalsRequired) {
    return step.build({ actor: actor.userId, action: 'request.approval_counted', result: 'ok', detail });
  }
  const runs = approvedByAll(approvals);
  if (runs.length === 0) {
    return refuse(
      'no_common_selection',
      `your selection has no move in common with the earlier approvals (${describeSelections(workflow, request.approvals)}): tick at least one of those`,
    );
  }
  step.setRequest({ state: 'approving' }).effect({ kind: 'recheck' });
  const left = workflow.moves.filter((move) => !runs.includes(move.index)).map((move) => move.index);
  for (const index of left) {
    step.setMove(index, {
      state: 'not_selected',
      error: 'not approved by every required approver',
      finishedAt: now.toISOString(),
    });
  }
  if (left.length > 0) step.effect({ kind: 'tell', note: { kind: 'not_selected', indexes: left } });
  return step.build({
    actor: actor.userId,
    action: 'request.approved',
    result: 'ok',
    detail: {
      ...detail,
      approvals: approvals.map(({ userId, moves: approved }) => ({ userId, moves: approved })),
      runs,
    },
  });
}

export function reject(workflow: Workflow, event: EventOf<'reject'>, now: Date): TransitionResult {
  const { request } = workflow;
  const gate = clickGate(workflow, event.origin, now);
  if (gate) return gate;
  if (event.actor.userId !== request.requesterId && !event.actor.mayApprove) {
    return refuse('not_allowed', 'only an approver or the requester can reject this request');
  }
  const step = new Step(workflow, now)
    .setRequest({ state: 'rejected', stateNote: event.actor.userId, closedAt: now.toISOString() })
    .rerender();
  step.cancelQueued(`rejected by <@${event.actor.userId}>`);
  return step.build({ actor: event.actor.userId, action: 'request.rejected', result: 'ok' });
}

export function cancel(workflow: Workflow, event: EventOf<'cancel'>, now: Date): TransitionResult {
  const { request } = workflow;
  const { actor } = event;
  if (!mayCancel(request.requesterId, actor)) {
    return refuse('not_allowed', `only the requester or an approver can cancel ${request.id}`);
  }
  if (request.state === 'needs_attention') {
    return refuse(
      'awaiting_resolution',
      `${request.id} has a move whose outcome is unknown: nothing more starts; settle it with /migrate resolve ${request.id}`,
    );
  }
  if (request.state !== 'pending' && request.state !== 'approving' && request.state !== 'running') {
    return wrongState(workflow, 'cancel it');
  }
  if (event.origin) {
    const mismatch = originMismatch(request, event.origin);
    if (mismatch) return refuse('stale_click', mismatch);
  }
  const step = new Step(workflow, now).setRequest({ stateNote: actor.userId });
  if (request.state !== 'running') {
    step.setRequest({ state: 'cancelled', closedAt: now.toISOString() }).rerender();
    step.cancelQueued(`cancelled by <@${actor.userId}>`);
    return step.build({
      actor: actor.userId,
      action: 'request.cancelled',
      result: 'ok',
      detail: { from: request.state },
    });
  }
  const reason = `cancelled by <@${actor.userId}>`;
  const cancelled = step.cancelQueued(reason);
  if (cancelled.length === 0) {
    return refuse(
      'nothing_to_cancel',
      `${request.id} has no queued moves left; a migration already running finishes and is verified (stopping hpvmmigrate halfway is not safe)`,
    );
  }
  step.rerender().effect({ kind: 'tell', note: { kind: 'cancelled', indexes: cancelled, reason } });
  const stillRunning = workflow.moves.filter((move) => ACTIVE_MOVE_STATES.includes(move.state));
  return step.build({
    actor: actor.userId,
    action: 'request.cancel',
    result: 'ok',
    detail: {
      cancelled: cancelled.map((index) => workflow.moves[index]?.guest),
      stillRunning: stillRunning.map((move) => move.guest),
    },
  });
}

export function expire(workflow: Workflow, now: Date): TransitionResult {
  const { request } = workflow;
  if (request.state !== 'pending') return wrongState(workflow, 'expire it');
  if (!isExpired(request, now)) return refuse('wrong_state', `${request.id} expires only at ${request.expiresAt}`);
  const step = new Step(workflow, now).setRequest({ state: 'expired', closedAt: now.toISOString() }).rerender();
  step.cancelQueued('the preview expired');
  return step.build({ actor: 'bot', action: 'request.expired', result: 'ok' });
}

export function recheckPassed(workflow: Workflow, now: Date): TransitionResult {
  if (workflow.request.state !== 'approving') return wrongState(workflow, 'run it');
  const step = new Step(workflow, now).setRequest({ state: 'running' }).rerender().effect({ kind: 'run' });
  return step.build({ actor: 'bot', action: 'request.running', result: 'ok' });
}

export function supersede(workflow: Workflow, event: EventOf<'supersede'>, now: Date): TransitionResult {
  if (workflow.request.state !== 'approving') return wrongState(workflow, 'supersede it');
  const step = new Step(workflow, now)
    .setRequest({ state: 'superseded', stateNote: event.change, closedAt: now.toISOString() })
    .rerender()
    .effect({ kind: 'tell', note: { kind: 'superseded', change: event.change } });
  step.cancelQueued('the inventory changed since the preview');
  return step.build({ actor: 'bot', action: 'request.superseded', result: 'ok', detail: { change: event.change } });
}

export function sealBroken(workflow: Workflow, event: EventOf<'seal_broken'>, now: Date): TransitionResult {
  const { request } = workflow;
  if (request.state !== 'approving' && request.state !== 'running') return wrongState(workflow, 'stop it');
  const inFlight = workflow.moves.filter((move) => ACTIVE_MOVE_STATES.includes(move.state));
  if (inFlight.length > 0) {
    return refuse('moves_in_flight', `${inFlight.map((move) => move.guest).join(', ')} still running`);
  }
  const step = new Step(workflow, now)
    .setRequest({ state: 'failed', stateNote: `plan seal broken: ${event.problem}`, closedAt: now.toISOString() })
    .rerender()
    .effect({ kind: 'tell', note: { kind: 'seal_broken', problem: event.problem } });
  step.cancelQueued('not started: the stored plan does not match what was approved');
  return step.build({ actor: 'bot', action: 'plan.seal_broken', result: 'failed', detail: { problem: event.problem } });
}

/**
 * Approve and Reject: only on a pending preview, before its expiry, from the preview as stored, with
 * buttons that say which plan they show (a decision is always about one plan).
 */
function clickGate(workflow: Workflow, origin: ClickOrigin, now: Date): Refusal | undefined {
  const { request } = workflow;
  if (request.state !== 'pending') return refuse('wrong_state', closedReason(request.id, request.state));
  if (isExpired(request, now)) return refuse('expired', `${request.id} expired at ${request.expiresAt}`);
  if (origin.planHashPrefix === undefined)
    return refuse('stale_click', 'the buttons clicked do not say which plan they show');
  const mismatch = originMismatch(request, origin);
  return mismatch === undefined ? undefined : refuse('stale_click', mismatch);
}

function mayCancel(requesterId: string, actor: Actor): boolean {
  return actor.userId === requesterId || actor.mayApprove;
}

function describeSelections(workflow: Workflow, approvals: readonly Approval[]): string {
  const guests = (indexes: readonly number[]) =>
    indexes.map((index) => workflow.moves[index]?.guest ?? `#${index}`).join(', ');
  return approvals.map((approval) => `<@${approval.userId}>: ${guests(approval.moves)}`).join('; ');
}

const STATE_REASONS: Record<RequestState, string> = {
  checked: 'this was a check only: nothing can be approved',
  pending: 'it is still waiting for approval',
  approving: 'it was just approved and is being re-checked',
  running: 'it was already approved and is running',
  needs_attention: 'a move of it needs attention: /migrate resolve',
  completed: 'it has already completed',
  failed: 'it has already run (and failed)',
  rejected: 'it was rejected',
  expired: 'it expired: ask again',
  superseded: 'the inventory changed since the preview: ask again for a new preview',
  cancelled: 'it was cancelled',
};

export function closedReason(id: string, state: RequestState): string {
  return `${id} is ${state.replace('_', ' ')}: ${STATE_REASONS[state]}`;
}

function wrongState(workflow: Workflow, what: string): Refusal {
  const { request } = workflow;
  return refuse('wrong_state', `cannot ${what}: ${closedReason(request.id, request.state)}`);
}
