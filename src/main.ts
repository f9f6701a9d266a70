/**
 * The composition root (docs/architecture.md, "Layers"): the only place that builds adapters and wires them to the use-cases.
 * `startBot` is what `hpvm-chatops start` runs with Slack credentials; tests call it too, with the same
 * graph pointed at a fake Slack API and a simulated fleet.
 */
import { readFile } from 'node:fs/promises';
import pino, { type Logger } from 'pino';
import { sshNextStep } from './adapters/ssh/operator-message.ts';
import { SshRemoteShell } from './adapters/ssh/ssh-remote-shell.ts';
import { presenterFor } from './adapters/slack/block-kit-presenter.ts';
import { createSlackApp } from './adapters/slack/slack-app.ts';
import { SlackChat } from './adapters/slack/slack-chat.ts';
import { SlackDirectory } from './adapters/slack/slack-directory.ts';
import { SqliteStore } from './adapters/store/sqlite-store.ts';
import { suggestBalance } from './app/balancing.ts';
import { createBot } from './app/bot.ts';
import { scheduleBalancing } from './adapters/schedule/balance-schedule.ts';
import { Lifecycle, type BotDeps } from './app/bot-context.ts';
import { loadConfigFile, type AppConfig, type BotEnv, type SlackMode } from './config.ts';
import type { TemplateTable } from './domain/commands/command-templates.ts';
import { systemClock, type Clock } from './ports.ts';

export interface RunningBot {
  /** The HTTP port: /slack/events (HTTP mode) and /healthz. */
  readonly port: number;
  stop(): Promise<void>;
}

export interface StartBotOptions {
  readonly env: BotEnv & { readonly slack: Exclude<SlackMode, { kind: 'sandbox' }> };
  readonly config: AppConfig;
  readonly templates: TemplateTable;
  readonly privateKey: string;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Retries of Slack Web API calls (tests shorten them). */
  readonly slackRetries?: number;
}

export function createLogger(level: BotEnv['logLevel'], destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'hpvm-chatops' },
      // Tokens and keys never reach a log line, whatever object a caller logs.
      redact: {
        paths: ['*.token', '*.botToken', '*.appToken', '*.signingSecret', '*.privateKey', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { env, config, templates, logger } = options;
  const clock = options.clock ?? systemClock;
  if (config.approval.approvers.users.length === 0 && config.approval.approvers.groups.length === 0) {
    throw new Error(
      'approval.approvers: configure at least one approver user id or user group, or nothing can ever run',
    );
  }
  const store = new SqliteStore(env.dbFile);
  const shell = new SshRemoteShell({ ...config.ssh, hosts: config.fleet, privateKey: options.privateKey, logger });
  const app = createSlackApp({
    mode: env.slack,
    port: env.port,
    host: env.host,
    ...(env.slackApiUrl ? { slackApiUrl: env.slackApiUrl } : {}),
    logger,
    ...(options.slackRetries === undefined ? {} : { retryConfig: { retries: options.slackRetries } }),
    // The bot is built below with this app's client; requests only arrive after start().
    handlers: {
      handleCommand: (input) => bot.handlers.handleCommand(input),
      handleAction: (input) => bot.handlers.handleAction(input),
    },
  });
  const chat = new SlackChat(app.client, {
    postIntervalMs: config.slack.postIntervalMs,
    editIntervalMs: config.slack.progressEditIntervalMs,
    logger,
  });
  const deps: BotDeps = {
    store,
    chat,
    presenter: presenterFor(config.approval),
    directory: new SlackDirectory(app.client, clock, logger),
    shell,
    clock,
    logger,
    settings: config,
    templates,
    explainError: sshNextStep,
    lifecycle: new Lifecycle(),
  };
  const bot = createBot(deps);
  const { context } = bot;
  const port = await app.start();
  await bot.start();
  const schedule = config.balancing.enabled
    ? scheduleBalancing({
        cron: config.balancing.cron,
        timezone: config.balancing.timezone,
        logger,
        // Tracked like any background work: stopping the bot waits for a run in progress.
        run: () => {
          const run = suggestBalance(context, { kind: 'schedule' });
          context.lifecycle.track(run, () => undefined);
          return run;
        },
      })
    : undefined;
  logger.info({ port, mode: env.slack.kind, vsps: config.fleet.length }, 'hpvm-chatops is running');
  return {
    port,
    async stop() {
      await schedule?.stop();
      await app.stop();
      await bot.stop();
      await chat.close();
      await shell.close();
      await store.close();
    },
  };
}

/** Config file and SSH key from the environment, every problem at once. */
export async function loadBotInputs(
  env: BotEnv,
): Promise<
  { ok: true; config: AppConfig; templates: TemplateTable; privateKey: string } | { ok: false; problems: string[] }
> {
  if (env.configFile === undefined) return { ok: false, problems: ['CONFIG_FILE: not set'] };
  const loaded = await loadConfigFile(env.configFile);
  if (!loaded.ok) return { ok: false, problems: loaded.problems };
  const keyFile = env.sshKeyFile ?? loaded.config.ssh.keyFile;
  if (keyFile === undefined) return { ok: false, problems: ['SSH_KEY_FILE: not set (nor ssh.keyFile in the config)'] };
  try {
    return {
      ok: true,
      config: loaded.config,
      templates: loaded.templates,
      privateKey: await readFile(keyFile, 'utf8'),
    };
  } catch (error) {
    return {
      ok: false,
      problems: [`SSH_KEY_FILE: cannot read ${keyFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`],
    };
  }
}
