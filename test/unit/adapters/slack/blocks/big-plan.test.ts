import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import { buildPreview } from '../../../../../src/adapters/slack/blocks/preview-message.ts';
import { fitPreviewBody } from '../../../../../src/adapters/slack/blocks/fit-preview-body.ts';
import { withStatus } from '../../../../../src/adapters/slack/blocks/status-line.ts';
import { planEvacuation } from '../../../../../src/domain/plan/plan-evacuation.ts';
import type { Plan } from '../../../../../src/domain/plan/plan-types.ts';
import type { Guest } from '../../../../../src/domain/inventory.ts';
import { escapeMrkdwn } from '../../../../../src/domain/grammar/slack-text.ts';
import { makeDisk, makeEvacuateRequest, makeGuest, makeHost, makePlanInput } from '../../../../support/builders.ts';
import { blockKitProblems } from '../../../../support/block-kit-validator.ts';
import { APPROVERS, makeRequestRecord, NOW } from './message-fixtures.ts';

/**
 * `/migrate evacuate vsp1` of a crowded host: most guests move online (13 checks each), some are off,
 * and every sixth is a Linux guest on LVM that cannot go online anywhere (blocked, with fixes).
 */
function evacuation(guestCount: number, options: { readonly blocked: boolean }): Plan {
  const guests: Guest[] = [];
  for (let i = 1; i <= guestCount; i++) {
    const name = `guest${String(i).padStart(3, '0')}.prod-cluster-${i % 7}`;
    if (options.blocked && i % 6 === 0)
      guests.push(makeGuest({ name, os: 'LINUX', storage: [makeDisk({ backing: 'lv' })] }));
    else if (i % 5 === 0) guests.push(makeGuest({ name, state: 'Off', memoryMb: 2048 }));
    else guests.push(makeGuest({ name, memoryMb: 2048, vcpus: 1 + (i % 4) }));
  }
  const big = { memoryMb: 1024 * 1024 };
  const input = makePlanInput({
    hosts: [
      makeHost('vsp1', { guests }),
      makeHost('vsp2', { inventory: big }),
      makeHost('vsp3', { inventory: big }),
      makeHost('vsp4', { inventory: big }),
      makeHost('vsp5', { inventory: big }),
    ],
    settings: { maxParallelMigrations: 4 },
  });
  return planEvacuation(makeEvacuateRequest('vsp1'), input);
}

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

  it('keeps every failed check with its fix, and every command line', () => {
    const text = allText(message.blocks);
    for (const blocked of plan.blocked)
      for (const check of blocked.checks.filter((c) => !c.ok)) {
        expect(text).toContain(JSON.stringify(escapeMrkdwn(check.detail)).slice(1, -1));
        if (check.fix !== undefined) expect(text).toContain(JSON.stringify(escapeMrkdwn(check.fix)).slice(1, -1));
      }
    for (const move of plan.moves) {
      expect(text).toContain(move.commands.migrate.line);
      if (move.commands.precheck) expect(text).toContain(move.commands.precheck.line);
    }
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
      version: 3,
      kind: 'running',
      approvedBy: ['U0APPR1'],
      moves: { total: 40, queued: 36, active: 1, succeeded: 3, failed: 0, cancelled: 0 },
    });
    expect(blockKitProblems({ text: 'x', blocks: running })).toEqual([]);
    expect(running.at(-1)).toMatchObject({ type: 'actions', block_id: 'req:REQ-40:v3' });
  });
});

describe('a 300-guest evacuation preview', () => {
  it('stays within the limits', () => {
    for (const blocked of [true, false]) expect(blockKitProblems(build(evacuation(300, { blocked })))).toEqual([]);
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
