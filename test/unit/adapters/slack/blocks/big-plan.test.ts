import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import { buildPreview } from '../../../../../src/adapters/slack/blocks/preview-message.ts';
import { fitPreviewBody } from '../../../../../src/adapters/slack/blocks/fit-preview-body.ts';
import { withStatus } from '../../../../../src/adapters/slack/blocks/status-line.ts';
import { blocksTextLength } from '../../../../../src/adapters/slack/blocks/block-parts.ts';
import type { Plan } from '../../../../../src/domain/plan/plan-types.ts';
import { escapeMrkdwn } from '../../../../../src/domain/grammar/slack-text.ts';
import { blockKitProblems } from '../../../../support/block-kit-validator.ts';
import { APPROVERS, makeRequestRecord, NOW } from './message-fixtures.ts';
import { evacuation } from './plan-fixtures.ts';

function build(plan: Plan) {
  return buildPreview({
    request: makeRequestRecord({ id: 'REQ-40', kind: 'evacuate', text: 'evacuate vsp1' }),
    plan,
    approvers: APPROVERS,
    now: NOW,
  });
}

function allText(blocks: readonly types.KnownBlock[]): string {
  return JSON.stringify(blocks);
}

describe('a 40-guest evacuation preview with blocked guests', () => {
  const plan = evacuation(40, { blocked: true });
  const message = build(plan);

  it('is a real big plan: moves, blocked guests, long check lists', () => {
    expect(plan.moves.length).toBeGreaterThanOrEqual(30);
    expect(plan.blocked.length).toBeGreaterThanOrEqual(6);
    expect(plan.moves.every((move) => move.checks.length >= 6)).toBe(true);
  });

  it('stays within every Slack limit', () => {
    expect(blockKitProblems(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
  });

  it('says what was left out instead of leaving it out silently', () => {
    expect(allText(message.blocks)).toContain("Left out to fit Slack's message limits: the details of");
    expect(allText(message.blocks)).toMatch(/✓ …and \d+ more checks passed/);
  });

  it('keeps every failed check with its fix', () => {
    const text = allText(message.blocks);
    for (const blocked of plan.blocked)
      for (const check of blocked.checks.filter((c) => !c.ok)) {
        expect(text).toContain(JSON.stringify(escapeMrkdwn(check.detail)).slice(1, -1));
        if (check.fix !== undefined) expect(text).toContain(JSON.stringify(escapeMrkdwn(check.fix)).slice(1, -1));
      }
    expect(text).toContain('Every failed check is shown.');
  });

  it('gives way with the command lines before the failed checks, and says so', () => {
    expect(message.showsEveryCommand).toBe(false);
    expect(allText(message.blocks)).toContain('this preview does NOT show every command that runs');
  });

  it('stays within the text Slack accepts in one message', () => {
    expect(blocksTextLength(message.blocks)).toBeLessThanOrEqual(10_000);
  });

  it('has no buttons: a blocked plan cannot be approved', () => {
    expect(message.blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(message.blocks.at(-1)).toMatchObject({ type: 'section', block_id: 'status:REQ-40:v0' });
  });
});

describe('a 40-guest evacuation preview that can run', () => {
  const plan = evacuation(40, { blocked: false });
  const message = build(plan);

  it('keeps the Approve / Reject buttons as the last block, within the limits', () => {
    expect(plan.ok).toBe(true);
    expect(blockKitProblems(message)).toEqual([]);
    expect(message.blocks.at(-1)).toMatchObject({ type: 'actions', block_id: 'req:REQ-40:v0' });
    expect(allText(message.blocks)).toContain("Left out to fit Slack's message limits");
  });

  it('stays within the limits once the status line and Cancel replace the buttons', () => {
    const running = withStatus(message.blocks, {
      requestId: 'REQ-40',
      revision: 3,
      kind: 'running',
      approvedBy: ['U0APPR1'],
      moves: { total: 40, queued: 36, active: 1, attention: 0, succeeded: 3, failed: 0, cancelled: 0 },
    });
    expect(blockKitProblems({ text: 'x', blocks: running })).toEqual([]);
    expect(blocksTextLength(running)).toBeLessThanOrEqual(10_000);
    expect(running.at(-1)).toMatchObject({ type: 'actions', block_id: 'req:REQ-40:v3' });
  });
});

describe('a 300-guest evacuation preview', () => {
  it('stays within the limits, the text Slack accepts in one message included', () => {
    for (const blocked of [true, false]) {
      const message = build(evacuation(300, { blocked }));
      expect(blockKitProblems(message)).toEqual([]);
      expect(blocksTextLength(message.blocks)).toBeLessThanOrEqual(10_000);
    }
  });

  it('says, when it cannot list every blocked guest, that failed checks are left out too', () => {
    const text = allText(build(evacuation(300, { blocked: true })).blocks);
    expect(text).toContain('Some blocked guests and their failed checks are left out too');
    expect(text).not.toContain('Every failed check is shown.');
  });
});

describe('fitPreviewBody under a tight block budget', () => {
  const plan = evacuation(40, { blocked: true });
  const body = fitPreviewBody(plan, 6);

  it('cuts rounds and moves first, announcing each cut, and keeps every failed check', () => {
    expect(body.texts.length).toBeLessThanOrEqual(6);
    const text = body.texts.join('\n');
    expect(text).toMatch(/…and \d+ more moves? left out here/);
    expect(body.leftOut).toContain('part of the moves listing');
    for (const check of plan.blocked.flatMap((blocked) => blocked.checks).filter((c) => !c.ok))
      expect(text).toContain(escapeMrkdwn(check.detail));
  });
});

describe('showsEveryCommand', () => {
  const note = 'This message does not show every command line';

  it.each([
    [10, false],
    [40, false],
    [40, true],
    [300, false],
    [300, true],
  ])('tells the truth for a %i-guest evacuation (blocked guests: %s)', (guests, blocked) => {
    const plan = evacuation(guests, { blocked });
    const message = build(plan);
    const text = allText(message.blocks);
    const everyLine = plan.moves.every(
      (move) =>
        text.includes(move.commands.migrate.line) &&
        (move.commands.precheck === undefined || text.includes(move.commands.precheck.line)),
    );
    expect(message.showsEveryCommand).toBe(everyLine);
    const buttons = message.blocks.findIndex((block) => block.type === 'actions');
    if (buttons === -1 || message.showsEveryCommand) expect(text).not.toContain(note);
    else expect(allText([message.blocks[buttons - 1]!])).toContain(note);
  });

  it('is false for a 300-guest evacuation that can run, which says so next to its buttons', () => {
    const message = build(evacuation(300, { blocked: false }));
    expect(message.showsEveryCommand).toBe(false);
    expect(blockKitProblems(message)).toEqual([]);
    const beforeButtons = message.blocks.at(-2);
    expect(beforeButtons?.type === 'section' ? beforeButtons.text?.text : undefined).toContain(note);
  });
});
