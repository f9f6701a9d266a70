/**
 * The SQLite store on real temp files: the conformance suite every Store runs, then what only a file can
 * show — reopening, CHECK constraints and triggers that hold however rows are written, rows that do not
 * parse. Migrations: schema-migrations.test.ts; several connections and processes: sqlite-store-replicas.
 */
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { verifyAuditChain } from '../../../../src/adapters/store/audit-chain.ts';
import { REQUEST_KINDS, REQUEST_STATES } from '../../../../src/adapters/store/record-values.ts';
import { StoreError } from '../../../../src/adapters/store/store-error.ts';
import type { ChainedAuditEntry } from '../../../../src/ports.ts';
import { describeStoreConformance, type StoreUnderTest } from './store-conformance.ts';
import { change, commitNow } from './store-conformance-support.ts';
import {
  created,
  makeAudit,
  makeDraft,
  makeMoveDraft,
  makeMoveDrafts,
  useTempStores,
  withRaw,
  type TempStores,
} from './store-fixtures.ts';

const AUDIT_COLUMNS: Record<keyof ChainedAuditEntry, string> = {
  seq: 'seq',
  at: 'at',
  actor: 'actor',
  action: 'action',
  requestId: 'request_id',
  result: 'result',
  detail: 'detail_json',
  prevHash: 'prev_hash',
  hash: 'hash',
};

/** Tampering as someone with the file would: drop the trigger in the way, then write. */
function sqliteUnderTest(stores: TempStores): StoreUnderTest {
  const store = stores.open();
  const raw = (work: (db: Database.Database) => void): void => withRaw(store.path, work);
  return {
    store,
    auditHead: () => store.auditHead(),
    tamper: {
      planJson: (requestId, planJson) =>
        raw((db) => {
          db.exec('DROP TRIGGER IF EXISTS requests_plan_sealed');
          db.prepare('UPDATE requests SET plan_json = ? WHERE id = ?').run(planJson, requestId);
        }),
      editAudit: (seq, patch) =>
        raw((db) => {
          db.exec('DROP TRIGGER IF EXISTS audit_no_update');
          for (const [key, value] of Object.entries(patch)) {
            const column = AUDIT_COLUMNS[key as keyof ChainedAuditEntry];
            const stored = key === 'detail' ? JSON.stringify(value) : (value as string | number);
            db.prepare(`UPDATE audit SET ${column} = ? WHERE seq = ?`).run(stored, seq);
          }
        }),
      deleteAudit: (seq) =>
        raw((db) => {
          db.exec('DROP TRIGGER IF EXISTS audit_no_delete');
          db.prepare('DELETE FROM audit WHERE seq = ?').run(seq);
        }),
    },
  };
}

describe('SqliteStore', () => {
  const stores = useTempStores();

  describeStoreConformance(() => sqliteUnderTest(stores));

  describe('on file', () => {
    it('keeps requests, moves, locks, output and the audit chain across close and reopen', async () => {
      const first = stores.open();
      created(await first.createRequest(makeDraft({ guests: ['vm1'] }), makeMoveDrafts(2), makeAudit()));
      const workflow = await commitNow(
        first,
        'REQ-1',
        change({ state: 'running', previewTs: 'ts' }, [
          { index: 0, change: { state: 'running', remoteDir: '/var/tmp/r', errorCode: 'x', error: 'y' } },
        ]),
      );
      await first.recordProgress('REQ-1', 0, { logOffset: 7, progress: { phase: 'copy', percent: 5 } });
      await first.appendOutput([{ requestId: 'REQ-1', moveIndex: 0, stream: 'log', text: 'hi', at: 'now' }]);
      const chain = await first.readAuditChain();
      await first.close();

      const reopened = stores.open();
      expect(await reopened.getWorkflow('REQ-1')).toStrictEqual({
        ...workflow,
        moves: [{ ...workflow.moves[0], logOffset: 7, progress: { phase: 'copy', percent: 5 } }, workflow.moves[1]],
      });
      expect(await reopened.guestLocks()).toEqual(
        new Map([
          ['vm1', 'REQ-1'],
          ['vm2', 'REQ-1'],
        ]),
      );
      expect(await reopened.getOutput('REQ-1', 0)).toHaveLength(1);
      expect(await reopened.readAuditChain()).toStrictEqual(chain);
      await reopened.appendAudit(makeAudit({ action: 'after.reopen' }));
      expect(verifyAuditChain(await reopened.readAuditChain(), await reopened.auditHead()).ok).toBe(true);
    });

    it('never reuses an id; a failed creation rolls back its counter step and its audit row', async () => {
      const first = stores.open();
      for (let i = 0; i < 2; i += 1) created(await first.createRequest(makeDraft(), [], makeAudit()));
      await first.close();
      const second = stores.open();
      const twice = [makeMoveDraft(), makeMoveDraft({ guest: 'vm2' })];
      await expect(second.createRequest(makeDraft(), twice, makeAudit())).rejects.toThrow(/UNIQUE/);
      expect(await second.readAuditChain()).toHaveLength(2);
      expect(created(await second.createRequest(makeDraft(), [], makeAudit())).workflow.request.id).toBe('REQ-3');
    });
  });

  describe('constraints', () => {
    it.each(REQUEST_STATES)('a request can be in state %s', async (state) => {
      const store = stores.open();
      expect(await store.createRequest(makeDraft({ state }), [], makeAudit())).toMatchObject({
        workflow: { request: { state } },
      });
    });

    it.each(REQUEST_KINDS)('a request can be of kind %s', async (kind) => {
      const store = stores.open();
      expect(await store.createRequest(makeDraft({ kind }), [], makeAudit())).toMatchObject({
        workflow: { request: { kind } },
      });
    });

    it.each([
      ['an unknown request state', `UPDATE requests SET state = 'paused'`, /CHECK constraint failed/],
      ['an unknown kind', `UPDATE requests SET kind = 'shuffle'`, /CHECK constraint failed/],
      ['approvals that are not a JSON array', `UPDATE requests SET approvals_json = '{}'`, /CHECK constraint/],
      ['a negative version', `UPDATE requests SET version = -1`, /CHECK constraint failed/],
      ['a negative preview revision', `UPDATE requests SET preview_revision = -1`, /CHECK constraint failed/],
      [
        'an unknown move state',
        `UPDATE moves SET state = 'teleported' WHERE request_id = 'REQ-2'`,
        /CHECK constraint failed/,
      ],
      ['a progress phase without a percent', `UPDATE moves SET progress_phase = 'copying'`, /CHECK constraint/],
      ['a percent above 100', `UPDATE moves SET progress_phase = 'x', progress_percent = 101`, /CHECK constraint/],
      ['a negative log offset', `UPDATE moves SET log_offset = -1`, /CHECK constraint failed/],
      ['an unknown mode', `UPDATE moves SET mode = 'teleport'`, /CHECK constraint failed/],
      ['a text in an integer column', `UPDATE moves SET log_offset = 'many'`, /cannot store TEXT/],
      [
        'a move of no request',
        `INSERT INTO moves (request_id, move_index, round, guest, source, target, mode, state, remote_dir,
         log_offset) VALUES ('REQ-404', 0, 0, 'vm9', 'a', 'b', 'online', 'queued', '', 0)`,
        /FOREIGN KEY constraint failed/,
      ],
      [
        'a second unfinished move of a guest',
        `INSERT INTO moves (request_id, move_index, round, guest, source, target, mode, state, remote_dir,
         log_offset) VALUES ('REQ-1', 1, 0, 'vm1', 'a', 'b', 'online', 'running', '', 0)`,
        /guest_locked/,
      ],
      [
        'a finished move of a held guest reopened',
        `UPDATE moves SET state = 'queued' WHERE request_id = 'REQ-1'`,
        /guest_locked/,
      ],
      ['a changed plan', `UPDATE requests SET plan_json = '{}'`, /plan_sealed/],
      ['a changed plan hash', `UPDATE requests SET plan_hash = 'x'`, /plan_sealed/],
      ['an edited audit row', `UPDATE audit SET actor = 'someone else'`, /append-only: rows cannot be updated/],
      ['a deleted audit row', `DELETE FROM audit`, /append-only: rows cannot be deleted/],
      [
        'an audit row that does not follow the head',
        `INSERT INTO audit (seq, at, actor, action, result, prev_hash, hash)
         VALUES (99, 't', 'bot', 'x', 'ok', '', '${'a'.repeat(64)}')`,
        /audit_chain/,
      ],
      [
        'an audit detail that is not an object',
        `INSERT INTO audit (seq, at, actor, action, result, detail_json, prev_hash, hash)
         SELECT seq + 1, 't', 'bot', 'x', 'ok', '[1]', hash, '${'a'.repeat(64)}' FROM audit_head`,
        /CHECK constraint failed/,
      ],
      ['a head moved by hand', `UPDATE audit_head SET seq = seq - 1`, /audit_head only moves on/],
      ['a deleted head', `DELETE FROM audit_head`, /audit_head cannot be deleted/],
    ])('refuses %s, however the row is written', async (_name, sql, message) => {
      // REQ-1's move of vm1 is finished; REQ-2's move of vm1 holds the guest now.
      const store = stores.open();
      created(await store.createRequest(makeDraft(), [makeMoveDraft()], makeAudit()));
      await commitNow(store, 'REQ-1', change({}, [{ index: 0, change: { state: 'cancelled' } }]));
      created(await store.createRequest(makeDraft(), [makeMoveDraft()], makeAudit()));
      const chain = await store.readAuditChain();
      withRaw(store.path, (db) => {
        db.pragma('foreign_keys = ON');
        expect(() => db.exec(sql)).toThrow(message);
      });
      expect(await store.readAuditChain()).toStrictEqual(chain);
    });

    it('reports a stored row that does not parse as corrupt_row', async () => {
      const store = stores.open();
      created(await store.createRequest(makeDraft(), [], makeAudit()));
      // An approval of the old shape (no plan hash, no moves) is no approval of this release.
      withRaw(store.path, (db) => db.exec(`UPDATE requests SET approvals_json = '[{"userId":"U1","at":"t"}]'`));
      const error: unknown = await store.getRequest('REQ-1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'corrupt_row' });
    });

    it('refuses to append without a head to follow (audit_chain_broken), writing nothing', async () => {
      const store = stores.open();
      await store.appendAudit(makeAudit());
      withRaw(store.path, (db) => db.exec(`DROP TRIGGER audit_head_no_delete; DELETE FROM audit_head`));
      const error: unknown = await store.appendAudit(makeAudit()).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'audit_chain_broken', details: { path: store.path } });
      expect(await store.readAuditChain()).toHaveLength(1);
    });
  });
});
