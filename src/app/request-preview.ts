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
import type { MoveDraft, RequestDraft } from '../ports.ts';
import { approvalPolicy, type BotContext } from './bot-context.ts';
import type { SlashCommandInput } from './bot-handlers.ts';
import { busyState, planningDeps } from './planning.ts';
import { planRequest, type PlannableRequest } from './plan-request.ts';
import { audit, describeError } from './audit.ts';

export function sha256(text: string): string {
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
    ({ plan } = await planRequest(request, planningDeps(context), { precheck: true, busy: await busyState(context) }));
  } catch (error) {
    log.error({ err: error }, 'planning failed');
    await chat.respond(
      input.responseUrl,
      presenter.error(describeError(context, 'The request could not be planned', error)),
    );
    return;
  }
  const now = context.clock.now();
  const checkOnly = request.kind === 'migrate' && request.checkOnly;
  const runnable = !checkOnly && plan.ok && plan.moves.length > 0;
  const planJson = canonicalPlanJson(plan);
  const draft: RequestDraft = {
    kind: request.kind,
    text,
    requesterId: input.userId,
    channelId: input.channelId,
    triggerId: input.triggerId,
    responseUrl: input.responseUrl,
    createdAt: now.toISOString(),
    expiresAt: expiryFor(now, approvalPolicy(context.settings)).toISOString(),
    state: runnable ? 'pending' : 'checked',
    ...(request.kind === 'migrate' && request.reason !== undefined ? { reason: request.reason } : {}),
    ...(request.kind === 'evacuate' || request.kind === 'return' ? { vsp: request.vsp } : {}),
    planJson,
    planHash: sha256(planJson),
    dependencyHash: sha256(planDependenciesJson(plan)),
    approvalsRequired: approvalsRequired(involvedVsps(plan), approvalPolicy(context.settings)),
    approvals: [],
    ...(runnable ? {} : { closedAt: now.toISOString() }),
  };
  const created = await store.createRequest(draft, plannedGuests(plan), moveDrafts(plan));
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
  await audit(context, input.userId, 'request.created', record.id, 'ok', {
    text,
    state: record.state,
    planHash: record.planHash,
  });
  if (!runnable) {
    await chat.respond(input.responseUrl, presenter.preview({ request: record, plan, now }));
    return;
  }
  await postPreview(context, record, plan, input);
}

async function postPreview(
  context: BotContext,
  record: RequestRecord,
  plan: Plan,
  input: SlashCommandInput,
): Promise<void> {
  const { store, chat, presenter } = context;
  try {
    const { ts } = await chat.post(
      record.channelId,
      presenter.preview({ request: record, plan, now: context.clock.now() }),
    );
    await store.updateRequest(record.id, record.version, { previewTs: ts });
  } catch (error) {
    // Without a preview nobody can approve: close the request so its guests are not locked for nothing.
    const closed = await store.updateRequest(record.id, record.version, {
      state: 'cancelled',
      stateNote: 'the preview could not be posted',
      closedAt: context.clock.now().toISOString(),
    });
    await audit(context, 'bot', 'preview.failed', record.id, 'failed', {
      error: (error as Error).message,
      closed: closed !== undefined,
    });
    await chat.respond(
      input.responseUrl,
      presenter.error({
        what: `The preview of ${record.id} could not be posted in this channel (${(error as Error).message})`,
        nextStep: 'Invite the bot to this channel (/invite @hpvm-chatops), then ask again.',
        reference: record.id,
      }),
    );
  }
}

/** Every VSP the plan touches: its approval requirement is the strictest of theirs. */
export function involvedVsps(plan: Plan): string[] {
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
