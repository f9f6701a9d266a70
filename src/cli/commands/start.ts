/**
 * `hpvm-chatops start` (what `npm start` runs). Without Slack credentials it runs the sandbox: the
 * simulated fleet of manifests/fleet.example.yaml over real SSH on 127.0.0.1, ready for `plan`.
 */
import { fileURLToPath } from 'node:url';
import { EXIT, type CliIo } from '../cli-io.ts';
import { simCommand } from './sim.ts';

const EXAMPLE_FLEET = fileURLToPath(new URL('../../../manifests/fleet.example.yaml', import.meta.url));

export async function startCommand(argv: string[], io: CliIo): Promise<number> {
  if (argv.length > 0) {
    io.stderr(`hpvm-chatops start takes no arguments (configuration comes from the environment, see .env.example)\n`);
    return EXIT.usage;
  }
  if (io.env.SLACK_BOT_TOKEN) {
    io.stderr(
      'hpvm-chatops start: the Slack bot is not part of this build yet; unset SLACK_BOT_TOKEN to run the sandbox.\n',
    );
    return EXIT.failure;
  }
  io.stdout('No Slack credentials: starting the sandbox (simulated VSPs over real SSH on 127.0.0.1).\n');
  return simCommand(['--fleet', EXAMPLE_FLEET], io);
}
