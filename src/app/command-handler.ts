/**
 * `/migrate …` (docs/architecture.md, "Chat surface"): parsed at once and answered within Slack's 3
 * seconds. Usage errors, help, status, list, history and cancel are answered in the acknowledgement
 * itself; a move request is acknowledged with "checking…" and planned afterwards (request-preview.ts), a
 * resolution acknowledged and checked against hpvmstatus afterwards (resolve-move.ts).
 */
import { parseMigrateText } from '../domain/grammar/parse-migrate-text.ts';
import { REQUEST_ID_PATTERN } from '../domain/names.ts';
import { OPEN_REQUEST_STATES, type RequestRecord } from '../domain/workflow/records.ts';
import type { ChatMessage, CommandOutcome, SlashCommandInput } from '../ports.ts';
import { applyEvent } from './apply-event.ts';
import { audit } from './audit.ts';
import { cancelNotice } from './click-handler.ts';
import { suggestBalance } from './balancing.ts';
import { mayApprove, type BotContext } from './bot-context.ts';
import { moveDetails } from './move-details.ts';
import type { PlannableRequest } from './plan-request.ts';
import { previewRequest } from './request-preview.ts';
import { resolveMove } from './resolve-move.ts';
import { unescapeSlackText } from '../domain/grammar/slack-text.ts';

const LISTED = 25;

export async function handleCommand(context: BotContext, input: SlashCommandInput): Promise<CommandOutcome> {
  const { presenter, settings, store } = context;
  const allowed = settings.approval.channels;
  if (allowed.length > 0 && !allowed.includes(input.channelId)) {
    await audit(context, input.userId, 'command.refused', undefined, 'refused', {
      reason: 'channel',
      channel: input.channelId,
    });
    return { reply: presenter.refusal({ requestId: '/migrate', reason: 'wrong-channel', ...firstChannel(allowed) }) };
  }
  const outcome = parseMigrateText(input.text, { knownVsps: settings.fleet.map((vsp) => vsp.name) });
  if (!outcome.ok) {
    await audit(context, input.userId, 'command.usage_error', undefined, 'refused', {
      code: outcome.error.code,
      input: outcome.error.input,
    });
    return { reply: presenter.usageError(outcome.error) };
  }
  const request = outcome.request;
  const now = context.clock.now();
  switch (request.kind) {
    case 'help':
      return { reply: presenter.help() };
    case 'list':
      return {
        reply: presenter.requestList({
          requests: await store.listRequests({ states: OPEN_REQUEST_STATES, limit: LISTED + 1 }),
          now,
        }),
      };
    case 'history':
      return {
        reply: presenter.history({
          ...(request.name === undefined ? {} : { subject: request.name }),
          requests: await history(context, request.name),
          now,
        }),
      };
    case 'status':
      return { reply: await status(context, request.subject, now) };
    case 'cancel':
      return { reply: await cancel(context, request.requestId, input) };
    case 'resolve':
      return {
        reply: presenter.notice(
          `Checking ${request.requestId}: reading the move's folder and hpvmstatus on both VSPs before resolving it as ${request.outcome}.`,
        ),
        work: resolveMove(context, {
          requestId: request.requestId,
          ...(request.guest === undefined ? {} : { guest: request.guest }),
          outcome: request.outcome,
          userId: input.userId,
        }).then((message) => context.chat.respond(input.responseUrl, message)),
      };
    case 'balance':
      return {
        reply: presenter.notice('Reading the fleet and asking the balancer: the suggestion follows here.'),
        work: suggestBalance(context, { kind: 'command', input }),
      };
    case 'return': {
      const guests = await evacuatedGuests(context, request.vsp);
      if (guests.length === 0) {
        return {
          reply: presenter.notice(
            `No completed evacuation of ${request.vsp} is on record, so there is nothing to return. Move guests back by name: /migrate <vm> to ${request.vsp}`,
          ),
        };
      }
      return startPreview(context, { kind: 'return', vsp: request.vsp, guests }, input);
    }
    case 'migrate': {
      const locks = await store.guestLocks();
      const held = request.guests.find((guest) => locks.has(guest));
      if (held !== undefined) {
        const holder = await store.getRequest(locks.get(held) ?? '');
        return {
          reply: presenter.lockConflict({
            guest: held,
            requestId: holder?.id ?? '?',
            state: holder?.state ?? 'pending',
          }),
        };
      }
      return startPreview(context, request, input);
    }
    case 'evacuate':
      return startPreview(context, request, input);
  }
}

function startPreview(context: BotContext, request: PlannableRequest, input: SlashCommandInput): CommandOutcome {
  const what =
    request.kind === 'migrate'
      ? `${request.guests.join(', ')} → ${request.to}`
      : request.kind === 'balance'
        ? 'the balancing suggestion'
        : `${request.kind} ${request.vsp}`;
  return {
    reply: context.presenter.notice(
      `Checking ${what}: reading the inventory and running HP's checks. The preview follows here.`,
    ),
    work: previewRequest(context, request, input, unescapeSlackText(input.text).trim()),
  };
}

async function status(
  context: BotContext,
  subject: { type: 'request'; id: string } | { type: 'name'; name: string } | undefined,
  now: Date,
): Promise<ChatMessage> {
  const { store, presenter } = context;
  if (subject === undefined) {
    return presenter.requestList({
      requests: await store.listRequests({ states: OPEN_REQUEST_STATES, limit: LISTED + 1 }),
      now,
    });
  }
  const request =
    subject.type === 'request'
      ? await store.getRequest(subject.id)
      : (await store.listRequests({ guest: subject.name, limit: 1 }))[0];
  if (!request) {
    return presenter.notice(
      subject.type === 'request' ? `There is no request ${subject.id}.` : `No request has moved ${subject.name}.`,
    );
  }
  const workflow = await store.getWorkflow(request.id);
  const moves = workflow?.moves ?? [];
  const details = await moveDetails(store, request, moves);
  return presenter.requestStatus({ request, moves, ...(details === undefined ? {} : { details }), now });
}

async function history(context: BotContext, name: string | undefined): Promise<RequestRecord[]> {
  const { store, settings } = context;
  if (name === undefined) return store.listRequests({ limit: LISTED + 1 });
  const isVsp = settings.fleet.some((vsp) => vsp.name === name);
  return store.listRequests(isVsp ? { vsp: name, limit: LISTED + 1 } : { guest: name, limit: LISTED + 1 });
}

async function cancel(context: BotContext, requestId: string, input: SlashCommandInput): Promise<ChatMessage> {
  const { store, presenter } = context;
  if (!REQUEST_ID_PATTERN.test(requestId)) return presenter.notice(`${requestId} is not a request id.`);
  const record = await store.getRequest(requestId);
  if (!record) return presenter.notice(`There is no request ${requestId}.`);
  const actor = { userId: input.userId, mayApprove: await mayApprove(context, input.userId) };
  const applied = await applyEvent(context, record.id, { type: 'cancel', actor });
  if (!applied.ok) {
    await audit(context, input.userId, 'command.cancel', record.id, 'refused', { code: applied.code });
    return presenter.notice(
      `${applied.reason.charAt(0).toUpperCase()}${applied.reason.slice(1)}. Nothing was cancelled.`,
    );
  }
  return presenter.notice(cancelNotice(applied.workflow, applied.transition));
}

/** The guests a completed evacuation moved off this VSP that are still elsewhere. */
async function evacuatedGuests(context: BotContext, vsp: string): Promise<string[]> {
  const [evacuation] = await context.store.listRequests({
    kind: 'evacuate',
    vsp,
    states: ['completed', 'failed'],
    limit: 1,
  });
  if (!evacuation) return [];
  const workflow = await context.store.getWorkflow(evacuation.id);
  const moves = workflow?.moves ?? [];
  return moves.filter((move) => move.state === 'succeeded' && move.source === vsp).map((move) => move.guest);
}

function firstChannel(channels: readonly string[]): { channelId?: string } {
  const [first] = channels;
  return first === undefined ? {} : { channelId: first };
}
