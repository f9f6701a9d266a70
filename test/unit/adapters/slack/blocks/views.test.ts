import { describe, expect, it } from 'vitest';
import {
  helpView,
  historyView,
  requestListView,
  requestStatusView,
} from '../../../../../src/adapters/slack/blocks/views.ts';
import { buildProgressMessage } from '../../../../../src/adapters/slack/blocks/progress-message.ts';
import { FORM_ORDER, FORMS } from '../../../../../src/domain/grammar/usage.ts';
import { escapeMrkdwn } from '../../../../../src/domain/grammar/slack-text.ts';
import type { MoveDetail } from '../../../../../src/ports.ts';
import type { MoveRecord } from '../../../../../src/domain/workflow/records.ts';
import { makeApproval, makeMoveRecord, makeRequestRecord, NOW, show, valid } from './message-fixtures.ts';

/** Started 80 s before NOW. */
const STARTED = new Date(NOW.getTime() - 80_000).toISOString();

/** A 4 GB guest at 100 MB/s, as in progress-message.test.ts: Init 15 s, Copy 41 s, I/O Quiesce 5 s, Frozen 10 s. */
const PHASES = [
  { name: 'Init', seconds: 15 },
  { name: 'Copy', seconds: 41 },
  { name: 'I/O Quiesce', seconds: 5 },
  { name: 'Frozen', seconds: 10 },
];
const DETAIL: MoveDetail = { estimatedSeconds: 71, estimatedPhases: PHASES };

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
        startedAt: STARTED,
        progress: { phase: 'Copy', step: 3, percent: 25 },
      }),
      makeMoveRecord({ index: 2, round: 2, guest: 'vm03' }),
    ];
    const details = [DETAIL, DETAIL, DETAIL];
    expect(show(requestStatusView({ request, moves, details, now: NOW }))).toMatchInlineSnapshot(`
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
      2. *vm02* vsp1 → vsp2 · online — running · \`▓▓▓░░░░░░░ 35%\` · Copy phase
      3. *vm03* vsp1 → vsp2 · online — queued (round 3)"
    `);
  });
});

describe('requestStatusView: progress over the whole move, as the progress message shows it', () => {
  const request = makeRequestRecord({ state: 'running', approvals: [makeApproval()] });

  function statusLine(move: Partial<MoveRecord>, details: readonly (MoveDetail | undefined)[] = [DETAIL]): string {
    const record = makeMoveRecord(move);
    const text = show(requestStatusView({ request, moves: [record], details, now: NOW }));
    return text.split('\n').find((line) => line.startsWith('1. ')) ?? '';
  }

  function progressPercent(move: Partial<MoveRecord>): string {
    const text = buildProgressMessage({ move: makeMoveRecord(move), ...DETAIL, now: NOW }).text;
    return /[0-9]+%$/.exec(text)?.[0] ?? '';
  }

  it.each<[string, Partial<MoveRecord>]>([
    ['starting, before hpvmmigrate reports', { state: 'starting', startedAt: STARTED }],
    ['in Init', { state: 'running', startedAt: STARTED, progress: { phase: 'Init', percent: 40 } }],
    ['right after Init', { state: 'running', startedAt: STARTED, progress: { phase: 'Init', percent: 100 } }],
    ['in Copy', { state: 'running', startedAt: STARTED, progress: { phase: 'Copy', step: 3, percent: 25 } }],
    ['offline, no phases', { state: 'running', mode: 'offline', startedAt: STARTED }],
    ['verifying', { state: 'verifying', startedAt: STARTED, progress: { phase: 'Frozen', percent: 100 } }],
  ])('%s: the same percent as the progress message', (_, move) => {
    expect(statusLine(move)).toContain(`${progressPercent(move)}\``);
  });

  it('right after Init says the share of the whole move, not "Init 100 %"', () => {
    const line = statusLine({ state: 'running', startedAt: STARTED, progress: { phase: 'Init', percent: 100 } });
    expect(line).toBe('1. *vm01* vsp1 → vsp2 · online — running · `▓▓░░░░░░░░ 21%` · Init phase');
    expect(line).not.toContain('100');
  });

  it('never 100 % before the move is verified', () => {
    const line = statusLine({ state: 'verifying', startedAt: STARTED, progress: { phase: 'Frozen', percent: 100 } });
    expect(line).toContain('99%');
  });

  it("a failed move: the outcome in hpvmmigrate's words, as its progress message says it", () => {
    const move = {
      state: 'failed',
      startedAt: STARTED,
      finishedAt: NOW.toISOString(),
      error: 'exit status 1',
    } as const;
    const detail = { ...DETAIL, failureReason: 'Target: could not receive message header' };
    const line = statusLine(move, [detail]);
    expect(line).toBe('1. *vm01* vsp1 → vsp2 · online — ✗ failed: Target: could not receive message header');
    expect(show(buildProgressMessage({ move: makeMoveRecord(move), ...detail, now: NOW }))).toContain(
      '*Outcome:* ✗ failed: Target: could not receive message header',
    );
  });

  it('a succeeded move: its outcome, not its last phase', () => {
    const line = statusLine({
      state: 'succeeded',
      progress: { phase: 'Frozen', percent: 100 },
      verifiedLocation: 'vsp2 (On (OS))',
    });
    expect(line).toBe('1. *vm01* vsp1 → vsp2 · online — ✓ verified on vsp2 (On (OS))');
  });

  it("without the plan's estimate: HP's own line, which says its percent is the phase's, and no bar", () => {
    const line = statusLine({ state: 'running', progress: { phase: 'Init', step: 2, percent: 100 } }, [undefined]);
    expect(line).toBe('1. *vm01* vsp1 → vsp2 · online — running · Init phase, step 2, at 100%');
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
