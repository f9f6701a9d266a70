/**
 * Signed requests into a real Bolt App (HTTPReceiver on port 0), exactly as Slack sends them, with the
 * app's WebClient and respond() pointed at the fake: signatures, stale timestamps, ssl_check, a slash
 * command, and a button click built from the message the app posted.
 */
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type BlockButtonAction, type SlackActionMiddlewareArgs } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { percentile, sendSigned } from '../../../bench/lib/load.ts';
import { startBareBoltApp } from '../../../bench/bare-bolt-app.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack/fake-slack-api.ts';
import { clickButton, slashCommand } from '../../support/fake-slack/fake-interactions.ts';
import { captureSlackLogs, type SlackLogCapture } from '../../support/fake-slack/slack-log-capture.ts';
import { postToBot, slashCommandBody, sslCheckBody } from '../../support/fake-slack/slack-requests.ts';

const SECRET = 'test-signing-secret';
const CHANNEL = 'C0MIGRATE1';

interface Seen {
  commands: { text: string; user: string; triggerId: string }[];
  actions: { actionId: string; value: string | undefined; user: string; triggerId: string; blockId: string }[];
}

let fake: FakeSlackApi;
let app: App;
let url: string;
let logs: SlackLogCapture;
let seen: Seen;

beforeAll(async () => {
  fake = await startFakeSlackApi({
    channels: [{ id: CHANNEL, name: 'vm-ops' }],
    users: [
      { id: 'U0ALICE01', name: 'alice' },
      { id: 'U0BOB0001', name: 'bob' },
    ],
  });
  logs = captureSlackLogs();
  const { bot } = fake.workspace;
  app = new App({
    receiver: new HTTPReceiver({ signingSecret: SECRET, logger: logs.logger }),
    token: fake.token,
    botId: bot.botId,
    botUserId: bot.userId,
    logger: logs.logger,
    clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
  });
  app.command('/migrate', async ({ ack, command, client }) => {
    await ack();
    seen.commands.push({ text: command.text, user: command.user_id, triggerId: command.trigger_id });
    await client.chat.postMessage({
      channel: command.channel_id,
      text: `Preview for ${command.text}`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `Preview for ${command.text}` } },
        {
          type: 'actions',
          block_id: 'mig:req-1:v1',
          elements: [
            {
              type: 'button',
              action_id: 'approve',
              value: 'req-1',
              style: 'primary',
              text: { type: 'plain_text', text: 'Approve' },
            },
            { type: 'button', action_id: 'reject', value: 'req-1', text: { type: 'plain_text', text: 'Reject' } },
          ],
        },
      ],
    });
  });
  app.action<BlockButtonAction>(
    /^(approve|reject)$/,
    async ({ ack, action, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
      await ack();
      seen.actions.push({
        actionId: action.action_id,
        value: action.value,
        user: body.user.id,
        triggerId: body.trigger_id,
        blockId: action.block_id,
      });
      await respond({ replace_original: true, text: `Approved by <@${body.user.id}>`, blocks: [] });
    },
  );
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});

afterAll(async () => {
  await app.stop();
  await fake.close();
});

beforeEach(() => {
  seen = { commands: [], actions: [] };
});

describe('signed requests into a Bolt app', () => {
  it('delivers a valid slash command to the handler', async () => {
    const command = slashCommand(fake, { text: 'vm1 to vsp2', user_id: 'U0ALICE01', channel_id: CHANNEL });
    const response = await postToBot(url, command.body, { secret: SECRET });
    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(fake.messages(CHANNEL).length).toBeGreaterThan(0));
    expect(seen.commands).toEqual([{ text: 'vm1 to vsp2', user: 'U0ALICE01', triggerId: command.triggerId }]);
    expect(command.payload).toMatchObject({
      channel_name: 'vm-ops',
      user_name: 'alice',
      team_id: fake.workspace.team.id,
    });
    expect(fake.violations()).toEqual([]);
  });

  it('answers 401 to a bad signature and never runs the handler', async () => {
    const body = slashCommandBody({
      text: 'vm1 to vsp2',
      user_id: 'U0ALICE01',
      channel_id: CHANNEL,
      response_url: fake.responseUrl('bad'),
    });
    const response = await postToBot(url, body, { secret: SECRET, badSignature: true });
    expect(response.status).toBe(401);
    expect(logs.lines().some((l) => l.includes('signature mismatch'))).toBe(true);
    expect(seen.commands).toEqual([]);
  });

  it('answers 401 to a timestamp older than 5 minutes', async () => {
    const body = slashCommandBody({
      text: 'x',
      user_id: 'U0ALICE01',
      channel_id: CHANNEL,
      response_url: fake.responseUrl('old'),
    });
    const stale = Math.floor(Date.now() / 1000) - 5 * 60 - 5;
    expect((await postToBot(url, body, { secret: SECRET, timestamp: stale })).status).toBe(401);
    expect(seen.commands).toEqual([]);
  });

  it('answers an unsigned ssl_check with 200 without dispatching', async () => {
    expect((await postToBot(url, sslCheckBody(), { secret: SECRET, unsigned: true })).status).toBe(200);
    expect(seen.commands).toEqual([]);
  });

  it('delivers a click built from the posted message, and a replay carries the same trigger_id', async () => {
    const command = slashCommand(fake, { text: 'vm2 to vsp3', user_id: 'U0ALICE01', channel_id: CHANNEL });
    const before = fake.messages(CHANNEL).length;
    await postToBot(url, command.body, { secret: SECRET });
    await vi.waitFor(() => expect(fake.messages(CHANNEL)).toHaveLength(before + 1));
    const preview = fake.messages(CHANNEL).at(-1);
    const click = clickButton(fake, CHANNEL, preview?.ts ?? '', 'approve', 'U0BOB0001');
    expect(click.payload).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0BOB0001', username: 'bob', team_id: fake.workspace.team.id },
      container: { type: 'message', message_ts: preview?.ts, channel_id: CHANNEL, is_ephemeral: false },
      channel: { id: CHANNEL, name: 'vm-ops' },
      actions: [{ type: 'button', action_id: 'approve', block_id: 'mig:req-1:v1', value: 'req-1', style: 'primary' }],
    });

    expect((await postToBot(url, click.body, { secret: SECRET })).status).toBe(200);
    await vi.waitFor(() => expect(fake.responses(click.responseUrlId)).toHaveLength(1));
    expect(seen.actions).toEqual([
      { actionId: 'approve', value: 'req-1', user: 'U0BOB0001', triggerId: click.triggerId, blockId: 'mig:req-1:v1' },
    ]);
    // respond({ replace_original }) went to the fake's response_url and replaced the preview.
    expect(fake.latest(CHANNEL, preview?.ts ?? '')).toMatchObject({ text: 'Approved by <@U0BOB0001>', blocks: [] });
    expect(() => clickButton(fake, CHANNEL, preview?.ts ?? '', 'approve', 'U0BOB0001')).toThrow(/no button approve/);

    // Slack redelivering the same click: same body, same trigger_id.
    expect((await postToBot(url, click.body, { secret: SECRET })).status).toBe(200);
    await vi.waitFor(() => expect(seen.actions).toHaveLength(2));
    expect(seen.actions[1]?.triggerId).toBe(click.triggerId);
    expect(fake.violations()).toEqual([]);
  });
});

describe('bench support', () => {
  it('drives the bare Bolt app with signed commands; every answer is 200', async () => {
    const bare = await startBareBoltApp({ signingSecret: SECRET });
    try {
      const bodies = Array.from({ length: 40 }, (_, i) =>
        slashCommandBody({
          text: `vm${i} to vsp2`,
          user_id: 'U0ALICE01',
          channel_id: CHANNEL,
          response_url: fake.responseUrl(`bench-${i}`),
        }),
      );
      const latencies = await sendSigned(bare.url, bodies, { concurrency: 8, secret: SECRET });
      expect(latencies).toHaveLength(40);
      expect(latencies.every((ms) => ms > 0)).toBe(true);
      expect(percentile(latencies, 50)).toBeLessThanOrEqual(percentile(latencies, 99));
      await expect(sendSigned(bare.url, bodies.slice(0, 2), { concurrency: 2, secret: 'wrong' })).rejects.toThrow(
        /2 of 2 requests failed: #0: HTTP 401/,
      );
    } finally {
      await bare.close();
    }
  });

  it('computes nearest-rank percentiles', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect([percentile(values, 50), percentile(values, 90), percentile(values, 99), percentile(values, 0)]).toEqual([
      5, 9, 10, 1,
    ]);
    expect(percentile([], 50)).toBeNaN();
  });
});
