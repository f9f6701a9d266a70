/**
 * A ChatPort (src/ports.ts) that keeps everything in memory for use-case tests: posts and thread replies
 * with every version after edits, ephemerals, response_url answers, and the calls in order. No pacing and no
 * timers: SlackChat paces, this records. Strict where Slack is: editing a message that was never posted
 * fails like Slack's `message_not_found`; a reply to a thread that was never posted fails too (Slack would
 * post it anyway, but a wrong ts is always a bug in the bot).
 */
import type { ChatMessage, ChatPort } from '../../../src/ports.ts';
import { visibleText } from '../visible-text.ts';

export type ChatMethod = 'post' | 'update' | 'postEphemeral' | 'respond';

export interface RecordedMessage {
  readonly channel: string;
  readonly ts: string;
  /** The parent's ts on a thread reply; undefined on a top-level message. */
  readonly threadTs: string | undefined;
  /** The current version. */
  readonly message: ChatMessage;
  /** Every version, oldest (as posted) first; the last is the current one. */
  readonly versions: readonly ChatMessage[];
}

export interface RecordedEphemeral {
  readonly channel: string;
  readonly user: string;
  readonly message: ChatMessage;
}

export interface RecordedResponse {
  readonly responseUrl: string;
  readonly message: ChatMessage;
  readonly replaceOriginal: boolean;
}

/** Every call in order, also the ones that failed (`error` set; they changed nothing). */
export type RecordedCall = (
  | { readonly method: 'post'; readonly channel: string; readonly threadTs?: string; readonly ts?: string }
  | { readonly method: 'update'; readonly channel: string; readonly ts: string; readonly throttleMs?: number }
  | { readonly method: 'postEphemeral'; readonly channel: string; readonly user: string }
  | { readonly method: 'respond'; readonly responseUrl: string; readonly replaceOriginal: boolean }
) & { readonly message: ChatMessage; readonly error?: Error };

/** Shaped like @slack/web-api's platform error, which is what SlackChat lets through. */
export class ChatPlatformError extends Error {
  readonly code = 'slack_webapi_platform_error';
  readonly data: { readonly ok: false; readonly error: string };

  constructor(error: string, detail: string) {
    super(`An API error occurred: ${error} (${detail})`);
    this.name = 'ChatPlatformError';
    this.data = { ok: false, error };
  }
}

interface StoredMessage {
  readonly channel: string;
  readonly ts: string;
  readonly threadTs: string | undefined;
  readonly versions: ChatMessage[];
}

/** The first fake ts; each post adds 100 µs, so ts values are distinct and sort in posting order. */
const FIRST_TS_MICROS = 1_700_000_000_000_100;

export class RecordingChat implements ChatPort {
  readonly calls: RecordedCall[] = [];
  private readonly stored: StoredMessage[] = [];
  private readonly ephemeralList: RecordedEphemeral[] = [];
  private readonly responseList: RecordedResponse[] = [];
  private readonly failures = new Map<ChatMethod, Error[]>();
  private posted = 0;

  post(channel: string, message: ChatMessage, options: { readonly threadTs?: string } = {}): Promise<{ ts: string }> {
    const copy = snapshot(message);
    const call = { method: 'post' as const, channel, ...optional('threadTs', options.threadTs), message: copy };
    const failure = this.takeFailure('post');
    if (failure !== undefined) return this.fail(call, failure.error);
    let threadTs: string | undefined;
    if (options.threadTs !== undefined) {
      const parent = this.find(channel, options.threadTs);
      if (!parent) {
        return this.fail(
          call,
          new ChatPlatformError('thread_not_found', `no message ${options.threadTs} in ${channel} to reply to`),
        );
      }
      // As in Slack: a reply to a reply lands in the parent's thread.
      threadTs = parent.threadTs ?? parent.ts;
    }
    const ts = this.nextTs();
    this.stored.push({ channel, ts, threadTs, versions: [copy] });
    this.calls.push({ ...call, ts });
    return Promise.resolve({ ts });
  }

  update(
    channel: string,
    ts: string,
    message: ChatMessage,
    options: { readonly throttleMs?: number } = {},
  ): Promise<void> {
    const copy = snapshot(message);
    const call = {
      method: 'update' as const,
      channel,
      ts,
      ...optional('throttleMs', options.throttleMs),
      message: copy,
    };
    const failure = this.takeFailure('update');
    if (failure !== undefined) return this.fail(call, failure.error);
    const stored = this.find(channel, ts);
    if (!stored) return this.fail(call, new ChatPlatformError('message_not_found', `no message ${ts} in ${channel}`));
    stored.versions.push(copy);
    this.calls.push(call);
    return Promise.resolve();
  }

  postEphemeral(channel: string, user: string, message: ChatMessage): Promise<void> {
    const copy = snapshot(message);
    const call = { method: 'postEphemeral' as const, channel, user, message: copy };
    const failure = this.takeFailure('postEphemeral');
    if (failure !== undefined) return this.fail(call, failure.error);
    this.ephemeralList.push({ channel, user, message: copy });
    this.calls.push(call);
    return Promise.resolve();
  }

  respond(
    responseUrl: string,
    message: ChatMessage,
    options: { readonly replaceOriginal?: boolean } = {},
  ): Promise<void> {
    const copy = snapshot(message);
    const replaceOriginal = options.replaceOriginal ?? false;
    const call = { method: 'respond' as const, responseUrl, replaceOriginal, message: copy };
    const failure = this.takeFailure('respond');
    if (failure !== undefined) return this.fail(call, failure.error);
    this.responseList.push({ responseUrl, message: copy, replaceOriginal });
    this.calls.push(call);
    return Promise.resolve();
  }

  /** The next call of `method` rejects with `error` and changes nothing; queued per method, in order. */
  failNext(method: ChatMethod, error: Error): void {
    const queue = this.failures.get(method) ?? [];
    queue.push(error);
    this.failures.set(method, queue);
  }

  /** Top-level messages of a channel, in posting order. */
  messages(channel: string): RecordedMessage[] {
    return this.stored.filter((stored) => stored.channel === channel && stored.threadTs === undefined).map(view);
  }

  /** Replies in the thread of a top-level message, in posting order; throws when there is no such message. */
  thread(channel: string, ts: string): RecordedMessage[] {
    const parent = this.message(channel, ts);
    if (parent.threadTs !== undefined) throw new Error(`${ts} in ${channel} is a reply, not a thread's parent`);
    return this.stored.filter((stored) => stored.channel === channel && stored.threadTs === ts).map(view);
  }

  /** One message (top-level or reply) with its versions; throws when it was never posted. */
  message(channel: string, ts: string): RecordedMessage {
    const stored = this.find(channel, ts);
    if (!stored) throw new Error(`RecordingChat: no message ${ts} in ${channel}`);
    return view(stored);
  }

  /** The current version of a message (after every update). */
  current(channel: string, ts: string): ChatMessage {
    return this.message(channel, ts).message;
  }

  /** Every channel message and reply, in posting order. */
  allMessages(): RecordedMessage[] {
    return this.stored.map(view);
  }

  ephemerals(user: string, channel?: string): RecordedEphemeral[] {
    return this.ephemeralList.filter(
      (ephemeral) => ephemeral.user === user && (channel === undefined || ephemeral.channel === channel),
    );
  }

  responses(responseUrl: string): RecordedResponse[] {
    return this.responseList.filter((response) => response.responseUrl === responseUrl);
  }

  /** What a reader sees: the fallback text and every `text` inside the blocks, one per line. */
  text(message: ChatMessage | RecordedMessage): string {
    return chatText('versions' in message ? message.message : message);
  }

  private find(channel: string, ts: string): StoredMessage | undefined {
    return this.stored.find((stored) => stored.channel === channel && stored.ts === ts);
  }

  private nextTs(): string {
    this.posted += 1;
    const micros = FIRST_TS_MICROS + (this.posted - 1) * 100;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  private takeFailure(method: ChatMethod): { error: Error } | undefined {
    const error = this.failures.get(method)?.shift();
    return error === undefined ? undefined : { error };
  }

  private fail(call: RecordedCall, error: Error): Promise<never> {
    this.calls.push({ ...call, error });
    return Promise.reject(error);
  }
}

/** Fallback text, then every block `text` string (the shared helper). */
export const chatText = visibleText;

/** A copy, so a caller that reuses or mutates its message object cannot rewrite what was recorded. */
function snapshot(message: ChatMessage): ChatMessage {
  return structuredClone(message);
}

function view(stored: StoredMessage): RecordedMessage {
  const versions = [...stored.versions];
  return { channel: stored.channel, ts: stored.ts, threadTs: stored.threadTs, message: versions.at(-1)!, versions };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
