/**
 * `hpvm-chatops start` without Slack credentials: starts the sandbox, prints the one URL to open, and
 * stops everything on Ctrl-C. Logs are quiet (warnings and errors) unless LOG_LEVEL says otherwise.
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pretty from 'pino-pretty';
import { EXIT, type CliIo } from '../cli/cli-io.ts';
import type { BotEnv } from '../config.ts';
import { createLogger } from '../main.ts';
import { startSandbox, type RunningSandbox } from './start-sandbox.ts';

/** startFleet's rule for paths it writes into the bot's config. */
const SIMPLE_PATH = /^\/[A-Za-z0-9._/-]*$/;
const DEFAULT_PORT = 3000;

export async function runSandbox(env: BotEnv, io: CliIo): Promise<number> {
  const level = io.env.LOG_LEVEL === undefined || io.env.LOG_LEVEL === '' ? 'warn' : env.logLevel;
  const logger = createLogger(level, pretty({ destination: 2, colorize: false, ignore: 'pid,hostname,app' }));
  const local = resolve('.sandbox');
  const stateDir = SIMPLE_PATH.test(local) ? local : join(tmpdir(), 'hpvm-chatops-sandbox');
  // The default port may be taken (another sandbox, another app): then any free port. An explicit PORT is kept.
  const portGiven = io.env.PORT !== undefined && io.env.PORT !== '';
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({ stateDir, port: portGiven ? env.port : DEFAULT_PORT, logger }).catch(
      (error: unknown) => {
        if (portGiven || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
        return startSandbox({ stateDir, port: 0, logger });
      },
    );
  } catch (error) {
    io.stderr(`hpvm-chatops start: the sandbox did not start: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
  const vsps = sandbox.fleet.vsps.length;
  io.stdout(
    `hpvm-chatops sandbox: the bot, ${vsps} simulated VSPs over SSH and a local Slack-like workspace.\n` +
      `Open ${sandbox.url} and type /migrate oradb01 to vsp2 — Ctrl-C stops.\n`,
  );
  await io.interrupted;
  await sandbox.stop();
  io.stdout('hpvm-chatops sandbox: stopped.\n');
  return EXIT.ok;
}
