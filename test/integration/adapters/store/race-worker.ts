/**
 * One replica in the cross-process race (sqlite-store-replicas.test.ts): opens the shared file at the
 * agreed moment, joins the shared request (one worker creates it, the other sees a duplicate), then for
 * `durationMs` keeps creating requests and bumping the shared one by compare-and-set. A time window, not a
 * round count, so the two processes overlap however long each takes to start. Prints its tally as JSON.
 * Usage: node bin/run-ts.js race-worker.ts <db> <name> <startAtEpochMs> <durationMs>
 */
import { SqliteStore } from '../../../../src/adapters/store/sqlite-store.ts';
import { makeDraft } from './store-fixtures.ts';

const [path = '', name = '', startAt = '0', durationMs = '0'] = process.argv.slice(2);
const stopAt = Number(startAt) + Number(durationMs);

await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const store = new SqliteStore(path);
const shared = await store.createRequest(makeDraft({ state: 'checked', triggerId: 'shared' }), [], []);
if (shared.kind === 'locked') throw new Error('a checked request cannot be locked');
const createdIds: string[] = [];
let wins = 0;
let losses = 0;
for (let round = 0; Date.now() < stopAt; round += 1) {
  const result = await store.createRequest(makeDraft({ state: 'checked', triggerId: `${name}-${round}` }), [], []);
  if (result.kind === 'created') createdIds.push(result.record.id);
  for (;;) {
    const current = await store.getRequest(shared.record.id);
    if (current === undefined) throw new Error('shared request vanished');
    const next = await store.updateRequest(current.id, current.version, { stateNote: `${name}-${round}` });
    if (next !== undefined) break;
    losses += 1;
  }
  wins += 1;
}
await store.close();
process.stdout.write(JSON.stringify({ sharedKind: shared.kind, createdIds, wins, losses }));
