import { describe, expect, it } from 'vitest';
import type { BlockMessage } from '../../../../../src/adapters/slack/blocks/block-parts.ts';
import { tallyMoves } from '../../../../../src/domain/workflow/tally-moves.ts';
import type { RequestStatus } from '../../../../../src/ports.ts';
import { buildPreview } from '../../../../../src/adapters/slack/blocks/preview-message.ts';
import { previewWithStatus, statusText, withStatus } from '../../../../../src/adapters/slack/blocks/status-line.ts';
import { planMigration } from '../../../../../src/domain/plan/plan-migration.ts';
import { makeMigrateRequest, makePlanInput } from '../../../../support/builders.ts';
import { expectValidMessage } from '../../../../support/block-kit-validator.ts';
import { APPROVERS, makeMoveRecord, makeRequestRecord, NOW, show } from './message-fixtures.ts';

function preview(): BlockMessage {
  const plan = planMigration(makeMigrateRequest(), makePlanInput());
  return buildPreview({ request: makeRequestRecord(), plan, approvers: APPROVERS, now: NOW });
}

/** Only the part of the message the status changes: everything from the first status/actions block on. */
function controlPart(message: BlockMessage): string {
  const shown = show(message).split('\n\n');
  const start = shown.findIndex((part) => part.startsWith('[section status:') || part.startsWith('[actions'));
  return [shown[0], ...shown.slice(start)].join('\n\n');
}

const base = { requestId: 'REQ-7', revision: 2 } as const;
const tally = tallyMoves([
  makeMoveRecord({ state: 'succeeded' }),
  makeMoveRecord({ state: 'running' }),
  makeMoveRecord({ state: 'queued' }),
]);

const attentionTally = tallyMoves([
  makeMoveRecord({ state: 'succeeded' }),
  makeMoveRecord({ state: 'needs_attention' }),
  makeMoveRecord({ state: 'queued' }),
  makeMoveRecord({ state: 'not_selected' }),
]);

describe('statusText', () => {
  const statuses: [string, RequestStatus][] = [
    ['partly approved', { ...base, kind: 'partly-approved', by: 'U0APPR1', given: 1, required: 2 }],
    ['approving', { ...base, kind: 'approving', by: ['U0APPR1', 'U0APPR2'] }],
    ['rejected', { ...base, kind: 'rejected', by: 'U0APPR1', note: 'not during month-end close' }],
    ['expired', { ...base, kind: 'expired', at: '2025-03-01T10:30:00.000Z' }],
    ['superseded', { ...base, kind: 'superseded', changed: 'vm01 is now Off on vsp1' }],
    ['cancelled before running', { ...base, kind: 'cancelled', by: 'U0REQ' }],
    ['cancelled while running', { ...base, kind: 'cancelled', by: 'U0REQ', moves: tally }],
    ['running', { ...base, kind: 'running', approvedBy: ['U0APPR1'], moves: tally }],
    ['needs attention', { ...base, kind: 'needs-attention', guests: ['vm02'], moves: attentionTally }],
    [
      'needs attention, two guests',
      { ...base, kind: 'needs-attention', guests: ['vm02', 'vm03'], moves: { ...attentionTally, attention: 2 } },
    ],
    [
      'completed',
      {
        ...base,
        kind: 'completed',
        approvedBy: ['U0APPR1'],
        moves: { total: 3, queued: 0, active: 0, attention: 0, succeeded: 3, failed: 0, cancelled: 0 },
        elapsedSeconds: 432,
      },
    ],
    [
      'failed',
      {
        ...base,
        kind: 'failed',
        moves: { total: 3, queued: 0, active: 0, attention: 0, succeeded: 1, failed: 1, cancelled: 1 },
      },
    ],
  ];

  it('says what happened, by whom, and whether anything ran', () => {
    const lines = statuses.map(([name, status]) => `${name}: ${statusText(status)}`);
    expect(lines.join('\n')).toMatchInlineSnapshot(`
      "partly approved: ✓ *Approval 1 of 2* by <@U0APPR1> — waiting for 1 more approver.
      approving: ✓ *Approved* by <@U0APPR1> and <@U0APPR2> — re-checking the inventory before anything runs…
      rejected: ✗ *Rejected* by <@U0APPR1>: not during month-end close. Nothing ran.
      expired: ⌛ *Expired* <!date^1740825000^{date_short_pretty} {time}|2025-03-01 10:30 UTC> without approval. Nothing ran; ask again for a fresh preview.
      superseded: ↻ *Superseded:* the inventory changed since this preview (vm01 is now Off on vsp1). Nothing ran; ask again for a fresh preview.
      cancelled before running: ⛔ *Cancelled* by <@U0REQ>. Nothing ran.
      cancelled while running: ⛔ *Cancelled* by <@U0REQ>. 1 of 3 moves verified, 1 running, 1 queued.
      running: ▶ *Running* — approved by <@U0APPR1>. 1 of 3 moves verified, 1 running, 1 queued. Progress in the thread.
      needs attention: ⚠ *Needs attention* — vm02: the outcome of a move is unknown, nothing more starts; the bot keeps checking, an approver can settle it with \`/migrate resolve REQ-7 vm02 done|failed\`. 1 of 3 moves verified, 1 needs attention, 1 queued.
      needs attention, two guests: ⚠ *Needs attention* — vm02, vm03: the outcomes of 2 moves are unknown, nothing more starts; the bot keeps checking, an approver can settle it with \`/migrate resolve REQ-7 &lt;vm&gt; done|failed\`. 1 of 3 moves verified, 2 need attention, 1 queued.
      completed: ✓ *Completed* in 7 min 12 s — approved by <@U0APPR1>. 3 of 3 moves verified.
      failed: ✗ *Failed*. 1 of 3 moves verified, 1 failed, 1 cancelled. Details in the thread."
    `);
  });
});

describe('withStatus', () => {
  it('replaces the buttons with who approved, at once', () => {
    const message = previewWithStatus(preview(), { ...base, kind: 'approving', by: ['U0APPR1'] });
    expect(controlPart(message)).toMatchInlineSnapshot(`
      "text: REQ-7: ✓ Approved by <@U0APPR1> — re-checking the inventory before anything runs…

      [section status:REQ-7:v2]
      ✓ *Approved* by <@U0APPR1> — re-checking the inventory before anything runs…"
    `);
    expect(message.blocks.some((block) => block.type === 'actions')).toBe(false);
  });

  it('keeps Approve / Reject for the second approver, under the new version', () => {
    const message = previewWithStatus(preview(), {
      ...base,
      kind: 'partly-approved',
      by: 'U0APPR1',
      given: 1,
      required: 2,
    });
    expect(controlPart(message)).toMatchInlineSnapshot(`
      "text: REQ-7: ✓ Approval 1 of 2 by <@U0APPR1> — waiting for 1 more approver.

      [section status:REQ-7:v2]
      ✓ *Approval 1 of 2* by <@U0APPR1> — waiting for 1 more approver.

      [actions req:REQ-7:v2]
      (Approve primary) action_id=approve value=REQ-7@0123456789abcdef
        confirm: Run REQ-7? — Runs 1 hpvmmigrate migration on vsp1: vm01 → vsp2 online. The inventory is re-read first; if anything changed, nothing runs. [Approve and run / Back]
      (Reject danger) action_id=reject value=REQ-7@0123456789abcdef
        confirm: Reject REQ-7? — Nothing runs: REQ-7 is closed and its guests are unlocked. [Reject / Back]"
    `);
  });

  it('shows Cancel while moves are queued, and drops it when none are', () => {
    const running = previewWithStatus(preview(), { ...base, kind: 'running', approvedBy: ['U0APPR1'], moves: tally });
    expect(controlPart(running)).toMatchInlineSnapshot(`
      "text: REQ-7: ▶ Running — approved by <@U0APPR1>. 1 of 3 moves verified, 1 running, 1 queued. Progress in the thread.

      [section status:REQ-7:v2]
      ▶ *Running* — approved by <@U0APPR1>. 1 of 3 moves verified, 1 running, 1 queued. Progress in the thread.

      [actions req:REQ-7:v2]
      (Cancel queued moves danger) action_id=cancel value=REQ-7
        confirm: Cancel REQ-7? — 1 queued move will not start. A migration already running finishes and is verified: stopping hpvmmigrate halfway is not safe. [Cancel queued moves / Back]"
    `);
    const lastRound = previewWithStatus(running, {
      ...base,
      revision: 3,
      kind: 'running',
      approvedBy: ['U0APPR1'],
      moves: { ...tally, queued: 0, active: 2 },
    });
    expect(lastRound.blocks.some((block) => block.type === 'actions')).toBe(false);
  });

  it('replaces its own earlier status line rather than stacking them', () => {
    const original = preview();
    let message = original;
    const statuses: RequestStatus[] = [
      { ...base, revision: 1, kind: 'partly-approved', by: 'U0APPR1', given: 1, required: 2 },
      { ...base, revision: 2, kind: 'approving', by: ['U0APPR1', 'U0APPR2'] },
      { ...base, revision: 3, kind: 'running', approvedBy: ['U0APPR1', 'U0APPR2'], moves: tally },
      {
        ...base,
        revision: 4,
        kind: 'completed',
        approvedBy: ['U0APPR1', 'U0APPR2'],
        moves: { ...tally, queued: 0, active: 0, succeeded: 3 },
      },
    ];
    for (const status of statuses) {
      message = previewWithStatus(message, status);
      expectValidMessage(message);
    }
    expect(message.blocks).toHaveLength(original.blocks.length);
    expect(message.blocks.at(-1)).toMatchObject({ type: 'section', block_id: 'status:REQ-7:v4' });
    expect(message.blocks.slice(0, -1)).toEqual(original.blocks.slice(0, -1));
  });

  it('takes every button away while a move needs attention: the request waits for the outcome', () => {
    const message = previewWithStatus(preview(), {
      ...base,
      revision: 5,
      kind: 'needs-attention',
      guests: ['vm01'],
      moves: attentionTally,
    });
    expect(controlPart(message)).toMatchInlineSnapshot(`
      "text: REQ-7: ⚠ Needs attention — vm01: the outcome of a move is unknown, nothing more starts; the bot keeps checking, an approver can settle it with \`/migrate resolve REQ-7 vm01 done|failed\`. 1 of 3 moves verified, 1 needs attention, 1 queued.

      [section status:REQ-7:v5]
      ⚠ *Needs attention* — vm01: the outcome of a move is unknown, nothing more starts; the bot keeps checking, an approver can settle it with \`/migrate resolve REQ-7 vm01 done|failed\`. 1 of 3 moves verified, 1 needs attention, 1 queued."
    `);
    expect(message.blocks.some((block) => block.type === 'actions')).toBe(false);
  });

  it('leaves other requests’ blocks alone', () => {
    const blocks = withStatus(preview().blocks, {
      ...base,
      requestId: 'REQ-8',
      kind: 'expired',
      at: NOW.toISOString(),
    });
    expect(blocks.filter((block) => block.type === 'actions')).toHaveLength(1);
  });

  it('escapes what changed in a superseded request', () => {
    const message = previewWithStatus(preview(), { ...base, kind: 'superseded', changed: '<!channel> vm01 moved' });
    expectValidMessage(message);
    expect(statusText({ ...base, kind: 'superseded', changed: '<!channel>' })).toContain('&lt;!channel&gt;');
  });
});
