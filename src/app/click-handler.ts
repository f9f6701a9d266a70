/**
 * Approve, Approve selected, Reject and Cancel clicks (docs/architecture.md, "Approvals"). Each click
 * becomes one event for the state machine, carrying where it came from (channel, message, button
 * revision, plan hash) and who clicked; the machine decides, the store's compare-and-set makes sure two
 * clicks at once cannot both win. Whoever is refused is told why, privately, and nothing changes.
 */
import type { WorkflowEvent } from '../domain/workflow/events.ts';
import { ACTIVE_MOVE_STATES, type RequestRecord, type Workflow } from '../domain/workflow/records.ts';
import type { Refusal, Transition } from '../domain/workflow/transition-types.ts';
import type { ActionInput, ChatMessage, ClickRefusal } from '../ports.ts';
import { applyEvent } from './apply-event.ts';
import { audit } from './audit.ts';
import { mayApprove, type BotContext } from './bot-context.ts';

export async function handleClick(context: BotContext, input: ActionInput): Promise<void> {
  const { store, chat, presenter } = context;
  const tell = (message: ChatMessage) => chat.postEphemeral(input.channelId, input.userId, message);
  const record = await store.getRequest(input.requestId);
  if (!record) {
    await audit(context, input.userId, `click.${input.action}`, undefined, 'refused', {
      code: 'unknown_request',
      requestId: input.requestId,
    });
    await tell(presenter.notice(`There is no request ${input.requestId}.`));
    return;
  }
  const actor = { userId: input.userId, mayApprove: await mayApprove(context, input.userId) };
  const origin = {
    channelId: input.channelId,
    messageTs: input.messageTs,
    revision: input.revision,
    ...(input.planHashPrefix === undefined ? {} : { planHashPrefix: input.planHashPrefix }),
  };
  const event: WorkflowEvent =
    input.action === 'reject'
      ? { type: 'reject', actor, origin }
      : input.action === 'cancel'
        ? { type: 'cancel', actor, origin }
        : {
            type: 'approve',
            actor,
            origin,
            selection: input.action === 'approve_selected' ? (input.selectedMoves ?? []) : 'all',
            selfApproval: context.settings.approval.selfApproval,
          };
  const applied = await applyEvent(context, record.id, event);
  if (applied.ok) {
    if (input.action === 'cancel') await tell(presenter.notice(cancelNotice(applied.workflow, applied.transition)));
    return;
  }
  if (applied.code === 'expired') {
    // The click arrived after the expiry, before the sweep: close it now so the buttons go.
    await applyEvent(context, record.id, { type: 'expire' });
  }
  await audit(context, input.userId, `click.${input.action}`, record.id, 'refused', {
    code: applied.code,
    reason: applied.reason,
  });
  const latest = (await store.getRequest(record.id)) ?? record;
  await tell(refusalMessage(context, latest, applied));
}

/** What a cancel did: closed outright, or the queued moves cancelled and which migrations run on. */
export function cancelNotice(workflow: Workflow, transition: Transition): string {
  const { request } = workflow;
  if (request.state === 'cancelled' && !workflow.moves.some((move) => move.startedAt !== undefined)) {
    return `${request.id} is cancelled; nothing ran.`;
  }
  const cancelled = transition.change.moves.filter((update) => update.change.state === 'cancelled').length;
  const running = workflow.moves.filter((move) => ACTIVE_MOVE_STATES.includes(move.state));
  const runningText =
    running.length === 0
      ? ''
      : ` ${running.map((move) => `${move.guest} (${move.source} → ${move.target}, ${move.mode})`).join(', ')} ${running.length === 1 ? 'is' : 'are'} already running: stopping hpvmmigrate halfway is not safe, so ${running.length === 1 ? 'it' : 'they'} will finish and be verified.`;
  return `${request.id}: ${cancelled} queued move(s) cancelled.${runningText}`;
}

/** The state machine's refusal in the presenter's terms (which adds who may approve, when it expired, …). */
function refusalMessage(
  context: BotContext,
  request: RequestRecord,
  refusal: Refusal | { readonly code: 'not_found'; readonly reason: string },
): ChatMessage {
  const { presenter } = context;
  const id = request.id;
  const known = (value: ClickRefusal): ChatMessage => presenter.refusal(value);
  switch (refusal.code) {
    case 'self_approval':
      return known({ requestId: id, reason: 'self-approval' });
    case 'not_an_approver':
      return known({ requestId: id, reason: 'not-approver' });
    case 'already_approved':
      return known({ requestId: id, reason: 'already-approved' });
    case 'expired':
      return known({ requestId: id, reason: 'expired', at: request.expiresAt });
    case 'stale_click':
      return known({ requestId: id, reason: 'stale-click', detail: refusal.reason });
    case 'wrong_state':
      if (request.state === 'superseded') {
        return known({
          requestId: id,
          reason: 'superseded',
          ...(request.stateNote ? { changed: request.stateNote } : {}),
        });
      }
      if (request.state === 'expired') return known({ requestId: id, reason: 'expired', at: request.expiresAt });
      if (request.state === 'pending') return presenter.notice(`${refusal.reason}.`);
      return known({
        requestId: id,
        reason: 'already-handled',
        state: request.state,
        ...(request.stateNote && /^U[A-Z0-9]+$/.test(request.stateNote) ? { by: request.stateNote } : {}),
      });
    default:
      return presenter.notice(`${id}: ${refusal.reason}. Nothing was done.`);
  }
}
