import { describe, expect, it } from 'vitest';
import {
  moveCancelledReply,
  moveFailedReply,
  moveStartedReply,
  moveVerifiedReply,
  requestSummaryReply,
} from '../../../../../src/adapters/slack/blocks/move-replies.ts';
import { readFixture } from '../../../../support/hpvm-fixtures.ts';
import { blocksTextLength } from '../../../../../src/adapters/slack/blocks/block-parts.ts';
import { makeMoveRecord, show, valid } from './message-fixtures.ts';

const move = makeMoveRecord();

describe('milestone replies', () => {
  it('started: detached, and where the log is', () => {
    expect(show(moveStartedReply({ move, logPath: '/var/tmp/hpvm-chatops/REQ-7/0/migrate.log' })))
      .toMatchInlineSnapshot(`
        "text: vm01: hpvmmigrate started on vsp1

        [section]
        ▶ *vm01* vsp1 → vsp2: hpvmmigrate (online) started on vsp1, detached — it keeps running if the connection drops or the bot restarts.
        Log on vsp1: \`/var/tmp/hpvm-chatops/REQ-7/0/migrate.log\`"
      `);
  });

  it('verified: what hpvmstatus showed on both VSPs', () => {
    const reply = valid(
      moveVerifiedReply({
        move,
        target: { host: 'vsp2', stateText: 'On (OS)' },
        source: { host: 'vsp1', stateText: 'Off (NR)' },
      }),
    );
    expect(reply.text).toBe(
      '✓ vm01 now runs on vsp2 — verified: hpvmstatus on vsp2 shows On (OS), vsp1 shows Off (NR)',
    );
  });

  it('verified after an offline move with --delete-source', () => {
    const reply = valid(
      moveVerifiedReply({ move, target: { host: 'vsp2', stateText: 'Off' }, source: { host: 'vsp1' } }),
    );
    expect(reply.text).toBe(
      '✓ vm01 is now on vsp2 — verified: hpvmstatus on vsp2 shows Off, vsp1 no longer lists vm01',
    );
  });

  it('cancelled before it started', () => {
    expect(valid(moveCancelledReply({ move, by: 'U0REQ' })).text).toBe(
      '⛔ *vm01* vsp1 → vsp2 cancelled by <@U0REQ>. It did not start; vm01 stays on vsp1.',
    );
  });
});

describe('moveFailedReply', () => {
  it('shows what hpvmmigrate printed, where the guest is now (verified) and the next step', () => {
    const reply = moveFailedReply({
      move,
      command: '/opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2',
      exitCode: 1,
      output: [
        "hpvmmigrate: Connected to target VSP using 'vsp2'",
        'hpvmmigrate: ERROR (vsp2): vswitch validation failed.',
        'hpvmmigrate: Unable to migrate guest.',
      ],
      location: 'vsp1 (On (OS))',
      nextStep: 'A vswitch the guest uses is missing on the target: create it with hpvmnet on vsp2, then ask again.',
    });
    expect(show(reply)).toMatchInlineSnapshot(`
      "text: vm01: migration to vsp2 failed (exited with 1)

      [section]
      ✗ *vm01* vsp1 → vsp2 failed: \`/opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2\` exited with 1 on vsp1.

      [section]
      *Why:* vswitch validation failed.

      [section]
      *What hpvmmigrate printed:*
      \`\`\`
      hpvmmigrate: Connected to target VSP using 'vsp2'
      hpvmmigrate: ERROR (vsp2): vswitch validation failed.
      hpvmmigrate: Unable to migrate guest.
      \`\`\`

      [section]
      *Where vm01 is now (verified):* vsp1 (On (OS))

      [section]
      *Next step:* A vswitch the guest uses is missing on the target: create it with hpvmnet on vsp2, then ask again."
    `);
  });

  it("says why in hpvmmigrate's words: a remote message's reason, not 'Remote message:', and what it means", () => {
    const output = readFixture('hpvmmigrate-npiv-no-match.txt').split('\n');
    const text = show(moveFailedReply({ move, exitCode: 1, output, nextStep: 'x' }));
    expect(text).toContain(
      '*Why:* Device 0x50D1438FF62CBCD8,0x50D1438FF62CBCD9 has no match on this HPVM server. — the guest has an NPIV HBA',
    );
    expect(text).not.toContain('*Why:* Remote message:');
  });

  it("shows no reason when hpvmmigrate printed no failure in HP's forms", () => {
    const text = show(moveFailedReply({ move, exitCode: 1, output: ['something odd'], nextStep: 'x' }));
    expect(text).not.toContain('*Why:*');
  });

  it('keeps the last lines that fit and says how many were shown', () => {
    const output = Array.from({ length: 500 }, (_, i) => `line ${i + 1}: ${'x'.repeat(40)}`);
    const reply = valid(moveFailedReply({ move, exitCode: null, output, nextStep: 'Check the VSPs.' }));
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('line 500:');
    expect(text).not.toContain('line 1:');
    expect(text).toMatch(/\(last \d+ of 500 lines\)/);
    expect(text).toContain('ended without an exit status');
    expect(text).toContain('not verified');
  });

  it('cannot be broken out of its code block or made to ping anyone by the output', () => {
    const reply = valid(
      moveFailedReply({
        move,
        exitCode: 2,
        output: ['```', '<!channel> *bold* <@U999> &amp;', '```'],
        location: 'vsp1 (On (OS))',
        nextStep: 'Look at <!here>',
      }),
    );
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&lt;@U999&gt;');
    expect(text).toContain('&amp;amp;');
    expect(text).toContain('Look at &lt;!here&gt;');
  });
});

describe('requestSummaryReply', () => {
  it('lists every move with its outcome and the total time', () => {
    const reply = requestSummaryReply({
      request: { id: 'REQ-7', state: 'failed' },
      moves: [
        makeMoveRecord({
          state: 'succeeded',
          startedAt: '2025-03-01T10:00:00.000Z',
          finishedAt: '2025-03-01T10:03:14.000Z',
          verifiedLocation: 'vsp2 (On (OS))',
        }),
        makeMoveRecord({
          index: 1,
          guest: 'vm02',
          mode: 'offline',
          state: 'failed',
          startedAt: '2025-03-01T10:03:20.000Z',
          finishedAt: '2025-03-01T10:04:00.000Z',
          error: 'hpvmmigrate exited with 1: vswitch validation failed',
        }),
        makeMoveRecord({ index: 2, guest: 'vm03', state: 'cancelled' }),
      ],
    });
    expect(show(reply)).toMatchInlineSnapshot(`
      "text: REQ-7 failed: 1 of 3 moves verified, 1 failed, 1 cancelled.

      [section]
      *REQ-7 failed:* 1 of 3 moves verified, 1 failed, 1 cancelled. Took 4 min.

      [section]
      ✓ *vm01* vsp1 → vsp2 · online — verified on vsp2 (On (OS)) · 3 min 14 s
      ✗ *vm02* vsp1 → vsp2 · offline — failed: hpvmmigrate exited with 1: vswitch validation failed · 40 s
      ⛔ *vm03* vsp1 → vsp2 · online — cancelled"
    `);
  });

  it('leaves moves that were not approved out of the tally, lists them last, and says a move needs attention', () => {
    const reply = requestSummaryReply({
      request: { id: 'REQ-9', state: 'needs_attention' },
      moves: [
        makeMoveRecord({ requestId: 'REQ-9', state: 'not_selected' }),
        makeMoveRecord({
          requestId: 'REQ-9',
          index: 1,
          guest: 'vm02',
          state: 'needs_attention',
          startedAt: '2025-03-01T10:00:00.000Z',
          error: 'the remote run vanished: no exit status and no hpvmmigrate process',
        }),
        makeMoveRecord({ requestId: 'REQ-9', index: 2, guest: 'vm03', state: 'cancelled' }),
      ],
    });
    expect(show(reply)).toMatchInlineSnapshot(`
      "text: REQ-9 needs attention: 0 of 2 moves verified, 1 needs attention, 1 cancelled. 1 move was not approved and did not run.

      [section]
      *REQ-9 needs attention:* 0 of 2 moves verified, 1 needs attention, 1 cancelled. 1 move was not approved and did not run.

      [section]
      ⚠ *vm02* vsp1 → vsp2 · online — needs attention, outcome unknown: the remote run vanished: no exit status and no hpvmmigrate process
      ⛔ *vm03* vsp1 → vsp2 · online — cancelled
      ⊘ *vm01* vsp1 → vsp2 · online — not approved by every approver, did not run"
    `);
  });

  it('stays within the text Slack accepts in one post for a 300-move request, saying what it left out', () => {
    const moves = Array.from({ length: 300 }, (_, i) =>
      makeMoveRecord({ index: i, guest: `guest${i}.prod-cluster`, state: 'failed', error: 'x'.repeat(100) }),
    );
    const reply = valid(requestSummaryReply({ request: { id: 'REQ-40', state: 'failed' }, moves }));
    expect(blocksTextLength(reply.blocks)).toBeLessThanOrEqual(10_000);
    expect(JSON.stringify(reply.blocks)).toMatch(
      /…and \d+ more moves left out .*`\/migrate status REQ-40` lists them all/,
    );
  });
});
