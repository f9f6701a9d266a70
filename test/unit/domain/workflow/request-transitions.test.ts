import { describe, expect, it } from 'vitest';
import type { WorkflowEvent } from '../../../../src/domain/workflow/events.ts';
import { transition } from '../../../../src/domain/workflow/transition.ts';
import {
  accepted,
  APPROVER1,
  APPROVER2,
  approveEvent,
  BYSTANDER,
  NOW,
  origin,
  refusal,
  REQUESTER,
  run,
  workflow,
} from './workflow-builders.ts';

describe('the preview', () => {
  it('records where the preview was posted; only then can it be approved', () => {
    const posting = workflow({ request: { previewTs: undefined } });
    expect(refusal(transition(posting, approveEvent(posting, APPROVER1), NOW))?.code).toBe('stale_click');
    const posted = accepted(posting, { type: 'preview_posted', ts: '1700000000.000900', showsEveryCommand: true });
    expect(posted.next.request).toMatchObject({ state: 'pending', previewTs: '1700000000.000900', previewRevision: 0 });
    expect(posted.audit).toMatchObject({ action: 'preview.posted', result: 'ok' });
    expect(transition(posted.next, approveEvent(posted.next, APPROVER1), NOW).ok).toBe(true);
  });

  it('closes a preview that cannot show every command line: it cannot be approved', () => {
    const posting = workflow({ request: { previewTs: undefined }, rounds: [0, 1] });
    const result = accepted(posting, { type: 'preview_posted', ts: '1700000000.000900', showsEveryCommand: false });
    expect(result.next.request.state).toBe('cancelled');
    expect(result.next.moves.map((move) => move.state)).toEqual(['cancelled', 'cancelled']);
    expect(result.audit.action).toBe('preview.incomplete');
  });

  it('closes a request whose preview could not be posted, unlocking its guests', () => {
    const result = accepted(workflow({ request: { previewTs: undefined } }), {
      type: 'preview_failed',
      reason: 'not_in_channel',
    });
    expect(result.next.request).toMatchObject({ state: 'cancelled', stateNote: 'the preview could not be posted' });
    expect(result.next.moves[0]?.state).toBe('cancelled');
  });
});

describe('approval', () => {
  it('approves with one approval: re-check next, buttons of a new revision', () => {
    const pending = workflow();
    const result = accepted(pending, approveEvent(pending, APPROVER1));
    expect(result.next.request).toMatchObject({ state: 'approving', previewRevision: pending.request.version + 1 });
    expect(result.next.request.approvals).toEqual([
      { userId: APPROVER1.userId, at: NOW.toISOString(), planHash: pending.request.planHash, moves: [0] },
    ]);
    expect(result.effects).toEqual([{ kind: 'show_status' }, { kind: 'recheck' }]);
    expect(result.audit).toMatchObject({ actor: APPROVER1.userId, action: 'request.approved', result: 'ok' });
  });

  it('counts an approval while more are needed, and re-renders the buttons', () => {
    const pending = workflow({ request: { approvalsRequired: 2 } });
    const result = accepted(pending, approveEvent(pending, APPROVER1));
    expect(result.next.request.state).toBe('pending');
    expect(result.next.request.approvals).toHaveLength(1);
    expect(result.effects).toEqual([{ kind: 'show_status' }]);
    expect(result.audit.action).toBe('request.approval_counted');
  });

  it.each<[string, Parameters<typeof approveEvent>[1], string]>([
    ['the requester (four eyes)', { ...REQUESTER, mayApprove: true }, 'self_approval'],
    ['someone not on the approver list', BYSTANDER, 'not_an_approver'],
  ])('refuses an approval by %s', (_name, actor, code) => {
    const pending = workflow();
    expect(refusal(transition(pending, approveEvent(pending, actor), NOW))?.code).toBe(code);
  });

  it('lets the requester approve when self-approval is configured', () => {
    const pending = workflow();
    const event = { ...approveEvent(pending, { ...REQUESTER, mayApprove: true }), selfApproval: true } as WorkflowEvent;
    expect(transition(pending, event, NOW).ok).toBe(true);
  });

  it('refuses a second approval by the same approver', () => {
    const once = run(workflow({ request: { approvalsRequired: 2 } }), []);
    const after = accepted(once, approveEvent(once, APPROVER1)).next;
    expect(refusal(transition(after, approveEvent(after, APPROVER1), NOW))?.code).toBe('already_approved');
  });

  it('refuses a click on buttons of an older revision, another message or another plan, changing nothing', () => {
    const pending = workflow({ request: { approvalsRequired: 2 } });
    const counted = accepted(pending, approveEvent(pending, APPROVER1)).next;
    for (const stale of [
      approveEvent(pending, APPROVER2), // the buttons as first posted (revision 0)
      approveEvent(counted, APPROVER2, 'all', { messageTs: '1700000000.000555' }),
      approveEvent(counted, APPROVER2, 'all', { channelId: 'COTHER' }),
      approveEvent(counted, APPROVER2, 'all', { planHashPrefix: '0000000000000000' }),
      approveEvent(counted, APPROVER2, 'all', { planHashPrefix: undefined }), // a value without the plan
    ]) {
      expect(refusal(transition(counted, stale, NOW))?.code).toBe('stale_click');
    }
    expect(transition(counted, approveEvent(counted, APPROVER2), NOW).ok).toBe(true);
  });

  it('refuses an approval after the expiry (the caller then expires it)', () => {
    const pending = workflow();
    const late = new Date('2026-12-01T10:30:00.000Z');
    expect(refusal(transition(pending, approveEvent(pending, APPROVER1), late))?.code).toBe('expired');
    expect(accepted(pending, { type: 'expire' }, late).next.request.state).toBe('expired');
  });

  it('allows Approve selected only on a balancing suggestion', () => {
    const migrate = workflow({ rounds: [0, 0] });
    expect(refusal(transition(migrate, approveEvent(migrate, APPROVER1, [0]), NOW))?.code).toBe(
      'selection_not_allowed',
    );
    const suggestion = workflow({ rounds: [0, 0], request: { kind: 'balance' } });
    expect(refusal(transition(suggestion, approveEvent(suggestion, APPROVER1, []), NOW))?.code).toBe(
      'nothing_selected',
    );
    expect(refusal(transition(suggestion, approveEvent(suggestion, APPROVER1, [5]), NOW))?.code).toBe(
      'invalid_selection',
    );
  });

  it('runs only what every required approver approved, and says what does not run', () => {
    const suggestion = workflow({ rounds: [0, 0, 1], request: { kind: 'balance', approvalsRequired: 2 } });
    const first = accepted(suggestion, approveEvent(suggestion, APPROVER1, [1])).next;
    const second = accepted(first, approveEvent(first, APPROVER2, 'all'));
    expect(second.next.request.state).toBe('approving');
    expect(second.next.moves.map((move) => move.state)).toEqual(['not_selected', 'queued', 'not_selected']);
    expect(second.next.request.approvals.map((approval) => approval.moves)).toEqual([[1], [0, 1, 2]]);
    expect(second.effects).toContainEqual({ kind: 'tell', note: { kind: 'not_selected', indexes: [0, 2] } });
    expect(second.audit.detail).toMatchObject({
      approvals: [
        { userId: APPROVER1.userId, moves: [1] },
        { userId: APPROVER2.userId, moves: [0, 1, 2] },
      ],
      runs: [1],
    });
  });

  it('refuses a last approval that has nothing in common with the earlier ones', () => {
    const suggestion = workflow({ rounds: [0, 0], request: { kind: 'balance', approvalsRequired: 2 } });
    const first = accepted(suggestion, approveEvent(suggestion, APPROVER1, [0])).next;
    const result = refusal(transition(first, approveEvent(first, APPROVER2, [1]), NOW));
    expect(result?.code).toBe('no_common_selection');
    expect(result?.reason).toContain(`<@${APPROVER1.userId}>: vm0`);
  });
});

describe('reject, cancel, expire', () => {
  it('rejects (by the requester or an approver) and unlocks the guests', () => {
    const pending = workflow({ rounds: [0, 1] });
    const result = accepted(pending, { type: 'reject', actor: REQUESTER, origin: origin(pending) });
    expect(result.next.request).toMatchObject({ state: 'rejected', stateNote: REQUESTER.userId });
    expect(result.next.moves.every((move) => move.state === 'cancelled')).toBe(true);
    expect(refusal(transition(pending, { type: 'reject', actor: BYSTANDER, origin: origin(pending) }, NOW))?.code).toBe(
      'not_allowed',
    );
  });

  it.each(['pending', 'approving'] as const)('cancels a %s request outright', (state) => {
    const open = workflow({ request: { state } });
    const result = accepted(open, { type: 'cancel', actor: APPROVER1 });
    expect(result.next.request).toMatchObject({ state: 'cancelled', stateNote: APPROVER1.userId });
  });

  it('cancels only the queued moves of a running request; the request closes when the rest ends', () => {
    const running = workflow({ rounds: [0, 1], request: { state: 'running' }, moves: [{ state: 'running' }] });
    const result = accepted(running, { type: 'cancel', actor: REQUESTER });
    expect(result.next.request.state).toBe('running');
    expect(result.next.moves.map((move) => move.state)).toEqual(['running', 'cancelled']);
    expect(result.effects).toContainEqual({
      kind: 'tell',
      note: { kind: 'cancelled', indexes: [1], reason: `cancelled by <@${REQUESTER.userId}>` },
    });
    expect(refusal(transition(result.next, { type: 'cancel', actor: REQUESTER }, NOW))?.code).toBe('nothing_to_cancel');
  });

  it('does not cancel a request waiting for a resolution', () => {
    const stuck = workflow({ request: { state: 'needs_attention' }, moves: [{ state: 'needs_attention' }] });
    expect(refusal(transition(stuck, { type: 'cancel', actor: APPROVER1 }, NOW))?.code).toBe('awaiting_resolution');
  });

  it('expires only a pending request past its expiry', () => {
    expect(refusal(transition(workflow(), { type: 'expire' }, NOW))?.code).toBe('wrong_state');
  });
});

describe('re-check and seal', () => {
  const approving = workflow({ rounds: [0, 1], request: { state: 'approving' } });

  it('runs when the re-check passes', () => {
    const result = accepted(approving, { type: 'recheck_passed' });
    expect(result.next.request.state).toBe('running');
    expect(result.effects).toEqual([{ kind: 'show_status' }, { kind: 'run' }]);
  });

  it('supersedes when the inventory changed: nothing runs', () => {
    const result = accepted(approving, { type: 'supersede', change: 'vm0 is now Off' });
    expect(result.next.request).toMatchObject({ state: 'superseded', stateNote: 'vm0 is now Off' });
    expect(result.next.moves.every((move) => move.state === 'cancelled')).toBe(true);
  });

  it('fails a request whose seal is broken: queued moves never start, the thread is told', () => {
    const running = workflow({ rounds: [0, 1], request: { state: 'running' }, moves: [{ state: 'succeeded' }] });
    const result = accepted(running, { type: 'seal_broken', problem: 'the stored plan hashes to 0000' });
    expect(result.next.request.state).toBe('failed');
    expect(result.next.moves.map((move) => move.state)).toEqual(['succeeded', 'cancelled']);
    expect(result.effects).toContainEqual({
      kind: 'tell',
      note: { kind: 'seal_broken', problem: 'the stored plan hashes to 0000' },
    });
    expect(result.audit).toMatchObject({ action: 'plan.seal_broken', result: 'failed' });
  });

  it('does not fail a request under moves still in flight', () => {
    const busy = workflow({ rounds: [0, 1], request: { state: 'running' }, moves: [{ state: 'running' }] });
    expect(refusal(transition(busy, { type: 'seal_broken', problem: 'x' }, NOW))?.code).toBe('moves_in_flight');
  });
});

describe('final states', () => {
  it.each(['checked', 'completed', 'failed', 'rejected', 'expired', 'superseded', 'cancelled'] as const)(
    'no event leads out of %s',
    (state) => {
      const closed = workflow({ request: { state }, moves: [{ state: 'cancelled' }] });
      const events: WorkflowEvent[] = [
        approveEvent(closed, APPROVER1),
        { type: 'cancel', actor: APPROVER1 },
        { type: 'expire' },
        { type: 'recheck_passed' },
        { type: 'move_start', index: 0 },
      ];
      for (const event of events) expect(refusal(transition(closed, event, NOW))?.code).toBe('wrong_state');
    },
  );
});
