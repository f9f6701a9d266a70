/** `/migrate --check`, `help`, `status`, `list`, `history`, `cancel`, and where /migrate may be used. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPROVER,
  CHANNEL,
  REQUESTER,
  eventually,
  startHarness,
  visibleText,
  type Harness,
} from '../../support/bot-harness.ts';
import { postToBot } from '../../support/fake-slack/slack-requests.ts';
import { slashCommand } from '../../support/fake-slack/fake-interactions.ts';
import { SECRET } from '../../support/bot-harness.ts';
import { flowFleet } from './fleet.ts';

describe('subcommands', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ fleet: flowFleet() });
  });
  afterAll(() => harness.close());

  async function ask(text: string, user = REQUESTER): Promise<string> {
    const response = await harness.command(text, user);
    expect(response.status).toBe(200);
    return visibleText(JSON.parse(response.body) as object);
  }

  it('answers --check privately, with the checks and no buttons, and locks nothing', async () => {
    const response = await harness.command('lin01 to vsp2 --check');
    const reply = await eventually(
      () => harness.slack.responses(response.responseUrlId)[0],
      'the private check result',
    );
    const text = visibleText(reply.body);
    expect(text).toContain('Check only');
    expect(text).toContain('guest-os');
    expect(JSON.stringify(reply.body)).not.toContain('"action_id":"approve"');
    expect(harness.previews()).toEqual([]);
    expect(await ask('vm01 to vsp2')).toContain('Checking vm01');
  });

  it('lists open requests, shows one by id or guest, and its history', async () => {
    const preview = await eventually(
      () => harness.previews().find((m) => m.text.startsWith('REQ-2')),
      'the REQ-2 preview',
    );
    expect(await ask('list')).toContain('REQ-2');
    expect(await ask('status REQ-2')).toContain('pending');
    expect(await ask('status vm01')).toContain('REQ-2');
    expect(await ask('history vm01')).toContain('REQ-2');
    expect(await ask('history vsp2')).toContain('REQ-2');
    expect(await ask('status REQ-99')).toContain('There is no request REQ-99');
    expect(preview).toBeDefined();
  });

  it('cancels a pending request on /migrate cancel by the requester, replacing its buttons', async () => {
    expect(await ask('cancel REQ-2', 'U0BYSTAND1')).toContain('Only the requester or an approver');
    expect(await ask('cancel REQ-2')).toContain('cancelled');
    const preview = harness.previews().find((m) => m.text.startsWith('REQ-2'))!;
    await eventually(
      () => /Cancelled/.test(visibleText(harness.slack.latest(CHANNEL, preview.ts))),
      'the cancelled status',
    );
    expect(() => harness.click(preview.ts, 'approve', APPROVER)).toThrow(/no button/);
    expect(await ask('vm01 to vsp3')).toContain('Checking vm01');
  });

  it('prints help from the same usage lines as the errors', async () => {
    const help = await ask('help');
    expect(help).toContain('/migrate evacuate &lt;vsp&gt;');
    expect(help).toContain('/migrate cancel &lt;request&gt;');
  });

  it('refuses /migrate in a channel that is not configured for it', async () => {
    const interaction = slashCommand(harness.slack, {
      text: 'vm02 to vsp2',
      user_id: REQUESTER,
      channel_id: 'C0ELSEWHERE',
    });
    const response = await postToBot(`http://127.0.0.1:${harness.bot.port}/slack/events`, interaction.body, {
      secret: SECRET,
    });
    expect(visibleText(JSON.parse(response.body) as object)).toMatch(/channel/i);
    expect(harness.previews().filter((m) => visibleText(m).includes('-P vm02 '))).toEqual([]);
  });

  it('answers GET /healthz', async () => {
    const response = await fetch(`http://127.0.0.1:${harness.bot.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});
