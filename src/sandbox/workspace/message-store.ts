/**
 * A workspace's messages: channel messages (with thread replies and edit history) and ephemeral messages,
 * as Slack stores them after the Web API or a response_url accepted a post. Every change is announced to
 * subscribers, so the sandbox page can update live.
 */
export type JsonObject = Record<string, unknown>;

export interface MessageVersion {
  readonly text: string;
  readonly blocks: readonly JsonObject[];
  /** When this version was replaced (ms, the store's clock). */
  readonly replacedAt: number;
}

export interface StoredMessage {
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

/** Who put an ephemeral message there: the bot (Web API, response_url, a command's ack) or Slack itself. */
export type EphemeralSource = 'chat.postEphemeral' | 'response_url' | 'ack' | 'slackbot';

export interface EphemeralMessage {
  readonly channel: string;
  readonly user: string;
  readonly messageTs: string;
  readonly threadTs: string | undefined;
  readonly text: string;
  readonly blocks: readonly JsonObject[];
  readonly via: EphemeralSource;
  /** The slash command this answers, as typed (Slack shows it above the reply). */
  readonly command?: string;
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

export type StoreEvent =
  | { readonly type: 'message'; readonly message: StoredMessage }
  | { readonly type: 'ephemeral'; readonly ephemeral: EphemeralMessage };

export interface MessageStore {
  /** A Slack `ts` ("seconds.micros"), unique and strictly increasing across the workspace. */
  nextTs(): string;
  post(message: NewMessage): StoredMessage;
  postEphemeral(message: Omit<EphemeralMessage, 'messageTs' | 'postedAt'>): EphemeralMessage;
  find(channel: string, ts: string): StoredMessage | undefined;
  findEphemeral(channel: string, user: string, messageTs: string): EphemeralMessage | undefined;
  /** Replaces text and/or blocks, keeping the old version in `history`. */
  edit(message: StoredMessage, change: { text?: string; blocks?: readonly JsonObject[] }): void;
  remove(message: StoredMessage): void;
  all(channel: string): readonly StoredMessage[];
  ephemerals(channel: string, user: string): readonly EphemeralMessage[];
  /** Called after every post, edit and removal; returns the unsubscribe function. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
}

/** Elements Slack gives a generated action_id when the app sent none. */
const INTERACTIVE = new Set(['button', 'checkboxes', 'radio_buttons', 'static_select', 'overflow', 'datepicker']);

export function createMessageStore(now: () => number): MessageStore {
  const channels = new Map<string, StoredMessage[]>();
  const ephemerals: EphemeralMessage[] = [];
  const listeners = new Set<(event: StoreEvent) => void>();
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

  function emit(event: StoreEvent): void {
    for (const listener of listeners) listener(event);
  }

  /**
   * Slack stores blocks with a generated block_id (and action_id on interactive elements) when the app
   * gave none, and block_actions payloads carry those generated ids, so the store does the same.
   */
  function withGeneratedIds(blocks: readonly JsonObject[]): JsonObject[] {
    return blocks.map((original) => {
      const block = structuredClone(original);
      if (typeof block.block_id !== 'string') block.block_id = autoId();
      const elements = Array.isArray(block.elements) ? (block.elements as unknown[]) : [];
      const interactive = block.type === 'actions' ? elements : [];
      for (const element of [...interactive, block.accessory]) {
        if (isObject(element) && INTERACTIVE.has(String(element.type)) && typeof element.action_id !== 'string') {
          element.action_id = autoId();
        }
      }
      return block;
    });
  }

  function post(message: NewMessage): StoredMessage {
    const stored: StoredMessage = {
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
    emit({ type: 'message', message: stored });
    return stored;
  }

  function postEphemeral(message: Omit<EphemeralMessage, 'messageTs' | 'postedAt'>): EphemeralMessage {
    const stored: EphemeralMessage = {
      ...message,
      blocks: withGeneratedIds(message.blocks),
      messageTs: nextTs(),
      postedAt: now(),
    };
    ephemerals.push(stored);
    emit({ type: 'ephemeral', ephemeral: stored });
    return stored;
  }

  function edit(message: StoredMessage, change: { text?: string; blocks?: readonly JsonObject[] }): void {
    message.history.push({ text: message.text, blocks: message.blocks, replacedAt: now() });
    if (change.text !== undefined) message.text = change.text;
    if (change.blocks !== undefined) message.blocks = withGeneratedIds(change.blocks);
    emit({ type: 'message', message });
  }

  function remove(message: StoredMessage): void {
    message.deleted = true;
    emit({ type: 'message', message });
  }

  return {
    nextTs,
    post,
    postEphemeral,
    find: (channel, ts) => channels.get(channel)?.find((m) => m.ts === ts),
    findEphemeral: (channel, user, messageTs) =>
      ephemerals.find((e) => e.channel === channel && e.user === user && e.messageTs === messageTs),
    edit,
    remove,
    all: (channel) => channels.get(channel) ?? [],
    ephemerals: (channel, user) => ephemerals.filter((e) => e.channel === channel && e.user === user),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
