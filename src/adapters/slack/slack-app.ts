/**
 * The Bolt app: `/migrate` and the buttons, in HTTP mode (signed requests at POST /slack/events) or Socket
 * Mode (no inbound URL), with GET /healthz either way. Every command is acknowledged at once (Slack allows
 * 3 s); slow work continues after the acknowledgement.
 */
import {
  App,
  HTTPReceiver,
  SocketModeReceiver,
  type BlockAction,
  type ButtonAction,
  type Receiver,
  type types,
  type webApi,
} from '@slack/bolt';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { SlackMode } from '../../config.ts';
import type { ActionId, BotHandlers } from '../../ports.ts';
import { ACTION_IDS, actionInputOf } from './action-input.ts';
import { SELECT_MOVES_ACTION } from './blocks/block-ids.ts';
import { boltLogger } from './bolt-logger.ts';

export interface SlackAppOptions {
  readonly mode: Exclude<SlackMode, { kind: 'sandbox' }>;
  /** Bolt's HTTP server port (HTTP mode), or the /healthz port (Socket Mode); 0 picks a free one. */
  readonly port: number;
  /** Interface for the HTTP server (HTTP mode). */
  readonly host: string;
  readonly slackApiUrl?: string;
  readonly logger: Logger;
  readonly handlers: BotHandlers;
  /** Tests use `{ retries: 0 }`-like policies; production keeps Bolt's default retries. */
  readonly retryConfig?: webApi.RetryOptions;
}

export interface SlackApp {
  readonly client: webApi.WebClient;
  /** Starts listening; resolves to the HTTP port (/slack/events and /healthz, or /healthz alone). */
  start(): Promise<number>;
  stop(): Promise<void>;
}

/** How much of a click's value or block id a log line repeats: they are anyone's to write. */
const LOGGED_CHARS = 100;

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const logger = boltLogger(options.logger);
  const log = options.logger.child({ component: 'slack' });
  const healthz = {
    path: '/healthz',
    method: ['GET'],
    handler: (_request: IncomingMessage, response: ServerResponse) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    },
  };
  let receiver: Receiver;
  if (options.mode.kind === 'http') {
    receiver = new HTTPReceiver({ signingSecret: options.mode.signingSecret, customRoutes: [healthz], logger });
  } else {
    receiver = new SocketModeReceiver({
      appToken: options.mode.appToken,
      customRoutes: [healthz],
      // The Socket Mode client's own Web API calls (apps.connections.open) go where the bot's go.
      installerOptions: {
        port: options.port,
        ...(options.slackApiUrl ? { clientOptions: { slackApiUrl: options.slackApiUrl } } : {}),
      },
      logger,
    });
  }
  const app = new App({
    token: options.mode.botToken,
    receiver,
    logger,
    // The bot keeps its own state in the Store; Bolt's conversation store would only cost time on every request.
    convoStore: false,
    clientOptions: {
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
      ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
    },
  });

  app.command('/migrate', async ({ command, ack }) => {
    const outcome = await options.handlers.handleCommand({
      text: command.text,
      userId: command.user_id,
      channelId: command.channel_id,
      triggerId: command.trigger_id,
      responseUrl: command.response_url,
    });
    await ack({ response_type: 'ephemeral', text: outcome.reply.text, ...blocksOf(outcome.reply.blocks) });
    outcome.work?.catch((error: unknown) => log.error({ err: error }, 'command work failed'));
  });

  app.action<BlockAction<ButtonAction>>(
    { action_id: new RegExp(`^(${ACTION_IDS.join('|')})$`) },
    async ({ ack, body, action }) => {
      await ack();
      const channelId: string | undefined = body.channel?.id;
      const messageTs: string | undefined = body.message?.ts;
      if (channelId === undefined || messageTs === undefined) return;
      const input = actionInputOf({
        actionId: action.action_id as ActionId,
        blockId: action.block_id,
        value: action.value ?? '',
        userId: body.user.id,
        channelId,
        messageTs,
        ...(body.state?.values === undefined ? {} : { stateValues: body.state.values }),
      });
      if (input === undefined) {
        log.warn(
          {
            actionId: action.action_id,
            userId: body.user.id,
            channelId,
            value: (action.value ?? '').slice(0, LOGGED_CHARS),
            blockId: action.block_id.slice(0, LOGGED_CHARS),
          },
          'click ignored: the button value names no request of this bot',
        );
        return;
      }
      await options.handlers.handleAction(input);
    },
  );

  app.action(SELECT_MOVES_ACTION, async ({ ack }) => {
    await ack();
  });

  let server: Server | undefined;
  return {
    client: app.client,
    async start() {
      if (receiver instanceof HTTPReceiver) {
        server = await receiver.start({ port: options.port, host: options.host });
        return (server.address() as AddressInfo).port;
      }
      await app.start();
      return options.port;
    },
    async stop() {
      await app.stop();
    },
  };
}

function blocksOf(blocks: readonly object[] | undefined): { blocks?: (types.KnownBlock | types.Block)[] } {
  return blocks ? { blocks: blocks as (types.KnownBlock | types.Block)[] } : {};
}
