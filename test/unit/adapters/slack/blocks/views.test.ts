import { describe, expect, it } from 'vitest';
import {
  helpView,
  historyView,
  requestListView,
  requestStatusView,
} from '../../../../../src/adapters/slack/blocks/views.ts';
import { FORM_ORDER, FORMS } from '../../../../../src/domain/grammar/usage.ts';
import { escapeMrkdwn } from '../../../../../src/domain/grammar/slack-text.ts';
import { makeApproval, makeMoveRecord, makeRequestRecord, NOW, show, valid } from './message-fixtures.ts';

describe('helpView', () => {
  it('is built from the usage constants, escaped', () => {
    const message = valid(helpView());
    const text = JSON.stringify(message.blocks);
    for (const form of FORM_ORDER) expect(text).toContain(JSON.stringify(escapeMrkdwn(FORMS[form].usage)).slice(1, -1));
    expect(text).not.toContain('<vm>');
  });
});

describe('requestStatusView', () => {
  it('shows the request and each move with its state', () => {
    const request = makeRequestRecord({
      text: 'vm01 vm02 vm03 to vsp2 --reason "patch <night>"',
      reason: 'patch <night>',
      state: 'running',
      approvals: [makeApproval({ moves: [0, 1, 2] })],
    });
    const moves = [
      makeMoveRecord({ state: 'succeeded', verifiedLocation: 'vsp2 (On (OS))' }),
      makeMoveRecord({
        index: 1,
        round: 1,
        guest: 'vm02',
        state: 'running',
        progress: { phase: 'memory copy', percent: 40 },
      }),
      makeMoveRecord({ index: 2, round: 2, guest: 'vm03' }),
    ];
    expect(show(requestStatusView({ request, moves, now: NOW }))).toMatchInlineSnapshot(`
      "text: REQ-7: running

      [header] REQ-7 · running

      [section]
      *Requested by* <@U0REQ> 5 min ago (<!date^1740823200^{date_short_pretty} {time}|2025-03-01 10:00 UTC>): \`vm01 vm02 vm03 to vsp2 --reason "patch &lt;night&gt;"\`
      *Reason:* patch &lt;night&gt;
      *State:* running
      *Approvals:* 1 of 1: <@U0APPR1>
      *Expires* <!date^1740825000^{date_short_pretty} {time}|2025-03-01 10:30 UTC>

      [section]
      *Moves* (3)
      1. *vm01* vsp1 → vsp2 · online — ✓ verified on vsp2 (On (OS))
      2. *vm02* vsp1 → vsp2 · online — running · memory copy \`▓▓▓▓░░░░░░ 40%\`
      3. *vm03* vsp1 → vsp2 · online — queued (round 3)"
    `);
  });
});

describe('requestStatusView with moves that need attention or were not approved', () => {
  it('says so in words, and which moves each partial approval covered', () => {
    const request = makeRequestRecord({
      kind: 'balance',
      text: 'balance',
      state: 'needs_attention',
      stateNote: 'the outcome of the move of vm02 is unknown',
      approvalsRequired: 2,
      approvals: [makeApproval({ moves: [0, 1] }), makeApproval({ userId: 'U0APPR2', moves: [1] })],
    });
    const moves = [
      makeMoveRecord({ state: 'not_selected' }),
      makeMoveRecord({
        index: 1,
        guest: 'vm02',
        state: 'needs_attention',
        error: 'the remote run vanished',
      }),
    ];
    expect(show(requestStatusView({ request, moves, now: NOW }))).toMatchInlineSnapshot(`
      "text: REQ-7: needs attention

      [header] REQ-7 · needs attention

      [section]
      *Requested by* <@U0REQ> 5 min ago (<!date^1740823200^{date_short_pretty} {time}|2025-03-01 10:00 UTC>): \`balance\`
      *State:* needs attention — the outcome of the move of vm02 is unknown
      *Approvals:* 2 of 2: <@U0APPR1>, <@U0APPR2> (only move 2)
      *Expires* <!date^1740825000^{date_short_pretty} {time}|2025-03-01 10:30 UTC>

      [section]
      *Moves* (2)
      1. *vm01* vsp1 → vsp2 · online — ⊘ not approved (does not run)
      2. *vm02* vsp1 → vsp2 · online — ⚠ needs attention, outcome unknown: the remote run vanished"
    `);
  });
});

describe('requestListView and historyView', () => {
  it('lists open requests', () => {
    const requests = [
      makeRequestRecord({ id: 'REQ-8', text: 'vm05 to vsp3', state: 'running' }),
      makeRequestRecord({ id: 'REQ-7', createdAt: '2025-03-01T09:00:00.000Z' }),
    ];
    expect(show(requestListView({ requests, now: NOW }))).toMatchInlineSnapshot(`
      "text: Open requests: 2 requests

      [header] Open requests (2)

      [section]
      *REQ-8* · running · \`vm05 to vsp3\` · by <@U0REQ> · 5 min ago (<!date^1740823200^{date_short_pretty} {time}|2025-03-01 10:00 UTC>)
      *REQ-7* · pending · \`vm01 to vsp2\` · by <@U0REQ> · 1 h 5 min ago (<!date^1740819600^{date_short_pretty} {time}|2025-03-01 09:00 UTC>)"
    `);
  });

  it('says so when nothing is open', () => {
    expect(valid(requestListView({ requests: [], now: NOW })).text).toBe(
      'No open requests (pending, running or needing attention).',
    );
  });

  it('shows the new states in words', () => {
    const requests = [
      makeRequestRecord({ id: 'REQ-9', state: 'needs_attention' }),
      makeRequestRecord({ id: 'REQ-8', state: 'completed', closedAt: '2025-03-01T10:04:00.000Z' }),
    ];
    const text = JSON.stringify(valid(historyView({ requests, now: NOW })).blocks);
    expect(text).toContain('*REQ-9* · needs attention ·');
    expect(text).not.toContain('needs_attention');
  });

  it('cuts a long history with a notice and a way to narrow it', () => {
    const requests = Array.from({ length: 400 }, (_, i) =>
      makeRequestRecord({
        id: `REQ-${i + 1}`,
        text: `vm${i} to vsp2 --reason "${'long reason '.repeat(10)}"`,
        state: 'completed',
        closedAt: '2025-03-01T10:01:00.000Z',
      }),
    );
    const message = valid(historyView({ subject: 'vsp2', requests, now: NOW }));
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(message.blocks)).toMatch(/…and \d+ more requests left out; narrow it with/);
  });
});
