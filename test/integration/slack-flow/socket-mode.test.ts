/**
 * Socket Mode (no inbound URL): the bot connects to Slack's WebSocket after `apps.connections.open` with the
 * app-level token, and receives slash commands and button clicks as envelopes it acknowledges — here from a
 * local WebSocket server standing in for Slack, with the same fake Web API and simulated fleet.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse as parseYaml, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.ts';
import { createLogger, startBot, type RunningBot } from '../../../src/main.ts';
import { validateFleet } from '../../../src/sim/fleet-file.ts';
import { startFleet, type RunningFleet } from '../../../src/sim/start-fleet.ts';
import { APPROVER, CHANNEL, REQUESTER, eventually, visibleText } from '../../support/bot-harness.ts';
import { clickButton, slashCommand } from '../../support/fake-slack/fake-interactions.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack/fake-slack-api.ts';
import { startFakeSocketMode, type FakeSocketMode } from '../../support/fake-slack/fake-socket-mode.ts';
import { flowFleet } from './fleet.ts';

describe('Socket Mode', () => {
  let dir: string;
  let fleet: RunningFleet;
  let socket: FakeSocketMode;
  let slack: FakeSlackApi;
  let bot: RunningBot;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'socket-mode-'));
    const parsed = validateFleet(flowFleet());
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    fleet = await startFleet(parsed.fleet, { stateDir: join(dir, 'sim') });
    socket = await startFakeSocketMode();
    slack = await startFakeSlackApi({
      channels: [{ id: CHANNEL, name: 'vm-ops' }],
      socketMode: { appToken: socket.appToken, url: () => socket.url() },
    });
    const config = parseConfig(
      stringify({
        ...(parseYaml(fleet.configYaml()) as object),
        approval: { approvers: { users: [APPROVER] }, channels: [CHANNEL] },
        slack: { postIntervalMs: 50, progressEditIntervalMs: 100 },
        execution: { followIntervalMs: 50 },
      }),
    );
    if (!config.ok) throw new Error(config.problems.join('\n'));
    const quiet = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    bot = await startBot({
      env: {
        slack: { kind: 'socket', botToken: slack.token, appToken: socket.appToken },
        slackApiUrl: slack.url,
        dbFile: join(dir, 'state.db'),
        port: 0,
        host: '127.0.0.1',
        logLevel: 'warn',
      },
      config: config.config,
      templates: config.templates,
      privateKey: await readFile(fleet.clientKeyFile, 'utf8'),
      logger: createLogger('warn', quiet),
      slackRetries: 2,
    });
    await socket.connected();
  });

  afterAll(async () => {
    await bot.stop();
    await socket.close();
    await slack.close();
    await fleet.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers a slash command envelope in its acknowledgement', async () => {
    const command = slashCommand(slack, { text: 'help', user_id: REQUESTER, channel_id: CHANNEL });
    const ack = await socket.deliver('slash_commands', command.payload);
    expect(visibleText(ack as object)).toContain('/migrate evacuate');
  });

  it('previews, takes the approval click as an interactive envelope, runs and verifies the move', async () => {
    const command = slashCommand(slack, { text: 'vm01 to vsp2', user_id: REQUESTER, channel_id: CHANNEL });
    expect(visibleText((await socket.deliver('slash_commands', command.payload)) as object)).toContain('Checking vm01');
    const preview = await eventually(
      () => slack.messages(CHANNEL).find((m) => m.text.startsWith('REQ-')),
      'the preview',
    );
    const click = clickButton(slack, CHANNEL, preview.ts, 'approve', APPROVER);
    await socket.deliver('interactive', click.payload);
    await eventually(
      () => /✓ \*Completed\*/.test(visibleText(slack.latest(CHANNEL, preview.ts))),
      'completion',
      30_000,
    );
    expect(fleet.model.whereIs('vm01')).toBe('vsp2');
    expect(slack.calls('apps.connections.open').length).toBeGreaterThanOrEqual(1);
    expect(slack.violations()).toEqual([]);
  });
});
