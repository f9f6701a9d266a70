/**
 * The sandbox's local Slack-like workspace on 127.0.0.1: the Web API and response_url the bot talks to
 * (Slack's shapes, Block Kit checks and the 1 post/s/channel rate limit with 429 + Retry-After), the page
 * people use, and the page's endpoints, which reach the bot as signed Slack requests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createAppDelivery } from './app-delivery.ts';
import { createCheckboxState } from './checkbox-state.ts';
import { createEventStream, type FleetSource } from './event-stream.ts';
import type { InteractionSource } from './interactions.ts';
import { createMessageStore, type MessageStore } from './message-store.ts';
import { pageSession } from './page-state.ts';
import { createResponseUrls } from './response-urls.ts';
import { SANDBOX_BOT, SANDBOX_CHANNEL, SANDBOX_TEAM, SANDBOX_USERS, sandboxUser } from './sandbox-identities.ts';
import { createSlackEndpoints, sendJson, type PostRateRule } from './slack-endpoints.ts';
import { serveStatic } from './static-files.ts';
import { createUiRoutes } from './ui-routes.ts';
import { createWorkspace, type Workspace } from './workspace.ts';

export interface WorkspaceServerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** The bot token the app must send, and the secret the workspace signs its requests with. */
  readonly token: string;
  readonly signingSecret: string;
  readonly fleet?: FleetSource;
  readonly logger: Logger;
  /** How long the app has to acknowledge a command or click (Slack: 3 s; tests shorten it). */
  readonly ackDeadlineMs?: number;
  /** Slack's chat.postMessage limit per channel (default: 1 per second, bursts of 3). */
  readonly postRate?: PostRateRule;
}

export interface WorkspaceServer {
  /** The page: `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** For the app's `slackApiUrl`. */
  readonly apiUrl: string;
  readonly workspace: Workspace;
  readonly store: MessageStore;
  /** Where slash commands and clicks go: the app's request URL (`…/slack/events`). */
  connectApp(requestUrl: string): void;
  /**
   * Resolves once the app has made no Web API call for `quietMs` (at most after `maxMs`): a stopped bot's
   * paced posts and coalesced edits still get through before the workspace closes.
   */
  untilAppQuiet(quietMs: number, maxMs: number): Promise<void>;
  /** Ends the page's live streams and stops listening. */
  close(): Promise<void>;
}

const SLASH_COMMANDS = ['/migrate'];

export async function startWorkspaceServer(options: WorkspaceServerOptions): Promise<WorkspaceServer> {
  const log = options.logger.child({ component: 'sandbox-workspace' });
  const workspace = createWorkspace({
    team: SANDBOX_TEAM,
    bot: SANDBOX_BOT,
    users: SANDBOX_USERS,
    channels: [SANDBOX_CHANNEL],
  });
  const store = createMessageStore(Date.now);
  const responseUrls = createResponseUrls(workspace, store, Date.now);
  const postRate = options.postRate ?? { perSecond: 1, burst: 3 };
  const endpoints = createSlackEndpoints({
    token: options.token,
    workspace,
    store,
    responseUrls,
    now: Date.now,
    postRate: () => postRate,
    // Slack answers these too; a log line tells whoever changes the bot that Slack would have refused.
    onViolation: (violation) =>
      violation.kind === 'post_rate_exceeded'
        ? log.debug(violation, 'rate limited (429)')
        : log.warn(violation, 'the app made a call Slack refuses'),
  });
  let port = 0;
  const source: InteractionSource = {
    workspace,
    latest(channel, ts) {
      const message = store.find(channel, ts);
      if (message === undefined) throw new Error(`workspace: no message ${ts} in ${channel}`);
      return message;
    },
    responseUrl(id, context = {}) {
      responseUrls.register(id, context);
      return `http://127.0.0.1:${port}/response/${encodeURIComponent(id)}`;
    },
  };
  const events = createEventStream({
    store,
    channelId: SANDBOX_CHANNEL.id,
    fleet: options.fleet,
    session: (me) =>
      pageSession({
        me,
        workspace,
        channel: SANDBOX_CHANNEL,
        users: SANDBOX_USERS,
        store,
        fleet: options.fleet?.snapshot() ?? null,
      }),
  });
  const delivery = createAppDelivery(options.signingSecret, options.ackDeadlineMs);
  const ui = createUiRoutes({
    source,
    store,
    channelId: SANDBOX_CHANNEL.id,
    defaultUser: sandboxUser('requester').id,
    commands: SLASH_COMMANDS,
    delivery,
    checkboxes: createCheckboxState(),
    events,
    port: () => port,
  });

  let apiCallsInFlight = 0;
  let lastApiCallAt = 0;
  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const api = request.url?.startsWith('/api/') === true;
    if (api) apiCallsInFlight += 1;
    try {
      if (await endpoints.route(request, response)) return;
    } finally {
      if (api) {
        apiCallsInFlight -= 1;
        lastApiCallAt = Date.now();
      }
    }
    if (await ui.route(request, response)) return;
    if (await serveStatic(request, response)) return;
    sendJson(response, 404, { ok: false, error: 'not_found' });
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      log.error({ err: error, url: request.url }, 'workspace request failed');
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: 'fatal_error' });
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    apiUrl: `${origin}/api/`,
    workspace,
    store,
    connectApp: (requestUrl) => delivery.connect(requestUrl),
    async untilAppQuiet(quietMs, maxMs) {
      const deadline = Date.now() + maxMs;
      while (Date.now() < deadline && (apiCallsInFlight > 0 || Date.now() - lastApiCallAt < quietMs)) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      events.close();
      // The page's event streams and fetch's keep-alive sockets would hold server.close() open.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
