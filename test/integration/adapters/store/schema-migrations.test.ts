import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { MOVE_STATES, REQUEST_KINDS, REQUEST_STATES } from '../../../../src/adapters/store/record-values.ts';
import {
  LATEST_SCHEMA_VERSION,
  migrate,
  MIGRATIONS,
  schemaVersion,
} from '../../../../src/adapters/store/schema-migrations.ts';
import { SqliteStore } from '../../../../src/adapters/store/sqlite-store.ts';
import { StoreError } from '../../../../src/adapters/store/store-error.ts';
import { created, makeDraft, makeMoveDraft, thrownBy, useTempStores } from './store-fixtures.ts';

/** A raw connection, for what the store itself never does. */
function rawDatabase(path: string): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  return new Database(path);
}

function withRaw<T>(path: string, work: (db: Database.Database) => T): T {
  const db = rawDatabase(path);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

describe('schema migrations', () => {
  const stores = useTempStores();

  it('numbers migrations 1, 2, … without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('gives a fresh file (and its folders) the latest schema, WAL, foreign keys and a busy timeout', async () => {
    const store = stores.open(stores.path('nested/deeper/bot.db'), { busyTimeoutMs: 1234 });
    await store.close();
    withRaw(stores.path('nested/deeper/bot.db'), (db) => {
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all();
      expect(tables).toEqual(
        expect.arrayContaining(['audit', 'counters', 'moves', 'output_lines', 'request_guests', 'requests']),
      );
    });
    const reopened = new SqliteStore(stores.path('nested/deeper/bot.db'), { busyTimeoutMs: 1234 });
    try {
      // The store's own connection: settings are per connection, so check them there.
      const own = (reopened as unknown as { db: Database.Database }).db;
      expect(own.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(own.pragma('busy_timeout', { simple: true })).toBe(1234);
    } finally {
      await reopened.close();
    }
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
          '2025-01-01T01:00:00Z', 'running', 3, '{}', 'ph', 'dh', 1, '[{"userId":"U2","at":"2025-01-01T00:05:00Z"}]');
        INSERT INTO request_guests VALUES ('REQ-1', 'vm1');
        INSERT INTO moves (request_id, move_index, round, guest, source, target, mode, state, remote_dir, log_offset)
        VALUES ('REQ-1', 0, 0, 'vm1', 'vsp1', 'vsp2', 'online', 'running', '/var/tmp/r1', 77);
        INSERT INTO audit (at, actor, action, request_id, result) VALUES ('2025-01-01T00:05:00Z', 'U2', 'approval.accepted', 'REQ-1', 'ok');
      `);
      expect(schemaVersion(db)).toBe(1);
    });

    const store = stores.open(path);
    expect(await store.getRequest('REQ-1')).toMatchObject({
      state: 'running',
      version: 3,
      approvals: [{ userId: 'U2', at: '2025-01-01T00:05:00Z' }],
    });
    expect(await store.unfinishedMoves()).toMatchObject([{ requestId: 'REQ-1', logOffset: 77 }]);
    expect(await store.listAudit({ limit: 5 })).toMatchObject([{ action: 'approval.accepted' }]);
    expect(await store.guestLocks()).toEqual(new Map([['vm1', 'REQ-1']]));
    // What version 2 added works on the upgraded file, and the id counter carried over.
    const evacuation = created(await store.createRequest(makeDraft({ kind: 'evacuate', vsp: 'vsp9' }), [], []));
    expect(evacuation.record.id).toBe('REQ-2');
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

  describe('constraints', () => {
    it.each(REQUEST_STATES)('a request can be created in state %s', async (state) => {
      const store = stores.open();
      expect(await store.createRequest(makeDraft({ state }), ['vm1'], [])).toMatchObject({ record: { state } });
    });

    it.each(REQUEST_KINDS)('a request can be of kind %s', async (kind) => {
      const store = stores.open();
      expect(await store.createRequest(makeDraft({ kind }), [], [])).toMatchObject({ record: { kind } });
    });

    it('MOVE_STATES match the moves CHECK constraint', async () => {
      const store = stores.open();
      created(await store.createRequest(makeDraft(), [], [makeMoveDraft()]));
      for (const state of MOVE_STATES) await store.updateMove('REQ-1', 0, { state });
    });

    it.each([
      ['an unknown request state', `UPDATE requests SET state = 'paused'`],
      ['an unknown kind', `UPDATE requests SET kind = 'shuffle'`],
      ['approvals that are not a JSON array', `UPDATE requests SET approvals_json = '{}'`],
      ['a negative version', `UPDATE requests SET version = -1`],
      ['a progress phase without a percent', `UPDATE moves SET progress_phase = 'copying'`],
      ['an unknown mode', `UPDATE moves SET mode = 'teleport'`],
      ['a text in an integer column', `UPDATE moves SET log_offset = 'many'`],
      [
        'a move of no request',
        `INSERT INTO moves (request_id, move_index, round, guest, source, target, mode,
         state, remote_dir, log_offset) VALUES ('REQ-404', 0, 0, 'vm1', 'a', 'b', 'online', 'queued', '', 0)`,
      ],
      [
        'an audit detail that is not an object',
        `INSERT INTO audit (at, actor, action, result, detail_json)
         VALUES ('t', 'bot', 'x', 'ok', '[1]')`,
      ],
    ])('refuses %s', async (_name, sql) => {
      const store = stores.open();
      created(await store.createRequest(makeDraft(), [], [makeMoveDraft()]));
      const db = rawDatabase(stores.path());
      try {
        db.pragma('foreign_keys = ON');
        expect(() => db.exec(sql)).toThrow(/constraint failed|cannot store TEXT/);
      } finally {
        db.close();
      }
    });

    it('refuses a second open holder of a guest however the row is written', async () => {
      const store = stores.open();
      created(await store.createRequest(makeDraft(), ['vm1'], []));
      created(await store.createRequest(makeDraft(), ['vm2'], []));
      withRaw(stores.path(), (db) => {
        expect(() => db.exec(`INSERT INTO request_guests VALUES ('REQ-2', 'vm1')`)).toThrow(/guest_locked/);
      });
    });

    it('reports a stored row that does not parse as corrupt_row', async () => {
      const store = stores.open();
      created(await store.createRequest(makeDraft(), [], []));
      withRaw(stores.path(), (db) => db.exec(`UPDATE requests SET approvals_json = '[{"userId": 1}]'`));
      await expect(store.getRequest('REQ-1')).rejects.toMatchObject({ code: 'corrupt_row' });
    });
  });
});
