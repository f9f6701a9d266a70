/**
 * One replica in the cross-process race (sqlite-store-replicas.test.ts): opens the shared file (fresh or
 * not), joins the shared request (one worker creates it, the others see a duplicate), then for `rounds`
 * rounds creates a request of its own and bumps the shared one by compare-and-set, retrying until its
 * commit wins. Each commit's audit row names the version it was computed from. Prints its tally as JSON:
 * the versions its commits won from, how many lost, and the ids it created. Whether the processes overlap
 * is up to the machine; the test asserts only what must hold either way.
 * Usage: node bin/run-ts.js race-worker.ts <db> <name> <rounds>
 */
import { SqliteStore } from '../../../../src/adapters/store/sqlite-store.ts';
import { makeAudit, makeDraft } from './store-fixtures.ts';

const [path = '', name = '', rounds = '0'] = process.argv.slice(2);

const store = new SqliteStore(path);
const shared = await store.createRequest(makeDraft({ triggerId: 'shared' }), [], makeAudit({ actor: name }));
if (shared.kind === 'locked') throw new Error('a request without moves cannot be locked');
const sharedId = shared.kind === 'created' ? shared.workflow.request.id : shared.record.id;
const createdIds: string[] = [];
const wonFrom: number[] = [];
let losses = 0;
for (let round = 0; round < Number(rounds); round += 1) {
  const own = await store.createRequest(
    makeDraft({ state: 'checked', triggerId: `${name}-${round}` }),
    [],
    makeAudit({ actor: name }),
  );
  if (own.kind === 'created') createdIds.push(own.workflow.request.id);
  for (;;) {
    const current = await store.getWorkflow(sharedId);
    if (current === undefined) throw new Error('shared request vanished');
    const fromVersion = current.request.version;
    const audit = makeAudit({ actor: name, action: 'race.bump', detail: { fromVersion } });
    const next = await store.commit(
      sharedId,
      fromVersion,
      { request: { stateNote: `${name}-${round}` }, moves: [] },
      audit,
    );
    if (next !== undefined) {
      wonFrom.push(fromVersion);
      break;
    }
    losses += 1;
  }
}
await store.close();
process.stdout.write(JSON.stringify({ sharedKind: shared.kind, createdIds, wonFrom, losses }));
