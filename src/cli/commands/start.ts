/**
 * `hpvm-chatops start` (what `npm start` runs). With Slack credentials in the environment: the bot, in HTTP
 * or Socket Mode (DESIGN §5). Without: the sandbox — the simulated fleet of manifests/fleet.example.yaml over
 * real SSH on 127.0.0.1, ready for `plan`.
 */
import { fileURLToPath } from 'node:url';
import { readEnv } from '../../config.ts';
import { createLogger, loadBotInputs, startBot } from '../../main.ts';
import { EXIT, type CliIo } from '../cli-io.ts';
import { simCommand } from './sim.ts';

const EXAMPLE_FLEET = fileURLToPath(new URL('../../../manifests/fleet.example.yaml', import.meta.url));

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
  if (slack.kind === 'sandbox') {
    io.stdout('No Slack credentials: starting the sandbox (simulated VSPs over real SSH on 127.0.0.1).\n');
    return simCommand(['--fleet', EXAMPLE_FLEET], io);
  }
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
