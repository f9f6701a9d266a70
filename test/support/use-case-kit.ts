/**
 * The bot's use-cases on in-memory ports (docs/architecture.md, "Tests"): the real `createBot` with the
 * real presenter, wired to a MemoryStore, a RecordingChat, a ScriptedShell playing the simulated VSPs
 * in-process and a ManualClock. No HTTP, no SSH, no SQLite: a whole approve-run-verify takes milliseconds.
 * Commands and clicks go in as the Slack adapter hands them over (SlashCommandInput, ActionInput), clicks
 * built from the stored preview exactly as its buttons carry them.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { stringify } from 'yaml';
import { presenterFor } from '../../src/adapters/slack/block-kit-presenter.ts';
import { sshNextStep } from '../../src/adapters/ssh/operator-message.ts';
import { createBot, type Bot } from '../../src/app/bot.ts';
import { Lifecycle, type BotContext } from '../../src/app/bot-context.ts';
import { parseConfig, type AppConfig } from '../../src/config.ts';
import { PLAN_HASH_PREFIX_LENGTH } from '../../src/domain/workflow/approval.ts';
import type { Workflow } from '../../src/domain/workflow/records.ts';
import type { ActionId, ChatMessage } from '../../src/ports.ts';
import type { RecordedMessage } from './memory/recording-chat.ts';
import { ManualClock } from './memory/manual-clock.ts';
import { MemoryStore } from './memory/memory-store.ts';
import { RecordingChat } from './memory/recording-chat.ts';
import { ScriptedShell } from './memory/scripted-shell.ts';

export const CHANNEL = 'C0VMOPS01';
export const REQUESTER = 'U0REQUEST1';
export const APPROVER = 'U0APPROVE1';
export const APPROVER2 = 'U0APPROVE2';
export const BYSTANDER = 'U0BYSTAND1';

export interface KitOptions {
  /** A fleet object as the simulator takes it (validated by the ScriptedShell). */
  readonly fleet: unknown;
  /** Merged over the generated config (approval, execution, migration, …). */
  readonly config?: Record<string, unknown>;
}

export interface ClickOptions {
  readonly selected?: readonly number[];
  /** Overrides of what the click carries, to act as a stale or foreign click. */
  readonly revision?: number;
  readonly messageTs?: string;
  readonly channelId?: string;
}

export interface CommandAnswer {
  readonly reply: ChatMessage;
  readonly replyText: string;
  readonly responses: readonly string[];
}

export interface Kit {
  readonly bot: Bot;
  readonly context: BotContext;
  readonly store: MemoryStore;
  readonly chat: RecordingChat;
  readonly shell: ScriptedShell;
  readonly clock: ManualClock;
  readonly config: AppConfig;
  readonly logs: string[];
  /**
   * `/migrate <text>` by `user`; resolves once the work after the acknowledgement is done, with the
   * acknowledgement and what was answered through the command's response_url, as text.
   */
  command(text: string, user?: string): Promise<CommandAnswer>;
  /** A click on the request's preview as it is stored now (its current buttons). */
  click(requestId: string, action: ActionId, user: string, options?: ClickOptions): Promise<void>;
  /** Stops the bot (its background work ends, remote runs go on) and starts a new one on the same state. */
  restart(config?: Record<string, unknown>): Promise<void>;
  /** Waits until every piece of background work has ended (use only where no loop keeps running). */
  idle(): Promise<void>;
  /** Polls a condition (never a fixed time), failing with `what` after a generous deadline. */
  until<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string): Promise<T>;
  workflow(requestId: string): Promise<Workflow>;
  /** The request's thread replies, as text. */
  thread(requestId: string): Promise<string[]>;
  /** What a user was told privately, as text. */
  toldPrivately(user: string): string[];
  stop(): Promise<void>;
}

export async function startKit(options: KitOptions): Promise<Kit> {
  const clock = new ManualClock();
  const shell = new ScriptedShell(options.fleet, { clock });
  const store = new MemoryStore();
  const chat = new RecordingChat();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString());
      callback();
    },
  });
  const fleet = shell.model.vspNames().map((name) => {
    const host = shell.model.host(name);
    return {
      name,
      address: '127.0.0.1',
      hostKeySha256: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      hpvmVersion: host.hpvmVersion,
      ...(host.machinfoFormat === '11.31' ? { cpuFamily: host.cpu.family, cpuModel: host.cpu.model } : {}),
      reservedMemoryMb: host.reservedMemoryMb,
    };
  });
  const logger = pino({ level: 'debug' }, sink);
  const build = (override: Record<string, unknown> | undefined): { bot: Bot; config: AppConfig } => {
    const parsed = parseConfig(
      stringify({
        fleet,
        migration: { remoteDir: '/var/opt/hpvm-chatops' },
        approval: { approvers: { users: [APPROVER, APPROVER2] }, channels: [CHANNEL] },
        execution: { followIntervalMs: 1, giveUpAfterMs: 5_000, reconcileIntervalMs: 5 },
        ...options.config,
        ...override,
      }),
    );
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const { config, templates } = parsed;
    const built = createBot({
      store,
      chat,
      presenter: presenterFor(config.approval),
      directory: { userGroupMembers: () => Promise.resolve(undefined) },
      shell,
      clock,
      logger,
      settings: config,
      templates,
      explainError: sshNextStep,
      lifecycle: new Lifecycle(),
    });
    return { bot: built, config };
  };
  let { bot, config } = build(undefined);
  let triggers = 0;

  const kit: Kit = {
    get bot() {
      return bot;
    },
    get context() {
      return bot.context;
    },
    get config() {
      return config;
    },
    store,
    chat,
    shell,
    clock,
    logs,
    async restart(override) {
      await bot.stop();
      ({ bot, config } = build(override));
      await bot.start();
    },
    async command(text, user = REQUESTER) {
      triggers += 1;
      const responseUrl = `https://hooks.slack.test/commands/${triggers}`;
      const outcome = await bot.handlers.handleCommand({
        text,
        userId: user,
        channelId: CHANNEL,
        triggerId: `trigger-${triggers}`,
        responseUrl,
      });
      await outcome.work;
      return {
        reply: outcome.reply,
        replyText: chat.text(outcome.reply),
        responses: chat.responses(responseUrl).map((response) => chat.text(response.message)),
      };
    },
    async click(requestId, action, user, clickOptions = {}) {
      const { request } = await kit.workflow(requestId);
      await bot.handlers.handleAction({
        action,
        requestId,
        revision: clickOptions.revision ?? request.previewRevision,
        ...(action === 'cancel' ? {} : { planHashPrefix: request.planHash.slice(0, PLAN_HASH_PREFIX_LENGTH) }),
        userId: user,
        channelId: clickOptions.channelId ?? request.channelId,
        messageTs: clickOptions.messageTs ?? request.previewTs ?? 'none',
        ...(clickOptions.selected === undefined ? {} : { selectedMoves: clickOptions.selected }),
      });
    },
    idle: () => bot.context.lifecycle.idle(),
    async until(check, what) {
      const deadline = performance.now() + 10_000;
      for (;;) {
        const value = await check();
        if (value !== undefined && value !== false) return value;
        if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async workflow(requestId) {
      const found = await store.getWorkflow(requestId);
      if (!found) throw new Error(`no request ${requestId}`);
      return found;
    },
    async thread(requestId) {
      const { request } = await kit.workflow(requestId);
      if (request.previewTs === undefined) return [];
      return chat.thread(request.channelId, request.previewTs).map((message: RecordedMessage) => chat.text(message));
    },
    toldPrivately: (user) => chat.ephemerals(user).map((ephemeral) => chat.text(ephemeral.message)),
    async stop() {
      await bot.stop();
      await shell.close();
      await store.close();
    },
  };
  await bot.start();
  return kit;
}
