/**
 * The ChatPort on Slack's Web API. Pacing lives here, not in the use-cases: new posts at most one per
 * channel per `postIntervalMs` (Slack's chat.postMessage rule), edits of a message coalesced to one per
 * `editIntervalMs`. HTTP 429 is handled by the WebClient, which waits for Retry-After and retries.
 */
import type { types, webApi } from '@slack/bolt';
import pThrottle from 'p-throttle';
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
  private readonly postThrottles = new Map<string, <T>(task: () => Promise<T>) => Promise<T>>();
  private readonly edits: CoalescingSender<ChatMessage>;
  private readonly log: Logger;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly options: SlackChatOptions,
  ) {
    this.log = options.logger.child({ component: 'slack-chat' });
    this.edits = new CoalescingSender((key, message) => this.sendEdit(key, message), options.timers ?? realTimers);
  }

  async post(channel: string, message: ChatMessage, options: { threadTs?: string } = {}): Promise<{ ts: string }> {
    return this.throttleFor(channel)(async () => {
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

  private throttleFor(channel: string): <T>(task: () => Promise<T>) => Promise<T> {
    let throttled = this.postThrottles.get(channel);
    if (!throttled) {
      const throttle = pThrottle({ limit: 1, interval: this.options.postIntervalMs, strict: true });
      const run = throttle((task: () => Promise<unknown>) => task());
      throttled = <T>(task: () => Promise<T>) => run(task) as Promise<T>;
      this.postThrottles.set(channel, throttled);
    }
    return throttled;
  }
}
