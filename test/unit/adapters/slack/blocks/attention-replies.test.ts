import { describe, expect, it } from 'vitest';
import {
  moveNeedsAttentionReply,
  moveSettledReply,
  movesNotSelectedReply,
} from '../../../../../src/adapters/slack/blocks/attention-replies.ts';
import type { MoveAttention } from '../../../../../src/ports.ts';
import { makeMoveRecord, show, valid } from './message-fixtures.ts';

const move = makeMoveRecord();

const attention: MoveAttention = {
  move,
  what: 'The SSH connection to vsp1 was lost while hpvmmigrate ran, and its exit status file is missing.',
  code: 'remote_run_vanished',
  lastOutput: [
    "hpvmmigrate: Connected to target VSP using 'vsp2'",
    'hpvmmigrate: Starting online migration of guest vm01',
    'hpvmmigrate: Copying memory (pass 2)',
  ],
  source: { host: 'vsp1', stateText: 'On (OS)' },
  target: { host: 'vsp2' },
  nextStep: 'Look at hpvmstatus -P vm01 on both VSPs; the bot keeps checking every minute.',
  resolveCommand: '/migrate resolve REQ-7 vm01 done|failed',
};

describe('moveNeedsAttentionReply', () => {
  it('says the outcome is unknown, what is known, how to settle it and what stays locked', () => {
    expect(show(moveNeedsAttentionReply(attention))).toMatchInlineSnapshot(`
      "text: vm01: the bot cannot tell how the move to vsp2 ended (remote_run_vanished)

      [section]
      ⚠ *vm01* vsp1 → vsp2: the bot cannot tell how this move ended (\`remote_run_vanished\`)
      *What happened:* The SSH connection to vsp1 was lost while hpvmmigrate ran, and its exit status file is missing.

      [section]
      *The last lines hpvmmigrate wrote:*
      \`\`\`
      hpvmmigrate: Connected to target VSP using 'vsp2'
      hpvmmigrate: Starting online migration of guest vm01
      hpvmmigrate: Copying memory (pass 2)
      \`\`\`

      [section]
      *hpvmstatus now:* vsp1 shows On (OS), vsp2 does not list vm01
      *Next step:* Look at hpvmstatus -P vm01 on both VSPs; the bot keeps checking every minute.
      *To settle it by hand* (approvers): \`/migrate resolve REQ-7 vm01 done|failed\`
      🔒 vm01, vsp1 and vsp2 stay locked until it is settled: no request can move vm01, nor anything onto or off vsp1 or vsp2, and nothing more of this request starts."
    `);
  });

  it('says when a VSP could not be read and when hpvmmigrate wrote nothing', () => {
    const reply = valid(
      moveNeedsAttentionReply({ ...attention, lastOutput: [], source: undefined, target: undefined }),
    );
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('*hpvmstatus now:* vsp1 could not be read, vsp2 could not be read');
    expect(text).toContain('_hpvmmigrate wrote nothing to its log._');
  });

  it('keeps the last lines that fit, and says how many', () => {
    const lastOutput = Array.from({ length: 400 }, (_, i) => `line ${i + 1}: ${'x'.repeat(40)}`);
    const text = JSON.stringify(valid(moveNeedsAttentionReply({ ...attention, lastOutput })).blocks);
    expect(text).toContain('line 400:');
    expect(text).not.toContain('line 1:');
    expect(text).toMatch(/\(last \d+ of 400 lines\)/);
  });

  it('cannot be made to ping anyone or break its code block by what the host printed', () => {
    const reply = valid(
      moveNeedsAttentionReply({
        ...attention,
        what: '<!channel> lost',
        code: '`x`<@U1>',
        lastOutput: ['```', '<!here> &', '```'],
        source: { host: 'vsp1', stateText: '<!everyone>' },
        nextStep: '<@U999>',
      }),
    );
    const text = JSON.stringify(reply);
    for (const raw of ['<!channel>', '<!here>', '<!everyone>', '<@U999>', '<@U1>']) expect(text).not.toContain(raw);
  });
});

describe('moveSettledReply', () => {
  it('says who settled it, on what grounds, and where the guest is', () => {
    const lines = [
      moveSettledReply({
        move,
        outcome: 'succeeded',
        reason: 'vsp2 runs vm01 and vsp1 no longer lists it',
        location: 'vsp2 (On (OS))',
      }),
      moveSettledReply({
        move,
        outcome: 'failed',
        by: 'U0APPR1',
        reason: 'vm01 still runs on vsp1',
        location: 'vsp1 (On (OS))',
      }),
      moveSettledReply({ move, outcome: 'failed', by: 'U0APPR1', reason: '' }),
    ].map(show);
    expect(lines.join('\n\n---\n\n')).toMatchInlineSnapshot(`
      "text: vm01: settled as succeeded by the bot

      [section]
      ✓ *vm01*: settled as succeeded by the bot (facts agree: vsp2 runs vm01 and vsp1 no longer lists it).
      *Where vm01 is now:* vsp2 (On (OS))

      ---

      text: vm01: settled as failed by an approver

      [section]
      ✗ *vm01*: settled as failed by <@U0APPR1> (checked against hpvmstatus): vm01 still runs on vsp1.
      *Where vm01 is now:* vsp1 (On (OS))

      ---

      text: vm01: settled as failed by an approver

      [section]
      ✗ *vm01*: settled as failed by <@U0APPR1> (checked against hpvmstatus).
      *Where vm01 is now:* not known — check with hpvmstatus on vsp1 and vsp2."
    `);
  });
});

describe('movesNotSelectedReply', () => {
  it('lists the moves that do not run and what each approver approved', () => {
    const reply = movesNotSelectedReply({
      requestId: 'REQ-7',
      moves: [
        makeMoveRecord({ index: 1, guest: 'vm02', target: 'vsp3' }),
        makeMoveRecord({ index: 2, guest: 'vm03', target: 'vsp4' }),
      ],
      approvals: [
        { userId: 'U0APPR1', guests: ['vm01', 'vm02', 'vm03'] },
        { userId: 'U0APPR2', guests: ['vm01'] },
      ],
    });
    expect(show(reply)).toMatchInlineSnapshot(`
      "text: REQ-7: 2 moves not approved by every approver do not run

      [section]
      ⊘ *REQ-7: 2 moves do not run* — not every required approver approved them:
      • *vm02* vsp1 → vsp3
      • *vm03* vsp1 → vsp4

      [section]
      *What each approver approved:*
      • <@U0APPR1>: vm01, vm02, vm03
      • <@U0APPR2>: vm01"
    `);
  });

  it('stays within the limits with a hundred moves', () => {
    const moves = Array.from({ length: 100 }, (_, i) =>
      makeMoveRecord({ index: i, guest: `guest${i}.${'long-name-'.repeat(6)}` }),
    );
    const reply = valid(
      movesNotSelectedReply({
        requestId: 'REQ-7',
        moves,
        approvals: [
          { userId: 'U0APPR1', guests: moves.map((m) => m.guest) },
          { userId: 'U0APPR2', guests: [] },
        ],
      }),
    );
    expect(reply.text).toBe('REQ-7: 100 moves not approved by every approver do not run');
  });
});
