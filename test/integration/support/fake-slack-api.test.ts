/**
 * The strict fake Slack Web API, driven by the real WebClient from @slack/bolt (web-api 8, fetch,
 * form-encoded bodies, Bearer token, 429 handling), plus response_url and the message model.
 */
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack/fake-slack-api.ts';
import { captureSlackLogs } from '../../support/fake-slack/slack-log-capture.ts';

const CHANNEL = 'C0MIGRATE1';
const approveBlocks = [
  { type: 'section', text: { type: 'mrkdwn', text: '*Move* `vm1` vsp1 → vsp2' } },
  {
    type: 'actions',
    block_id: 'mig:1:v1',
    elements: [{ type: 'button', action_id: 'approve', value: 'req-1', text: { type: 'plain_text', text: 'Approve' } }],
  },
];

let fake: FakeSlackApi;
let client: webApi.WebClient;

function webClient(token: string, options: webApi.WebClientOptions = {}): webApi.WebClient {
  return new webApi.WebClient(token, {
    slackApiUrl: fake.url,
    retryConfig: { retries: 1 },
    logger: captureSlackLogs().logger,
    ...options,
  });
}

async function platformError(call: Promise<unknown>): Promise<string> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return String((error as { data?: { error?: string } }).data?.error);
}

beforeEach(async () => {
  fake = await startFakeSlackApi({
    users: [{ id: 'U0ALICE01', name: 'alice', realName: 'Alice Admin', displayName: '' }],
    userGroups: { S0APPROVE: ['U0ALICE01', 'U0BOB0001'] },
  });
  client = webClient(fake.token);
});

afterEach(async () => {
  await fake.close();
});

describe('messages', () => {
  it('posts, threads, updates and keeps the edit history', async () => {
    const posted = await client.chat.postMessage({
      channel: CHANNEL,
      text: 'Migration preview',
      blocks: approveBlocks,
    });
    expect(posted).toMatchObject({
      ok: true,
      channel: CHANNEL,
      message: { text: 'Migration preview', bot_id: fake.workspace.bot.botId },
    });
    const ts = posted.ts ?? '';
    const reply = await client.chat.postMessage({ channel: CHANNEL, thread_ts: ts, text: 'round 1 started' });
    expect(Number(reply.ts)).toBeGreaterThan(Number(ts));

    // WebClient 8 sends form-encoded bodies with blocks JSON-stringified; the fake decodes them.
    const [call] = fake.calls('chat.postMessage');
    expect(call?.contentType).toBe('application/x-www-form-urlencoded');
    expect(call?.args.blocks).toEqual(approveBlocks);

    const updated = await client.chat.update({ channel: CHANNEL, ts, text: 'Approved by <@U0ALICE01>' });
    expect(updated).toMatchObject({ ok: true, ts, text: 'Approved by <@U0ALICE01>' });
    const latest = fake.latest(CHANNEL, ts);
    expect(latest.blocks).toHaveLength(2); // omitted blocks are kept, as on Slack
    expect(latest.history.map((v) => v.text)).toEqual(['Migration preview']);
    await client.chat.update({ channel: CHANNEL, ts, text: 'Done', blocks: [] });
    expect(fake.latest(CHANNEL, ts).blocks).toEqual([]);

    expect(fake.messages(CHANNEL).map((m) => m.ts)).toEqual([ts]);
    expect(fake.thread(CHANNEL, ts).map((m) => m.text)).toEqual(['round 1 started']);
    expect(fake.violations()).toEqual([]);
  });

  it('gives blocks without ids generated block_id and action_id, as Slack does', async () => {
    const blocks = [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go' } }] }];
    const { ts = '' } = await client.chat.postMessage({ channel: CHANNEL, text: 't', blocks });
    const [stored] = fake.latest(CHANNEL, ts).blocks as { block_id?: string; elements: { action_id?: string }[] }[];
    expect(stored?.block_id).toMatch(/\w+/);
    expect(stored?.elements[0]?.action_id).toMatch(/\w+/);
  });

  it('posts ephemeral messages and answers message_not_found for them in chat.update', async () => {
    const result = await client.chat.postEphemeral({ channel: CHANNEL, user: 'U0ALICE01', text: 'usage: /migrate …' });
    expect(result.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(fake.ephemerals(CHANNEL, 'U0ALICE01').map((e) => e.text)).toEqual(['usage: /migrate …']);
    const code = await platformError(client.chat.update({ channel: CHANNEL, ts: result.message_ts ?? '', text: 'x' }));
    expect(code).toBe('message_not_found');
  });
});

describe('directory', () => {
  it('answers users.info and usergroups.users.list, and plan_upgrade_required when configured', async () => {
    const info = await client.users.info({ user: 'U0ALICE01' });
    expect(info.user).toMatchObject({
      id: 'U0ALICE01',
      name: 'alice',
      profile: { display_name: '', real_name: 'Alice Admin' },
    });
    expect(await platformError(client.users.info({ user: 'U0NOBODY1' }))).toBe('user_not_found');
    expect((await client.usergroups.users.list({ usergroup: 'S0APPROVE' })).users).toEqual(['U0ALICE01', 'U0BOB0001']);
    expect(await platformError(client.usergroups.users.list({ usergroup: 'S0OTHER01' }))).toBe('no_such_subteam');
    fake.setUserGroupsError('plan_upgrade_required');
    expect(await platformError(client.usergroups.users.list({ usergroup: 'S0APPROVE' }))).toBe('plan_upgrade_required');
    const auth = await client.auth.test();
    expect(auth).toMatchObject({
      user_id: fake.workspace.bot.userId,
      bot_id: fake.workspace.bot.botId,
      team_id: fake.workspace.team.id,
    });
    expect(fake.violations()).toEqual([]);
  });
});

describe('strictness', () => {
  it('answers unknown_method with HTTP 200 and records a violation', async () => {
    expect(await platformError(client.apiCall('chat.scheduleMessage', { channel: CHANNEL, text: 'x' }))).toBe(
      'unknown_method',
    );
    expect(fake.violations()).toMatchObject([{ kind: 'unknown_method', method: 'chat.scheduleMessage' }]);
    expect(fake.calls('chat.scheduleMessage')).toMatchObject([{ status: 200 }]);
  });

  it('refuses a wrong token with invalid_auth', async () => {
    expect(await platformError(webClient('xoxb-wrong').chat.postMessage({ channel: CHANNEL, text: 'x' }))).toBe(
      'invalid_auth',
    );
    expect(fake.violations()).toMatchObject([{ kind: 'invalid_auth' }]);
    expect(fake.messages(CHANNEL)).toEqual([]);
  });

  it.each([
    [
      'more than 50 blocks',
      { text: 't', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) },
      'invalid_blocks',
    ],
    [
      'a section text over 3000 chars',
      { text: 't', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }] },
      'invalid_blocks',
    ],
    [
      'a button text over 75 chars',
      {
        text: 't',
        blocks: [
          { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'b'.repeat(76) } }] },
        ],
      },
      'invalid_blocks',
    ],
    [
      'duplicate block ids',
      {
        text: 't',
        blocks: [
          { type: 'divider', block_id: 'a' },
          { type: 'divider', block_id: 'a' },
        ],
      },
      'invalid_blocks',
    ],
    ['blocks that are not an array', { text: 't', blocks: 'not json' }, 'invalid_blocks_format'],
    ['neither text nor blocks', {}, 'no_text'],
  ])('rejects %s (%s) and records a violation', async (_name, content, code) => {
    expect(await platformError(client.apiCall('chat.postMessage', { channel: CHANNEL, ...content }))).toBe(code);
    expect(fake.violations()).toMatchObject([{ kind: 'invalid_message', method: 'chat.postMessage' }]);
    expect(fake.messages(CHANNEL)).toEqual([]);
  });

  it('accepts JSON bodies too, as Slack does', async () => {
    const response = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: CHANNEL, text: 'json', blocks: approveBlocks }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: CHANNEL });
    expect(fake.messages(CHANNEL)[0]?.blocks).toHaveLength(2);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After; the WebClient waits, retries and succeeds', async () => {
    fake.failNext('chat.postMessage', 1, 1);
    const rateLimited: number[] = [];
    client.on(webApi.WebClientEvent.RATE_LIMITED, (seconds: number) => rateLimited.push(seconds));
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: 'after the limit' });
    expect(posted.ok).toBe(true);
    expect(rateLimited).toEqual([1]);
    expect(fake.calls('chat.postMessage').map((c) => [c.status, c.response.error])).toEqual([
      [429, 'ratelimited'],
      [200, undefined],
    ]);
    expect(fake.messages(CHANNEL)).toHaveLength(1);
    expect(fake.violations()).toEqual([]); // an injected 429 is not the bot's fault
  });

  it('enforces one chat.postMessage per second per channel when asked, as a violation', async () => {
    let now = 1_700_000_000_000;
    await fake.close();
    fake = await startFakeSlackApi({ now: () => now });
    fake.enforcePostRate({ perChannelPerSecond: 1 });
    const strict = webClient(fake.token, { rejectRateLimitedCalls: true });
    await strict.chat.postMessage({ channel: CHANNEL, text: 'one' });
    await strict.chat.postMessage({ channel: 'C0OTHER01', text: 'other channel' });
    await expect(strict.chat.postMessage({ channel: CHANNEL, text: 'two' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
    });
    expect(fake.violations()).toMatchObject([{ kind: 'post_rate_exceeded', method: 'chat.postMessage' }]);
    now += 1000;
    await strict.chat.postMessage({ channel: CHANNEL, text: 'two, a second later' });
    expect(fake.messages(CHANNEL).map((m) => m.text)).toEqual(['one', 'two, a second later']);
  });
});

describe('response_url', () => {
  it('records posts, applies them to the model, and refuses the sixth', async () => {
    const { ts = '' } = await client.chat.postMessage({ channel: CHANNEL, text: 'preview', blocks: approveBlocks });
    const url = fake.responseUrl('click-1', { channel: CHANNEL, user: 'U0ALICE01', messageTs: ts });
    const post = (body: object) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ text: 'only you see this' })).status).toBe(200);
    expect((await post({ replace_original: true, text: 'Approved', blocks: [] })).status).toBe(200);
    expect(fake.ephemerals(CHANNEL, 'U0ALICE01').map((e) => e.via)).toEqual(['response_url']);
    expect(fake.latest(CHANNEL, ts)).toMatchObject({ text: 'Approved', blocks: [] });
    for (let i = 0; i < 3; i += 1) await post({ text: `note ${i}` });
    expect(fake.violations()).toEqual([]);
    const sixth = await post({ text: 'one too many' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
    expect(fake.responses('click-1')).toHaveLength(6);
    expect(fake.violations()).toMatchObject([{ kind: 'response_url_overuse', method: 'response_url' }]);
  });
});
