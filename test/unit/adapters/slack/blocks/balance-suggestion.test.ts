import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import { buildBalanceSuggestion } from '../../../../../src/adapters/slack/blocks/balance-suggestion.ts';
import { blocksTextLength, type BlockMessage } from '../../../../../src/adapters/slack/blocks/block-parts.ts';
import { previewWithStatus } from '../../../../../src/adapters/slack/blocks/status-line.ts';
import type { Plan } from '../../../../../src/domain/plan/plan-types.ts';
import type { RequestRecord } from '../../../../../src/domain/workflow/records.ts';
import {
  APPROVERS,
  makeApproval,
  makeRequestRecord,
  NOW,
  showWithCheckboxes,
  validWithCheckboxes,
} from './message-fixtures.ts';
import { balanceSuggestionPlan } from './plan-fixtures.ts';

function suggestion(plan: Plan, request: Partial<RequestRecord> = {}) {
  return buildBalanceSuggestion({
    request: makeRequestRecord({
      kind: 'balance',
      text: 'balance',
      requesterId: 'bot',
      previewRevision: 2,
      ...request,
    }),
    plan,
    approvers: APPROVERS,
    now: NOW,
  });
}

function checkboxGroups(message: BlockMessage): types.ActionsBlock[] {
  return message.blocks.filter(
    (block): block is types.ActionsBlock =>
      block.type === 'actions' && block.elements.some((element) => element.type === 'checkboxes'),
  );
}

function ticked(message: BlockMessage): string[] {
  return checkboxGroups(message).flatMap((block) =>
    block.elements.flatMap((element) =>
      element.type === 'checkboxes' ? (element.initial_options ?? []).map((option) => option.value ?? '') : [],
    ),
  );
}

describe('buildBalanceSuggestion', () => {
  it('shows loads, moves with reasons, checkboxes, the commands and the three buttons', () => {
    expect(showWithCheckboxes(suggestion(balanceSuggestionPlan(3)))).toMatchInlineSnapshot(`
      "text: REQ-7: balancing suggestion, 3 moves

      [header] REQ-7 · Balancing suggestion

      [section]
      *CPU load standard deviation* 0.263 → 0.059 · *highest host load* 92% → 61%
      3 online moves in 3 rounds · estimated 2 min 3 s
      _Inventory read <!date^1740823200^{date_short_pretty} {time}|2025-03-01 10:00 UTC>. Suggested by the schedule._

      [section]
      *Load per VSP* (now → after the moves)
      \`\`\`
      vsp1  ▓▓▓▓▓▓▓▓▓░ 92%  → ▓▓▓▓▓▓░░░░ 61%
      vsp2  ▓▓▓░░░░░░░ 31%  → ▓▓▓▓░░░░░░ 47%
      vsp3  ▓▓▓▓░░░░░░ 40%  → ▓▓▓▓▓░░░░░ 55%
      \`\`\`

      [section]
      *Moves* (tick the ones to run, or approve all)
      1. *vm01* vsp1 → vsp2 · *online* — vsp1 is at 92% CPU; vm01 uses 1.2 cores
      2. *vm02* vsp1 → vsp3 · *online* — vsp1 is at 92% CPU; vm02 uses 1.2 cores
      3. *vm03* vsp1 → vsp2 · *online* — vsp1 is at 92% CPU; vm03 uses 1.2 cores

      [actions sel:REQ-7:v2:0]
      (checkboxes) action_id=select_moves
        [x] 1. vm01 vsp1 → vsp2
        [x] 2. vm02 vsp1 → vsp3
        [x] 3. vm03 vsp1 → vsp2

      [section]
      *Commands* — exactly what runs, per host, in run order
      *on vsp1:*
      \`\`\`
      /opt/hpvm/bin/hpvmmigrate -s -o -P vm01 -h vsp2
      /opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2
      /opt/hpvm/bin/hpvmmigrate -s -o -P vm02 -h vsp3
      /opt/hpvm/bin/hpvmmigrate -o -P vm02 -h vsp3
      /opt/hpvm/bin/hpvmmigrate -s -o -P vm03 -h vsp2
      /opt/hpvm/bin/hpvmmigrate -o -P vm03 -h vsp2
      \`\`\`

      [context] *Who may approve:* <@U0APPR1>, <@U0APPR2> or members of <!subteam^S0OPS> | Needs 1 approval | Expires <!date^1740825000^{date_short_pretty} {time}|2025-03-01 10:30 UTC>

      [actions req:REQ-7:v2]
      (Approve all primary) action_id=approve value=REQ-7@0123456789abcdef
        confirm: Run all of REQ-7? — Runs 3 online migrations on vsp1. The inventory is re-read first; if anything changed, nothing runs. [Approve all / Back]
      (Approve selected) action_id=approve_selected value=REQ-7@0123456789abcdef
        confirm: Run the ticked moves of REQ-7? — Only the ticked moves run; the others are left out. The inventory is re-read first. [Approve selected / Back]
      (Dismiss) action_id=reject value=REQ-7@0123456789abcdef
        confirm: Dismiss REQ-7? — Nothing runs. The same suggestion is not posted again until the load changes. [Dismiss / Back]"
    `);
  });

  it('binds checkboxes and buttons to the revision and the plan, and shows every command', () => {
    const message = validWithCheckboxes(suggestion(balanceSuggestionPlan(12), { id: 'REQ-30' }));
    expect(checkboxGroups(message).map((block) => block.block_id)).toEqual(['sel:REQ-30:v2:0', 'sel:REQ-30:v2:1']);
    expect(message.blocks.at(-1)).toMatchObject({
      type: 'actions',
      block_id: 'req:REQ-30:v2',
      elements: [
        { action_id: 'approve', value: 'REQ-30@0123456789abcdef' },
        { action_id: 'approve_selected', value: 'REQ-30@0123456789abcdef' },
        { action_id: 'reject', value: 'REQ-30@0123456789abcdef' },
      ],
    });
    expect(ticked(message)).toHaveLength(12);
    expect(message.showsEveryCommand).toBe(true);
  });

  it('ticks, for the next approver, only the moves every approval so far covers, and says so', () => {
    const message = validWithCheckboxes(
      suggestion(balanceSuggestionPlan(4), {
        approvalsRequired: 2,
        approvals: [makeApproval({ moves: [0, 2, 3] })],
      }),
    );
    expect(ticked(message)).toEqual(['0', '2', '3']);
    expect(JSON.stringify(message.blocks)).toContain(
      '_Approved so far by <@U0APPR1>: moves 1, 3, 4. Only moves every approver approves run._',
    );
  });

  it('keeps its checkboxes under the new revision while approvals are missing, and drops them after', () => {
    const original = suggestion(balanceSuggestionPlan(4), { approvalsRequired: 2 });
    const partly = previewWithStatus(original, {
      requestId: 'REQ-7',
      revision: 3,
      kind: 'partly-approved',
      by: 'U0APPR1',
      given: 1,
      required: 2,
    });
    validWithCheckboxes(partly);
    expect(checkboxGroups(partly).map((block) => block.block_id)).toEqual(['sel:REQ-7:v3:0']);
    expect(partly.blocks.at(-1)).toMatchObject({ type: 'actions', block_id: 'req:REQ-7:v3' });
    const approving = previewWithStatus(partly, {
      requestId: 'REQ-7',
      revision: 4,
      kind: 'approving',
      by: ['U0APPR1', 'U0APPR2'],
    });
    expect(approving.blocks.some((block) => block.type === 'actions')).toBe(false);
  });

  describe('with a hundred moves', () => {
    const plan = balanceSuggestionPlan(100);
    const message = suggestion(plan);

    it('stays within the limits, with a checkbox group per ten moves', () => {
      validWithCheckboxes(message);
      expect(checkboxGroups(message)).toHaveLength(10);
      expect(ticked(message)).toHaveLength(100);
    });

    it('says next to its buttons that the thread has every command line', () => {
      expect(message.showsEveryCommand).toBe(false);
      expect(JSON.stringify(message.blocks.at(-2))).toContain('This message does not show every command line');
    });

    it('stays within the text Slack accepts in one message, its checkboxes included', () => {
      expect(blocksTextLength(message.blocks)).toBeLessThanOrEqual(10_000);
    });
  });
});
