/**
 * The sandbox's local workspace without a browser: the real WebClient posts into it (Slack's shapes and
 * its per-channel rate limit), and what the page does reaches an app as Slack's signed requests — slash
 * commands with their acknowledgement shown only to the person, clicks carrying `state.values` of
 * checkboxes, Slack's own complaints when the app is slow, and refusals of requests from other sites.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/main.ts';
import { sandboxUser, SANDBOX_CHANNEL } from '../../../src/sandbox/workspace/sandbox-identities.ts';
import { signRequest } from '../../../src/sandbox/workspace/slack-requests.ts';
import { startWorkspaceServer, type WorkspaceServer } from '../../../src/sandbox/workspace/workspace-server.ts';
import { captureSlackLogs } from '../../support/fake-slack/slack-log-capture.ts';
import { postJson } from './page-client.ts';

const TOKEN = 'xoxb-workspace-test';
const SECRET = 'workspace-test-secret';
const CHANNEL = SANDBOX_CHANNEL.id;
const DANA = sandboxUser('requester').id;
const SAM = sandboxUser('approver').id;

interface Received {
  readonly body: string;
  readonly signedCorrectly: boolean;
}

let workspace: WorkspaceServer;
let app: Server;
let received: Received[];
let answer: (body: string) => { status: number; json?: object } | 'hang';
let client: webApi.WebClient;

beforeAll(async () => {
  app = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const timestamp = Number(request.headers['x-slack-request-timestamp']);
      const expected = signRequest(body, SECRET, timestamp)['x-slack-signature'];
      received.push({ body, signedCorrectly: request.headers['x-slack-signature'] === expected });
      const reply = answer(body);
      if (reply === 'hang') return;
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(reply.json === undefined ? '' : JSON.stringify(reply.json));
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  workspace = await startWorkspaceServer({
    port: 0,
    token: TOKEN,
    signingSecret: SECRET,
    logger: createLogger('silent'),
    ackDeadlineMs: 300,
  });
  workspace.connectApp(`http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`);
  client = new webApi.WebClient(TOKEN, {
    slackApiUrl: workspace.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: captureSlackLogs().logger,
  });
});

afterAll(async () => {
  await workspace.close();
  app.closeAllConnections();
  await new Promise((resolve) => app.close(resolve));
});

beforeEach(() => {
  received = [];
  answer = () => ({ status: 200 });
});

function form(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

describe('Web API', () => {
  it('answers like Slack: the per-channel post rate (a short burst, then 429), Block Kit checks, auth', async () => {
    const auth = await client.auth.test();
    expect(auth).toMatchObject({ ok: true, user_id: workspace.workspace.bot.userId });
    for (const text of ['one', 'two', 'three']) await client.chat.postMessage({ channel: CHANNEL, text });
    const refused = await client.chat.postMessage({ channel: CHANNEL, text: 'four' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
    expect(workspace.store.all(CHANNEL).map((message) => message.text)).toEqual(['one', 'two', 'three']);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const badCheckboxes = {
      type: 'actions',
      elements: [
        {
          type: 'checkboxes',
          action_id: 'pick',
          options: [
            { text: { type: 'plain_text', text: 'a' }, value: 'same' },
            { text: { type: 'plain_text', text: 'b' }, value: 'same' },
          ],
          initial_options: [{ text: { type: 'plain_text', text: 'c' }, value: 'other' }],
        },
      ],
    };
    const invalid = await client.chat
      .postMessage({ channel: CHANNEL, text: 'x', blocks: [badCheckboxes] })
      .catch((error: unknown) => error);
    expect(invalid).toMatchObject({
      data: {
        error: 'invalid_blocks',
        errors: [
          'duplicate option value [json-pointer:/blocks/0/elements/0/options/1/value]',
          'must match one of the options [json-pointer:/blocks/0/elements/0/initial_options/0]',
        ],
      },
    });
    const wrong = new webApi.WebClient('xoxb-wrong', { slackApiUrl: workspace.apiUrl, retryConfig: { retries: 0 } });
    await expect(wrong.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
  });
});

describe('slash commands from the page', () => {
  it('sends a signed, Slack-escaped command and shows the acknowledgement to its author only', async () => {
    answer = () => ({ status: 200, json: { response_type: 'ephemeral', text: 'Checking vm01 …' } });
    expect(await postJson(workspace.origin, '/ui/command', { user: DANA, text: '/migrate vm01 to vsp2 <b>' })).toBe(
      200,
    );
    const [request] = received;
    expect(request?.signedCorrectly).toBe(true);
    expect(form(request?.body ?? '')).toMatchObject({
      command: '/migrate',
      text: 'vm01 to vsp2 &lt;b&gt;',
      user_id: DANA,
      channel_id: CHANNEL,
      response_url: expect.stringMatching(new RegExp(`^${workspace.origin}/response/`)) as unknown,
    });
    expect(workspace.store.ephemerals(CHANNEL, DANA).at(-1)).toMatchObject({
      text: 'Checking vm01 …',
      command: '/migrate vm01 to vsp2 <b>',
      via: 'ack',
    });
    expect(workspace.store.ephemerals(CHANNEL, SAM)).toEqual([]);
  });

  it('says operation_timeout when the app does not answer in time, and refuses unknown commands as Slack does', async () => {
    answer = () => 'hang';
    await postJson(workspace.origin, '/ui/command', { user: SAM, text: '/migrate help' });
    expect(workspace.store.ephemerals(CHANNEL, SAM).at(-1)?.text).toBe(
      '/migrate failed with the error "operation_timeout"',
    );
    await postJson(workspace.origin, '/ui/command', { user: SAM, text: '/deploy all' });
    expect(workspace.store.ephemerals(CHANNEL, SAM).at(-1)?.text).toMatch(/^`\/deploy` is not a valid command/);
    expect(received).toHaveLength(1);
  });
});

describe('clicks from the page', () => {
  it('sends checkbox changes and button clicks as signed block_actions with state.values', async () => {
    const blocks = [
      {
        type: 'section',
        block_id: 'pick',
        text: { type: 'mrkdwn', text: 'Moves to approve' },
        accessory: {
          type: 'checkboxes',
          action_id: 'moves',
          options: [
            { text: { type: 'plain_text', text: 'vm01 → vsp2' }, value: 'm1' },
            { text: { type: 'plain_text', text: 'vm02 → vsp3' }, value: 'm2' },
          ],
          initial_options: [{ text: { type: 'plain_text', text: 'vm01 → vsp2' }, value: 'm1' }],
        },
      },
      {
        type: 'actions',
        block_id: 'go',
        elements: [
          { type: 'button', action_id: 'approve_selected', text: { type: 'plain_text', text: 'Approve selected' } },
        ],
      },
    ];
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the earlier test used up the post burst
    const { ts = '' } = await client.chat.postMessage({ channel: CHANNEL, text: 'Pick moves', blocks });
    const click = (body: object) => postJson(workspace.origin, '/ui/action', { user: SAM, ts, ...body });

    expect(await click({ type: 'checkboxes', blockId: 'pick', actionId: 'moves', selected: ['m2'] })).toBe(200);
    expect(await click({ type: 'button', blockId: 'go', actionId: 'approve_selected' })).toBe(200);
    const [toggle, press] = received.map((request) => JSON.parse(form(request.body).payload ?? '{}') as object);
    expect(received.every((request) => request.signedCorrectly)).toBe(true);
    expect(toggle).toMatchObject({
      type: 'block_actions',
      user: { id: SAM },
      actions: [{ type: 'checkboxes', action_id: 'moves', selected_options: [{ value: 'm2' }] }],
    });
    expect(press).toMatchObject({
      type: 'block_actions',
      container: { message_ts: ts, channel_id: CHANNEL, is_ephemeral: false },
      message: { ts, text: 'Pick moves' },
      actions: [{ type: 'button', action_id: 'approve_selected', block_id: 'go' }],
      state: { values: { pick: { moves: { type: 'checkboxes', selected_options: [{ value: 'm2' }] } } } },
    });

    // Dana never touched the checkboxes: her click carries the initial options.
    await postJson(workspace.origin, '/ui/action', {
      user: DANA,
      ts,
      type: 'button',
      blockId: 'go',
      actionId: 'approve_selected',
    });
    const danas = JSON.parse(form(received.at(-1)?.body ?? '').payload ?? '{}') as object;
    expect(danas).toMatchObject({ state: { values: { pick: { moves: { selected_options: [{ value: 'm1' }] } } } } });

    expect(await click({ type: 'button', blockId: 'go', actionId: 'gone' })).toBe(409);
  });

  it('tells the person when the app did not acknowledge a click', async () => {
    answer = () => ({ status: 404 });
    const { bot } = workspace.workspace;
    const { ts } = workspace.store.post({
      channel: CHANNEL,
      user: bot.userId,
      botId: bot.botId,
      text: 'x',
      blocks: [
        { type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'A' } }] },
      ],
    });
    const blockId = String(workspace.store.find(CHANNEL, ts)?.blocks[0]?.block_id);
    await postJson(workspace.origin, '/ui/action', { user: DANA, ts, type: 'button', blockId, actionId: 'a' });
    expect(workspace.store.ephemerals(CHANNEL, DANA).at(-1)?.text).toMatch(/did not respond to your click/);
  });
});

describe('the page endpoints', () => {
  it('answer only the sandbox page: another site or host name is refused', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${workspace.origin}/ui/command`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ user: DANA, text: '/migrate help' }),
      }).then((response) => response.status);
    expect(await post({ origin: 'https://evil.example' })).toBe(403);
    expect(await post({ origin: workspace.origin })).toBe(200);
    const page = await fetch(workspace.origin);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${workspace.origin}/web/..%2Fworkspace%2Fworkspace.ts`)).status).toBe(404);
  });
});
