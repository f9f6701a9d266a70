/**
 * `hpvm-chatops start` as deployed: a child process configured only through its environment (HTTP mode),
 * talking to the fake Slack API and the simulated fleet; stopped with SIGINT.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFleet } from '../../../src/sim/fleet-file.ts';
import { startFleet, type RunningFleet } from '../../../src/sim/start-fleet.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack/fake-slack-api.ts';
import { slashCommand } from '../../support/fake-slack/fake-interactions.ts';
import { postToBot } from '../../support/fake-slack/slack-requests.ts';
import { flowFleet } from '../slack-flow/fleet.ts';

const BIN = new URL('../../../bin/hpvm-chatops.js', import.meta.url).pathname;
const SECRET = 'start-test-secret';

describe('hpvm-chatops start with Slack credentials', () => {
  let dir: string;
  let fleet: RunningFleet;
  let slack: FakeSlackApi;
  let child: ChildProcess;
  let port: number;
  let output = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'start-cli-'));
    const parsed = validateFleet(flowFleet());
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    fleet = await startFleet(parsed.fleet, { stateDir: join(dir, 'sim') });
    slack = await startFakeSlackApi({ channels: [{ id: 'C0VMOPS01', name: 'vm-ops' }] });
    const config = { ...(parseYaml(fleet.configYaml()) as object), approval: { approvers: { users: ['U0APPROVE1'] } } };
    await writeFile(join(dir, 'config.yaml'), stringify(config));
    child = spawn(process.execPath, [BIN, 'start'], {
      env: {
        PATH: process.env.PATH,
        SLACK_BOT_TOKEN: slack.token,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.url,
        CONFIG_FILE: join(dir, 'config.yaml'),
        DB_FILE: join(dir, 'state.db'),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start-up line: ${output}`)), 15_000);
      const check = (): void => {
        const match = /http:\/\/127\.0\.0\.1:(\d+)\/slack\/events/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout?.on('data', check);
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await slack.close();
    await fleet.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves /healthz and answers a signed /migrate help, then stops cleanly on SIGINT', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const interaction = slashCommand(slack, { text: 'help', user_id: 'U0REQUEST1', channel_id: 'C0VMOPS01' });
    const response = await postToBot(`http://127.0.0.1:${port}/slack/events`, interaction.body, { secret: SECRET });
    expect(response.status).toBe(200);
    expect(response.body).toContain('/migrate evacuate');
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
