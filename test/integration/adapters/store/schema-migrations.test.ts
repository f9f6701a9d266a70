import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { verifyAuditChain } from '../../../../src/adapters/store/audit-chain.ts';
import {
  LATEST_SCHEMA_VERSION,
  migrate,
  MIGRATIONS,
  schemaVersion,
  type Migration,
} from '../../../../src/adapters/store/schema-migrations.ts';
import { SqliteStore } from '../../../../src/adapters/store/sqlite-store.ts';
import { StoreError } from '../../../../src/adapters/store/store-error.ts';
import { created, makeAudit, makeDraft, makeMoveDraft, thrownBy, useTempStores, withRaw } from './store-fixtures.ts';

/** A v3 file as the previous release left it: rows written the way that release wrote them. */
const V3_ROWS = `
  UPDATE counters SET value = 4 WHERE name = 'request';
  INSERT INTO requests (id, seq, kind, text, requester_id, channel_id, trigger_id, created_at, expires_at, state,
    version, plan_json, plan_hash, dependency_hash, approvals_required, approvals_json, vsp)
  VALUES
    ('REQ-1', 1, 'migrate', 'vm1 vm2 to vsp2', 'U1', 'C1', 'T1', '2025-01-01T00:00:00Z', '2025-01-01T01:00:00Z',
     'running', 3, '{"p":1}', 'hash-1', 'dh', 2,
     '[{"userId":"U2","at":"2025-01-01T00:05:00Z"},{"userId":"U3","at":"2025-01-01T00:06:00Z"}]', NULL),
    ('REQ-2', 2, 'evacuate', 'evacuate vsp3', 'U1', 'C1', 'T2', '2025-01-02T00:00:00Z', '2025-01-02T01:00:00Z',
     'completed', 5, '{"p":2}', 'hash-2', 'dh', 1, '[{"userId":"U2","at":"2025-01-02T00:05:00Z"}]', 'vsp3'),
    ('REQ-3', 3, 'balance', 'balance', 'bot', 'C1', 'T3', '2025-01-03T00:00:00Z', '2025-01-03T01:00:00Z',
     'completed', 4, '{"p":3}', 'hash-3', 'dh', 1, '[]', NULL),
    ('REQ-4', 4, 'migrate', 'vm1 to vsp9 --check', 'U1', 'C1', 'T4', '2025-01-04T00:00:00Z',
     '2025-01-04T01:00:00Z', 'checked', 0, '{"p":4}', 'hash-4', 'dh', 1, '[]', NULL);
  INSERT INTO request_guests VALUES ('REQ-1', 'vm1'), ('REQ-1', 'vm2'), ('REQ-2', 'vm3'), ('REQ-2', 'vm4'),
    ('REQ-3', 'vm5'), ('REQ-3', 'vm6'), ('REQ-4', 'vm1');
  INSERT INTO moves (request_id, move_index, round, guest, source, target, mode, state, remote_dir, log_offset,
    error, finished_at)
  VALUES
    ('REQ-1', 0, 0, 'vm1', 'vsp1', 'vsp2', 'online', 'running', '/var/tmp/r1', 77, NULL, NULL),
    ('REQ-1', 1, 1, 'vm2', 'vsp1', 'vsp2', 'online', 'queued', '', 0, NULL, NULL),
    ('REQ-2', 0, 0, 'vm3', 'vsp3', 'vsp1', 'offline', 'succeeded', '/var/tmp/r2', 10, NULL, '2025-01-02T00:20:00Z'),
    ('REQ-2', 1, 1, 'vm4', 'vsp3', 'vsp1', 'offline', 'queued', '', 0, NULL, NULL),
    ('REQ-3', 0, 0, 'vm5', 'vsp1', 'vsp2', 'online', 'succeeded', '/var/tmp/r3', 10, NULL, '2025-01-03T00:20:00Z'),
    ('REQ-3', 1, 0, 'vm6', 'vsp2', 'vsp1', 'online', 'cancelled', '', 0, 'not selected by the approver',
     '2025-01-03T00:05:00Z'),
    ('REQ-4', 0, 0, 'vm1', 'vsp1', 'vsp9', 'online', 'queued', '', 0, NULL, NULL);
  INSERT INTO output_lines (request_id, move_index, stream, text, at)
  VALUES ('REQ-1', 0, 'log', 'copying memory 40%', '2025-01-01T00:07:00Z');
  INSERT INTO audit (at, actor, action, request_id, result, detail_json) VALUES
    ('2025-01-01T00:00:00Z', 'U1', 'request.created', 'REQ-1', 'ok', NULL),
    ('2025-01-01T00:05:00Z', 'U2', 'approval.accepted', 'REQ-1', 'ok', '{"given":1,"required":2}'),
    ('2025-01-01T00:05:30Z', 'U9', 'usage.error', NULL, 'refused', '{"text":"vm1 to"}');
  INSERT INTO load_samples (at, vsp, cpu_load, memory_used_mb, memory_mb)
  VALUES ('2025-01-01T00:00:00Z', 'vsp1', 0.5, 100, 200);
`;

function triggersOf(db: Database.Database): string[] {
  return db.prepare<[], string>(`SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name`).pluck().all();
}

describe('schema migrations', () => {
  const stores = useTempStores();

  it('numbers migrations 1, 2, … without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('gives a fresh file (and its folders) the latest schema, WAL, foreign keys and a busy timeout', async () => {
    const path = stores.path('nested/deeper/bot.db');
    await stores.open(path, { busyTimeoutMs: 1234 }).close();
    withRaw(path, (db) => {
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all();
      expect(tables).toEqual(
        expect.arrayContaining([
          'audit',
          'audit_head',
          'counters',
          'moves',
          'output_lines',
          'request_guests',
          'requests',
        ]),
      );
      expect(db.prepare(`SELECT id, seq, hash FROM audit_head`).all()).toEqual([{ id: 1, seq: 0, hash: '' }]);
    });
    const reopened = new SqliteStore(path, { busyTimeoutMs: 1234 });
    try {
      // The store's own connection: settings are per connection, so check them there.
      const own = (reopened as unknown as { db: Database.Database }).db;
      expect(own.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(own.pragma('busy_timeout', { simple: true })).toBe(1234);
    } finally {
      await reopened.close();
    }
  });

  describe('4: workflow states, locks from moves, bound approvals, chained audit', () => {
    function v3File(): string {
      const path = stores.path();
      withRaw(path, (db) => {
        migrate(db, path, MIGRATIONS.slice(0, 3));
        db.exec(V3_ROWS);
        expect(schemaVersion(db)).toBe(3);
      });
      return path;
    }

    it('keeps every request, with revision 0 and approvals bound to its plan hash and every move', async () => {
      const store = stores.open(v3File());
      expect(await store.getRequest('REQ-1')).toMatchObject({
        state: 'running',
        version: 3,
        previewRevision: 0,
        approvals: [
          { userId: 'U2', at: '2025-01-01T00:05:00Z', planHash: 'hash-1', moves: [0, 1] },
          { userId: 'U3', at: '2025-01-01T00:06:00Z', planHash: 'hash-1', moves: [0, 1] },
        ],
      });
      expect((await store.getRequest('REQ-2'))?.approvals).toEqual([
        { userId: 'U2', at: '2025-01-02T00:05:00Z', planHash: 'hash-2', moves: [0, 1] },
      ]);
      expect((await store.listRequests({ limit: 10 })).map((r) => [r.id, r.state])).toEqual([
        ['REQ-4', 'checked'],
        ['REQ-3', 'completed'],
        ['REQ-2', 'completed'],
        ['REQ-1', 'running'],
      ]);
      expect((await store.listRequests({ vsp: 'vsp3', limit: 10 })).map((r) => r.id)).toEqual(['REQ-2']);
      expect((await store.listRequests({ guest: 'vm1', limit: 10 })).map((r) => r.id)).toEqual(['REQ-4', 'REQ-1']);
    });

    it('turns unticked moves into not_selected and cancels what closed requests left unfinished', async () => {
      const store = stores.open(v3File());
      const states = async (id: string) =>
        (await store.getWorkflow(id))?.moves.map((m) => [m.guest, m.state, m.error ?? null, m.finishedAt ?? null]);
      expect(await states('REQ-1')).toEqual([
        ['vm1', 'running', null, null],
        ['vm2', 'queued', null, null],
      ]);
      expect(await states('REQ-2')).toEqual([
        ['vm3', 'succeeded', null, '2025-01-02T00:20:00Z'],
        ['vm4', 'cancelled', 'closed before it started', null],
      ]);
      expect(await states('REQ-3')).toEqual([
        ['vm5', 'succeeded', null, '2025-01-03T00:20:00Z'],
        ['vm6', 'not_selected', 'not selected by the approver', '2025-01-03T00:05:00Z'],
      ]);
      expect(await states('REQ-4')).toEqual([['vm1', 'cancelled', 'closed before it started', null]]);
      // Locks now come from moves: only the running request's unfinished moves hold their guests.
      expect(await store.guestLocks()).toEqual(
        new Map([
          ['vm1', 'REQ-1'],
          ['vm2', 'REQ-1'],
        ]),
      );
      expect((await store.movesInFlight()).map((m) => [m.requestId, m.index, m.logOffset])).toEqual([['REQ-1', 0, 77]]);
      expect(await store.getOutput('REQ-1', 0)).toMatchObject([{ text: 'copying memory 40%' }]);
      expect(await store.recentLoadSamples(1)).toMatchObject([[{ vsp: 'vsp1', cpuLoad: 0.5 }]]);
    });

    it('chains the existing audit rows in seq order, and new rows follow them', async () => {
      const store = stores.open(v3File());
      const rows = await store.readAuditChain();
      expect(rows.map((r) => [r.seq, r.action, r.requestId, r.detail])).toEqual([
        [1, 'request.created', 'REQ-1', undefined],
        [2, 'approval.accepted', 'REQ-1', { given: 1, required: 2 }],
        [3, 'usage.error', undefined, { text: 'vm1 to' }],
      ]);
      expect(verifyAuditChain(rows, await store.auditHead())).toMatchObject({ ok: true, rows: 3 });
      // What migration 4 added works on the upgraded file; the id counter carried over.
      const next = created(await store.createRequest(makeDraft(), [makeMoveDraft({ guest: 'vm9' })], makeAudit()));
      expect(next.workflow.request.id).toBe('REQ-5');
      const chain = await store.readAuditChain();
      expect(chain.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
      expect(verifyAuditChain(chain, await store.auditHead()).ok).toBe(true);
    });

    it('drops the request-level lock triggers, adds the move and audit ones, and leaves foreign keys on', () => {
      const path = v3File();
      const store = stores.open(path);
      const own = (store as unknown as { db: Database.Database }).db;
      expect(own.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(own.pragma('foreign_key_check')).toEqual([]);
      withRaw(path, (db) =>
        expect(triggersOf(db)).toEqual([
          'audit_follows_head',
          'audit_head_follows_rows',
          'audit_head_no_delete',
          'audit_moves_head',
          'audit_no_delete',
          'audit_no_update',
          'moves_one_holder_on_insert',
          'moves_one_holder_on_update',
          'requests_plan_sealed',
        ]),
      );
    });
  });

  it('upgrades a file left at version 1 without losing rows', async () => {
    const path = stores.path();
    withRaw(path, (db) => {
      migrate(db, path, MIGRATIONS.slice(0, 1));
      db.exec(`
        UPDATE counters SET value = 1 WHERE name = 'request';
        INSERT INTO requests (id, seq, kind, text, requester_id, channel_id, trigger_id, created_at, expires_at,
          state, version, plan_json, plan_hash, dependency_hash, approvals_required, approvals_json)
        VALUES ('REQ-1', 1, 'migrate', 'vm1 to vsp2', 'U1', 'C1', 'T1', '2025-01-01T00:00:00Z',
          '2025-01-01T01:00:00Z', 'pending', 0, '{}', 'ph', 'dh', 1, '[]');
        INSERT INTO moves (request_id, move_index, round, guest, source, target, mode, state, remote_dir, log_offset)
        VALUES ('REQ-1', 0, 0, 'vm1', 'vsp1', 'vsp2', 'online', 'queued', '', 0);
      `);
    });
    const store = stores.open(path);
    expect(await store.getWorkflow('REQ-1')).toMatchObject({
      request: { state: 'pending' },
      moves: [{ state: 'queued' }],
    });
    const evacuation = created(
      await store.createRequest(makeDraft({ kind: 'evacuate', vsp: 'vsp9' }), [], makeAudit()),
    );
    expect(evacuation.workflow.request.id).toBe('REQ-2');
    expect((await store.listRequests({ vsp: 'vsp9', limit: 5 })).map((r) => r.id)).toEqual(['REQ-2']);
    await store.close();
    expect(withRaw(path, schemaVersion)).toBe(LATEST_SCHEMA_VERSION);
  });

  it('refuses a file from a newer release, and leaves it as it was', () => {
    const path = stores.path();
    withRaw(path, (db) => db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`));
    const error = thrownBy(() => new SqliteStore(path));
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({
      code: 'schema_too_new',
      details: { path, foundVersion: LATEST_SCHEMA_VERSION + 1, supportedVersion: LATEST_SCHEMA_VERSION },
    });
    expect((error as Error).message).toMatch(/newer than the \d+ this release knows/);
    expect(withRaw(path, schemaVersion)).toBe(LATEST_SCHEMA_VERSION + 1);
  });

  it('rolls a failing migration back and stays at the last good version', () => {
    const path = stores.path();
    const broken = [...MIGRATIONS.slice(0, 1), { version: 2, name: 'broken', sql: 'CREATE TABLE x (a); NOT SQL' }];
    withRaw(path, (db) => {
      const error = thrownBy(() => migrate(db, path, broken));
      expect(error).toMatchObject({ code: 'migration_failed', details: { foundVersion: 1, supportedVersion: 2 } });
      expect(schemaVersion(db)).toBe(1);
      expect(db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'x'`).pluck().get()).toBe(0);
    });
  });

  describe('a step that rebuilds tables', () => {
    const parentChild = `
      CREATE TABLE parent (id INTEGER PRIMARY KEY, v TEXT CHECK (v IN ('a')));
      CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent (id));
      INSERT INTO parent VALUES (1, 'a');
      INSERT INTO child VALUES (1);
    `;
    const rebuild = (keep: string): Migration => ({
      version: 2,
      name: 'widen the CHECK',
      rebuildsTables: true,
      run: (db) =>
        db.exec(`
          CREATE TABLE parent_new (id INTEGER PRIMARY KEY, v TEXT CHECK (v IN ('a', 'b')));
          INSERT INTO parent_new SELECT * FROM parent WHERE ${keep};
          DROP TABLE parent;
          ALTER TABLE parent_new RENAME TO parent;
        `),
    });

    it('runs with foreign keys off (the drop does not cascade or fail) and turns them back on', () => {
      const path = stores.path();
      withRaw(path, (db) => {
        db.pragma('foreign_keys = ON');
        migrate(db, path, [{ version: 1, name: 'tables', sql: parentChild }, rebuild('1')]);
        expect(schemaVersion(db)).toBe(2);
        expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
        expect(db.prepare(`SELECT count(*) FROM child`).pluck().get()).toBe(1);
        db.exec(`INSERT INTO parent VALUES (2, 'b')`);
      });
    });

    it('refuses to commit a rebuild that orphans a row (foreign_key_check), and turns foreign keys back on', () => {
      const path = stores.path();
      withRaw(path, (db) => {
        db.pragma('foreign_keys = ON');
        const error = thrownBy(() =>
          migrate(db, path, [{ version: 1, name: 'tables', sql: parentChild }, rebuild('0')]),
        );
        expect(error).toMatchObject({
          code: 'migration_failed',
          message: /foreign key check failed.*child row 1 → parent/,
        });
        expect(schemaVersion(db)).toBe(1);
        expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
        expect(db.prepare(`SELECT count(*) FROM parent`).pluck().get()).toBe(1);
      });
    });
  });
});
