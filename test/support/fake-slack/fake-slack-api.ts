/**
 * A strict fake of the Slack Web API (and of response_url) on 127.0.0.1, port 0: point
 * `clientOptions.slackApiUrl` at `url`. It is the sandbox's workspace model and endpoints
 * (src/sandbox/workspace) plus what only tests want: every call recorded, every call a correct bot never
 * makes (unknown method, bad auth, invalid blocks, a post over the per-channel rate, a response_url used
 * too often) recorded as a violation so tests can assert none, and injected 429s.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createMessageStore,
  type EphemeralMessage,
  type StoredMessage,
} from '../../../src/sandbox/workspace/message-store.ts';
import {
  createResponseUrls,
  type ResponseUrlContext,
  type ResponseUrlPost,
} from '../../../src/sandbox/workspace/response-urls.ts';
import {
  createSlackEndpoints,
  sendJson,
  type ApiCall,
  type EndpointViolation,
} from '../../../src/sandbox/workspace/slack-endpoints.ts';
import {
  createWorkspace,
  type Workspace,
  type WorkspaceOptions,
  type WorkspaceUser,
} from '../../../src/sandbox/workspace/workspace.ts';

export type { ApiCall } from '../../../src/sandbox/workspace/slack-endpoints.ts';

export interface FakeSlackApiOptions extends WorkspaceOptions {
  /** The bot token every call must carry as `Authorization: Bearer …`. */
  readonly token?: string;
  /** Milliseconds clock for ts values, call times, rate windows and response_url expiry. */
  readonly now?: () => number;
  /** Socket Mode: `apps.connections.open` (with this app token) answers this server's URL. */
  readonly socketMode?: { readonly appToken: string; readonly url: () => string };
}

export interface Violation extends EndpointViolation {
  readonly at: number;
}

export interface FakeSlackApi {
  /** For `slackApiUrl`: `http://127.0.0.1:PORT/api/`. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly workspace: Workspace;
  calls(method?: string): readonly ApiCall[];
  violations(): readonly Violation[];
  /** Top-level messages (and broadcast replies) of a channel, oldest first, without deleted ones. */
  messages(channel: string): readonly StoredMessage[];
  /** The replies in a thread, oldest first (not the parent). */
  thread(channel: string, ts: string): readonly StoredMessage[];
  ephemerals(channel: string, user: string): readonly EphemeralMessage[];
  /** The current version of a message; throws when the channel has no such message. */
  latest(channel: string, ts: string): StoredMessage;
  /** The next `count` calls of `method` get HTTP 429, `Retry-After: retryAfterSeconds`, `ratelimited`. */
  failNext(method: string, count?: number, retryAfterSeconds?: number): void;
  /** Slack's chat.postMessage rule: more than N posts in a channel within a second → 429 and a violation. */
  enforcePostRate(rule: { readonly perChannelPerSecond: number }): void;
  /** A response_url for a payload; `context` says where the command or click happened. */
  responseUrl(id: string, context?: ResponseUrlContext): string;
  responses(id: string): readonly ResponseUrlPost[];
  addUser(user: WorkspaceUser): void;
  setUserGroup(id: string, members: readonly string[]): void;
  /** e.g. `plan_upgrade_required`; undefined restores normal answers. */
  setUserGroupsError(error: string | undefined): void;
  close(): Promise<void>;
}

export async function startFakeSlackApi(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
  const token = options.token ?? 'xoxb-fake-bot-token';
  const now = options.now ?? Date.now;
  const workspace = createWorkspace(options);
  const store = createMessageStore(now);
  const responseUrls = createResponseUrls(workspace, store, now);
  const calls: ApiCall[] = [];
  const violations: Violation[] = [];
  const pendingFailures = new Map<string, { count: number; retryAfterSeconds: number }>();
  let postRate: number | undefined;

  const violate = (violation: EndpointViolation): void => void violations.push({ ...violation, at: now() });
  const endpoints = createSlackEndpoints({
    token,
    workspace,
    store,
    responseUrls,
    now,
    // No burst: the second post within a second is refused, so a bot that does not pace is caught.
    postRate: () => (postRate === undefined ? undefined : { perSecond: postRate, burst: postRate }),
    intercept(method) {
      const failure = pendingFailures.get(method);
      if (failure === undefined || failure.count <= 0) return undefined;
      failure.count -= 1;
      return { body: { ok: false, error: 'ratelimited' }, retryAfterSeconds: failure.retryAfterSeconds };
    },
    onCall: (call) => void calls.push(call),
    ...(options.socketMode ? { socketMode: options.socketMode } : {}),
    onViolation: violate,
  });

  const server = createServer((request, response) => {
    endpoints
      .route(request, response)
      .then((routed) => {
        if (routed) return;
        const path = new URL(request.url ?? '/', 'http://fake').pathname;
        violate({
          kind: 'bad_request',
          method: path,
          detail: `${request.method ?? '?'} ${path} is not a Slack endpoint`,
        });
        sendJson(response, 404, { ok: false, error: 'not_found' });
      })
      .catch((error: unknown) => {
        const detail = error instanceof Error ? error.message : String(error);
        violate({ kind: 'internal_error', method: request.url ?? '?', detail });
        if (!response.headersSent) sendJson(response, 500, { ok: false, error: 'fatal_error' });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/api/`,
    origin,
    token,
    workspace,
    calls: (method) => (method === undefined ? [...calls] : calls.filter((c) => c.method === method)),
    violations: () => [...violations],
    messages: (channel) =>
      store.all(channel).filter((m) => !m.deleted && (m.threadTs === undefined || m.replyBroadcast)),
    thread: (channel, ts) => store.all(channel).filter((m) => !m.deleted && m.threadTs === ts),
    ephemerals: (channel, user) => store.ephemerals(channel, user),
    latest(channel, ts) {
      const message = store.find(channel, ts);
      if (message === undefined) {
        const known = store.all(channel).map((m) => m.ts);
        throw new Error(`fake Slack: no message ${ts} in ${channel} (has: ${known.join(', ') || 'none'})`);
      }
      return message;
    },
    failNext(method, count = 1, retryAfterSeconds = 1) {
      pendingFailures.set(method, { count, retryAfterSeconds });
    },
    enforcePostRate(rule) {
      postRate = rule.perChannelPerSecond;
    },
    responseUrl(id, context = {}) {
      responseUrls.register(id, context);
      return `${origin}/response/${encodeURIComponent(id)}`;
    },
    responses: (id) => responseUrls.posts(id),
    addUser: (user) => void workspace.users.set(user.id, user),
    setUserGroup: (id, members) => void workspace.userGroups.set(id, members),
    setUserGroupsError(error) {
      workspace.userGroupsError = error;
    },
    async close() {
      // fetch keeps connections alive; close them or server.close() waits for their idle timeout.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
