/**
 * Random events for the state machine's property tests: each resolved against the workflow as it is when it
 * arrives, so most clicks carry the current preview's origin (some a stale one), and the "advance" events
 * follow each move's natural next step — sequences get deep into the lifecycle, not just the first click.
 */
import fc from 'fast-check';
import type { Actor, WorkflowEvent } from '../../../../src/domain/workflow/events.ts';
import type { MoveFacts } from '../../../../src/domain/workflow/move-outcome.ts';
import type { RequestRecord, Workflow } from '../../../../src/domain/workflow/records.ts';
import { APPROVER1, APPROVER2, BYSTANDER, facts, origin, REQUESTER } from './workflow-builders.ts';

const ACTORS: readonly Actor[] = [REQUESTER, APPROVER1, APPROVER2, BYSTANDER];
export const LATE = new Date('2026-12-01T11:00:00.000Z');

export const factsArb: fc.Arbitrary<MoveFacts> = fc
  .tuple(
    fc.constantFrom<number | null | undefined>(0, 1, null, undefined),
    fc.constantFrom('On', 'Off', 'NotRunnable', 'absent', 'unreadable') as fc.Arbitrary<'On'>,
    fc.constantFrom('On', 'Off', 'NotRunnable', 'absent', 'unreadable') as fc.Arbitrary<'On'>,
    fc.constantFrom<MoveFacts['job']>(undefined, 'running', 'exited', 'missing', 'vanished'),
  )
  .map(([exit, source, target, job]) => facts(exit, source, target, job));

/** What happens next, resolved against the workflow as it is when it happens (so most clicks are current). */
export type Intent = (current: Workflow) => WorkflowEvent;

const index = fc.integer({ min: 0, max: 4 });
const actor = fc.constantFrom(...ACTORS);
const stale = fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
const clickFrom = (current: Workflow, isStale: boolean) =>
  origin(current, isStale ? { revision: current.request.previewRevision - 1 } : {});

/** The event a move's state naturally leads to, so sequences get deep into the lifecycle. */
const advanceArb: fc.Arbitrary<Intent> = fc
  .tuple(fc.nat(), fc.constantFrom(0, 1), factsArb, actor, fc.constantFrom('done', 'failed') as fc.Arbitrary<'done'>)
  .map(([pick, exitCode, seen, who, outcome]): Intent => (current) => {
    const move = current.moves[pick % current.moves.length];
    const i = move?.index ?? 0;
    const dir = `/var/opt/hpvm-chatops/REQ-7/${i}`;
    switch (move?.state) {
      case 'starting':
        return {
          type: 'move_started',
          index: i,
          remoteDir: dir,
          command: 'hpvmmigrate',
          remoteLine: 'sh',
          fresh: true,
        };
      case 'running':
        return { type: 'move_exited', index: i, exitCode };
      case 'verifying':
        return { type: 'move_checked', index: i, facts: seen };
      case 'needs_attention':
        return pick % 3 === 0
          ? { type: 'move_reattached', index: i, remoteDir: dir }
          : pick % 3 === 1
            ? { type: 'move_settled', index: i, facts: seen }
            : { type: 'resolve', actor: who, index: i, outcome, facts: seen };
      default:
        return { type: 'move_start', index: i };
    }
  });

export const intentArb: fc.Arbitrary<Intent> = fc.oneof(
  { weight: 40, arbitrary: advanceArb },
  {
    weight: 15,
    arbitrary: fc
      .tuple(
        actor,
        stale,
        fc.oneof(
          { weight: 3, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.uniqueArray(index, { maxLength: 4 }) },
        ),
      )
      .map(([who, isStale, ticked]): Intent => (current) => ({
        type: 'approve',
        actor: who,
        selection: ticked ?? 'all',
        origin: clickFrom(current, isStale),
        selfApproval: false,
      })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(actor, stale).map(([who, isStale]): Intent => (current) => ({
      type: 'reject',
      actor: who,
      origin: clickFrom(current, isStale),
    })),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(actor, fc.boolean(), stale).map(([who, button, isStale]): Intent => (current) => ({
      type: 'cancel',
      actor: who,
      ...(button ? { origin: clickFrom(current, isStale) } : {}),
    })),
  },
  { weight: 1, arbitrary: fc.constant<Intent>(() => ({ type: 'expire' })) },
  {
    weight: 1,
    arbitrary: fc.boolean().map((complete): Intent => () => ({
      type: 'preview_posted',
      ts: '1700000000.000800',
      showsEveryCommand: complete,
    })),
  },
  { weight: 1, arbitrary: fc.constant<Intent>(() => ({ type: 'preview_failed', reason: 'channel_not_found' })) },
  { weight: 8, arbitrary: fc.constant<Intent>(() => ({ type: 'recheck_passed' })) },
  { weight: 1, arbitrary: fc.constant<Intent>(() => ({ type: 'supersede', change: 'vm0 changed' })) },
  { weight: 1, arbitrary: fc.constant<Intent>(() => ({ type: 'seal_broken', problem: 'hash' })) },
  { weight: 6, arbitrary: index.map((i): Intent => () => ({ type: 'move_start', index: i })) },
  {
    weight: 5,
    arbitrary: fc.tuple(index, fc.boolean()).map(([i, fresh]): Intent => () => ({
      type: 'move_started',
      index: i,
      remoteDir: `/var/opt/hpvm-chatops/REQ-7/${i}`,
      command: 'hpvmmigrate',
      remoteLine: 'sh',
      fresh,
    })),
  },
  {
    weight: 4,
    arbitrary: fc
      .tuple(index, fc.constantFrom(0, 1, 2))
      .map(([i, code]): Intent => () => ({ type: 'move_exited', index: i, exitCode: code })),
  },
  {
    weight: 4,
    arbitrary: fc
      .tuple(index, factsArb)
      .map(([i, seen]): Intent => () => ({ type: 'move_checked', index: i, facts: seen })),
  },
  {
    weight: 2,
    arbitrary: index.map((i): Intent => () => ({
      type: 'move_lost',
      index: i,
      code: 'remote_run_vanished',
      message: 'gone',
    })),
  },
  {
    weight: 1,
    arbitrary: index.map((i): Intent => () => ({
      type: 'move_reattached',
      index: i,
      remoteDir: `/var/opt/hpvm-chatops/REQ-7/${i}`,
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(index, factsArb)
      .map(([i, seen]): Intent => () => ({ type: 'move_settled', index: i, facts: seen })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(index, actor, fc.constantFrom('done', 'failed') as fc.Arbitrary<'done'>, factsArb)
      .map(([i, who, outcome, seen]): Intent => () => ({
        type: 'resolve',
        actor: who,
        index: i,
        outcome,
        facts: seen,
      })),
  },
);

export const startArb = fc.record({
  rounds: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 4 }),
  kind: fc.constantFrom<RequestRecord['kind']>('migrate', 'balance'),
  approvalsRequired: fc.constantFrom(1, 2),
  posted: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
});

export type StartSpec = typeof startArb extends fc.Arbitrary<infer S> ? S : never;

export const scenarioArb = fc.record({
  start: startArb,
  steps: fc.array(
    fc.record({
      intent: intentArb,
      late: fc.oneof({ weight: 15, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    }),
    { minLength: 5, maxLength: 60, size: 'max' },
  ),
});
