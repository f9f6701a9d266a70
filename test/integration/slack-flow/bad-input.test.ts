/**
 * What must never run anything: forged or stale requests, clicks by the wrong people or at the wrong time,
 * double clicks, two approvers at once, a redelivered command. Each gets a clear private reason, and the
 * plan runs at most once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/adapters/store/sqlite-store.ts';
import {
  APPROVER,
  APPROVER2,
  BYSTANDER,
  CHANNEL,
  REQUESTER,
  eventually,
  startHarness,
  visibleText,
  type Harness,
} from '../../support/bot-harness.ts';
import type { FakeMessage } from '../../support/fake-slack/message-store.ts';
import { flowFleet } from './fleet.ts';

describe('bad input never runs anything', () => {
  let harness: Harness;
  let store: SqliteStore;

  beforeAll(async () => {
    harness = await startHarness({ fleet: flowFleet() });
    store = new SqliteStore(harness.dbFile);
  });
  afterAll(async () => {
    await store.close();
    await harness.close();
  });

  async function previewFor(guest: string): Promise<FakeMessage> {
    return eventually(
      () =>
        harness
          .previews()
          .find((message) => message.text.startsWith('REQ-') && visibleText(message).includes(`-P ${guest} `)),
      `the preview for ${guest}`,
    );
  }

  function ephemeralsFor(user: string): string[] {
    return harness.slack.ephemerals(CHANNEL, user).map((message) => visibleText(message));
  }

  async function commandsStarted(): Promise<number> {
    return (await store.listAudit({ limit: 1000 })).filter((entry) => entry.action === 'command.started').length;
  }

  it.each([
    ['a forged signature', { badSignature: true }],
    ['a signature older than 5 minutes', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
  ])('answers %s with 401, and nothing is stored, run or posted', async (_name, options) => {
    const response = await harness.command('vm01 to vsp2', REQUESTER, options);
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await store.listRequests({ limit: 10 })).toEqual([]);
    expect(await store.listAudit({ limit: 10 })).toEqual([]);
    // Only Bolt's own auth.test at start-up: nothing was posted.
    expect(harness.slack.calls().map((call) => call.method)).toEqual(['auth.test']);
    expect(harness.slack.responses(response.responseUrlId)).toEqual([]);
    expect(harness.fleet.model.whereIs('vm01')).toBe('vsp1');
  });

  it('answers a usage error privately, with the usage line and an example, echoing the input escaped', async () => {
    const response = await harness.command('vm01; reboot <!channel> to vsp2');
    expect(response.status).toBe(200);
    const reply = JSON.parse(response.body) as { response_type: string; text: string; blocks: unknown };
    expect(reply.response_type).toBe('ephemeral');
    const text = visibleText(reply);
    expect(text).toContain('is not valid');
    expect(text).toContain('/migrate &lt;vm&gt;');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toMatch(/<!channel>/);
    expect(harness.previews()).toEqual([]);
  });

  it('refuses self-approval and approval by someone not allowed, privately; the buttons go once approved', async () => {
    // An approver asking for a move cannot approve it: four eyes.
    await harness.command('vm01 to vsp2', APPROVER);
    const preview = await previewFor('vm01');
    await harness.click(preview.ts, 'approve', APPROVER);
    await harness.click(preview.ts, 'approve', BYSTANDER);
    await eventually(() => ephemeralsFor(APPROVER).some((text) => /four eyes/.test(text)), 'the self-approval refusal');
    await eventually(
      () => ephemeralsFor(BYSTANDER).some((text) => /not an approver/.test(text)),
      'the non-approver refusal',
    );
    expect(await commandsStarted()).toBe(0);

    await harness.click(preview.ts, 'approve', APPROVER2);
    await eventually(
      () => /Completed/.test(visibleText(harness.slack.latest(CHANNEL, preview.ts))),
      'completion',
      30_000,
    );
    // The buttons are gone: nobody can click again in Slack.
    expect(() => harness.click(preview.ts, 'approve', APPROVER2)).toThrow(/no button/i);
    expect(await commandsStarted()).toBe(1);
  });

  it('refuses a replayed click on a request that already ran, privately', async () => {
    const [done] = (await store.listRequests({ guest: 'vm01', limit: 1 })).map((request) => request);
    expect(done?.state).toBe('completed');
    const preview = harness.previews().find((message) => message.text.startsWith(`${done?.id ?? '?'}:`));
    expect(preview).toBeDefined();
    // Build the click from the message as it was when the buttons were still there.
    const original = preview!.history[0];
    expect(original).toBeDefined();
    const replay = await harness.clickBlocks(preview!.ts, original!.blocks, 'approve', APPROVER2);
    expect(replay.status).toBe(200);
    await eventually(
      () => ephemeralsFor(APPROVER2).some((text) => text.includes(`${done?.id ?? '?'}`) && /completed/.test(text)),
      'the refusal',
    );
    expect(await commandsStarted()).toBe(1);
  });

  it('refuses a second click that a lagging client sends after the request ran, privately', async () => {
    const [done] = await store.listRequests({ guest: 'vm01', limit: 1 });
    expect(done?.state).toBe('completed');
    const preview = harness.previews().find((message) => message.text.startsWith(`${done?.id ?? '?'}:`));
    // The message as first posted, buttons and all: what a client that missed the edits still shows.
    const original = preview?.history[0];
    expect(original).toBeDefined();
    const replay = await harness.clickBlocks(preview!.ts, original!.blocks, 'approve', APPROVER2);
    expect(replay.status).toBe(200);
    await eventually(
      () => ephemeralsFor(APPROVER2).some((text) => text.includes(done?.id ?? '?') && /completed/.test(text)),
      'the private refusal',
    );
    expect(await commandsStarted()).toBe(1);
  });

  it('runs the plan once when two approvers click at the same moment', async () => {
    await harness.command('vm02 to vsp2');
    const preview = await previewFor('vm02');
    const clicks = await Promise.all([
      harness.click(preview.ts, 'approve', APPROVER),
      harness.click(preview.ts, 'approve', APPROVER2),
    ]);
    expect(clicks.map((click) => click.status)).toEqual([200, 200]);
    await eventually(
      () => /Completed/.test(visibleText(harness.slack.latest(CHANNEL, preview.ts))),
      'completion',
      30_000,
    );
    const refused = [...ephemeralsFor(APPROVER), ...ephemeralsFor(APPROVER2)].filter((text) =>
      text.includes(previewId(preview)),
    );
    expect(refused.length).toBe(1);
    const audit = await store.listAudit({ limit: 1000 });
    const request = previewId(preview);
    expect(audit.filter((entry) => entry.requestId === request && entry.action === 'command.started')).toHaveLength(1);
    expect(audit.filter((entry) => entry.requestId === request && entry.action === 'request.approved')).toHaveLength(1);
  });

  it('handles a redelivered slash command (same trigger_id) once', async () => {
    const first = await harness.command('vm03 to vsp2', REQUESTER, { triggerId: 'trigger-redelivered-1' });
    const second = await harness.command('vm03 to vsp2', REQUESTER, { triggerId: 'trigger-redelivered-1' });
    expect([first.status, second.status]).toEqual([200, 200]);
    await previewFor('vm03');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(harness.previews().filter((message) => visibleText(message).includes('-P vm03 '))).toHaveLength(1);
    expect((await store.listRequests({ guest: 'vm03', limit: 10 })).length).toBe(1);
  });

  it('refuses a second request for a guest that is in a pending request, naming that request', async () => {
    const pending = await previewFor('vm03');
    const response = await harness.command('vm03 to vsp3');
    expect(visibleText(JSON.parse(response.body) as object)).toContain(`vm03 is in ${previewId(pending)}`);
  });

  it('supersedes an approved preview when the inventory changed, and runs nothing', async () => {
    await harness.command('vm04 to vsp2');
    const preview = await previewFor('vm04');
    harness.fleet.model.setGuestState('vsp1', 'vm04', 'Off');
    await harness.click(preview.ts, 'approve', APPROVER);
    await eventually(() => /Superseded/.test(visibleText(harness.slack.latest(CHANNEL, preview.ts))), 'superseded');
    expect(visibleText(harness.slack.latest(CHANNEL, preview.ts))).toContain('vm04');
    expect(harness.fleet.model.whereIs('vm04')).toBe('vsp1');
    expect(
      (await store.listAudit({ limit: 1000 })).filter(
        (e) => e.requestId === previewId(preview) && e.action === 'command.started',
      ),
    ).toEqual([]);
  });

  it('escapes user text echoed into the channel preview (no @channel from a reason)', async () => {
    await harness.command('big01 to vsp2 --reason "<!channel> <@U0BYSTAND1> & friends"');
    const preview = await previewFor('big01');
    const blocks = JSON.stringify(preview.blocks);
    expect(blocks).toContain('&lt;!channel&gt; &lt;@U0BYSTAND1&gt; &amp; friends');
    expect(blocks).not.toContain('<!channel>');
  });

  describe('with previews that expire at once', () => {
    let quick: Harness;
    beforeAll(async () => {
      quick = await startHarness({
        fleet: flowFleet(),
        config: { approval: { approvers: { users: [APPROVER] }, channels: [CHANNEL], expiryMinutes: 0.001 } },
      });
    });
    afterAll(() => quick.close());

    it('refuses a click on an expired preview, closes it, and runs nothing', async () => {
      await quick.command('vm01 to vsp2');
      const preview = await eventually(
        () => quick.previews().find((message) => message.text.startsWith('REQ-')),
        'preview',
      );
      // The preview expires 60 ms after it is made: be sure that moment has passed.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await quick.click(preview.ts, 'approve', APPROVER);
      await eventually(
        () => /⌛ \*Expired\*/.test(visibleText(quick.slack.latest(CHANNEL, preview.ts))),
        'the expired status',
      );
      await eventually(
        () => quick.slack.ephemerals(CHANNEL, APPROVER).some((message) => /expired/i.test(visibleText(message))),
        'the private reason',
      );
      expect(quick.fleet.model.whereIs('vm01')).toBe('vsp1');
    });
  });
});

function previewId(preview: FakeMessage): string {
  return /^(REQ-\d+)/.exec(preview.text)?.[1] ?? '?';
}
