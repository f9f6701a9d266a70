/**
 * The whole bot as Slack and the VSPs see it, for integration tests: a simulated fleet over real SSH,
 * the strict fake Slack Web API, a real SQLite file, and the bot started by main.ts's startBot with HTTP
 * mode on 127.0.0.1. Requests go in signed, exactly as Slack sends them.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse as parseYaml, stringify } from 'yaml';
import { parseConfig, type AppConfig } from '../../src/config.ts';
import type { TemplateTable } from '../../src/domain/commands/command-templates.ts';
import { createLogger, startBot, type RunningBot } from '../../src/main.ts';
import { validateFleet } from '../../src/sim/fleet-file.ts';
import { startFleet, type RunningFleet } from '../../src/sim/start-fleet.ts';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack/fake-slack-api.ts';
import { clickButton, slashCommand } from './fake-slack/fake-interactions.ts';
import type { FakeMessage, JsonObject } from './fake-slack/message-store.ts';
import { escapeLikeSlack, postToBot, type BotResponse } from './fake-slack/slack-requests.ts';

export { visibleText } from './visible-text.ts';

export const SECRET = 'integration-signing-secret';
export const CHANNEL = 'C0VMOPS01';
export const REQUESTER = 'U0REQUEST1';
export const APPROVER = 'U0APPROVE1';
export const APPROVER2 = 'U0APPROVE2';
export const BYSTANDER = 'U0BYSTAND1';

export interface HarnessOptions {
  /** A fleet file object (validated by the simulator). */
  readonly fleet: unknown;
  /** Merged over the config the simulator writes (approval, slack, execution, migration). */
  readonly config?: Record<string, unknown>;
}

export interface Harness {
  readonly fleet: RunningFleet;
  readonly slack: FakeSlackApi;
  readonly config: AppConfig;
  readonly logs: string[];
  /** The bot's SQLite file (open a second SqliteStore on it to look at what was stored). */
  readonly dbFile: string;
  bot: RunningBot;
  command(
    text: string,
    user?: string,
    options?: { triggerId?: string; timestamp?: number; badSignature?: boolean },
  ): Promise<BotResponse & { triggerId: string; responseUrlId: string }>;
  click(ts: string, actionId: string, user: string): Promise<BotResponse>;
  /** A click with the message's checkboxes as this user ticked them (`state.values`). */
  clickWithState(ts: string, actionId: string, user: string, stateValues: JsonObject): Promise<BotResponse>;
  /** A click on buttons of an earlier version of the message (a lagging client, a replay). */
  clickBlocks(ts: string, blocks: readonly object[], actionId: string, user: string): Promise<BotResponse>;
  /** The bot's top-level messages in the channel. */
  previews(): readonly FakeMessage[];
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'bot-flow-'));
  const parsedFleet = validateFleet(options.fleet);
  if (!parsedFleet.ok) throw new Error(parsedFleet.problems.join('\n'));
  const fleet = await startFleet(parsedFleet.fleet, { stateDir: join(dir, 'sim') });
  const slack = await startFakeSlackApi({
    channels: [{ id: CHANNEL, name: 'vm-ops' }],
    users: [REQUESTER, APPROVER, APPROVER2, BYSTANDER].map((id) => ({ id, name: id.toLowerCase() })),
  });
  const base = parseYaml(fleet.configYaml()) as Record<string, unknown>;
  const merged = {
    ...base,
    approval: { approvers: { users: [APPROVER, APPROVER2] }, channels: [CHANNEL] },
    slack: { postIntervalMs: 50, progressEditIntervalMs: 100 },
    execution: { followIntervalMs: 50, giveUpAfterMs: 60_000 },
    ...options.config,
  };
  const parsed = parseConfig(stringify(merged));
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const { config, templates } = parsed;
  const privateKey = await readFile(fleet.clientKeyFile, 'utf8');
  const logs: string[] = [];
  const dbFile = join(dir, 'state.db');

  const boot = (): Promise<RunningBot> => startBotFor({ config, templates, privateKey, dbFile, slack, logs });
  const harness: Harness = {
    fleet,
    slack,
    config,
    logs,
    dbFile,
    bot: await boot(),
    async command(text, user = REQUESTER, commandOptions = {}) {
      const interaction = slashCommand(slack, {
        text: escapeLikeSlack(text),
        user_id: user,
        channel_id: CHANNEL,
        ...(commandOptions.triggerId ? { trigger_id: commandOptions.triggerId } : {}),
      });
      const response = await postToBot(eventsUrl(harness.bot), interaction.body, {
        secret: SECRET,
        ...(commandOptions.timestamp === undefined ? {} : { timestamp: commandOptions.timestamp }),
        ...(commandOptions.badSignature ? { badSignature: true } : {}),
      });
      return { ...response, triggerId: interaction.triggerId, responseUrlId: interaction.responseUrlId };
    },
    click(ts, actionId, user) {
      const interaction = clickButton(slack, CHANNEL, ts, actionId, user);
      return postToBot(eventsUrl(harness.bot), interaction.body, { secret: SECRET });
    },
    clickWithState(ts, actionId, user, stateValues) {
      const interaction = clickButton(slack, CHANNEL, ts, actionId, user, { stateValues });
      return postToBot(eventsUrl(harness.bot), interaction.body, { secret: SECRET });
    },
    clickBlocks(ts, blocks, actionId, user) {
      const interaction = clickButton(slack, CHANNEL, ts, actionId, user, { fromBlocks: blocks as JsonObject[] });
      return postToBot(eventsUrl(harness.bot), interaction.body, { secret: SECRET });
    },
    previews: () => slack.messages(CHANNEL),
    async restart() {
      await harness.bot.stop();
      harness.bot = await boot();
    },
    async close() {
      await harness.bot.stop();
      await slack.close();
      await fleet.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

function eventsUrl(bot: RunningBot): string {
  return `http://127.0.0.1:${bot.port}/slack/events`;
}

async function startBotFor(input: {
  config: AppConfig;
  templates: TemplateTable;
  privateKey: string;
  dbFile: string;
  slack: FakeSlackApi;
  logs: string[];
}): Promise<RunningBot> {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      input.logs.push(chunk.toString());
      callback();
    },
  });
  return startBot({
    env: {
      slack: { kind: 'http', botToken: input.slack.token, signingSecret: SECRET },
      slackApiUrl: input.slack.url,
      dbFile: input.dbFile,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'info',
    },
    config: input.config,
    templates: input.templates,
    privateKey: input.privateKey,
    logger: createLogger('info', sink),
    slackRetries: 2,
  });
}

/** Polls until `check` returns a value (not undefined/false) or the deadline passes. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}
