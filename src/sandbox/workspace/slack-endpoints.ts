/**
 * Slack's HTTP surface for a bot: `POST /api/<method>` (the Web API, `Authorization: Bearer <bot token>`,
 * form or JSON bodies) and `POST /response/<id>` (response_url). Shared by the sandbox's workspace server
 * and the tests' strict fake, which adds recording and fault injection through the hooks.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonObject, MessageStore } from './message-store.ts';
import { parseApiArgs, readBody } from './request-body.ts';
import type { ResponseUrls } from './response-urls.ts';
import { webApiMethods, type MethodOutcome, type ViolationKind } from './web-api-methods.ts';
import type { Workspace } from './workspace.ts';

export type ApiOutcome = MethodOutcome & { readonly retryAfterSeconds?: number };

export interface ApiCall {
  readonly method: string;
  readonly args: JsonObject;
  readonly at: number;
  readonly status: number;
  readonly response: JsonObject;
  readonly contentType: string | undefined;
}

export interface EndpointViolation {
  readonly kind: ViolationKind | 'internal_error';
  /** The Web API method, or `response_url`, or the path of an unrouted request. */
  readonly method: string;
  readonly detail: string;
}

/**
 * A token bucket per channel: `perSecond` posts a second on average, `burst` at once after a quiet spell
 * (Slack: "about one message per second per channel, short bursts allowed", docs/slack-platform.md, "Rate limits and 429").
 */
export interface PostRateRule {
  readonly perSecond: number;
  readonly burst: number;
}

export interface SlackEndpointsOptions {
  readonly token: string;
  readonly workspace: Workspace;
  readonly store: MessageStore;
  readonly responseUrls: ResponseUrls;
  readonly now: () => number;
  /** Slack's chat.postMessage rule per channel; undefined: no limit. */
  readonly postRate?: () => PostRateRule | undefined;
  /** Runs after the auth and body checks, before the method: an answer here replaces the method's. */
  readonly intercept?: (method: string, args: JsonObject) => ApiOutcome | undefined;
  readonly onCall?: (call: ApiCall) => void;
  /**
   * Socket Mode: `apps.connections.open`, called with the app-level token, answers the WebSocket URL the
   * app is to connect to. Without it the method is unknown, as for an app not enabled for Socket Mode.
   */
  readonly socketMode?: { readonly appToken: string; readonly url: () => string };
  /** A request a correct bot never sends (Slack would refuse it, or it breaks Slack's limits). */
  readonly onViolation?: (violation: EndpointViolation) => void;
}

export interface SlackEndpoints {
  /** Answers /api/* and /response/* and returns true; returns false (and reads nothing) for other paths. */
  route(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
}

export function createSlackEndpoints(options: SlackEndpointsOptions): SlackEndpoints {
  const { token, workspace, store, responseUrls, now } = options;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const violate = (kind: EndpointViolation['kind'], method: string, detail: string): void =>
    options.onViolation?.({ kind, method, detail });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const path = new URL(request.url ?? '/', 'http://workspace').pathname;
    const [, area, name = ''] = path.split('/');
    if (area !== 'api' && area !== 'response') return false;
    if (request.method !== 'POST') {
      violate('bad_request', path, `${request.method ?? '?'} ${path} is not a Slack endpoint`);
      sendJson(response, 404, { ok: false, error: 'not_found' });
      return true;
    }
    const raw = await readBody(request);
    const contentType = request.headers['content-type'];
    if (area === 'response') {
      const result = responseUrls.handle(decodeURIComponent(name), raw, contentType);
      if (result.violation !== undefined) violate(result.violation.kind, 'response_url', result.violation.detail);
      sendJson(response, result.status, result.body);
      return true;
    }
    const parsed = parseApiArgs(raw, contentType);
    const args = parsed.ok ? parsed.args : {};
    const outcome = callMethod(name, request.headers.authorization, parsed.ok ? undefined : parsed.problem, args);
    if (outcome.violation !== undefined) violate(outcome.violation.kind, name, outcome.violation.detail);
    const status = outcome.retryAfterSeconds === undefined ? 200 : 429;
    options.onCall?.({ method: name, args, at: now(), status, response: outcome.body, contentType });
    sendJson(
      response,
      status,
      outcome.body,
      outcome.retryAfterSeconds === undefined ? {} : { 'retry-after': String(outcome.retryAfterSeconds) },
    );
    return true;
  }

  function callMethod(
    method: string,
    authorization: string | undefined,
    badBody: string | undefined,
    args: JsonObject,
  ): ApiOutcome {
    const socketMode = options.socketMode;
    if (method === 'apps.connections.open' && socketMode !== undefined) {
      return authorization === `Bearer ${socketMode.appToken}`
        ? { body: { ok: true, url: socketMode.url() } }
        : {
            body: { ok: false, error: 'invalid_auth' },
            violation: { kind: 'invalid_auth', detail: 'apps.connections.open needs the app-level token' },
          };
    }
    const handler = webApiMethods[method];
    if (handler === undefined) {
      return {
        body: { ok: false, error: 'unknown_method', req_method: method },
        violation: {
          kind: 'unknown_method',
          detail: `${method} is not a method the workspace knows (nor, for a bot, Slack)`,
        },
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
    const intercepted = options.intercept?.(method, args);
    if (intercepted !== undefined) return intercepted;
    const channel = typeof args.channel === 'string' ? args.channel : '';
    const rule = method === 'chat.postMessage' ? options.postRate?.() : undefined;
    const tokens = rule === undefined ? Infinity : tokensLeft(channel, rule);
    if (rule !== undefined && tokens < 1) {
      return {
        body: { ok: false, error: 'ratelimited' },
        retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / rule.perSecond)),
        violation: {
          kind: 'post_rate_exceeded',
          detail: `more than ${rule.perSecond} chat.postMessage/s in ${channel}`,
        },
      };
    }
    const outcome = handler(args, { workspace, store });
    // Only a post Slack accepted counts against the limit.
    if (rule !== undefined && outcome.body.ok === true) buckets.set(channel, { tokens: tokens - 1, at: now() });
    return outcome;
  }

  function tokensLeft(channel: string, rule: PostRateRule): number {
    const bucket = buckets.get(channel);
    if (bucket === undefined) return rule.burst;
    return Math.min(rule.burst, bucket.tokens + ((now() - bucket.at) / 1000) * rule.perSecond);
  }

  return { route };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: JsonObject,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}
