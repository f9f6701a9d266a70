/**
 * A strict fake of the Slack Web API (and of response_url) on 127.0.0.1, port 0: point
 * `clientOptions.slackApiUrl` at `url`. It answers like Slack, keeps a message model, records every call,
 * and records as a violation every call a correct bot never makes (unknown method, bad auth, invalid
 * blocks, a post over the per-channel rate, a response_url used too often) so tests can assert none.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMessageStore, type FakeEphemeral, type FakeMessage, type JsonObject } from './message-store.ts';
import { parseApiArgs, readBody } from './request-body.ts';
import { createResponseUrls, type ResponseUrlContext, type ResponseUrlPost } from './response-urls.ts';
import { webApiMethods, type MethodOutcome, type ViolationKind } from './web-api-methods.ts';
import { createWorkspace, type FakeUser, type Workspace, type WorkspaceOptions } from './workspace.ts';

export interface FakeSlackApiOptions extends WorkspaceOptions {
  /** The bot token every call must carry as `Authorization: Bearer …`. */
  readonly token?: string;
  /** Milliseconds clock for ts values, call times, rate windows and response_url expiry. */
  readonly now?: () => number;
}

export interface ApiCall {
  readonly method: string;
  readonly args: JsonObject;
  readonly at: number;
  readonly status: number;
  readonly response: JsonObject;
  readonly contentType: string | undefined;
}

export interface Violation {
  readonly kind: ViolationKind | 'internal_error';
  /** The Web API method, or `response_url`, or the path of an unrouted request. */
  readonly method: string;
  readonly detail: string;
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
  messages(channel: string): readonly FakeMessage[];
  /** The replies in a thread, oldest first (not the parent). */
  thread(channel: string, ts: string): readonly FakeMessage[];
  ephemerals(channel: string, user: string): readonly FakeEphemeral[];
  /** The current version of a message; throws when the channel has no such message. */
  latest(channel: string, ts: string): FakeMessage;
  /** The next `count` calls of `method` get HTTP 429, `Retry-After: retryAfterSeconds`, `ratelimited`. */
  failNext(method: string, count?: number, retryAfterSeconds?: number): void;
  /** Slack's chat.postMessage rule: more than N posts in a channel within a second → 429 and a violation. */
  enforcePostRate(rule: { readonly perChannelPerSecond: number }): void;
  /** A response_url for a payload; `context` says where the command or click happened. */
  responseUrl(id: string, context?: ResponseUrlContext): string;
  responses(id: string): readonly ResponseUrlPost[];
  addUser(user: FakeUser): void;
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
  const postTimes = new Map<string, number[]>();
  let postRate: number | undefined;

  function violate(kind: Violation['kind'], method: string, detail: string): void {
    violations.push({ kind, method, detail, at: now() });
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    const raw = await readBody(request);
    const contentType = request.headers['content-type'];
    const [, area, name = ''] = path.split('/');
    if (request.method !== 'POST' || (area !== 'api' && area !== 'response')) {
      violate('bad_request', path, `${request.method ?? '?'} ${path} is not a Slack endpoint`);
      return send(response, 404, { ok: false, error: 'not_found' });
    }
    if (area === 'response') {
      const result = responseUrls.handle(decodeURIComponent(name), raw, contentType);
      if (result.violation !== undefined) violate(result.violation.kind, 'response_url', result.violation.detail);
      return send(response, result.status, result.body);
    }
    const parsed = parseApiArgs(raw, contentType);
    const args = parsed.ok ? parsed.args : {};
    const answer = (status: number, body: JsonObject, headers: Record<string, string> = {}): void => {
      calls.push({ method: name, args, at: now(), status, response: body, contentType });
      send(response, status, body, headers);
    };
    const outcome = callMethod(name, request.headers.authorization, parsed.ok ? undefined : parsed.problem, args);
    if (outcome.violation !== undefined) violate(outcome.violation.kind, name, outcome.violation.detail);
    if ('retryAfterSeconds' in outcome) {
      return answer(429, outcome.body, { 'retry-after': String(outcome.retryAfterSeconds) });
    }
    return answer(200, outcome.body);
  }

  function callMethod(
    method: string,
    authorization: string | undefined,
    badBody: string | undefined,
    args: JsonObject,
  ): MethodOutcome | (MethodOutcome & { retryAfterSeconds: number }) {
    const handler = webApiMethods[method];
    if (handler === undefined) {
      return {
        body: { ok: false, error: 'unknown_method', req_method: method },
        violation: { kind: 'unknown_method', detail: `${method} is not implemented by the fake (or by Slack)` },
      };
    }
    if (authorization === undefined) {
      return {
        body: { ok: false, error: 'not_authed' },
        violation: { kind: 'not_authed', detail: 'no Authorization header' },
      };
    }
    if (authorization !== `Bearer ${token}`) {
      return {
        body: { ok: false, error: 'invalid_auth' },
        violation: { kind: 'invalid_auth', detail: 'wrong bearer token' },
      };
    }
    if (badBody !== undefined) {
      return { body: { ok: false, error: 'invalid_form_data' }, violation: { kind: 'bad_request', detail: badBody } };
    }
    const failure = pendingFailures.get(method);
    if (failure !== undefined && failure.count > 0) {
      failure.count -= 1;
      return { body: { ok: false, error: 'ratelimited' }, retryAfterSeconds: failure.retryAfterSeconds };
    }
    const channel = typeof args.channel === 'string' ? args.channel : '';
    if (method === 'chat.postMessage' && postRate !== undefined && overPostRate(channel, postRate)) {
      return {
        body: { ok: false, error: 'ratelimited' },
        retryAfterSeconds: 1,
        violation: { kind: 'post_rate_exceeded', detail: `more than ${postRate} chat.postMessage/s in ${channel}` },
      };
    }
    const outcome = handler(args, { workspace, store });
    if (method === 'chat.postMessage' && outcome.body.ok === true) {
      postTimes.set(channel, [...(postTimes.get(channel) ?? []), now()]);
    }
    return outcome;
  }

  function overPostRate(channel: string, perSecond: number): boolean {
    const recent = (postTimes.get(channel) ?? []).filter((at) => now() - at < 1000);
    return recent.length >= perSecond;
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      violate('internal_error', request.url ?? '?', error instanceof Error ? error.message : String(error));
      if (!response.headersSent) send(response, 500, { ok: false, error: 'fatal_error' });
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

function send(response: ServerResponse, status: number, body: JsonObject, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}
