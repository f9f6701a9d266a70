/**
 * `npm run bench:ack`: time from sending a signed `/migrate` request to its HTTP 200, for the bot and for a
 * bare Bolt app that only acks, in the same run (DESIGN: ack within Slack's 3 s; target p99 < 100 ms and
 * within 1.5× the bare app).
 *
 * Both apps run in their own process, as in production; this process generates the load and plays Slack's
 * Web API (the fake). The bot runs its real configuration against a simulated fleet (another process), and
 * the requests are a realistic mix: help, list, status, history, usage errors, and 1 in 10 a real
 * `--check` plan that reads the inventory over SSH in the background while later requests are acked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml, stringify } from 'yaml';
import { startFakeSlackApi } from '../test/support/fake-slack/fake-slack-api.ts';
import { slashCommandBody } from '../test/support/fake-slack/slack-requests.ts';
import { generateFleet } from '../src/sim/generate-fleet.ts';
import { keepAliveAgent, percentile, sendSigned } from './lib/load.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '5' },
    /** Leave out the `--check` requests that plan over SSH in the background: the handler's own cost. */
    'no-plans': { type: 'boolean', default: false },
  },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);
const SECRET = 'bench-signing-secret';
const CHANNEL = 'C0BENCH01';
const BIN = new URL('../bin/hpvm-chatops.js', import.meta.url).pathname;
const RUN_TS = new URL('../bin/run-ts.js', import.meta.url).pathname;

const dir = await mkdtemp(join(tmpdir(), 'bench-ack-'));
const children: ChildProcess[] = [];

function startChild(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<string> {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve(match[1] ?? '');
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${output}`)));
  });
}

try {
  const fleet = generateFleet({ vsps: 6, guestsPerVsp: 20, seed: 7 });
  await writeFile(join(dir, 'fleet.yaml'), stringify(fleet));
  await startChild(
    [
      BIN,
      'sim',
      '--fleet',
      join(dir, 'fleet.yaml'),
      '--state-dir',
      join(dir, 'sim'),
      '--config-out',
      join(dir, 'sim.yaml'),
    ],
    {},
    /(Ctrl-C stops)/,
  );
  const simConfig = parseYaml(
    await import('node:fs/promises').then((fs) => fs.readFile(join(dir, 'sim.yaml'), 'utf8')),
  ) as object;
  await writeFile(
    join(dir, 'config.yaml'),
    stringify({ ...simConfig, approval: { approvers: { users: ['U0APPROVE1'] } } }),
  );

  const slack = await startFakeSlackApi({ channels: [{ id: CHANNEL, name: 'bench' }] });
  const botUrl = await startChild(
    [BIN, 'start'],
    {
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.url,
      CONFIG_FILE: join(dir, 'config.yaml'),
      DB_FILE: join(dir, 'state.db'),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
    },
    /(http:\/\/127\.0\.0\.1:\d+\/slack\/events)/,
  );
  const bareUrl = await startChild(
    [RUN_TS, 'bench/bare-bolt-server.ts'],
    { SLACK_SIGNING_SECRET: SECRET },
    /listening (\S+)/,
  );

  const guests = fleet.vsps.flatMap((vsp) => vsp.guests.map((guest) => guest.name));
  const texts = (index: number): string => {
    const guest = guests[index % guests.length] ?? 'vm01';
    switch (index % 10) {
      case 0:
        return values['no-plans'] ? 'help' : `${guest} to ${fleet.vsps[1]?.name ?? 'vsp2'} --check`;
      case 1:
      case 2:
        return 'help';
      case 3:
      case 4:
        return 'list';
      case 5:
        return `status ${guest}`;
      case 6:
        return `history ${guest}`;
      case 7:
        return `${guest} to vsp99`; // unknown VSP: usage error with did-you-mean
      case 8:
        return `${guest}; reboot to vsp2`; // hostile: usage error
      default:
        return 'status REQ-1';
    }
  };
  const bodies = (count: number, offset: number): string[] =>
    Array.from({ length: count }, (_, index) =>
      slashCommandBody({
        text: texts(offset + index),
        user_id: 'U0BENCH01',
        channel_id: CHANNEL,
        trigger_id: `bench-${offset + index}-${Math.random().toString(36).slice(2)}`,
        response_url: slack.responseUrl(`bench-${offset + index}`, { channel: CHANNEL, user: 'U0BENCH01' }),
      }),
    );

  // Warm-up (JIT, connections, SQLite pages) for both, not measured; the connections stay open after it.
  const agents = { bot: keepAliveAgent(concurrency), bare: keepAliveAgent(concurrency) };
  await sendSigned(bareUrl, bodies(100, 0), { concurrency, secret: SECRET, agent: agents.bare });
  await sendSigned(botUrl, bodies(100, 0), { concurrency, secret: SECRET, agent: agents.bot });

  const bot: number[] = [];
  const bare: number[] = [];
  const perRound = Math.ceil(total / rounds);
  for (let round = 0; round < rounds; round++) {
    // Alternate which goes first, so drift on the machine hits both alike.
    const order = round % 2 === 0 ? (['bare', 'bot'] as const) : (['bot', 'bare'] as const);
    for (const which of order) {
      const latencies = await sendSigned(
        which === 'bot' ? botUrl : bareUrl,
        bodies(perRound, 1000 + round * perRound),
        {
          concurrency,
          secret: SECRET,
        },
      );
      (which === 'bot' ? bot : bare).push(...latencies);
    }
  }
  const describe = (name: string, values: number[]): string =>
    `${name.padEnd(9)} n=${values.length}  p50 ${percentile(values, 50).toFixed(1)} ms  p99 ${percentile(values, 99).toFixed(1)} ms  max ${Math.max(...values).toFixed(1)} ms`;
  console.log(
    `${total} signed /migrate requests per app at concurrency ${concurrency}, ${rounds} alternating rounds` +
      (values['no-plans'] ? ' (no background plans)' : ' (1 in 10 plans over SSH in the background)'),
  );
  console.log(`${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}`);
  console.log(describe('bot', bot));
  console.log(describe('bare Bolt', bare));
  console.log(`p99 ratio bot/bare: ${(percentile(bot, 99) / percentile(bare, 99)).toFixed(2)}`);
  console.log(
    `Slack API calls the bot made meanwhile: ${slack.calls().length}; violations: ${slack.violations().length}`,
  );
  agents.bot.destroy();
  agents.bare.destroy();
  await slack.close();
} finally {
  for (const child of children) child.kill('SIGINT');
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
}
