/**
 * The state machine under random event sequences (fast-check): whatever arrives in whatever order — clicks
 * from stale messages, approvals out of turn, results of moves that never started, resolutions that
 * contradict the facts — the invariants of docs/architecture.md, "States and events" hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor, WorkflowEvent } from '../../../../src/domain/workflow/events.ts';
import { lockedGuests } from '../../../../src/domain/workflow/locks.ts';
import type { MoveFacts } from '../../../../src/domain/workflow/move-outcome.ts';
import { isFinalMove, isOpen, type RequestRecord, type Workflow } from '../../../../src/domain/workflow/records.ts';
import { allows, MOVE_EDGES, REQUEST_EDGES, type Edge } from '../../../../src/domain/workflow/state-table.ts';
import { transition } from '../../../../src/domain/workflow/transition.ts';
import { APPROVER1, APPROVER2, BYSTANDER, facts, NOW, origin, REQUESTER, workflow } from './workflow-builders.ts';

const ACTORS: readonly Actor[] = [REQUESTER, APPROVER1, APPROVER2, BYSTANDER];
const LATE = new Date('2026-12-01T11:00:00.000Z');

const factsArb: fc.Arbitrary<MoveFacts> = fc
  .tuple(
    fc.constantFrom<number | null | undefined>(0, 1, null, undefined),
    fc.constantFrom('On', 'Off', 'NotRunnable', 'absent', 'unreadable') as fc.Arbitrary<'On'>,
    fc.constantFrom('On', 'Off', 'NotRunnable', 'absent', 'unreadable') as fc.Arbitrary<'On'>,
    fc.constantFrom<MoveFacts['job']>(undefined, 'running', 'exited', 'missing', 'vanished'),
  )
  .map(([exit, source, target, job]) => facts(exit, source, target, job));

/** What happens next, resolved against the workflow as it is when it happens (so most clicks are current). */
type Intent = (current: Workflow) => WorkflowEvent;

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

const intentArb: fc.Arbitrary<Intent> = fc.oneof(
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
    weight: 1,
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

const startArb = fc.record({
  rounds: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 4 }),
  kind: fc.constantFrom<RequestRecord['kind']>('migrate', 'balance'),
  approvalsRequired: fc.constantFrom(1, 2),
  posted: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
});

const scenarioArb = fc.record({
  start: startArb,
  steps: fc.array(
    fc.record({
      intent: intentArb,
      late: fc.oneof({ weight: 15, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    }),
    { minLength: 5, maxLength: 60, size: 'max' },
  ),
});

describe('the state machine under random event sequences', () => {
  it('keeps every invariant over 10,000 sequences', () => {
    let deepest = 0;
    fc.assert(
      fc.property(scenarioArb, ({ start, steps }) => {
        let current = workflow({
          rounds: [...start.rounds].sort(),
          request: {
            kind: start.kind,
            approvalsRequired: start.approvalsRequired,
            ...(start.posted ? {} : { previewTs: undefined }),
          },
        });
        const audit: string[] = [];
        let accepted = 0;
        for (const { intent, late } of steps) {
          const event = intent(current);
          const before = current;
          const result = transition(before, event, late ? LATE : NOW);
          if (!result.ok) {
            must(result.reason.length > 0, 'a refusal says why');
            continue;
          }
          // One audit row per transition, and every transition is a step of exactly one version.
          accepted += 1;
          if (result.audit.action !== '') audit.push(result.audit.action);
          must(result.next.request.version === before.request.version + 1, 'one version per transition');
          // No way out of a final state: a closed request accepts nothing.
          must(isOpen(before.request.state), `${event.type} accepted on a ${before.request.state} request`);
          for (const [index, move] of before.moves.entries()) {
            const after = result.next.moves[index];
            if (after === undefined) throw new Error('a move disappeared');
            if (isFinalMove(move.state))
              must(after === move, `final move ${index} (${move.state}) changed by ${event.type}`);
            else if (after.state !== move.state) {
              must(
                allows(MOVE_EDGES, move.state, event.type, after.state),
                `move ${move.state} → ${after.state} by ${event.type}`,
              );
            }
          }
          const from = before.request.state;
          const to = result.next.request.state;
          if (from !== to)
            must(allows(REQUEST_EDGES, from, event.type, to), `request ${from} → ${to} by ${event.type}`);
          current = result.next;
          checkInvariants(current, event.type);
        }
        must(audit.length === accepted, 'one audit row per transition');
        deepest = Math.max(deepest, accepted);
      }),
      { numRuns: 10_000 },
    );
    // The generator reaches far into the lifecycle, not just the first click.
    expect(deepest).toBeGreaterThan(8);
  });

  it('makes every change of the state tables, and only those', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(scenarioArb, ({ start, steps }) => {
        let current = workflow({
          rounds: [...start.rounds].sort(),
          request: {
            kind: start.kind,
            approvalsRequired: start.approvalsRequired,
            ...(start.posted ? {} : { previewTs: undefined }),
          },
        });
        for (const { intent, late } of steps) {
          const event = intent(current);
          const result = transition(current, event, late ? LATE : NOW);
          if (!result.ok) continue;
          if (result.next.request.state !== current.request.state) {
            seen.add(`request ${current.request.state} ${event.type} ${result.next.request.state}`);
          }
          for (const [index, move] of current.moves.entries()) {
            const after = result.next.moves[index];
            if (after && after.state !== move.state) seen.add(`move ${move.state} ${event.type} ${after.state}`);
          }
          current = result.next;
        }
      }),
      { numRuns: 10_000 },
    );
    const expand = (kind: string, edges: readonly Edge<string>[]) =>
      edges.flatMap((edge) =>
        edge.events.flatMap((event) => edge.to.map((to) => `${kind} ${edge.from} ${event} ${to}`)),
      );
    const listed = [...expand('request', REQUEST_EDGES), ...expand('move', MOVE_EDGES)];
    expect(listed.filter((edge) => !seen.has(edge))).toEqual([]);
    expect([...seen].filter((edge) => !listed.includes(edge))).toEqual([]);
  });
});

function must(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`invariant broken: ${what}`);
}

function checkInvariants(current: Workflow, after: string): void {
  const { request, moves } = current;
  const at = `${request.state} after ${after}`;
  const nonFinal = moves.filter((move) => !isFinalMove(move.state));
  // A guest is locked exactly while one of its moves is not final, and that is exactly while its request
  // is open: closing a request settles or cancels every move in the same transition.
  must(isOpen(request.state) === nonFinal.length > 0, `open request ⇔ a move not final (${at})`);
  const locked = [...lockedGuests(moves).keys()].sort().join();
  must(
    locked ===
      nonFinal
        .map((move) => move.guest)
        .sort()
        .join(),
    `locks ${locked} (${at})`,
  );
  // Nothing starts before the re-check has passed.
  if (request.state === 'pending' || request.state === 'approving') {
    const untouched = moves.every((move) => ['queued', 'not_selected', 'cancelled'].includes(move.state));
    must(untouched, `a move started while ${at}`);
  }
  // A request that needs attention starts nothing more; a running one has nothing needing attention.
  if (request.state === 'needs_attention') must(!moves.some((move) => move.state === 'queued'), `queued while ${at}`);
  if (request.state === 'running') {
    must(!moves.some((move) => move.state === 'needs_attention'), `a move needs attention while ${at}`);
  }
  // What runs was approved by every approval, each bound to the sealed plan.
  for (const move of moves) {
    if (move.startedAt === undefined) continue;
    for (const approval of request.approvals)
      must(approval.moves.includes(move.index), `move ${move.index} ran unapproved`);
  }
  for (const approval of request.approvals) must(approval.planHash === request.planHash, 'approval of another plan');
  if (request.state === 'approving' || request.state === 'running') {
    must(request.approvals.length >= request.approvalsRequired, `too few approvals while ${at}`);
  }
}
