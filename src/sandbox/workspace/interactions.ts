/**
 * What a person does in Slack, as the request Slack sends the app, built from the workspace's state:
 * clicking a button or ticking a checkbox on a message, or typing a slash command in a channel.
 * Interactivity bodies carry `state.values` (the state of the message's inputs, e.g. checkboxes).
 */
import { isObject, type JsonObject, type StoredMessage } from './message-store.ts';
import type { ResponseUrlContext } from './response-urls.ts';
import { blockActionsBody, newTriggerId, slashCommandBody, type SlashCommandFields } from './slack-requests.ts';
import { messageJson } from './web-api-methods.ts';
import { VERIFICATION_TOKEN, type Workspace } from './workspace.ts';

/** What the builders read: the sandbox's workspace server and the tests' fake both provide it. */
export interface InteractionSource {
  readonly workspace: Workspace;
  /** The current version of a message; throws when the channel has no such message. */
  latest(channel: string, ts: string): StoredMessage;
  /** A response_url for a payload; `context` says where the command or click happened. */
  responseUrl(id: string, context?: ResponseUrlContext): string;
}

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
  /** Absent when the element sat on an ephemeral message, as on Slack. */
  readonly message?: JsonObject;
  readonly state: { readonly values: JsonObject };
  readonly response_url: string;
  readonly actions: readonly JsonObject[];
}

export interface Interaction<P> {
  /** The form body to sign and post. Post it twice to emulate a redelivery. */
  readonly body: string;
  readonly payload: P;
  readonly triggerId: string;
  /** The id of this payload's response_url. */
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
  /** `state.values` as Slack sends it: block_id → action_id → the element's state. */
  readonly stateValues?: JsonObject;
}

/** The message (or ephemeral message) an element sits on. */
export interface ActionTarget {
  readonly channel: string;
  readonly messageTs: string;
  readonly threadTs?: string | undefined;
  readonly blocks: readonly JsonObject[];
  /** The `message` object of the payload; undefined for an ephemeral message. */
  readonly message?: JsonObject;
}

let interactions = 0;

/**
 * The block_actions request for `userId` clicking the button `actionId` on the message's *current* blocks.
 * Throws when no such button is there any more (a real user could not click it).
 */
export function clickButton(
  source: InteractionSource,
  channel: string,
  ts: string,
  actionId: string,
  userId: string,
  options: ClickOptions = {},
): Interaction<BlockActionsPayload> {
  const message = source.latest(channel, ts);
  if (message.deleted) throw new Error(`workspace: message ${ts} in ${channel} was deleted`);
  const target: ActionTarget = {
    channel,
    messageTs: ts,
    threadTs: message.threadTs,
    blocks: options.fromBlocks ?? message.blocks,
    message: messageJson(message, source.workspace),
  };
  return elementAction(source, target, { actionId, blockId: options.blockId, type: 'button' }, userId, options);
}

export interface ElementRef {
  readonly actionId: string;
  readonly blockId?: string | undefined;
  readonly type: 'button' | 'checkboxes';
  /** Checkboxes: the values ticked after the change. */
  readonly selected?: readonly string[];
}

/** The block_actions request for an element of `target`: a button click or a checkbox change. */
export function elementAction(
  source: InteractionSource,
  target: ActionTarget,
  ref: ElementRef,
  userId: string,
  options: Omit<ClickOptions, 'blockId' | 'fromBlocks'> = {},
): Interaction<BlockActionsPayload> {
  const { block, element } = findElement(target.blocks, ref, `${target.channel}/${target.messageTs}`);
  const { team, bot } = source.workspace;
  const triggerId = options.triggerId ?? newTriggerId();
  interactions += 1;
  const responseUrlId = options.responseUrlId ?? `click-${interactions}`;
  const user = source.workspace.user(userId);
  const action: JsonObject = {
    type: element.type,
    action_id: element.action_id,
    block_id: block.block_id,
    ...(element.type === 'button'
      ? {
          text: element.text,
          ...(element.value === undefined ? {} : { value: element.value }),
          ...(element.style === undefined ? {} : { style: element.style }),
        }
      : { selected_options: selectedOptions(element, ref.selected ?? []) }),
    action_ts: (Date.now() / 1000).toFixed(6),
  };
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
      message_ts: target.messageTs,
      channel_id: target.channel,
      is_ephemeral: target.message === undefined,
      ...(target.threadTs === undefined ? {} : { thread_ts: target.threadTs }),
    },
    trigger_id: triggerId,
    team: { id: team.id, domain: team.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: {
      id: target.channel,
      name: source.workspace.channel(target.channel)?.name ?? target.channel.toLowerCase(),
    },
    ...(target.message === undefined ? {} : { message: target.message }),
    state: { values: options.stateValues ?? {} },
    response_url: source.responseUrl(responseUrlId, {
      channel: target.channel,
      user: userId,
      ...(target.message === undefined ? {} : { messageTs: target.messageTs }),
    }),
    actions: [action],
  };
  return { body: blockActionsBody(payload), payload, triggerId, responseUrlId };
}

/** The option objects of a checkboxes element for the ticked values, in the element's order. */
export function selectedOptions(element: JsonObject, values: readonly string[]): JsonObject[] {
  const options = Array.isArray(element.options) ? (element.options as unknown[]) : [];
  return options.filter((option): option is JsonObject => isObject(option) && values.includes(String(option.value)));
}

function findElement(
  blocks: readonly JsonObject[],
  ref: ElementRef,
  where: string,
): { block: JsonObject; element: JsonObject } {
  const found: { block: JsonObject; element: JsonObject }[] = [];
  const seen: string[] = [];
  for (const block of blocks) {
    const elements = block.type === 'actions' && Array.isArray(block.elements) ? (block.elements as unknown[]) : [];
    for (const element of [...elements, block.accessory]) {
      if (!isObject(element) || element.type !== ref.type) continue;
      seen.push(String(element.action_id));
      if (element.action_id === ref.actionId && (ref.blockId === undefined || block.block_id === ref.blockId)) {
        found.push({ block, element });
      }
    }
  }
  const [first] = found;
  const kind = ref.type === 'button' ? 'button' : 'checkboxes';
  if (first === undefined) {
    throw new Error(`workspace: no ${kind} ${ref.actionId} on ${where} (${kind}: ${seen.join(', ') || 'none'})`);
  }
  if (found.length > 1) throw new Error(`workspace: ${found.length} ${kind} ${ref.actionId} on ${where}; pass blockId`);
  return first;
}

/**
 * The slash command request for `user_id` typing `command text` in `channel_id`, with a response_url
 * served by the workspace and the workspace's team and app ids.
 */
export function slashCommand(
  source: InteractionSource,
  fields: Omit<SlashCommandFields, 'response_url'> & { readonly responseUrlId?: string },
): Interaction<Record<string, string>> {
  const triggerId = fields.trigger_id ?? newTriggerId();
  interactions += 1;
  const responseUrlId = fields.responseUrlId ?? `command-${interactions}`;
  const { team, bot } = source.workspace;
  const user = source.workspace.user(fields.user_id);
  const body = slashCommandBody({
    team_id: team.id,
    team_domain: team.domain,
    api_app_id: bot.appId,
    channel_name: source.workspace.channel(fields.channel_id)?.name,
    user_name: user?.name,
    ...withoutUndefined(fields),
    trigger_id: triggerId,
    response_url: source.responseUrl(responseUrlId, { channel: fields.channel_id, user: fields.user_id }),
  });
  return { body, payload: Object.fromEntries(new URLSearchParams(body)), triggerId, responseUrlId };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
