import { describe, expect, it } from 'vitest';
import { transition } from '../../../../src/domain/workflow/transition.ts';
import { accepted, APPROVER1, BYSTANDER, facts, NOW, refusal, run, workflow } from './workflow-builders.ts';

const DIR = '/var/opt/hpvm-chatops/REQ-7/0';

/** A running request: vm0 (round 0) and vm1 (round 1) queued. */
function running(rounds: readonly number[] = [0, 1]) {
  return workflow({ rounds, request: { state: 'running' } });
}

const started = (index: number) =>
  ({
    type: 'move_started',
    index,
    remoteDir: DIR,
    command: 'hpvmmigrate -o',
    remoteLine: 'sh …',
    fresh: true,
  }) as const;

describe('a move from queued to verified', () => {
  it('starts moves round by round only', () => {
    const request = running();
    expect(refusal(transition(request, { type: 'move_start', index: 1 }, NOW))?.code).toBe('round_not_reached');
    const first = accepted(request, { type: 'move_start', index: 0 });
    expect(first.next.moves[0]).toMatchObject({ state: 'starting', startedAt: NOW.toISOString() });
    expect(first.audit).toMatchObject({ action: 'move.starting', detail: { guest: 'vm0' } });
  });

  it('does not start a move of a request that is not running', () => {
    const pending = workflow();
    expect(refusal(transition(pending, { type: 'move_start', index: 0 }, NOW))?.code).toBe('wrong_state');
  });

  it('succeeds when hpvmmigrate exits 0 and hpvmstatus shows the guest on the target; the request closes', () => {
    const request = running([0]);
    const verifying = run(request, [
      { type: 'move_start', index: 0 },
      started(0),
      { type: 'move_exited', index: 0, exitCode: 0 },
    ]);
    expect(verifying.moves[0]).toMatchObject({ state: 'verifying', exitCode: 0, remoteDir: DIR });
    const result = accepted(verifying, { type: 'move_checked', index: 0, facts: facts(0, 'NotRunnable', 'On') });
    expect(result.next.moves[0]).toMatchObject({ state: 'succeeded', verifiedLocation: 'vsp2 (On (OS))' });
    expect(result.next.request.state).toBe('completed');
    expect(result.effects).toEqual(
      expect.arrayContaining([
        { kind: 'cleanup', index: 0 },
        { kind: 'summarize' },
        { kind: 'show_status' },
        { kind: 'tell', note: { kind: 'move_result', index: 0, facts: facts(0, 'NotRunnable', 'On') } },
      ]),
    );
    expect(result.audit).toMatchObject({ action: 'move.verified', result: 'ok' });
  });

  it('fails a move that exited non-zero with the guest still on the source; later rounds are cancelled', () => {
    const request = running();
    const verifying = run(request, [
      { type: 'move_start', index: 0 },
      started(0),
      { type: 'move_exited', index: 0, exitCode: 1 },
    ]);
    const result = accepted(verifying, { type: 'move_checked', index: 0, facts: facts(1, 'On', 'absent') });
    expect(result.next.moves.map((move) => move.state)).toEqual(['failed', 'cancelled']);
    expect(result.next.request.state).toBe('failed');
  });

  it.each([
    ['exit 0 but still on the source', facts(0, 'On', 'absent')],
    ['exit 1 but on the target', facts(1, 'NotRunnable', 'On')],
    ['a VSP that cannot be read', facts(0, 'unreadable', 'On')],
    ['runnable copies on both', facts(0, 'On', 'On')],
  ])('needs attention when the facts disagree: %s', (_name, checked) => {
    const verifying = run(running(), [
      { type: 'move_start', index: 0 },
      started(0),
      { type: 'move_exited', index: 0, exitCode: 0 },
    ]);
    const result = accepted(verifying, { type: 'move_checked', index: 0, facts: checked });
    expect(result.next.moves.map((move) => move.state)).toEqual(['needs_attention', 'cancelled']);
    expect(result.next.moves[0]?.errorCode).toBe('outcome_unknown');
    expect(result.next.request.state).toBe('needs_attention');
    expect(result.effects).toContainEqual({ kind: 'reconcile', index: 0 });
  });
});

describe('fail closed', () => {
  it('a lost move needs attention: later rounds never start, the request stays open (locks kept)', () => {
    const inFlight = run(running(), [{ type: 'move_start', index: 0 }, started(0)]);
    const result = accepted(inFlight, {
      type: 'move_lost',
      index: 0,
      code: 'remote_run_vanished',
      message: 'the migration process is gone',
      nextStep: 'check hpvmstatus',
    });
    expect(result.next.request.state).toBe('needs_attention');
    expect(result.next.moves.map((move) => move.state)).toEqual(['needs_attention', 'cancelled']);
    expect(result.effects).toContainEqual({
      kind: 'tell',
      note: { kind: 'needs_attention', index: 0, nextStep: 'check hpvmstatus' },
    });
    expect(result.audit).toMatchObject({ action: 'move.needs_attention', result: 'failed' });
  });

  it('settles from agreeing facts only', () => {
    const lost = run(running([0]), [
      { type: 'move_start', index: 0 },
      started(0),
      { type: 'move_lost', index: 0, code: 'remote_run_vanished', message: 'gone' },
    ]);
    expect(
      refusal(transition(lost, { type: 'move_settled', index: 0, facts: facts(null, 'NotRunnable', 'On') }, NOW))?.code,
    ).toBe('outcome_unknown');
    const result = accepted(lost, { type: 'move_settled', index: 0, facts: facts(null, 'On', 'absent', 'vanished') });
    expect(result.next.moves[0]?.state).toBe('failed');
    expect(result.next.request.state).toBe('failed');
    expect(result.audit.action).toBe('move.settled');
  });

  it('does not settle a started move whose folder is gone: hpvmmigrate may still run', () => {
    const lost = run(running([0]), [
      { type: 'move_start', index: 0 },
      started(0),
      { type: 'move_lost', index: 0, code: 'remote_run_missing', message: 'gone' },
    ]);
    const result = refusal(
      transition(lost, { type: 'move_settled', index: 0, facts: facts(null, 'On', 'absent', 'missing') }, NOW),
    );
    expect(result?.code).toBe('outcome_unknown');
    expect(result?.reason).toMatch(/folder on vsp1 is gone/);
    // A move that never got started (no folder was ever confirmed) and is untouched on the source: failed.
    const neverStarted = run(running([0]), [
      { type: 'move_start', index: 0 },
      { type: 'move_lost', index: 0, code: 'follow_gave_up', message: 'unreachable' },
    ]);
    const settled = accepted(neverStarted, {
      type: 'move_settled',
      index: 0,
      facts: facts(null, 'On', 'absent', 'missing'),
    });
    expect(settled.next.moves[0]?.state).toBe('failed');
  });

  it('follows a move found running again', () => {
    const lost = run(running([0]), [
      { type: 'move_start', index: 0 },
      { type: 'move_lost', index: 0, code: 'start_failed', message: 'x' },
    ]);
    const result = accepted(lost, { type: 'move_reattached', index: 0, remoteDir: DIR });
    expect(result.next.moves[0]).toMatchObject({ state: 'running', remoteDir: DIR });
    expect(result.next.moves[0]?.errorCode).toBeUndefined();
    expect(result.next.request.state).toBe('needs_attention');
  });

  it('lets an approver resolve a move when hpvmstatus agrees, and refuses otherwise', () => {
    const lost = run(running([0]), [
      { type: 'move_start', index: 0 },
      started(0),
      { type: 'move_lost', index: 0, code: 'remote_run_missing', message: 'gone' },
    ]);
    const onTarget = facts(undefined, 'NotRunnable', 'On', 'missing');
    const resolve = (outcome: 'done' | 'failed', who = APPROVER1, seen = onTarget) =>
      transition(lost, { type: 'resolve', actor: who, index: 0, outcome, facts: seen }, NOW);
    expect(refusal(resolve('done', BYSTANDER))?.code).toBe('not_an_approver');
    expect(refusal(resolve('failed'))?.code).toBe('contradicts_hpvmstatus');
    expect(refusal(resolve('done', APPROVER1, facts(undefined, 'On', 'On', 'running')))?.reason).toMatch(
      /still running/,
    );
    expect(refusal(resolve('done', APPROVER1, facts(undefined, 'On', 'unreadable')))?.reason).toMatch(
      /could not be read/,
    );
    const done = resolve('done');
    expect(done.ok && done.next.moves[0]).toMatchObject({ state: 'succeeded', verifiedLocation: 'vsp2 (On (OS))' });
    expect(done.ok && done.next.request.state).toBe('completed');
    expect(done.ok && done.audit).toMatchObject({ actor: APPROVER1.userId, action: 'move.resolved' });
  });

  it('accepts done with a source that cannot be read (a dead host), never with runnable copies on both', () => {
    const lost = run(running([0]), [
      { type: 'move_start', index: 0 },
      started(0),
      { type: 'move_lost', index: 0, code: 'auth_failed', message: 'x' },
    ]);
    const resolve = (seen: ReturnType<typeof facts>) =>
      transition(lost, { type: 'resolve', actor: APPROVER1, index: 0, outcome: 'done', facts: seen }, NOW);
    expect(resolve(facts(undefined, 'unreadable', 'On')).ok).toBe(true);
    expect(refusal(resolve(facts(undefined, 'On', 'On')))?.code).toBe('contradicts_hpvmstatus');
  });

  it('never moves a final move again', () => {
    const done = run(running([0]), [
      { type: 'move_start', index: 0 },
      started(0),
      { type: 'move_exited', index: 0, exitCode: 0 },
      { type: 'move_checked', index: 0, facts: facts(0, 'NotRunnable', 'On') },
    ]);
    expect(refusal(transition(done, { type: 'move_lost', index: 0, code: 'x', message: 'x' }, NOW))?.code).toBe(
      'wrong_state',
    );
  });
});
