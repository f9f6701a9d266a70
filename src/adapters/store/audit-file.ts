/**
 * Reads the audit chain of a database file for `hpvm-chatops audit verify|export`: read-only and without
 * migrating, so an operator can check the file of a running bot (or a copy) without changing it. A file
 * of an older schema has no chain yet: the bot migrates it when it opens it.
 */
import Database from 'better-sqlite3';

import type { ChainedAuditEntry } from '../../ports.ts';
import type { AuditChainProblem, AuditHead } from './audit-chain.ts';
import { isAtOrAfter } from './record-shapes.ts';
import { LATEST_SCHEMA_VERSION, schemaVersion } from './schema-migrations.ts';
import { StoreError } from './store-error.ts';
import { chainedAuditFromRow, headFromRow } from './store-rows.ts';

export interface AuditFile {
  /** Oldest first; from `since` on when given. */
  readonly rows: readonly ChainedAuditEntry[];
  /** The head recorded beside the rows, read in the same transaction as them; undefined: its row was deleted. */
  readonly head: AuditHead | undefined;
  /** Rows that do not parse (left out of `rows`), each at its seq. */
  readonly unreadable: readonly AuditChainProblem[];
}

export function readAuditFile(path: string, filter: { readonly since?: string } = {}): AuditFile {
  const db = openReadOnly(path);
  try {
    checkSchema(db, path);
    // One read transaction: a bot appending meanwhile cannot make the head and the rows disagree.
    return db.transaction(() => readChain(db, filter.since)).deferred();
  } finally {
    db.close();
  }
}

function openReadOnly(path: string): Database.Database {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    // Reading the header makes a file that is not SQLite fail here rather than at the first query.
    schemaVersion(db);
    return db;
  } catch (error) {
    throw new StoreError('cannot_open', `cannot open database ${path} read-only: ${(error as Error).message}`, {
      path,
      cause: error,
    });
  }
}

function checkSchema(db: Database.Database, path: string): void {
  const found = schemaVersion(db);
  if (found > LATEST_SCHEMA_VERSION) {
    throw new StoreError(
      'schema_too_new',
      `database ${path} has schema version ${found}, newer than the ${LATEST_SCHEMA_VERSION} this release knows: ` +
        'use the release that wrote it',
      { path, foundVersion: found, supportedVersion: LATEST_SCHEMA_VERSION },
    );
  }
  if (found < LATEST_SCHEMA_VERSION) {
    throw new StoreError(
      'schema_too_old',
      `database ${path} has schema version ${found}, older than the ${LATEST_SCHEMA_VERSION} this release reads ` +
        '(the audit chain arrived with version 4): start the bot of this release on it once so it migrates the ' +
        'file, then run this again',
      { path, foundVersion: found, supportedVersion: LATEST_SCHEMA_VERSION },
    );
  }
}

function readChain(db: Database.Database, since: string | undefined): AuditFile {
  const rawHead = db.prepare(`SELECT seq, hash FROM audit_head WHERE id = 1`).get();
  const head = rawHead === undefined ? undefined : headFromRow(rawHead);
  const rows: ChainedAuditEntry[] = [];
  const unreadable: AuditChainProblem[] = [];
  for (const raw of db.prepare(`SELECT * FROM audit ORDER BY seq`).all()) {
    try {
      rows.push(chainedAuditFromRow(raw));
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      const seq = (raw as { seq?: unknown }).seq;
      unreadable.push({
        seq: typeof seq === 'number' ? seq : 0,
        kind: 'unreadable',
        message: `unreadable: ${error.message}`,
      });
    }
  }
  return { rows: since === undefined ? rows : rows.filter((row) => isAtOrAfter(row.at, since)), head, unreadable };
}
