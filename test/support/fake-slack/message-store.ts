/**
 * The fake workspace's messages: channel messages (with thread replies and edit history) and ephemeral
 * messages, as Slack would store them after the Web API or a response_url accepted a post.
 */
export type JsonObject = Record<string, unknown>;

export interface MessageVersion {
  readonly text: string;
  readonly blocks: readonly JsonObject[];
  /** When this version was replaced (ms, fake clock). */
  readonly replacedAt: number;
}

export interface FakeMessage {
  readonly channel: string;
  readonly ts: string;
  /** Set on thread replies (the parent's ts); undefined on top-level messages. */
  readonly threadTs: string | undefined;
  readonly user: string;
  readonly botId: string | undefined;
  readonly replyBroadcast: boolean;
  text: string;
  blocks: JsonObject[];
  /** Earlier versions, oldest first; empty when never edited. */
  readonly history: MessageVersion[];
  deleted: boolean;
  readonly postedAt: number;
}

export interface FakeEphemeral {
  readonly channel: string;
  readonly user: string;
  readonly messageTs: string;
  readonly threadTs: string | undefined;
  readonly text: string;
  readonly blocks: readonly JsonObject[];
  readonly via: 'chat.postEphemeral' | 'response_url';
  readonly postedAt: number;
}

export interface NewMessage {
  readonly channel: string;
  readonly threadTs?: string | undefined;
  readonly user: string;
  readonly botId?: string | undefined;
  readonly replyBroadcast?: boolean;
  readonly text: string;
  readonly blocks: readonly JsonObject[];
}

export interface MessageStore {
  /** A Slack `ts` ("seconds.micros"), unique and strictly increasing across the workspace. */
  nextTs(): string;
  post(message: NewMessage): FakeMessage;
  postEphemeral(message: Omit<FakeEphemeral, 'messageTs' | 'postedAt'>): FakeEphemeral;
  find(channel: string, ts: string): FakeMessage | undefined;
  /** Replaces text and/or blocks, keeping the old version in `history`. */
  edit(message: FakeMessage, change: { text?: string; blocks?: readonly JsonObject[] }): void;
  all(channel: string): readonly FakeMessage[];
  ephemerals(channel: string, user: string): readonly FakeEphemeral[];
}

export function createMessageStore(now: () => number): MessageStore {
  const channels = new Map<string, FakeMessage[]>();
  const ephemerals: FakeEphemeral[] = [];
  let lastMicros = 0;
  let autoIds = 0;

  function nextTs(): string {
    // Real ts values come from the clock; two posts in the same microsecond still get distinct ts.
    lastMicros = Math.max(now() * 1000, lastMicros + 1);
    const seconds = Math.floor(lastMicros / 1_000_000);
    const micros = String(lastMicros % 1_000_000).padStart(6, '0');
    return `${seconds}.${micros}`;
  }

  function autoId(): string {
    autoIds += 1;
    return `fk${autoIds.toString(36).padStart(3, '0')}`;
  }

  /**
   * Slack stores blocks with a generated block_id (and action_id on interactive elements) when the app
   * gave none, and block_actions payloads carry those generated ids, so the fake does the same.
   */
  function withGeneratedIds(blocks: readonly JsonObject[]): JsonObject[] {
    return blocks.map((original) => {
      const block = structuredClone(original);
      if (typeof block.block_id !== 'string') block.block_id = autoId();
      const elements = Array.isArray(block.elements) ? (block.elements as unknown[]) : [];
      const interactive = block.type === 'actions' ? elements : [];
      for (const element of [...interactive, block.accessory]) {
        if (isObject(element) && element.type === 'button' && typeof element.action_id !== 'string') {
          element.action_id = autoId();
        }
      }
      return block;
    });
  }

  function post(message: NewMessage): FakeMessage {
    const stored: FakeMessage = {
      channel: message.channel,
      ts: nextTs(),
      threadTs: message.threadTs,
      user: message.user,
      botId: message.botId,
      replyBroadcast: message.replyBroadcast ?? false,
      text: message.text,
      blocks: withGeneratedIds(message.blocks),
      history: [],
      deleted: false,
      postedAt: now(),
    };
    const list = channels.get(message.channel) ?? [];
    list.push(stored);
    channels.set(message.channel, list);
    return stored;
  }

  function postEphemeral(message: Omit<FakeEphemeral, 'messageTs' | 'postedAt'>): FakeEphemeral {
    const stored: FakeEphemeral = {
      ...message,
      blocks: withGeneratedIds(message.blocks),
      messageTs: nextTs(),
      postedAt: now(),
    };
    ephemerals.push(stored);
    return stored;
  }

  function edit(message: FakeMessage, change: { text?: string; blocks?: readonly JsonObject[] }): void {
    message.history.push({ text: message.text, blocks: message.blocks, replacedAt: now() });
    if (change.text !== undefined) message.text = change.text;
    if (change.blocks !== undefined) message.blocks = withGeneratedIds(change.blocks);
  }

  return {
    nextTs,
    post,
    postEphemeral,
    find: (channel, ts) => channels.get(channel)?.find((m) => m.ts === ts),
    edit,
    all: (channel) => channels.get(channel) ?? [],
    ephemerals: (channel, user) => ephemerals.filter((e) => e.channel === channel && e.user === user),
  };
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
