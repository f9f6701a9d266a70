/**
 * After `/migrate … to …` is acknowledged: read the inventory the request needs, check every rule, run
 * HP's read-only precheck, store the request with its sealed plan, and post the preview — in the channel
 * with buttons when it can run, to the requester alone (response_url) when it is a check or is blocked
 * (docs/architecture.md, "Chat surface"). A preview that had to leave command lines out to fit Slack's
 * limits gets the complete listing in its thread before it can be approved.
 */
import { canonicalPlanJson, planDependenciesJson } from '../domain/plan/canonical-plan-json.ts';
import type { Plan } from '../domain/plan/plan-types.ts';
import { approvalsRequired, expiryFor } from '../domain/workflow/approval.ts';
import type { Workflow } from '../domain/workflow/records.ts';
import type { CreateRequestResult, MoveDraft, PreviewMessage, RequestDraft, SlashCommandInput } from '../ports.ts';
import { applyEvent } from './apply-event.ts';
import { approvalPolicy, type BotContext } from './bot-context.ts';
import { describeError, errorText } from './next-step.ts';
import { busyState, planningDeps } from './planning.ts';
import { planRequest, type PlannableRequest } from './plan-request.ts';
import { sha256 } from './sealed-plan.ts';

export async function previewRequest(
  context: BotContext,
  request: PlannableRequest,
  input: SlashCommandInput,
  text: string,
): Promise<void> {
  const { store, chat, presenter } = context;
  const log = context.logger.child({ component: 'preview', triggerId: input.triggerId });
  let plan: Plan;
  try {
    ({ plan } = await context.lifecycle.planning(async () =>
      planRequest(request, planningDeps(context), { precheck: true, busy: await busyState(context) }),
    ));
  } catch (error) {
    log.error({ err: error }, 'planning failed');
    await chat.respond(
      input.responseUrl,
      presenter.error(describeError(context, 'The request could not be planned', error)),
    );
    return;
  }
  const checkOnly = request.kind === 'migrate' && request.checkOnly;
  const runnable = !checkOnly && plan.ok && plan.moves.length > 0;
  const created = await storeRequest(context, plan, {
    text,
    requesterId: input.userId,
    channelId: input.channelId,
    triggerId: input.triggerId,
    responseUrl: input.responseUrl,
    runnable,
  });
  if (created.kind === 'duplicate') {
    log.info({ requestId: created.record.id }, 'redelivered command ignored');
    return;
  }
  if (created.kind === 'locked') {
    const holder = await store.getRequest(created.heldBy);
    await chat.respond(
      input.responseUrl,
      presenter.lockConflict({ guest: created.guest, requestId: created.heldBy, state: holder?.state ?? 'pending' }),
    );
    return;
  }
  const { request: record } = created.workflow;
  const now = context.clock.now();
  if (!runnable) {
    await chat.respond(input.responseUrl, presenter.preview({ request: record, plan, now }));
    return;
  }
  const failed = await postPreview(context, created.workflow, plan, presenter.preview({ request: record, plan, now }));
  if (failed !== undefined) {
    await chat.respond(
      input.responseUrl,
      presenter.error({
        what: `The preview of ${record.id} could not be posted in this channel (${failed})`,
        nextStep: 'Invite the bot to this channel (/invite @hpvm-chatops), then ask again.',
        reference: record.id,
      }),
    );
  }
}

export interface RequestMeta {
  readonly text: string;
  readonly requesterId: string;
  readonly channelId: string;
  readonly triggerId: string;
  readonly responseUrl?: string;
  /** Pending with buttons (its moves lock their guests), or closed at once as a check (no moves). */
  readonly runnable: boolean;
}

/** Stores a planned request with its plan exactly as the preview shows it, sealed by its hash. */
export async function storeRequest(context: BotContext, plan: Plan, meta: RequestMeta): Promise<CreateRequestResult> {
  const now = context.clock.now();
  const { request } = plan;
  const planJson = canonicalPlanJson(plan);
  const draft: RequestDraft = {
    kind: request.kind,
    text: meta.text,
    requesterId: meta.requesterId,
    channelId: meta.channelId,
    triggerId: meta.triggerId,
    ...(meta.responseUrl === undefined ? {} : { responseUrl: meta.responseUrl }),
    createdAt: now.toISOString(),
    expiresAt: expiryFor(now, approvalPolicy(context.settings)).toISOString(),
    state: meta.runnable ? 'pending' : 'checked',
    ...(request.kind === 'migrate' && request.reason !== undefined ? { reason: request.reason } : {}),
    ...(request.kind === 'evacuate' || request.kind === 'return' ? { vsp: request.vsp } : {}),
    guests: [...plan.moves.map((move) => move.guest.name), ...plan.blocked.map((blocked) => blocked.guest)],
    planJson,
    planHash: sha256(planJson),
    dependencyHash: sha256(planDependenciesJson(plan)),
    approvalsRequired: approvalsRequired(involvedVsps(plan), approvalPolicy(context.settings)),
    approvals: [],
    ...(meta.runnable ? {} : { closedAt: now.toISOString() }),
  };
  return context.store.createRequest(draft, meta.runnable ? moveDrafts(plan) : [], {
    at: now.toISOString(),
    actor: meta.requesterId,
    action: 'request.created',
    result: 'ok',
    detail: { text: meta.text, state: draft.state, planHash: draft.planHash, moves: plan.moves.length },
  });
}

/**
 * Posts a request's preview in its channel — and, when the preview could not show every command line, the
 * complete listing in its thread — then records where (`preview_posted`): only from then on can it be
 * approved. Without a preview nobody can approve, so a failed post closes the request (`preview_failed`).
 * Returns the error text when posting failed.
 */
export async function postPreview(
  context: BotContext,
  workflow: Workflow,
  plan: Plan,
  message: PreviewMessage,
): Promise<string | undefined> {
  const { request } = workflow;
  let ts: string;
  try {
    ({ ts } = await context.chat.post(request.channelId, message));
  } catch (error) {
    await applyEvent(context, request.id, { type: 'preview_failed', reason: errorText(error) });
    return errorText(error);
  }
  let showsEveryCommand = message.showsEveryCommand;
  if (!showsEveryCommand) {
    try {
      for (const part of context.presenter.commandListing(plan, request.id)) {
        await context.chat.post(request.channelId, part, { threadTs: ts });
      }
      showsEveryCommand = true;
    } catch (error) {
      context.logger.warn({ err: error, requestId: request.id }, 'the complete command listing could not be posted');
    }
  }
  await applyEvent(context, request.id, { type: 'preview_posted', ts, showsEveryCommand });
  return undefined;
}

/** Every VSP the plan touches: its approval requirement is the strictest of theirs. */
function involvedVsps(plan: Plan): string[] {
  const vsps = new Set<string>();
  for (const move of plan.moves) {
    vsps.add(move.source);
    vsps.add(move.target);
  }
  if (plan.request.kind === 'evacuate' || plan.request.kind === 'return') vsps.add(plan.request.vsp);
  return [...vsps];
}

function moveDrafts(plan: Plan): MoveDraft[] {
  return plan.moves.map((move, index) => ({
    index,
    round: plan.rounds.findIndex((round) => round.includes(index)),
    guest: move.guest.name,
    source: move.source,
    target: move.target,
    mode: move.mode,
  }));
}
