/**
 * When Slack pushes back, the bot restarts, someone cancels, or a migration fails: the guest is never lost
 * and a plan never runs twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/adapters/store/sqlite-store.ts';
import {
  APPROVER,
  CHANNEL,
  REQUESTER,
  eventually,
  startHarness,
  visibleText,
  type Harness,
} from '../../support/bot-harness.ts';
import type { FakeMessage } from '../../support/fake-slack/message-store.ts';
import { flowFleet } from './fleet.ts';

describe('resilience of the flow', () => {
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

  async function approvedPreview(text: string, guest: string): Promise<FakeMessage> {
    await harness.command(text);
    const preview = await eventually(
      () =>
        harness
          .previews()
          .find((message) => message.text.startsWith('REQ-') && visibleText(message).includes(`-P ${guest} `)),
      `the preview for ${guest}`,
    );
    await harness.click(preview.ts, 'approve', APPROVER);
    return preview;
  }

  const replies = (preview: FakeMessage): string[] =>
    harness.slack.thread(CHANNEL, preview.ts).map((m) => visibleText(m));
  const requestId = (preview: FakeMessage): string => /^(REQ-\d+)/.exec(preview.text)?.[1] ?? '?';

  async function settled(preview: FakeMessage, pattern: RegExp): Promise<void> {
    await eventually(
      () => pattern.test(visibleText(harness.slack.latest(CHANNEL, preview.ts))),
      `status ${String(pattern)}`,
      30_000,
    );
  }

  it('rides out HTTP 429 from Slack during progress: waits for Retry-After and still reports the verified result', async () => {
    harness.fleet.model.setFaults('vsp2', { slowLink: 10 });
    const preview = await approvedPreview('vm01 to vsp2', 'vm01');
    await eventually(() => replies(preview).some((reply) => /started on vsp1/.test(reply)), 'the start');
    harness.slack.failNext('chat.update', 2, 1);
    harness.slack.failNext('chat.postMessage', 1, 1);
    harness.fleet.model.setFaults('vsp2', {});
    await settled(preview, /✓ \*Completed\*/);
    expect(replies(preview).join('\n')).toContain('vm01 now runs on vsp2 — verified');
    const rateLimited = harness.slack.calls().filter((call) => call.status === 429);
    expect(rateLimited.length).toBe(3);
    expect(harness.slack.violations()).toEqual([]);
    const progress = harness.slack.thread(CHANNEL, preview.ts)[0];
    expect(visibleText(progress!)).toContain('verified');
  });

  it('reattaches after a restart in the middle of a move: the migration runs once and is verified', async () => {
    harness.fleet.model.setFaults('vsp2', { slowLink: 15 });
    const preview = await approvedPreview('vm02 to vsp2', 'vm02');
    await eventually(
      () =>
        harness.fleet.model.migrationOf('vm02') !== undefined &&
        replies(preview).some((r) => /started on vsp1/.test(r)),
      'the migration to run',
    );
    await harness.restart();
    expect(harness.fleet.model.migrationOf('vm02')).toBeDefined(); // the bot's stop left the remote run alone
    harness.fleet.model.setFaults('vsp2', {});
    await settled(preview, /✓ \*Completed\*/);
    const thread = replies(preview);
    expect(thread.filter((reply) => /started on vsp1/.test(reply))).toHaveLength(1);
    expect(thread.filter((reply) => /vm02 now runs on vsp2 — verified/.test(reply))).toHaveLength(1);
    const audit = await store.listAudit({ requestId: requestId(preview), limit: 100 });
    expect(audit.filter((entry) => entry.action === 'command.started')).toHaveLength(1);
    expect(audit.some((entry) => entry.action === 'request.resumed')).toBe(true);
    expect(harness.fleet.model.whereIs('vm02')).toBe('vsp2');
    const output = await store.getOutput(requestId(preview), 0);
    expect(output.map((line) => line.text)).toContain('hpvmmigrate: Guest migrated successfully.');
    expect(new Set(output.map((line) => line.text)).size).toBe(output.length); // read once, from the stored offset
  });

  it('cancels queued moves while one runs: the running one finishes and is verified, the queued one never starts', async () => {
    harness.fleet.model.setFaults('vsp2', { slowLink: 15 });
    const preview = await approvedPreview('vm03 vm04 to vsp2', 'vm03');
    await eventually(() => harness.fleet.model.migrationOf('vm03') !== undefined, 'the first move to run');
    await eventually(
      () => JSON.stringify(harness.slack.latest(CHANNEL, preview.ts).blocks).includes('"action_id":"cancel"'),
      'the cancel button',
    );
    await harness.click(preview.ts, 'cancel', REQUESTER);
    await eventually(
      () =>
        harness.slack
          .ephemerals(CHANNEL, REQUESTER)
          .some((m) => /1 queued move\(s\) cancelled.*vm03.*already running/s.test(visibleText(m))),
      'the honest cancel reply',
    );
    harness.fleet.model.setFaults('vsp2', {});
    await settled(preview, /⛔ \*Cancelled\*/);
    expect(harness.fleet.model.whereIs('vm03')).toBe('vsp2');
    expect(harness.fleet.model.whereIs('vm04')).toBe('vsp1');
    const moves = (await store.getWorkflow(requestId(preview)))?.moves ?? [];
    expect(moves.map((move) => move.state)).toEqual(['succeeded', 'cancelled']);
  });

  it('reports a failed migration with what hpvmmigrate printed, where the guest is (verified) and the next step', async () => {
    harness.fleet.model.setFaults('vsp2', { phaseTimeout: 'Copy' });
    const preview = await approvedPreview('big01 vm31 to vsp2', 'big01');
    await settled(preview, /✗ \*Failed\*/);
    harness.fleet.model.setFaults('vsp2', {});
    // The failure reply, not the progress message (which now also says why: "✗ failed: Copy phase timed out…").
    const failure = replies(preview).find((reply) => /What hpvmmigrate printed/.test(reply) && /timed out/.test(reply));
    expect(failure).toBeDefined();
    expect(failure).toContain('vsp1 (On (OS))');
    expect(failure).toMatch(/keeps running on the source|still on vsp1/);
    expect(harness.fleet.model.whereIs('big01')).toBe('vsp1');
    const moves = (await store.getWorkflow(requestId(preview)))?.moves ?? [];
    expect(moves.map((move) => move.state)).toEqual(['failed', 'cancelled']);
  });
});
