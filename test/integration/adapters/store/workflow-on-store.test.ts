/**
 * The state machine and the stores together, under random event sequences over several requests that
 * share guests: on a real SQLite file and on the MemoryStore, every accepted transition commits with
 * exactly one audit row (the chain verifies and counts one row per creation and per transition), the
 * stored workflow is the transition's own view of it, and the locks the store derives are exactly the
 * guests with a move that is not final — never held by two requests.
 */
import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../../src/adapters/store/audit-chain.ts';
import { SqliteStore } from '../../../../src/adapters/store/sqlite-store.ts';
import { lockedGuests } from '../../../../src/domain/workflow/locks.ts';
import type { Workflow } from '../../../../src/domain/workflow/records.ts';
import { transition } from '../../../../src/domain/workflow/transition.ts';
import type { Store } from '../../../../src/ports.ts';
import { MemoryStore } from '../../../support/memory/memory-store.ts';
import { intentArb, LATE } from '../../../unit/domain/workflow/event-arbitraries.ts';
import { NOW } from '../../../unit/domain/workflow/workflow-builders.ts';
import { makeAudit, makeDraft } from './store-fixtures.ts';

const GUESTS = ['vm0', 'vm1', 'vm2', 'vm3'];

const stepArb = fc.oneof(
  {
    weight: 1,
    arbitrary: fc
      .record({
        guests: fc.uniqueArray(fc.constantFrom(...GUESTS), { minLength: 1, maxLength: 3 }),
        kind: fc.constantFrom('migrate' as const, 'balance' as const),
      })
      .map((create) => ({ create })),
  },
  {
    weight: 12,
    arbitrary: fc.record({ pick: fc.nat(), intent: intentArb, late: fc.boolean() }).map((event) => ({ event })),
  },
);

const scenarioArb = fc.array(stepArb, { minLength: 10, maxLength: 60, size: 'max' });

type Step = typeof scenarioArb extends fc.Arbitrary<(infer S)[]> ? S : never;

async function runScenario(store: Store, steps: readonly Step[]): Promise<void> {
  const ids: string[] = [];
  let rows = 0;
  const workflows = async (): Promise<Workflow[]> =>
    Promise.all(ids.map(async (id) => (await store.getWorkflow(id)) as Workflow));
  for (const step of steps) {
    if ('create' in step) {
      const draft = makeDraft({ kind: step.create.kind, guests: step.create.guests, approvalsRequired: 1 });
      const moves = step.create.guests.map((guest, index) => ({
        index,
        round: index,
        guest,
        source: 'vsp1',
        target: 'vsp2',
        mode: 'online' as const,
      }));
      const result = await store.createRequest(draft, moves, makeAudit({ action: 'request.created' }));
      const held = lockedGuests((await workflows()).flatMap((workflow) => workflow.moves));
      const clash = step.create.guests.find((guest) => held.has(guest));
      // Created exactly when none of its guests is locked; refused naming a real holder otherwise.
      if (clash !== undefined) {
        expect(result).toMatchObject({
          kind: 'locked',
          heldBy: held.get(result.kind === 'locked' ? result.guest : clash),
        });
        continue;
      }
      if (result.kind !== 'created') throw new Error(`expected created, got ${result.kind}`);
      rows += 1;
      ids.push(result.workflow.request.id);
      const posted = transition(
        result.workflow,
        { type: 'preview_posted', ts: `17000000${ids.length}.000100`, showsEveryCommand: true },
        NOW,
      );
      if (!posted.ok) throw new Error(posted.reason);
      const at = NOW.toISOString();
      expect(await store.commit(result.workflow.request.id, 0, posted.change, { ...posted.audit, at })).toEqual(
        posted.next,
      );
      rows += 1;
    } else if (ids.length > 0) {
      const id = ids[step.event.pick % ids.length] as string;
      const current = (await store.getWorkflow(id)) as Workflow;
      const result = transition(current, step.event.intent(current), step.event.late ? LATE : NOW);
      if (!result.ok) continue;
      const stored = await store.commit(id, current.request.version, result.change, {
        ...result.audit,
        at: NOW.toISOString(),
        requestId: id,
      });
      // Nobody else writes: the compare-and-set wins, and the store holds what the machine computed.
      expect(stored).toEqual(result.next);
      rows += 1;
    }
    const all = (await workflows()).flatMap((workflow) => workflow.moves);
    expect(await store.guestLocks()).toEqual(lockedGuests(all));
  }
  const chain = await store.readAuditChain();
  expect(chain).toHaveLength(rows);
  expect(verifyAuditChain(chain).ok).toBe(true);
}

describe('the state machine on the stores', () => {
  it('keeps locks derived and one audit row per transition on the MemoryStore', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (steps) => {
        const store = new MemoryStore();
        await runScenario(store, steps);
        await store.close();
      }),
      { numRuns: 300 },
    );
  });

  it('keeps locks derived and one audit row per transition on a real SQLite file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'workflow-store-'));
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(scenarioArb, async (steps) => {
          run += 1;
          const store = new SqliteStore(join(dir, `run-${run}.db`));
          try {
            await runScenario(store, steps);
          } finally {
            await store.close();
          }
        }),
        { numRuns: 150 },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
