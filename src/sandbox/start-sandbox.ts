/**
 * The sandbox (README.md, "Try it in one minute"): the simulated fleet over real SSH, the local Slack-like workspace, and
 * the real bot (main.ts's startBot, HTTP mode) wired to both — the same code that runs against Slack, with
 * a bot token and signing secret made up at start and a fresh database under the state directory.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { startBot, type RunningBot } from '../main.ts';
import { loadFleetFile } from '../sim/fleet-file.ts';
import { startFleet, type RunningFleet } from '../sim/start-fleet.ts';
import { sandboxConfig } from './sandbox-config.ts';
import { startWorkspaceServer, type WorkspaceServer } from './workspace/workspace-server.ts';

export const SANDBOX_FLEET_FILE = fileURLToPath(new URL('../../manifests/fleet.sandbox.yaml', import.meta.url));

export interface SandboxOptions {
  /** Keys, the simulated hosts' files and the bot's database live here. */
  readonly stateDir: string;
  /** The page's port; 0 picks a free one. */
  readonly port: number;
  readonly logger: Logger;
  readonly fleetFile?: string;
  /** Overrides the fleet file's speedFactor (tests run faster). */
  readonly speedFactor?: number;
}

export interface RunningSandbox {
  /** The page. */
  readonly url: string;
  readonly fleet: RunningFleet;
  readonly workspace: WorkspaceServer;
  readonly bot: RunningBot;
  /** Stops the bot, the workspace and the fleet; nothing is left listening. */
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const loaded = await loadFleetFile(options.fleetFile ?? SANDBOX_FLEET_FILE);
  if (!loaded.ok) throw new Error(`the sandbox fleet is invalid:\n${loaded.problems.join('\n')}`);
  // Every start begins from the fleet file, so the requests of an earlier run must not come back.
  const dbFile = join(options.stateDir, 'bot.db');
  await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(`${dbFile}${suffix}`, { force: true })));

  const fleet = await startFleet(loaded.fleet, {
    stateDir: join(options.stateDir, 'sim'),
    ...(options.speedFactor === undefined ? {} : { speedFactor: options.speedFactor }),
  });
  const stops: (() => Promise<void>)[] = [() => fleet.close()];
  async function stop(): Promise<void> {
    for (const step of stops) await step();
  }
  try {
    const botToken = `xoxb-sandbox-${randomBytes(12).toString('hex')}`;
    const signingSecret = randomBytes(32).toString('hex');
    const workspace = await startWorkspaceServer({
      port: options.port,
      token: botToken,
      signingSecret,
      fleet: fleet.model,
      logger: options.logger,
    });
    // The bot's edits are paced 2 s apart: the last ones reach the workspace before it closes.
    stops.unshift(async () => {
      await workspace.untilAppQuiet(2100, 3000);
      await workspace.close();
    });
    const { config, templates } = sandboxConfig(fleet.configYaml(), fleet.model.speedFactor);
    const bot = await startBot({
      env: {
        slack: { kind: 'http', botToken, signingSecret },
        slackApiUrl: workspace.apiUrl,
        dbFile,
        port: 0,
        host: '127.0.0.1',
        logLevel: 'info',
      },
      config,
      templates,
      privateKey: await readFile(fleet.clientKeyFile, 'utf8'),
      logger: options.logger,
      // Enough for a 429 or two; a call that still fails (the sandbox is stopping) must not keep the
      // process alive for the default policy's half hour.
      slackRetries: 2,
    });
    stops.unshift(() => bot.stop());
    workspace.connectApp(`http://127.0.0.1:${bot.port}/slack/events`);
    return { url: workspace.origin, fleet, workspace, bot, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
