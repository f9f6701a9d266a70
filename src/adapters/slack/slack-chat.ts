/**
 * The ChatPort on Slack's Web API. Pacing lives here, not in the use-cases: new posts in a channel one
 * after another, each at least `postIntervalMs` after the previous one was accepted (Slack's
 * chat.postMessage rule: about one per second per channel — counted from acceptance, so a post that was
 * retried after a 429 does not pull the next one closer), and edits of a message coalesced to one per
 * `editIntervalMs`. HTTP 429 is handled by the WebClient, which waits for Retry-After and retries.
 */
import type { types, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ChatMessage, ChatPort } from '../../ports.ts';
import { CoalescingSender, realTimers, type PacerTimers } from './coalescing-sender.ts';

export interface SlackChatOptions {
  readonly postIntervalMs: number;
  readonly editIntervalMs: number;
  readonly logger: Logger;
  readonly timers?: PacerTimers;
}

type Blocks = (types.KnownBlock | types.Block)[];

export class SlackChat implements ChatPort {
  /** Per channel: the end of the queue of posts, and when the last post was accepted. */
  private readonly postQueues = new Map<string, Promise<unknown>>();
  private readonly lastPostAt = new Map<string, number>();
  private readonly timers: PacerTimers;
  private closed = false;
  private readonly edits: CoalescingSender<ChatMessage>;
  private readonly log: Logger;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly options: SlackChatOptions,
  ) {
    this.log = options.logger.child({ component: 'slack-chat' });
    this.timers = options.timers ?? realTimers;
    this.edits = new CoalescingSender((key, message) => this.sendEdit(key, message), this.timers);
  }

  async post(channel: string, message: ChatMessage, options: { threadTs?: string } = {}): Promise<{ ts: string }> {
    return this.inTurn(channel, async () => {
      const result = await this.client.chat.postMessage({
        channel,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks as Blocks } : {}),
        ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
      });
      if (!result.ts) throw new Error(`chat.postMessage in ${channel} returned no ts`);
      return { ts: result.ts };
    });
  }

  update(channel: string, ts: string, message: ChatMessage, options: { throttleMs?: number } = {}): Promise<void> {
    return this.edits.submit(`${channel} ${ts}`, message, options.throttleMs ?? this.options.editIntervalMs);
  }

  async postEphemeral(channel: string, user: string, message: ChatMessage): Promise<void> {
    await this.client.chat.postEphemeral({
      channel,
      user,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks as Blocks } : {}),
    });
  }

  async respond(responseUrl: string, message: ChatMessage, options: { replaceOriginal?: boolean } = {}): Promise<void> {
    const response = await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        response_type: 'ephemeral',
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
        ...(options.replaceOriginal ? { replace_original: true } : {}),
      }),
    });
    if (!response.ok) throw new Error(`response_url answered HTTP ${response.status}`);
  }

  private async sendEdit(key: string, message: ChatMessage): Promise<void> {
    const [channel = '', ts = ''] = key.split(' ');
    await this.client.chat.update({
      channel,
      ts,
      text: message.text,
      // chat.update keeps the old blocks when none are given: an empty list really replaces them.
      blocks: (message.blocks ?? []) as Blocks,
    });
    this.log.debug({ channel, ts }, 'message updated');
  }

  /** Runs a post after the channel's earlier posts, `postIntervalMs` after the last one was accepted. */
  private inTurn<T>(channel: string, post: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the Slack client is closed'));
    const previous = this.postQueues.get(channel) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const wait = (this.lastPostAt.get(channel) ?? -Infinity) + this.options.postIntervalMs - this.timers.now();
        if (wait > 0) await this.timers.sleep(wait);
        try {
          return await post();
        } finally {
          this.lastPostAt.set(channel, this.timers.now());
        }
      });
    this.postQueues.set(channel, next);
    void next
      .catch(() => undefined)
      .finally(() => {
        if (this.postQueues.get(channel) === next) this.postQueues.delete(channel);
      });
    return next;
  }

  /** Waits for the posts and edits already queued, and refuses new ones: nothing goes out after stop. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.postQueues.values(), this.edits.idle()]);
  }
}
