import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import type { RequestState } from '../../../../src/domain/workflow/records.ts';
import { created, makeDraft, useTempStores } from './store-fixtures.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const WORKER = fileURLToPath(new URL('race-worker.ts', import.meta.url));

describe('SqliteStore replicas on one file', () => {
  const stores = useTempStores();

  it('see each other’s writes', async () => {
    const [a, b] = [stores.open(), stores.open()];
    const { record } = created(await a.createRequest(makeDraft(), ['vm1'], []));
    expect(await b.getRequest(record.id)).toStrictEqual(record);
    expect(await b.createRequest(makeDraft(), ['vm1'], [])).toMatchObject({ kind: 'locked', heldBy: record.id });
    expect(created(await b.createRequest(makeDraft(), ['vm2'], [])).record.id).toBe('REQ-2');
  });

  it.each<[string, RequestState]>([
    ['approve', 'approving'],
    ['reject', 'rejected'],
  ])('racing the same transition (%s), exactly one wins, 50 times', async (_name, state) => {
    const [a, b] = [stores.open(), stores.open()];
    for (let i = 0; i < 50; i += 1) {
      const { record } = created(await a.createRequest(makeDraft(), [`vm${i}`], []));
      const results = await Promise.all([
        a.updateRequest(record.id, record.version, { state, stateNote: 'replica a' }),
        b.updateRequest(record.id, record.version, { state, stateNote: 'replica b' }),
      ]);
      const winners = results.filter((r) => r !== undefined);
      expect(winners).toHaveLength(1);
      expect(await b.getRequest(record.id)).toStrictEqual(winners[0]);
      expect(winners[0]).toMatchObject({ state, version: 1 });
    }
  });

  it('racing to lock one guest, exactly one creates, 50 times', async () => {
    const [a, b] = [stores.open(), stores.open()];
    for (let i = 0; i < 50; i += 1) {
      const results = await Promise.all([
        a.createRequest(makeDraft(), [`vm${i}`], []),
        b.createRequest(makeDraft(), [`vm${i}`], []),
      ]);
      expect(results.map((r) => r.kind).sort()).toEqual(['created', 'locked']);
    }
  });

  it('racing one redelivered trigger, exactly one creates', async () => {
    const [a, b] = [stores.open(), stores.open()];
    const draft = makeDraft();
    const results = await Promise.all([a.createRequest(draft, ['vm1'], []), b.createRequest(draft, ['vm1'], [])]);
    expect(results.map((r) => r.kind).sort()).toEqual(['created', 'duplicate']);
    const [first, second] = results.map((r) => (r.kind === 'locked' ? undefined : r.record));
    expect(first).toStrictEqual(second);
  });

  it('three processes on a fresh file: one migration, unique ids, no lost compare-and-set', async () => {
    const path = stores.path('race.db');
    const startAt = String(Date.now() + 2000);
    const workers = ['left', 'middle', 'right'].map((name) =>
      run(process.execPath, ['bin/run-ts.js', WORKER, path, name, startAt, '800'], { cwd: ROOT }),
    );
    const tallies = (await Promise.all(workers)).map(
      ({ stdout }) => JSON.parse(stdout) as { sharedKind: string; createdIds: string[]; wins: number; losses: number },
    );

    expect(tallies.map((t) => t.sharedKind).sort()).toEqual(['created', 'duplicate', 'duplicate']);
    const ids = tallies.flatMap((t) => t.createdIds);
    expect(new Set(ids).size).toBe(ids.length);
    const store = stores.open(path);
    const all = await store.listRequests({ limit: 100_000 });
    expect(all).toHaveLength(ids.length + 1);
    // Every win moved the version by exactly one: no two replicas won at the same version.
    const shared = all.find((r) => r.triggerId === 'shared');
    expect(shared?.version).toBe(tallies.reduce((sum, t) => sum + t.wins, 0));
    // Evidence the processes really overlapped: some compare-and-sets lost to the other replica.
    expect(tallies.reduce((sum, t) => sum + t.losses, 0)).toBeGreaterThan(0);
  });
});
