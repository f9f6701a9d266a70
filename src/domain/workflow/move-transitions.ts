/**
 * Transitions of one move: start, started, exited, checked (verification), lost (outcome unknown →
 * needs_attention, fail closed), reattached, settled by the bot, resolved by an approver. A move that fails
 * or needs attention stops the request: its queued moves never start. See docs/architecture.md,
 * "States and events".
 */
import type { WorkflowEvent } from './events.ts';
import { contradiction, decideOutcome, type MoveFacts } from './move-outcome.ts';
import { ACTIVE_MOVE_STATES, isFinalMove, type MoveRecord, type MoveState, type Workflow } from './records.ts';
import { closedReason } from './request-transitions.ts';
import { Step } from './step.ts';
import { refuse, type Refusal, type TransitionResult } from './transition-types.ts';

type EventOf<T extends WorkflowEvent['type']> = Extract<WorkflowEvent, { type: T }>;

export function moveStart(workflow: Workflow, event: EventOf<'move_start'>, now: Date): TransitionResult {
  const found = moveIn(workflow, event.index, ['queued'], 'start it');
  if (!('index' in found)) return found;
  if (workflow.request.state !== 'running') {
    return refuse(
      'wrong_state',
      `cannot start ${found.guest}: ${closedReason(workflow.request.id, workflow.request.state)}`,
    );
  }
  const earlier = workflow.moves.filter((move) => move.round < found.round && !isFinalMove(move.state));
  if (earlier.length > 0) {
    return refuse(
      'round_not_reached',
      `${found.guest} is in round ${found.round + 1}; ${earlier.map((move) => move.guest).join(', ')} of an earlier round ${earlier.length === 1 ? 'is' : 'are'} not done`,
    );
  }
  const step = new Step(workflow, now).setMove(found.index, { state: 'starting', startedAt: now.toISOString() });
  step.effect({ kind: 'show_status' });
  return step.build({ actor: 'bot', action: 'move.starting', result: 'ok', detail: sides(found) });
}

export function moveStarted(workflow: Workflow, event: EventOf<'move_started'>, now: Date): TransitionResult {
  const found = moveIn(workflow, event.index, ['starting'], 'mark it started');
  if (!('index' in found)) return found;
  const step = new Step(workflow, now).setMove(found.index, { state: 'running', remoteDir: event.remoteDir });
  if (event.fresh) step.effect({ kind: 'tell', note: { kind: 'move_started', index: found.index } });
  return step.build({
    actor: 'bot',
    action: 'command.started',
    result: 'ok',
    detail: {
      ...sides(found),
      host: found.source,
      command: event.command,
      remoteLine: event.remoteLine,
      outcome: event.fresh ? 'started' : 'already-started',
    },
  });
}

export function moveExited(workflow: Workflow, event: EventOf<'move_exited'>, now: Date): TransitionResult {
  const found = moveIn(workflow, event.index, ['running'], 'record its exit');
  if (!('index' in found)) return found;
  const step = new Step(workflow, now).setMove(found.index, { state: 'verifying', exitCode: event.exitCode });
  return step.build({
    actor: 'bot',
    action: 'move.exited',
    result: 'info',
    detail: { ...sides(found), exitCode: event.exitCode },
  });
}

export function moveChecked(workflow: Workflow, event: EventOf<'move_checked'>, now: Date): TransitionResult {
  const found = moveIn(workflow, event.index, ['verifying'], 'verify it');
  if (!('index' in found)) return found;
  const decision = decideOutcome(event.facts, found);
  if (decision.outcome === 'unknown') {
    return needsAttention(
      workflow,
      found,
      { code: 'outcome_unknown', message: decision.reason, facts: event.facts },
      now,
    );
  }
  const step = new Step(workflow, now);
  settle(step, found, decision.outcome, decision.verifiedLocation, decision.reason, now);
  step.effect({ kind: 'tell', note: { kind: 'move_result', index: found.index, facts: event.facts } });
  return step.build({
    actor: 'bot',
    action: decision.outcome === 'succeeded' ? 'move.verified' : 'move.failed',
    result: decision.outcome === 'succeeded' ? 'ok' : 'failed',
    detail: { ...sides(found), ...factsDetail(event.facts), location: decision.verifiedLocation ?? 'unknown' },
  });
}

export function moveLost(workflow: Workflow, event: EventOf<'move_lost'>, now: Date): TransitionResult {
  const found = moveIn(workflow, event.index, ACTIVE_MOVE_STATES, 'mark it as needing attention');
  if (!('index' in found)) return found;
  return needsAttention(
    workflow,
    found,
    { code: event.code, message: event.message, ...(event.nextStep === undefined ? {} : { nextStep: event.nextStep }) },
    now,
  );
}

export function moveReattached(workflow: Workflow, event: EventOf<'move_reattached'>, now: Date): TransitionResult {
  const found = moveIn(workflow, event.index, ['needs_attention'], 'follow it again');
  if (!('index' in found)) return found;
  const step = new Step(workflow, now).setMove(found.index, {
    state: 'running',
    remoteDir: event.remoteDir,
    error: undefined,
    errorCode: undefined,
  });
  step.effect({ kind: 'tell', note: { kind: 'reattached', index: found.index } });
  return step.build({ actor: 'bot', action: 'move.reattached', result: 'info', detail: sides(found) });
}

export function moveSettled(workflow: Workflow, event: EventOf<'move_settled'>, now: Date): TransitionResult {
  const found = moveIn(workflow, event.index, ['needs_attention'], 'settle it');
  if (!('index' in found)) return found;
  const decision = decideOutcome(event.facts, found);
  if (decision.outcome === 'unknown') return refuse('outcome_unknown', decision.reason);
  const step = new Step(workflow, now);
  settle(step, found, decision.outcome, decision.verifiedLocation, `settled by the bot: ${decision.reason}`, now);
  step.effect({ kind: 'tell', note: { kind: 'settled', index: found.index } });
  return step.build({
    actor: 'bot',
    action: 'move.settled',
    result: decision.outcome === 'succeeded' ? 'ok' : 'failed',
    detail: { ...sides(found), outcome: decision.outcome, ...factsDetail(event.facts) },
  });
}

export function resolve(workflow: Workflow, event: EventOf<'resolve'>, now: Date): TransitionResult {
  if (!event.actor.mayApprove) return refuse('not_an_approver', 'only an approver can resolve a move');
  const found = moveIn(workflow, event.index, ['needs_attention'], 'resolve it');
  if (!('index' in found)) return found;
  const conflict = contradiction(event.outcome, event.facts, found);
  if (conflict) return refuse('contradicts_hpvmstatus', conflict);
  const decision = decideOutcome(event.facts, found);
  const outcome = event.outcome === 'done' ? 'succeeded' : 'failed';
  const step = new Step(workflow, now);
  const note = `resolved as ${event.outcome} by <@${event.actor.userId}>`;
  settle(step, found, outcome, decision.verifiedLocation, note, now);
  step.effect({ kind: 'tell', note: { kind: 'settled', index: found.index, by: event.actor.userId } });
  return step.build({
    actor: event.actor.userId,
    action: 'move.resolved',
    result: 'ok',
    detail: { ...sides(found), outcome: event.outcome, ...factsDetail(event.facts) },
  });
}

interface Lost {
  readonly code: string;
  readonly message: string;
  readonly facts?: MoveFacts;
  readonly nextStep?: string;
}

/** Fail closed: the move keeps its guest and hosts locked, nothing more of the request starts. */
function needsAttention(workflow: Workflow, move: MoveRecord, lost: Lost, now: Date): TransitionResult {
  const { code, message, facts } = lost;
  const step = new Step(workflow, now).setMove(move.index, {
    state: 'needs_attention',
    error: message,
    errorCode: code,
  });
  if (workflow.request.state === 'running') step.setRequest({ state: 'needs_attention' }).rerender();
  const cancelled = step.cancelQueued(`not started: ${move.guest}'s move needs attention`);
  step.effect({
    kind: 'tell',
    note: {
      kind: 'needs_attention',
      index: move.index,
      ...(facts ? { facts } : {}),
      ...(lost.nextStep === undefined ? {} : { nextStep: lost.nextStep }),
    },
  });
  if (cancelled.length > 0) {
    step.effect({
      kind: 'tell',
      note: {
        kind: 'cancelled',
        indexes: cancelled,
        reason: `${move.guest}'s move needs attention, so the moves after it do not start`,
      },
    });
  }
  step.effect({ kind: 'reconcile', index: move.index });
  return step.build({
    actor: 'bot',
    action: 'move.needs_attention',
    result: 'failed',
    detail: { ...sides(move), code, message, ...(facts ? factsDetail(facts) : {}) },
  });
}

function settle(
  step: Step,
  move: MoveRecord,
  outcome: 'succeeded' | 'failed',
  verifiedLocation: string | undefined,
  reason: string,
  now: Date,
): void {
  step.setMove(move.index, {
    state: outcome,
    finishedAt: now.toISOString(),
    verifiedLocation,
    ...(outcome === 'failed' ? { error: reason } : { error: undefined, errorCode: undefined }),
  });
  if (move.remoteDir !== '') step.effect({ kind: 'cleanup', index: move.index });
  if (outcome === 'failed') {
    const reasonText = `${move.guest}'s move failed, so the moves after it do not start`;
    const cancelled = step.cancelQueued(reasonText);
    if (cancelled.length > 0)
      step.effect({ kind: 'tell', note: { kind: 'cancelled', indexes: cancelled, reason: reasonText } });
  }
}

function moveIn(workflow: Workflow, index: number, states: readonly MoveState[], what: string): MoveRecord | Refusal {
  const move = workflow.moves.find((candidate) => candidate.index === index);
  if (!move) return refuse('no_such_move', `${workflow.request.id} has no move ${index}`);
  if (!states.includes(move.state)) {
    return refuse('wrong_state', `cannot ${what}: ${move.guest}'s move is ${move.state.replace('_', ' ')}`);
  }
  return move;
}

function sides(move: MoveRecord) {
  return { guest: move.guest, source: move.source, target: move.target, mode: move.mode };
}

function factsDetail(facts: MoveFacts) {
  return {
    exitCode: facts.exitCode === undefined ? 'unknown' : facts.exitCode,
    ...(facts.job ? { job: facts.job } : {}),
    sourceState: facts.source.text,
    targetState: facts.target.text,
  };
}
