/**
 * Coded errors of the SQLite store (docs/conventions.md #5): a `code` plus what an operator needs to act — the database
 * file, the request/move concerned, the schema versions. SQLite's own error stays as `cause`.
 */

export type StoreErrorCode =
  /** The file was written by a newer release: refuse rather than guess at its tables. */
  | 'schema_too_new'
  /** Opened read-only (audit verify/export) before the bot migrated it: its tables are not this release's. */
  | 'schema_too_old'
  /** A migration step failed; the file stays at the last version that succeeded. */
  | 'migration_failed'
  | 'move_not_found'
  /** A guest would get a second unfinished move while another request's move holds it. */
  | 'guest_locked'
  /** An audit row does not follow the recorded head (the chain was written around the store). */
  | 'audit_chain_broken'
  /** The file does not exist, cannot be read, or is not an SQLite database. */
  | 'cannot_open'
  /** The file could not be put in WAL mode (locked past the busy timeout, or a file system without WAL). */
  | 'wal_unavailable'
  /** A stored row does not parse (edited by hand, or written by a buggy release). */
  | 'corrupt_row';

export interface StoreErrorDetails {
  readonly path?: string;
  readonly requestId?: string;
  readonly moveIndex?: number;
  readonly guest?: string;
  readonly foundVersion?: number;
  readonly supportedVersion?: number;
  readonly cause?: unknown;
}

export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;
  readonly details: Omit<StoreErrorDetails, 'cause'>;

  constructor(code: StoreErrorCode, message: string, details: StoreErrorDetails = {}) {
    const { cause, ...rest } = details;
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.details = rest;
  }
}
