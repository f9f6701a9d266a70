/**
 * `hpvm-chatops start` (what `npm start` runs). With Slack credentials in the environment: the bot, in HTTP
 * or Socket Mode (README.md, "Run it with Slack"). Without: the sandbox — the bot, a local Slack-like workspace with a web page,
 * and the simulated fleet of manifests/fleet.sandbox.yaml over real SSH on 127.0.0.1 (src/sandbox).
 */
import { readEnv } from '../../config.ts';
import { createLogger, loadBotInputs, startBot } from '../../main.ts';
import { runSandbox } from '../../sandbox/run-sandbox.ts';
import { EXIT, type CliIo } from '../cli-io.ts';

export async function startCommand(argv: string[], io: CliIo): Promise<number> {
  if (argv.length > 0) {
    io.stderr(`hpvm-chatops start takes no arguments (configuration comes from the environment, see .env.example)\n`);
    return EXIT.usage;
  }
  const env = readEnv(io.env);
  if (!env.ok) {
    io.stderr(`hpvm-chatops start: the environment is not usable:\n${env.problems.map((p) => `  ${p}\n`).join('')}`);
    return EXIT.usage;
  }
  const { slack } = env.env;
  if (slack.kind === 'sandbox') return runSandbox(env.env, io);
  const inputs = await loadBotInputs(env.env);
  if (!inputs.ok) {
    io.stderr(`hpvm-chatops start: cannot use the configuration:\n${inputs.problems.map((p) => `  ${p}\n`).join('')}`);
    return EXIT.usage;
  }
  const logger = createLogger(env.env.logLevel);
  let bot;
  try {
    bot = await startBot({
      env: { ...env.env, slack },
      config: inputs.config,
      templates: inputs.templates,
      privateKey: inputs.privateKey,
      logger,
    });
  } catch (error) {
    io.stderr(`hpvm-chatops start: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
  io.stdout(
    slack.kind === 'http'
      ? `hpvm-chatops: Slack requests at http://${env.env.host}:${bot.port}/slack/events, health at /healthz. Ctrl-C stops.\n`
      : `hpvm-chatops: connected to Slack in Socket Mode; health at http://0.0.0.0:${bot.port}/healthz. Ctrl-C stops.\n`,
  );
  await io.interrupted;
  await bot.stop();
  return EXIT.ok;
}
