import { describe, expect, it } from 'vitest';
import { blockKitPresenter } from '../../../../src/adapters/slack/block-kit-presenter.ts';
import type { BlockMessage } from '../../../../src/adapters/slack/blocks/block-parts.ts';
import { planMigration } from '../../../../src/domain/plan/plan-migration.ts';
import { makeMigrateRequest, makePlanInput } from '../../../support/builders.ts';
import { expectValidMessage } from '../../../support/block-kit-validator.ts';
import { makeMoveRecord, makeRequestRecord, NOW, validWithCheckboxes } from './blocks/message-fixtures.ts';
import { balanceSuggestionPlan } from './blocks/plan-fixtures.ts';

const presenter = blockKitPresenter({ approverUsers: ['U0APPR1'], approverGroups: ['S0OPS'], selfApproval: false });

describe('blockKitPresenter', () => {
  const plan = planMigration(makeMigrateRequest(), makePlanInput());
  const request = makeRequestRecord();

  it('fills in who may approve from its policy', () => {
    const preview = presenter.preview({ request, plan, now: NOW });
    expect(JSON.stringify(preview.blocks)).toContain('<@U0APPR1> or members of <!subteam^S0OPS> (not the requester)');
    expect(preview.showsEveryCommand).toBe(true);
    expect(presenter.refusal({ requestId: 'REQ-7', reason: 'not-approver' }).text).toContain(
      '<@U0APPR1> or members of <!subteam^S0OPS> may approve it',
    );
  });

  it('re-renders a balancing suggestion as a suggestion when its status changes', () => {
    const suggestion = {
      request: makeRequestRecord({ kind: 'balance', approvalsRequired: 2 }),
      plan: balanceSuggestionPlan(3),
      now: NOW,
    };
    const message = presenter.previewWithStatus(suggestion, {
      requestId: 'REQ-7',
      revision: 1,
      kind: 'partly-approved',
      by: 'U0APPR1',
      given: 1,
      required: 2,
    });
    // The Block Kit presenter's messages are BlockMessages; the port types them loosely.
    validWithCheckboxes(message as BlockMessage);
    expect(JSON.stringify(message.blocks)).toContain('"block_id":"sel:REQ-7:v1:0"');
    expect(JSON.stringify(message.blocks)).toContain('"action_id":"approve_selected"');
  });

  it('answers every other port method with a valid message', () => {
    const move = makeMoveRecord();
    const messages = [
      ...presenter.commandListing(plan, 'REQ-7'),
      presenter.moveNeedsAttention({
        move,
        what: 'lost',
        code: 'remote_run_vanished',
        lastOutput: [],
        nextStep: 'check',
        resolveCommand: '/migrate resolve REQ-7 vm01 done|failed',
      }),
      presenter.moveSettled({ move, outcome: 'succeeded', reason: 'vsp2 runs it', location: 'vsp2 (On (OS))' }),
      presenter.movesNotSelected({ requestId: 'REQ-7', moves: [move], approvals: [{ userId: 'U0APPR1', guests: [] }] }),
      presenter.notice('checking <!channel>…'),
      presenter.requestSummary({ request: { id: 'REQ-7', state: 'completed' }, moves: [move] }),
    ];
    for (const message of messages) expectValidMessage(message);
  });
});
