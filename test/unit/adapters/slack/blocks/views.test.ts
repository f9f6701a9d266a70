import { describe, expect, it } from 'vitest';
import {
  helpView,
  historyView,
  requestListView,
  requestStatusView,
} from '../../../../../src/adapters/slack/blocks/views.ts';
import { FORM_ORDER, FORMS } from '../../../../../src/domain/grammar/usage.ts';
import { escapeMrkdwn } from '../../../../../src/domain/grammar/slack-text.ts';
import { makeMoveRecord, makeRequestRecord, NOW, show, valid } from './message-fixtures.ts';

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
      approvals: [{ userId: 'U0APPR1', at: '2025-03-01T10:02:00.000Z' }],
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
      *Approvals:* 1 of 1 (<@U0APPR1>)
      *Expires* <!date^1740825000^{date_short_pretty} {time}|2025-03-01 10:30 UTC>

      [section]
      *Moves* (3)
      1. *vm01* vsp1 → vsp2 · online — ✓ verified on vsp2 (On (OS))
      2. *vm02* vsp1 → vsp2 · online — running · memory copy \`▓▓▓▓░░░░░░ 40%\`
      3. *vm03* vsp1 → vsp2 · online — queued (round 3)"
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
    expect(valid(requestListView({ requests: [], now: NOW })).text).toBe('No pending or running requests.');
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
