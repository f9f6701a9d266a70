/**
 * The state machine under random event sequences (fast-check): whatever arrives in whatever order — clicks
 * from stale messages, approvals out of turn, results of moves that never started, resolutions that
 * contradict the facts — the invariants of docs/architecture.md, "States and events" hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lockedGuests } from '../../../../src/domain/workflow/locks.ts';
import { isFinalMove, isOpen, type Workflow } from '../../../../src/domain/workflow/records.ts';
import { allows, MOVE_EDGES, REQUEST_EDGES, type Edge } from '../../../../src/domain/workflow/state-table.ts';
import { transition } from '../../../../src/domain/workflow/transition.ts';
import { LATE, scenarioArb, type StartSpec } from './event-arbitraries.ts';
import { NOW, workflow } from './workflow-builders.ts';

describe('the state machine under random event sequences', () => {
  it('keeps every invariant over 10,000 sequences', () => {
    let deepest = 0;
    fc.assert(
      fc.property(scenarioArb, ({ start, steps }) => {
        let current = startingWorkflow(start);
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
        let current = startingWorkflow(start);
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
      // A fixed seed: whether a rare change is reached must not differ from run to run.
      { numRuns: 10_000, seed: 20261203 },
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

/** The request a scenario starts from: pending, its preview posted (or, now and then, still being posted). */
function startingWorkflow(start: StartSpec): Workflow {
  return workflow({
    rounds: [...start.rounds].sort(),
    request: {
      kind: start.kind,
      approvalsRequired: start.approvalsRequired,
      ...(start.posted ? {} : { previewTs: undefined }),
    },
  });
}

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
