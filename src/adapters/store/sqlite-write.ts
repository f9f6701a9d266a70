/**
 * How the SQLite store runs its statements: writes in `BEGIN IMMEDIATE` transactions with the schema's
 * trigger errors turned into coded StoreErrors (docs/conventions.md #5), results as promises.
 */
import Database from 'better-sqlite3';

import { StoreError } from './store-error.ts';

/**
 * One `BEGIN IMMEDIATE` transaction: the write lock is taken at BEGIN, so what `work` reads is what its
 * writes build on, even with another process on the file. A trigger's RAISE becomes a StoreError.
 */
export function writeImmediate<T>(db: Database.Database, path: string, work: () => T, requestId?: string): T {
  try {
    return db.transaction(work).immediate();
  } catch (error) {
    throw codedError(error, path, requestId);
  }
}

function codedError(error: unknown, path: string, requestId: string | undefined): unknown {
  const context = { path, ...(requestId === undefined ? {} : { requestId }), cause: error };
  if (isRaised(error, 'guest_locked')) {
    return new StoreError(
      'guest_locked',
      'a guest would have a second unfinished move: another request holds it',
      context,
    );
  }
  if (isRaised(error, 'audit_chain')) {
    return new StoreError(
      'audit_chain_broken',
      `database ${path}: the audit row does not follow the recorded head: run \`hpvm-chatops audit verify\``,
      context,
    );
  }
  return error;
}

/** A RAISE(ABORT, '<code>: …') from one of the schema's triggers. */
function isRaised(error: unknown, code: string): boolean {
  return error instanceof Database.SqliteError && error.message.startsWith(`${code}:`);
}

export function isForeignKeyError(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** better-sqlite3 is synchronous; callers of the port expect failures as rejections, not throws. */
export function settle<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

/** SQLite reads a negative LIMIT as "no limit"; the port means "at most this many". */
export function sqlLimit(limit: number): number {
  return Math.max(0, Math.trunc(limit));
}
