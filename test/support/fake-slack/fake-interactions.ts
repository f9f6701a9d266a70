/**
 * What a person does in Slack, as the request Slack would send the bot, built from the fake's state:
 * clicking a button on a message the bot posted, or typing a slash command in a channel.
 */
import type { FakeSlackApi } from './fake-slack-api.ts';
import { isObject, type JsonObject } from './message-store.ts';
import { blockActionsBody, newTriggerId, slashCommandBody, type SlashCommandFields } from './slack-requests.ts';
import { messageJson } from './web-api-methods.ts';
import { VERIFICATION_TOKEN } from './workspace.ts';

export interface BlockActionsPayload {
  readonly type: 'block_actions';
  readonly user: { readonly id: string; readonly username: string; readonly name: string; readonly team_id: string };
  readonly api_app_id: string;
  readonly token: string;
  readonly container: JsonObject;
  readonly trigger_id: string;
  readonly team: { readonly id: string; readonly domain: string };
  readonly enterprise: null;
  readonly is_enterprise_install: false;
  readonly channel: { readonly id: string; readonly name: string };
  readonly message: JsonObject;
  readonly state: { readonly values: JsonObject };
  readonly response_url: string;
  readonly actions: readonly JsonObject[];
}

export interface Interaction<P> {
  /** The form body to sign and post (postToBot). Post it twice to emulate a redelivery. */
  readonly body: string;
  readonly payload: P;
  readonly triggerId: string;
  /** The fake's id for this payload's response_url: `fake.responses(responseUrlId)`. */
  readonly responseUrlId: string;
}

export interface ClickOptions {
  readonly triggerId?: string;
  readonly responseUrlId?: string;
  /** Needed only when two blocks carry a button with the same action_id. */
  readonly blockId?: string;
  /**
   * Click a button of an earlier version of the message (a client that had not yet received the edit, or
   * a replayed request): the payload carries those blocks.
   */
  readonly fromBlocks?: readonly JsonObject[];
}

let interactions = 0;

/**
 * The block_actions request for `userId` clicking the button `actionId` on the message's *current* blocks.
 * Throws when no such button is there any more (a real user could not click it).
 */
export function clickButton(
  fake: FakeSlackApi,
  channel: string,
  ts: string,
  actionId: string,
  userId: string,
  options: ClickOptions = {},
): Interaction<BlockActionsPayload> {
  const message = fake.latest(channel, ts);
  if (message.deleted) throw new Error(`fake Slack: message ${ts} in ${channel} was deleted`);
  const { block, button } = findButton(
    options.fromBlocks ?? message.blocks,
    actionId,
    options.blockId,
    `${channel}/${ts}`,
  );
  const { team, bot } = fake.workspace;
  const triggerId = options.triggerId ?? newTriggerId();
  interactions += 1;
  const responseUrlId = options.responseUrlId ?? `click-${interactions}`;
  const user = fake.workspace.user(userId);
  const payload: BlockActionsPayload = {
    type: 'block_actions',
    user: {
      id: userId,
      username: user?.name ?? userId.toLowerCase(),
      name: user?.name ?? userId.toLowerCase(),
      team_id: team.id,
    },
    api_app_id: bot.appId,
    token: VERIFICATION_TOKEN,
    container: {
      type: 'message',
      message_ts: ts,
      channel_id: channel,
      is_ephemeral: false,
      ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }),
    },
    trigger_id: triggerId,
    team: { id: team.id, domain: team.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: fake.workspace.channel(channel)?.name ?? channel.toLowerCase() },
    message: messageJson(message, fake.workspace),
    state: { values: {} },
    response_url: fake.responseUrl(responseUrlId, { channel, user: userId, messageTs: ts }),
    actions: [
      {
        type: 'button',
        action_id: button.action_id,
        block_id: block.block_id,
        text: button.text,
        ...(button.value === undefined ? {} : { value: button.value }),
        ...(button.style === undefined ? {} : { style: button.style }),
        action_ts: (Date.now() / 1000).toFixed(6),
      },
    ],
  };
  return { body: blockActionsBody(payload), payload, triggerId, responseUrlId };
}

function findButton(
  blocks: readonly JsonObject[],
  actionId: string,
  blockId: string | undefined,
  where: string,
): { block: JsonObject; button: JsonObject } {
  const found: { block: JsonObject; button: JsonObject }[] = [];
  const seen: string[] = [];
  for (const block of blocks) {
    const elements = block.type === 'actions' && Array.isArray(block.elements) ? (block.elements as unknown[]) : [];
    for (const element of [...elements, block.accessory]) {
      if (!isObject(element) || element.type !== 'button') continue;
      seen.push(String(element.action_id));
      if (element.action_id === actionId && (blockId === undefined || block.block_id === blockId)) {
        found.push({ block, button: element });
      }
    }
  }
  const [first] = found;
  if (first === undefined) {
    throw new Error(`fake Slack: no button ${actionId} on ${where} (buttons: ${seen.join(', ') || 'none'})`);
  }
  if (found.length > 1) throw new Error(`fake Slack: ${found.length} buttons ${actionId} on ${where}; pass blockId`);
  return first;
}

/**
 * The slash command request for `user_id` typing `command text` in `channel_id`, with a response_url
 * served by the fake and the fake's team and app ids.
 */
export function slashCommand(
  fake: FakeSlackApi,
  fields: Omit<SlashCommandFields, 'response_url'> & { readonly responseUrlId?: string },
): Interaction<Record<string, string>> {
  const triggerId = fields.trigger_id ?? newTriggerId();
  interactions += 1;
  const responseUrlId = fields.responseUrlId ?? `command-${interactions}`;
  const { team, bot } = fake.workspace;
  const user = fake.workspace.user(fields.user_id);
  const body = slashCommandBody({
    team_id: team.id,
    team_domain: team.domain,
    api_app_id: bot.appId,
    channel_name: fake.workspace.channel(fields.channel_id)?.name,
    user_name: user?.name,
    ...withoutUndefined(fields),
    trigger_id: triggerId,
    response_url: fake.responseUrl(responseUrlId, { channel: fields.channel_id, user: fields.user_id }),
  });
  return { body, payload: Object.fromEntries(new URLSearchParams(body)), triggerId, responseUrlId };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
