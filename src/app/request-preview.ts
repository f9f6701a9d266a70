/**
 * After `/migrate … to …` is acknowledged: read the inventory the request needs, check every rule, run
 * HP's read-only precheck, store the request, and post the preview — in the channel with buttons when it
 * can run, to the requester alone (response_url) when it is a check or is blocked (DESIGN §3).
 */
import { createHash } from 'node:crypto';
import { canonicalPlanJson, planDependenciesJson } from '../domain/plan/canonical-plan-json.ts';
import type { Plan } from '../domain/plan/plan-types.ts';
import { approvalsRequired, expiryFor } from '../domain/workflow/approval.ts';
import type { RequestRecord } from '../domain/workflow/records.ts';
import type { ChatMessage, CreateRequestResult, MoveDraft, RequestDraft } from '../ports.ts';
import { approvalPolicy, type BotContext } from './bot-context.ts';
import type { SlashCommandInput } from './bot-handlers.ts';
import { busyState, planningDeps } from './planning.ts';
import { planRequest, type PlannableRequest } from './plan-request.ts';
import { audit, describeError } from './audit.ts';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

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
  const record = created.record;
  const now = context.clock.now();
  if (!runnable) {
    await chat.respond(input.responseUrl, presenter.preview({ request: record, plan, now }));
    return;
  }
  const posted = await postMessageOf(context, record, presenter.preview({ request: record, plan, now }));
  if (posted !== undefined) {
    await chat.respond(
      input.responseUrl,
      presenter.error({
        what: `The preview of ${record.id} could not be posted in this channel (${posted.message})`,
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
  /** Pending with buttons (locks its guests), or closed at once as a check. */
  readonly runnable: boolean;
}

/** Stores a planned request (and audits it): its plan exactly as the preview shows it, hashed. */
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
    planJson,
    planHash: sha256(planJson),
    dependencyHash: sha256(planDependenciesJson(plan)),
    approvalsRequired: approvalsRequired(involvedVsps(plan), approvalPolicy(context.settings)),
    approvals: [],
    ...(meta.runnable ? {} : { closedAt: now.toISOString() }),
  };
  const created = await context.store.createRequest(draft, plannedGuests(plan), moveDrafts(plan));
  if (created.kind === 'created') {
    await audit(context, meta.requesterId, 'request.created', created.record.id, 'ok', {
      text: meta.text,
      state: created.record.state,
      planHash: created.record.planHash,
    });
  }
  return created;
}

/**
 * Posts a request's preview in its channel and remembers where. Without a preview nobody can approve, so
 * when posting fails the request is closed (its guests unlocked) and the error is returned.
 */
export async function postMessageOf(
  context: BotContext,
  record: RequestRecord,
  message: ChatMessage,
): Promise<Error | undefined> {
  const { store, chat } = context;
  try {
    const { ts } = await chat.post(record.channelId, message);
    await store.updateRequest(record.id, record.version, { previewTs: ts });
    return undefined;
  } catch (error) {
    const closed = await store.updateRequest(record.id, record.version, {
      state: 'cancelled',
      stateNote: 'the preview could not be posted',
      closedAt: context.clock.now().toISOString(),
    });
    await audit(context, 'bot', 'preview.failed', record.id, 'failed', {
      error: (error as Error).message,
      closed: closed !== undefined,
    });
    return error as Error;
  }
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

function plannedGuests(plan: Plan): string[] {
  return plan.moves.map((move) => move.guest.name);
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
