/**
 * The page's own endpoints: `GET /ui/events?user=…` (live updates), and `POST /ui/command`, `/ui/action`,
 * `/ui/message` — what a person does in the channel, turned into what Slack would do: a signed slash
 * command or block_actions request to the app, or a plain message in the channel.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { AppDelivery } from './app-delivery.ts';
import type { CheckboxState } from './checkbox-state.ts';
import { showClickFailure, showCommandAnswer } from './command-answer.ts';
import type { EventStream } from './event-stream.ts';
import {
  elementAction,
  slashCommand,
  type ActionTarget,
  type BlockActionsPayload,
  type Interaction,
  type InteractionSource,
} from './interactions.ts';
import { isFromOwnPage } from './local-guard.ts';
import type { MessageStore } from './message-store.ts';
import { parseJson, readBody } from './request-body.ts';
import { sendJson } from './slack-endpoints.ts';
import { escapeLikeSlack } from './slack-requests.ts';
import { messageJson } from './web-api-methods.ts';

export interface UiContext {
  readonly source: InteractionSource;
  readonly store: MessageStore;
  readonly channelId: string;
  /** Who the page acts as when it names nobody (or someone unknown). */
  readonly defaultUser: string;
  /** The slash commands the app registered. */
  readonly commands: readonly string[];
  readonly delivery: AppDelivery;
  readonly checkboxes: CheckboxState;
  readonly events: EventStream;
  readonly port: () => number;
}

const Text = z.string().trim().min(1).max(4000);
const CommandInput = z.strictObject({ user: z.string(), text: Text });
const MessageInput = z.strictObject({ user: z.string(), text: Text });
const ActionInput = z.strictObject({
  user: z.string(),
  ts: z.string(),
  ephemeral: z.boolean().default(false),
  blockId: z.string(),
  actionId: z.string(),
  type: z.enum(['button', 'checkboxes']),
  selected: z.array(z.string()).max(10).optional(),
});

export function createUiRoutes(context: UiContext): {
  route(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
} {
  const { source, store, channelId, delivery } = context;
  const { workspace } = source;

  async function command(input: z.infer<typeof CommandInput>): Promise<void> {
    const name = input.text.split(/\s/, 1)[0] ?? '';
    const invocation = { channel: channelId, user: input.user, command: input.text };
    if (!context.commands.includes(name)) {
      store.postEphemeral({
        channel: channelId,
        user: input.user,
        threadTs: undefined,
        command: input.text,
        text: `\`${escapeLikeSlack(name)}\` is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`,
        blocks: [],
        via: 'slackbot',
      });
      return;
    }
    const interaction = slashCommand(source, {
      command: name,
      text: escapeLikeSlack(input.text.slice(name.length).trim()),
      user_id: input.user,
      channel_id: channelId,
    });
    showCommandAnswer(await delivery.send(interaction.body), invocation, store, workspace);
  }

  async function action(input: z.infer<typeof ActionInput>): Promise<boolean> {
    const target = actionTarget(input);
    if (target === undefined) return false;
    if (input.type === 'checkboxes') {
      context.checkboxes.set(input.user, input.ts, input.blockId, input.actionId, input.selected ?? []);
    }
    let interaction: Interaction<BlockActionsPayload>;
    try {
      interaction = elementAction(
        source,
        target,
        {
          actionId: input.actionId,
          blockId: input.blockId,
          type: input.type,
          ...(input.selected ? { selected: input.selected } : {}),
        },
        input.user,
        { stateValues: context.checkboxes.stateValues(input.user, input.ts, target.blocks) },
      );
    } catch {
      return false; // The element is gone: the message changed under the click.
    }
    showClickFailure(await delivery.send(interaction.body), { channel: channelId, user: input.user }, store);
    return true;
  }

  function actionTarget(input: z.infer<typeof ActionInput>): ActionTarget | undefined {
    if (input.ephemeral) {
      const ephemeral = store.findEphemeral(channelId, input.user, input.ts);
      if (ephemeral === undefined) return undefined;
      return {
        channel: channelId,
        messageTs: ephemeral.messageTs,
        threadTs: ephemeral.threadTs,
        blocks: ephemeral.blocks,
      };
    }
    const message = store.find(channelId, input.ts);
    if (message === undefined || message.deleted) return undefined;
    return {
      channel: channelId,
      messageTs: message.ts,
      threadTs: message.threadTs,
      blocks: message.blocks,
      message: messageJson(message, workspace),
    };
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? '/', 'http://workspace');
    if (!url.pathname.startsWith('/ui/')) return false;
    if (!isFromOwnPage(request, context.port())) {
      sendJson(response, 403, { ok: false, error: 'not_from_the_sandbox_page' });
      return true;
    }
    if (request.method === 'GET' && url.pathname === '/ui/events') {
      const user = url.searchParams.get('user') ?? '';
      context.events.open(request, response, workspace.user(user) === undefined ? context.defaultUser : user);
      return true;
    }
    if (request.method !== 'POST' || !(request.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(response, 404, { ok: false, error: 'not_found' });
      return true;
    }
    const answer = await post(url.pathname, parseJson(await readBody(request)));
    sendJson(response, answer.status, answer.error === undefined ? { ok: true } : { ok: false, error: answer.error });
    return true;
  }

  async function post(path: string, body: unknown): Promise<{ status: number; error?: string }> {
    const known = (user: string): boolean => workspace.user(user) !== undefined;
    switch (path) {
      case '/ui/command': {
        const input = CommandInput.safeParse(body);
        if (!input.success || !known(input.data.user)) return { status: 400, error: 'invalid_command' };
        await command(input.data);
        return { status: 200 };
      }
      case '/ui/action': {
        const input = ActionInput.safeParse(body);
        if (!input.success || !known(input.data.user)) return { status: 400, error: 'invalid_action' };
        return (await action(input.data)) ? { status: 200 } : { status: 409, error: 'element_gone' };
      }
      case '/ui/message': {
        const input = MessageInput.safeParse(body);
        if (!input.success || !known(input.data.user)) return { status: 400, error: 'invalid_message' };
        store.post({ channel: channelId, user: input.data.user, text: escapeLikeSlack(input.data.text), blocks: [] });
        return { status: 200 };
      }
      default:
        return { status: 404, error: 'not_found' };
    }
  }

  return { route };
}
