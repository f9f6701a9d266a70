/**
 * response_url emulation: `http://127.0.0.1:PORT/response/<id>` takes JSON posts (text, blocks,
 * response_type, replace_original, delete_original, thread_ts), at most 5 within 30 minutes (docs/slack-platform.md, "response_url"),
 * and applies them to the message model when the URL knows where it came from.
 */
import { checkMessageContent } from './block-rules.ts';
import { isObject, type JsonObject, type MessageStore } from './message-store.ts';
import { parseJson } from './request-body.ts';
import type { ViolationKind } from './web-api-methods.ts';
import type { Workspace } from './workspace.ts';

const MAX_USES = 5;
const LIFETIME_MS = 30 * 60 * 1000;

/** Where the response_url's command or click happened; decides what a post changes in the model. */
export interface ResponseUrlContext {
  readonly channel?: string;
  readonly user?: string;
  /** The message a button sat on: replace_original / delete_original act on it. */
  readonly messageTs?: string;
}

export interface ResponseUrlPost {
  readonly at: number;
  readonly body: JsonObject;
  readonly status: number;
  readonly error: string | undefined;
}

export interface ResponseUrlResult {
  readonly status: number;
  readonly body: JsonObject;
  readonly violation?: { readonly kind: ViolationKind; readonly detail: string };
}

interface Entry {
  readonly context: ResponseUrlContext;
  readonly createdAt: number;
  readonly posts: ResponseUrlPost[];
}

export interface ResponseUrls {
  register(id: string, context: ResponseUrlContext): void;
  posts(id: string): readonly ResponseUrlPost[];
  handle(id: string, raw: string, contentType: string | undefined): ResponseUrlResult;
}

export function createResponseUrls(workspace: Workspace, store: MessageStore, now: () => number): ResponseUrls {
  const entries = new Map<string, Entry>();

  function handle(id: string, raw: string, contentType: string | undefined): ResponseUrlResult {
    const entry = entries.get(id);
    if (entry === undefined) {
      return fail(404, 'no_such_url', {
        kind: 'response_url_unknown',
        detail: `response_url ${id} was never handed out`,
      });
    }
    const parsed = contentType?.startsWith('application/json') === true ? parseJson(raw) : undefined;
    const body = isObject(parsed) ? parsed : {};
    const result = respond(entry, id, parsed, body);
    entry.posts.push({
      at: now(),
      body,
      status: result.status,
      error: result.status === 200 ? undefined : String(result.body.error),
    });
    return result;
  }

  function respond(entry: Entry, id: string, parsed: unknown, body: JsonObject): ResponseUrlResult {
    const used = entry.posts.filter((p) => p.status === 200).length;
    if (used >= MAX_USES) {
      return fail(404, 'used_url', {
        kind: 'response_url_overuse',
        detail: `response_url ${id} used more than ${MAX_USES} times`,
      });
    }
    if (now() - entry.createdAt > LIFETIME_MS) {
      return fail(404, 'expired_url', {
        kind: 'response_url_overuse',
        detail: `response_url ${id} used after 30 minutes`,
      });
    }
    if (!isObject(parsed))
      return fail(400, 'invalid_payload', { kind: 'bad_request', detail: `response_url ${id}: body is not JSON` });
    if (body.delete_original === true) return deleteOriginal(entry.context);
    const content = checkMessageContent(body);
    if (!content.ok) {
      const detail = `response_url ${id}: ${content.error}: ${content.errors.join('; ')}`;
      return fail(400, content.error, { kind: 'invalid_message', detail });
    }
    const text = typeof body.text === 'string' ? body.text : '';
    const blocks = content.blocks ?? [];
    const { channel, user, messageTs } = entry.context;
    const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
    if (body.replace_original === true && channel !== undefined && messageTs !== undefined) {
      const original = store.find(channel, messageTs);
      if (original !== undefined) store.edit(original, { text, blocks });
    } else if (body.response_type === 'in_channel' && channel !== undefined) {
      store.post({ channel, threadTs, user: workspace.bot.userId, botId: workspace.bot.botId, text, blocks });
    } else if (channel !== undefined && user !== undefined) {
      store.postEphemeral({ channel, user, threadTs, text, blocks, via: 'response_url' });
    }
    return { status: 200, body: { ok: true } };
  }

  function deleteOriginal(context: ResponseUrlContext): ResponseUrlResult {
    if (context.channel !== undefined && context.messageTs !== undefined) {
      const original = store.find(context.channel, context.messageTs);
      if (original !== undefined) store.remove(original);
    }
    return { status: 200, body: { ok: true } };
  }

  return {
    register(id, context) {
      if (!entries.has(id)) entries.set(id, { context, createdAt: now(), posts: [] });
    },
    posts: (id) => entries.get(id)?.posts ?? [],
    handle,
  };
}

function fail(status: number, error: string, violation: ResponseUrlResult['violation']): ResponseUrlResult {
  return { status, body: { ok: false, error }, ...(violation === undefined ? {} : { violation }) };
}
