/**
 * Several connections and processes on one file: compare-and-set commits, locks and redelivered triggers
 * decided once, whatever the interleaving. The assertions hold for any interleaving (including none: a
 * loaded machine may run the processes one after the other), so the tests do not depend on timing.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { verifyAuditChain } from '../../../../src/adapters/store/audit-chain.ts';
import type { RequestState } from '../../../../src/domain/workflow/records.ts';
import { change } from './store-conformance-support.ts';
import { created, makeAudit, makeDraft, makeMoveDraft, useTempStores } from './store-fixtures.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const WORKER = fileURLToPath(new URL('race-worker.ts', import.meta.url));

interface Tally {
  sharedKind: string;
  createdIds: string[];
  wonFrom: number[];
  losses: number;
}

describe('SqliteStore replicas on one file', () => {
  const stores = useTempStores();

  it('see each other’s writes', async () => {
    const [a, b] = [stores.open(), stores.open()];
    const { workflow } = created(await a.createRequest(makeDraft(), [makeMoveDraft()], makeAudit()));
    expect(await b.getWorkflow(workflow.request.id)).toStrictEqual(workflow);
    expect(await b.createRequest(makeDraft(), [makeMoveDraft()], makeAudit())).toMatchObject({
      kind: 'locked',
      heldBy: workflow.request.id,
    });
    expect(
      created(await b.createRequest(makeDraft(), [makeMoveDraft({ guest: 'vm2' })], makeAudit())).workflow.request.id,
    ).toBe('REQ-2');
  });

  it.each<[string, RequestState]>([
    ['approve', 'approving'],
    ['reject', 'rejected'],
  ])('racing the same transition (%s) from one version, exactly one wins, 50 times', async (_name, state) => {
    const [a, b] = [stores.open(), stores.open()];
    for (let i = 0; i < 50; i += 1) {
      const { request } = created(
        await a.createRequest(makeDraft(), [makeMoveDraft({ guest: `vm${i}` })], makeAudit()),
      ).workflow;
      const results = await Promise.all([
        a.commit(request.id, 0, change({ state, stateNote: 'replica a' }), makeAudit({ action: 'race' })),
        b.commit(request.id, 0, change({ state, stateNote: 'replica b' }), makeAudit({ action: 'race' })),
      ]);
      const winners = results.filter((result) => result !== undefined);
      expect(winners).toHaveLength(1);
      expect(await b.getWorkflow(request.id)).toStrictEqual(winners[0]);
      expect(winners[0]?.request).toMatchObject({ state, version: 1 });
      expect(await a.listAudit({ requestId: request.id, limit: 5 })).toMatchObject([{ action: 'race' }, {}]);
    }
  });

  it('racing to lock one guest, exactly one creates, 50 times', async () => {
    const [a, b] = [stores.open(), stores.open()];
    for (let i = 0; i < 50; i += 1) {
      const moves = [makeMoveDraft({ guest: `vm${i}` })];
      const results = await Promise.all([
        a.createRequest(makeDraft(), moves, makeAudit()),
        b.createRequest(makeDraft(), moves, makeAudit()),
      ]);
      expect(results.map((r) => r.kind).sort()).toEqual(['created', 'locked']);
    }
  });

  it('racing one redelivered trigger, exactly one creates', async () => {
    const [a, b] = [stores.open(), stores.open()];
    const draft = makeDraft();
    const results = await Promise.all([
      a.createRequest(draft, [makeMoveDraft()], makeAudit()),
      b.createRequest(draft, [makeMoveDraft()], makeAudit()),
    ]);
    expect(results.map((r) => r.kind).sort()).toEqual(['created', 'duplicate']);
    const records = results.map((r) =>
      r.kind === 'created' ? r.workflow.request : r.kind === 'duplicate' ? r.record : undefined,
    );
    expect(records[0]).toStrictEqual(records[1]);
    expect(await a.readAuditChain()).toHaveLength(1);
  });

  it('three processes on a fresh file: one migration, unique ids, every commit one version, one audit row each', async () => {
    const path = stores.path('race.db');
    const rounds = 60;
    const workers = ['left', 'middle', 'right'].map((name) =>
      run(process.execPath, ['bin/run-ts.js', WORKER, path, name, String(rounds)], { cwd: ROOT }),
    );
    const tallies = (await Promise.all(workers)).map(({ stdout }) => JSON.parse(stdout) as Tally);

    expect(tallies.map((t) => t.sharedKind).sort()).toEqual(['created', 'duplicate', 'duplicate']);
    const ids = tallies.flatMap((t) => t.createdIds);
    expect(ids).toHaveLength(3 * rounds);
    expect(new Set(ids).size).toBe(ids.length);

    const store = stores.open(path);
    expect(await store.listRequests({ limit: 100_000 })).toHaveLength(ids.length + 1);
    // No two commits won from the same version, and each raised it by exactly one: the versions won from
    // are 0, 1, 2, … without a gap or a repeat, and the request ends at their count.
    const wonFrom = tallies.flatMap((t) => t.wonFrom).sort((x, y) => x - y);
    expect(wonFrom).toEqual(wonFrom.map((_, i) => i));
    const shared = (await store.listRequests({ limit: 100_000 })).find((r) => r.triggerId === 'shared');
    expect(shared?.version).toBe(3 * rounds);
    // Exactly one audit row per successful commit (a lost one wrote none), and the chain is whole.
    const chain = await store.readAuditChain();
    const bumps = chain.filter((row) => row.action === 'race.bump');
    expect(bumps.map((row) => row.detail?.fromVersion).sort((x, y) => Number(x) - Number(y))).toEqual(wonFrom);
    expect(chain).toHaveLength(bumps.length + ids.length + 1);
    expect(verifyAuditChain(chain, await store.auditHead())).toMatchObject({ ok: true, problems: [] });
  });
});
