/**
 * The main path driven exactly as Slack drives it: signed slash commands, the preview in the channel,
 * approval clicks by other people, progress in the thread, and final messages verified against the
 * simulated VSPs over real SSH.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPROVER,
  APPROVER2,
  CHANNEL,
  eventually,
  startHarness,
  visibleText,
  type Harness,
} from '../../support/bot-harness.ts';
import type { FakeMessage } from '../../support/fake-slack/message-store.ts';
import { flowFleet } from './fleet.ts';

describe('/migrate → preview → approve → run → verified', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({
      fleet: flowFleet(),
      config: { approval: { approvers: { users: [APPROVER, APPROVER2] }, approvalsRequired: { perVsp: { vsp3: 2 } } } },
    });
  });
  afterAll(() => harness.close());

  async function previewFor(guest: string): Promise<FakeMessage> {
    return eventually(
      () =>
        harness
          .previews()
          .find((message) => message.text.startsWith('REQ-') && visibleText(message).includes(`-P ${guest} `)),
      `the preview for ${guest}`,
    );
  }

  async function finished(preview: FakeMessage): Promise<string> {
    return eventually(
      () => {
        const text = visibleText(harness.slack.latest(CHANNEL, preview.ts));
        return /✓ \*Completed\*|✗ \*Failed\*/.test(text) && text;
      },
      'the request to finish',
      30_000,
    );
  }

  function thread(preview: FakeMessage): string[] {
    return harness.slack.thread(CHANNEL, preview.ts).map((reply) => visibleText(reply));
  }

  it('moves a running guest online and reports where it runs now, verified', async () => {
    const ack = await harness.command('vm01 to vsp2 --reason "host patching"');
    expect(ack.status).toBe(200);
    expect(ack.body).toContain('Checking vm01');

    const preview = await previewFor('vm01');
    const text = visibleText(preview);
    expect(text).toContain('hpvmmigrate -o -P vm01 -h vsp2');
    expect(text).toContain('✓ hp-precheck');
    expect(text).toContain('host patching');

    expect((await harness.click(preview.ts, 'approve', APPROVER)).status).toBe(200);
    expect(await finished(preview)).toContain('Completed');
    expect(thread(preview).join('\n')).toContain(
      'vm01 now runs on vsp2 — verified: hpvmstatus on vsp2 shows On (OS), vsp1 shows Off (NR)',
    );
    expect(harness.fleet.model.whereIs('vm01')).toBe('vsp2');
    expect(JSON.stringify(harness.slack.latest(CHANNEL, preview.ts).blocks)).not.toContain('"action_id":"approve"');
    expect(harness.slack.violations()).toEqual([]);
  });

  it('moves a running Linux guest offline with --stop --start: downtime announced, started on the target', async () => {
    await harness.command('lin01 to vsp2 offline --stop --start');
    const preview = await previewFor('lin01');
    expect(visibleText(preview)).toContain('DOWNTIME');
    expect(visibleText(preview)).toContain('hpvmmigrate -P lin01 -h vsp2 -d -b');
    await harness.click(preview.ts, 'approve', APPROVER);
    expect(await finished(preview)).toContain('Completed');
    expect(thread(preview).join('\n')).toContain('lin01 now runs on vsp2');
    expect(harness.fleet.model.guest('vsp2', 'lin01')?.state).toBe('On');
  });

  it('runs a batch of three guests in rounds, one online migration per VSP at a time', async () => {
    await harness.command('vm02, vm03 vm04 to vsp2');
    const preview = await previewFor('vm02');
    expect(visibleText(preview)).toContain('3 moves in 3 rounds');
    await harness.click(preview.ts, 'approve', APPROVER2);
    expect(await finished(preview)).toContain('3 of 3 moves verified');
    const replies = thread(preview);
    const verified = replies.filter((reply) => /now runs on vsp2/.test(reply));
    expect(verified.map((reply) => /(vm0\d) now runs/.exec(reply)?.[1])).toEqual(['vm02', 'vm03', 'vm04']);
    expect(replies.at(-1)).toContain('completed');
    for (const guest of ['vm02', 'vm03', 'vm04']) expect(harness.fleet.model.whereIs(guest)).toBe('vsp2');
  });

  it('needs two distinct approvers where the policy says so', async () => {
    await harness.command('vm31 to vsp2');
    const preview = await previewFor('vm31');
    expect(visibleText(preview)).toContain('Needs 2 approvals');
    await harness.click(preview.ts, 'approve', APPROVER);
    await eventually(
      () => /Approval 1 of 2/.test(visibleText(harness.slack.latest(CHANNEL, preview.ts))),
      'one of two',
    );
    expect(harness.fleet.model.whereIs('vm31')).toBe('vsp3');
    await harness.click(preview.ts, 'approve', APPROVER);
    await eventually(
      () => harness.slack.ephemerals(CHANNEL, APPROVER).some((e) => /already approved/i.test(e.text)),
      'refusal',
    );
    await harness.click(preview.ts, 'approve', APPROVER2);
    expect(await finished(preview)).toContain('Completed');
    expect(harness.fleet.model.whereIs('vm31')).toBe('vsp2');
  });
});
