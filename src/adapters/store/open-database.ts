/**
 * Opens (or creates) the database file with the settings every connection needs, then migrates it.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import { migrate, type Migration, MIGRATIONS } from './schema-migrations.ts';
import { StoreError } from './store-error.ts';

export interface OpenDatabaseOptions {
  /**
   * How long a statement waits for another connection's write lock before failing with SQLITE_BUSY.
   * Replicas on one file take turns instead of failing; a write transaction here lasts milliseconds.
   */
  readonly busyTimeoutMs?: number;
  /** Tests stop early to craft an older file; production always uses every migration. */
  readonly migrations?: readonly Migration[];
}

export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database.Database {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: busyTimeoutMs });
  try {
    if (path !== ':memory:') enableWal(db, path, busyTimeoutMs);
    // With WAL, NORMAL syncs at checkpoints instead of every commit: a crash of the process loses nothing
    // and the file cannot corrupt; only a power cut can drop the last commits. Every audit line and log
    // offset is a commit, so FULL would put an fsync on each acknowledgement's path.
    db.pragma('synchronous = NORMAL');
    // Off by default in SQLite, per connection; the schema's REFERENCES mean nothing without it.
    db.pragma('foreign_keys = ON');
    migrate(db, path, options.migrations ?? MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * WAL: readers never block the writer, and a crash mid-write leaves the last commit intact. The mode is
 * stored in the file, but switching a fresh file needs an exclusive lock and SQLite answers SQLITE_BUSY
 * (or keeps the old mode) at once, without the busy handler, while another process opens the same fresh
 * file — so retry here until the busy timeout, as a statement would wait.
 */
function enableWal(db: Database.Database, path: string, busyTimeoutMs: number): void {
  const deadline = Date.now() + busyTimeoutMs;
  let lastError: unknown;
  for (let attempt = 0; ; attempt += 1) {
    try {
      if (db.pragma('journal_mode = WAL', { simple: true }) === 'wal') return;
      lastError = undefined;
    } catch (error) {
      if (!(error instanceof Database.SqliteError) || !error.code.startsWith('SQLITE_BUSY')) throw error;
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    sleepSync(Math.min(5 * 2 ** attempt, 100));
  }
  throw new StoreError(
    'wal_unavailable',
    `database ${path}: could not switch to WAL journal mode within ${busyTimeoutMs} ms ` +
      '(another process holds it locked, or the file system does not support WAL)',
    { path, cause: lastError },
  );
}

/** Opening happens once at startup, before the bot serves anything: blocking briefly is fine. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
