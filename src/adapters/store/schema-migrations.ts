/**
 * The schema, as an ordered list of migrations tracked by `PRAGMA user_version`. A migration is history:
 * never edit one that has shipped, append the next. State lists in CHECK constraints and triggers are
 * written out literally for that reason (a new state in the domain needs a new migration, and the
 * `store-rows` tests fail until it exists).
 */
import type Database from 'better-sqlite3';

import { migrateToV4 } from './schema-v4.ts';
import { StoreError } from './store-error.ts';

export interface Migration {
  /** 1, 2, 3, … without gaps: the value `user_version` holds once this migration has run. */
  readonly version: number;
  readonly name: string;
  /** Run first, inside the step's transaction. */
  readonly sql?: string;
  /**
   * Run after `sql`, inside the same transaction: for what SQL alone cannot do (hashing rows, reshaping
   * JSON). Throwing rolls the whole step back.
   */
  readonly run?: (db: Database.Database) => void;
  /**
   * The step rebuilds tables (create new, copy, drop, rename: SQLite cannot change a CHECK constraint in
   * place). Foreign keys are turned off around its transaction — `PRAGMA foreign_keys` is a no-op inside
   * one, and dropping a referenced table with them on would cascade or fail — and `foreign_key_check`
   * must find nothing before it commits (SQLite's documented procedure for schema changes ALTER TABLE
   * cannot make).
   */
  readonly rebuildsTables?: boolean;
}

const OPEN = `('pending', 'approving', 'running')`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      -- Ids come from a counter, not from MAX(id) + 1, so an id is never handed out twice.
      CREATE TABLE counters (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL CHECK (value >= 0)
      ) STRICT;
      INSERT INTO counters (name, value) VALUES ('request', 0);

      CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        -- Creation order (the number in the id): 'REQ-10' sorts before 'REQ-9' as text.
        seq INTEGER NOT NULL UNIQUE CHECK (seq > 0),
        kind TEXT NOT NULL CHECK (kind IN ('migrate', 'evacuate', 'return', 'balance')),
        text TEXT NOT NULL,
        requester_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        trigger_id TEXT NOT NULL UNIQUE,
        response_url TEXT,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('checked', 'pending', 'approving', 'running', 'completed',
          'failed', 'rejected', 'expired', 'superseded', 'cancelled')),
        version INTEGER NOT NULL CHECK (version >= 0),
        reason TEXT,
        plan_json TEXT NOT NULL,
        plan_hash TEXT NOT NULL,
        dependency_hash TEXT NOT NULL,
        approvals_required INTEGER NOT NULL CHECK (approvals_required >= 0),
        approvals_json TEXT NOT NULL CHECK (json_valid(approvals_json) AND json_type(approvals_json) = 'array'),
        preview_ts TEXT,
        state_note TEXT,
        closed_at TEXT
      ) STRICT;
      CREATE INDEX requests_state ON requests (state);

      -- The guests a request touches. Whether one is locked is derived from its request's state.
      CREATE TABLE request_guests (
        request_id TEXT NOT NULL REFERENCES requests (id),
        guest TEXT NOT NULL,
        PRIMARY KEY (request_id, guest)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX request_guests_guest ON request_guests (guest);

      CREATE TABLE moves (
        request_id TEXT NOT NULL REFERENCES requests (id),
        move_index INTEGER NOT NULL CHECK (move_index >= 0),
        round INTEGER NOT NULL CHECK (round >= 0),
        guest TEXT NOT NULL,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('online', 'offline')),
        state TEXT NOT NULL CHECK (state IN ('queued', 'starting', 'running', 'verifying', 'succeeded',
          'failed', 'cancelled')),
        remote_dir TEXT NOT NULL,
        log_offset INTEGER NOT NULL CHECK (log_offset >= 0),
        exit_code INTEGER,
        progress_phase TEXT,
        progress_percent REAL CHECK (progress_percent BETWEEN 0 AND 100),
        started_at TEXT,
        finished_at TEXT,
        verified_location TEXT,
        progress_ts TEXT,
        error TEXT,
        PRIMARY KEY (request_id, move_index),
        CHECK ((progress_phase IS NULL) = (progress_percent IS NULL))
      ) STRICT;
      CREATE INDEX moves_state ON moves (state);

      CREATE TABLE output_lines (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        request_id TEXT NOT NULL,
        move_index INTEGER NOT NULL,
        stream TEXT NOT NULL CHECK (stream IN ('stdout', 'stderr', 'log')),
        text TEXT NOT NULL,
        at TEXT NOT NULL,
        FOREIGN KEY (request_id, move_index) REFERENCES moves (request_id, move_index)
      ) STRICT;
      CREATE INDEX output_lines_move ON output_lines (request_id, move_index, seq);

      -- No foreign key: the audit must record refusals about requests that do not exist.
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        request_id TEXT,
        result TEXT NOT NULL CHECK (result IN ('ok', 'refused', 'failed', 'info')),
        detail_json TEXT CHECK (detail_json IS NULL OR (json_valid(detail_json) AND json_type(detail_json) = 'object'))
      ) STRICT;
      CREATE INDEX audit_request ON audit (request_id, seq);
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit is append-only: rows cannot be updated'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit is append-only: rows cannot be deleted'); END;
    `,
  },
  {
    version: 2,
    name: 'evacuate/return VSP column, one open request per guest',
    sql: `
      -- An evacuation of an empty host has no moves; history <vsp> must still find it.
      ALTER TABLE requests ADD COLUMN vsp TEXT;
      CREATE INDEX requests_vsp ON requests (vsp) WHERE vsp IS NOT NULL;
      CREATE INDEX moves_source ON moves (source);
      CREATE INDEX moves_target ON moves (target);

      -- createRequest answers 'locked' before it gets here; these make a second open holder of a guest
      -- impossible however the rows are written (a closed request reopened, a buggy caller).
      CREATE TRIGGER request_guests_one_open_holder BEFORE INSERT ON request_guests
        WHEN (SELECT state FROM requests WHERE id = NEW.request_id) IN ${OPEN}
          AND EXISTS (SELECT 1 FROM request_guests g JOIN requests r ON r.id = g.request_id
                      WHERE g.guest = NEW.guest AND r.id <> NEW.request_id AND r.state IN ${OPEN})
        BEGIN SELECT RAISE(ABORT, 'guest_locked: guest is held by another open request'); END;
      CREATE TRIGGER requests_reopen_one_open_holder BEFORE UPDATE OF state ON requests
        WHEN NEW.state IN ${OPEN} AND OLD.state NOT IN ${OPEN}
          AND EXISTS (SELECT 1 FROM request_guests mine
                      JOIN request_guests g ON g.guest = mine.guest AND g.request_id <> mine.request_id
                      JOIN requests r ON r.id = g.request_id
                      WHERE mine.request_id = NEW.id AND r.state IN ${OPEN})
        BEGIN SELECT RAISE(ABORT, 'guest_locked: guest is held by another open request'); END;
    `,
  },
  {
    version: 3,
    name: 'load samples for balancing',
    sql: `
      -- One row per VSP per sampling run; a run is the rows sharing 'at'. Read back by run, newest first.
      CREATE TABLE load_samples (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        vsp TEXT NOT NULL,
        cpu_load REAL NOT NULL CHECK (cpu_load >= 0),
        memory_used_mb INTEGER NOT NULL CHECK (memory_used_mb >= 0),
        memory_mb INTEGER NOT NULL CHECK (memory_mb >= 0),
        UNIQUE (at, vsp)
      ) STRICT;
      CREATE INDEX load_samples_at ON load_samples (at);
    `,
  },
  {
    version: 4,
    name: 'workflow states, locks from moves, approvals bound to the plan, chained audit',
    rebuildsTables: true,
    run: migrateToV4,
  },
];

export const LATEST_SCHEMA_VERSION = lastVersion(MIGRATIONS);

function lastVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the file up to the last of `migrations` (the parameter lets tests stop early). Each step runs in
 * its own `BEGIN IMMEDIATE` transaction and re-reads the version inside it, so two processes opening a
 * fresh file at once do not both run a step. Foreign keys stay as the connection has them, except around
 * a step that `rebuildsTables`.
 */
export function migrate(db: Database.Database, path: string, migrations: readonly Migration[] = MIGRATIONS): void {
  const supported = lastVersion(migrations);
  const found = schemaVersion(db);
  if (found > supported) {
    throw new StoreError(
      'schema_too_new',
      `database ${path} has schema version ${found}, newer than the ${supported} this release knows: ` +
        'run the newer release, or restore a backup made by this one',
      { path, foundVersion: found, supportedVersion: supported },
    );
  }
  for (const migration of migrations) {
    const step = db.transaction(() => {
      if (schemaVersion(db) >= migration.version) return;
      if (migration.sql !== undefined) db.exec(migration.sql);
      migration.run?.(db);
      if (migration.rebuildsTables === true) checkForeignKeys(db);
      // user_version lives in the file header and is part of this transaction.
      db.pragma(`user_version = ${migration.version}`);
    });
    const foreignKeysOn = db.pragma('foreign_keys', { simple: true }) === 1;
    const toggle = migration.rebuildsTables === true && foreignKeysOn;
    try {
      if (toggle) db.pragma('foreign_keys = OFF');
      step.immediate();
    } catch (error) {
      throw new StoreError(
        'migration_failed',
        `database ${path}: migration ${migration.version} (${migration.name}) failed: ${String(error)}`,
        { path, foundVersion: schemaVersion(db), supportedVersion: supported, cause: error },
      );
    } finally {
      if (toggle) db.pragma('foreign_keys = ON');
    }
  }
}

/** With foreign keys off nothing stopped a copy from orphaning a row: refuse to commit one that did. */
function checkForeignKeys(db: Database.Database): void {
  const orphans = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  if (orphans.length === 0) return;
  const listed = orphans
    .slice(0, 5)
    .map((orphan) => `${orphan.table} row ${orphan.rowid} → ${orphan.parent}`)
    .join(', ');
  throw new Error(`foreign key check failed after the rebuild: ${listed}${orphans.length > 5 ? ', …' : ''}`);
}
