/**
 * The Store port on one SQLite file (DESIGN §5). Replicas may share the file: every write is a short
 * `BEGIN IMMEDIATE` transaction (the second writer waits on busy_timeout), and every request change is a
 * compare-and-set on its version. Guest locks are not stored: a guest is locked while a request that
 * lists it is in an open state, so closing a request releases its guests in the same write.
 */
import Database from 'better-sqlite3';

import { isOpen, OPEN_REQUEST_STATES } from '../../domain/workflow/records.ts';
import type { AuditEntry, MoveRecord, MoveState, OutputLine, RequestRecord } from '../../domain/workflow/records.ts';
import type {
  CreateRequestResult,
  LoadSample,
  MoveDraft,
  MovePatch,
  RequestDraft,
  RequestFilter,
  RequestPatch,
  Store,
} from '../../ports.ts';
import { patchMove, patchRequest } from './apply-patch.ts';
import { openDatabase, type OpenDatabaseOptions } from './open-database.ts';
import { StoreError } from './store-error.ts';
import {
  auditFromRow,
  auditParams,
  CounterRow,
  LockRow,
  moveFromRow,
  moveInsertParams,
  moveUpdateParams,
  outputFromRow,
  outputParams,
  parseRow,
  requestFromRow,
  requestInsertParams,
  requestUpdateParams,
} from './store-rows.ts';
import { prepareStatements, type Statements } from './store-statements.ts';

export type SqliteStoreOptions = OpenDatabaseOptions;

/** What a restarted bot reattaches to (ports.ts `unfinishedMoves`). */
export const UNFINISHED_MOVE_STATES: readonly MoveState[] = ['starting', 'running', 'verifying'];

const OPEN_JSON = JSON.stringify(OPEN_REQUEST_STATES);
const UNFINISHED_JSON = JSON.stringify(UNFINISHED_MOVE_STATES);

export class SqliteStore implements Store {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly sql: Statements;
  /** Run with `.immediate`: the write lock is taken at BEGIN, so the checks read what the writes build on. */
  private readonly createTx: Database.Transaction<
    (draft: RequestDraft, guests: readonly string[], moves: readonly MoveDraft[]) => CreateRequestResult
  >;
  private readonly updateRequestTx: Database.Transaction<
    (id: string, expectedVersion: number, patch: RequestPatch) => RequestRecord | undefined
  >;
  private readonly updateMoveTx: Database.Transaction<
    (requestId: string, index: number, patch: MovePatch, from?: readonly MoveState[]) => MoveRecord | undefined
  >;
  private readonly appendOutputTx: Database.Transaction<(lines: readonly OutputLine[]) => void>;
  private readonly appendSamplesTx: Database.Transaction<(samples: readonly LoadSample[]) => void>;

  /** Creates the file and its folders if needed, and migrates it; refuses a file from a newer release. */
  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.path = path;
    this.db = openDatabase(path, options);
    this.sql = prepareStatements(this.db);
    this.createTx = this.db.transaction((draft: RequestDraft, guests: readonly string[], moves: readonly MoveDraft[]) =>
      this.createNow(draft, guests, moves),
    );
    this.updateRequestTx = this.db.transaction((id: string, expectedVersion: number, patch: RequestPatch) =>
      this.updateRequestNow(id, expectedVersion, patch),
    );
    this.updateMoveTx = this.db.transaction(
      (requestId: string, index: number, patch: MovePatch, from?: readonly MoveState[]) =>
        this.updateMoveNow(requestId, index, patch, from),
    );
    this.appendOutputTx = this.db.transaction((lines: readonly OutputLine[]) => {
      for (const line of lines) this.sql.insertOutput.run(outputParams(line));
    });
    this.appendSamplesTx = this.db.transaction((samples: readonly LoadSample[]) => {
      for (const sample of samples) {
        this.sql.insertLoadSample.run({
          at: sample.at,
          vsp: sample.vsp,
          cpu_load: sample.cpuLoad,
          memory_used_mb: Math.round(sample.memoryUsedMb),
          memory_mb: Math.round(sample.memoryMb),
        });
      }
    });
  }

  createRequest(
    draft: RequestDraft,
    guests: readonly string[],
    moves: readonly MoveDraft[],
  ): Promise<CreateRequestResult> {
    return settle(() => this.createTx.immediate(draft, guests, moves));
  }

  getRequest(id: string): Promise<RequestRecord | undefined> {
    return settle(() => {
      const row = this.sql.requestById.get(id);
      return row === undefined ? undefined : requestFromRow(row);
    });
  }

  updateRequest(id: string, expectedVersion: number, patch: RequestPatch): Promise<RequestRecord | undefined> {
    return settle(() => {
      try {
        return this.updateRequestTx.immediate(id, expectedVersion, patch);
      } catch (error) {
        if (!isRaised(error, 'guest_locked')) throw error;
        throw new StoreError(
          'guest_locked',
          `request ${id} cannot reopen: a guest of it is held by another open request`,
          {
            path: this.path,
            requestId: id,
            cause: error,
          },
        );
      }
    });
  }

  listRequests(filter: RequestFilter): Promise<RequestRecord[]> {
    return settle(() =>
      this.sql.listRequests
        .all({
          states: filter.states === undefined ? null : JSON.stringify(filter.states),
          kind: filter.kind ?? null,
          guest: filter.guest ?? null,
          vsp: filter.vsp ?? null,
          limit: sqlLimit(filter.limit),
        })
        .map(requestFromRow),
    );
  }

  guestLocks(): Promise<Map<string, string>> {
    return settle(() => {
      const locks = new Map<string, string>();
      for (const raw of this.sql.guestLocks.all({ open: OPEN_JSON })) {
        const row = parseRow(LockRow, raw, 'guest lock');
        if (!locks.has(row.guest)) locks.set(row.guest, row.request_id);
      }
      return locks;
    });
  }

  getMoves(requestId: string): Promise<MoveRecord[]> {
    return settle(() => this.sql.movesOf.all(requestId).map(moveFromRow));
  }

  updateMove(requestId: string, index: number, patch: MovePatch): Promise<MoveRecord> {
    return settle(() => this.updateMoveTx.immediate(requestId, index, patch) as MoveRecord);
  }

  transitionMove(
    requestId: string,
    index: number,
    from: readonly MoveState[],
    patch: MovePatch,
  ): Promise<MoveRecord | undefined> {
    return settle(() => this.updateMoveTx.immediate(requestId, index, patch, from));
  }

  unfinishedMoves(): Promise<MoveRecord[]> {
    return settle(() => this.sql.movesInStates.all({ states: UNFINISHED_JSON }).map(moveFromRow));
  }

  appendOutput(lines: readonly OutputLine[]): Promise<void> {
    return settle(() => {
      try {
        this.appendOutputTx.immediate(lines);
      } catch (error) {
        if (!isForeignKeyError(error)) throw error;
        // The batch rolled back as a whole; name the first line whose move does not exist.
        const orphan = lines.find((line) => this.sql.moveByKey.get(line.requestId, line.moveIndex) === undefined);
        throw new StoreError('move_not_found', `output for unknown move ${describeMove(orphan)}`, {
          path: this.path,
          ...(orphan === undefined ? {} : { requestId: orphan.requestId, moveIndex: orphan.moveIndex }),
          cause: error,
        });
      }
    });
  }

  getOutput(requestId: string, moveIndex: number): Promise<OutputLine[]> {
    return settle(() => this.sql.outputOf.all(requestId, moveIndex).map(outputFromRow));
  }

  appendAudit(entry: AuditEntry): Promise<void> {
    return settle(() => {
      this.sql.insertAudit.run(auditParams(entry));
    });
  }

  listAudit(filter: { readonly requestId?: string; readonly limit: number }): Promise<AuditEntry[]> {
    return settle(() =>
      this.sql.listAudit.all({ request_id: filter.requestId ?? null, limit: sqlLimit(filter.limit) }).map(auditFromRow),
    );
  }

  appendLoadSamples(samples: readonly LoadSample[]): Promise<void> {
    return settle(() => {
      this.appendSamplesTx.immediate(samples);
    });
  }

  recentLoadSamples(runs: number): Promise<LoadSample[][]> {
    return settle(() => {
      const byRun = new Map<string, LoadSample[]>();
      for (const row of this.sql.recentLoadSamples.all({ runs: sqlLimit(runs) })) {
        const run = byRun.get(row.at) ?? [];
        run.push({
          at: row.at,
          vsp: row.vsp,
          cpuLoad: row.cpu_load,
          memoryUsedMb: row.memory_used_mb,
          memoryMb: row.memory_mb,
        });
        byRun.set(row.at, run);
      }
      return [...byRun.values()];
    });
  }

  /** Idempotent. */
  close(): Promise<void> {
    return settle(() => {
      if (this.db.open) this.db.close();
    });
  }

  private createNow(draft: RequestDraft, guests: readonly string[], moves: readonly MoveDraft[]): CreateRequestResult {
    const existing = this.sql.requestByTrigger.get(draft.triggerId);
    if (existing !== undefined) return { kind: 'duplicate', record: requestFromRow(existing) };
    const distinctGuests = [...new Set(guests)];
    // A closed request (e.g. `checked`) locks nothing, so it need not wait for anyone's lock either.
    if (isOpen(draft.state)) {
      for (const guest of distinctGuests) {
        const holder = this.sql.lockHolders.get({ guest, open: OPEN_JSON });
        if (holder !== undefined)
          return { kind: 'locked', guest, heldBy: parseRow(LockRow, holder, 'guest lock').request_id };
      }
    }
    const seq = parseRow(CounterRow, this.sql.nextRequestSeq.get(), 'request counter').value;
    const id = `REQ-${seq}`;
    this.sql.insertRequest.run(requestInsertParams(id, seq, draft));
    for (const guest of distinctGuests) this.sql.insertGuest.run(id, guest);
    for (const move of moves) this.sql.insertMove.run(moveInsertParams(id, move));
    return { kind: 'created', record: requestFromRow(this.sql.requestById.get(id)) };
  }

  private updateRequestNow(id: string, expectedVersion: number, patch: RequestPatch): RequestRecord | undefined {
    const row = this.sql.requestById.get(id);
    if (row === undefined) return undefined;
    const current = requestFromRow(row);
    if (current.version !== expectedVersion) return undefined;
    // The WHERE on version repeats the check above: the statement stays a compare-and-set on its own.
    const updated = this.sql.updateRequest.get(requestUpdateParams(patchRequest(current, patch), expectedVersion));
    return updated === undefined ? undefined : requestFromRow(updated);
  }

  private updateMoveNow(
    requestId: string,
    index: number,
    patch: MovePatch,
    from?: readonly MoveState[],
  ): MoveRecord | undefined {
    const row = this.sql.moveByKey.get(requestId, index);
    if (row === undefined) {
      throw new StoreError('move_not_found', `no move ${index} in request ${requestId}`, {
        path: this.path,
        requestId,
        moveIndex: index,
      });
    }
    const current = moveFromRow(row);
    // A move changes state only from the states the caller expects: a cancel and a start cannot both win.
    if (from !== undefined && !from.includes(current.state)) return undefined;
    return moveFromRow(this.sql.updateMove.get(moveUpdateParams(patchMove(current, patch))));
  }
}

/** better-sqlite3 is synchronous; callers of the port expect failures as rejections, not throws. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

/** SQLite reads a negative LIMIT as "no limit"; the port means "at most this many". */
function sqlLimit(limit: number): number {
  return Math.max(0, Math.trunc(limit));
}

/** A RAISE(ABORT, '<code>: …') from one of the schema's triggers. */
function isRaised(error: unknown, code: string): boolean {
  return error instanceof Database.SqliteError && error.message.startsWith(`${code}:`);
}

function isForeignKeyError(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

function describeMove(line: OutputLine | undefined): string {
  return line === undefined ? '(unknown)' : `${line.moveIndex} of request ${line.requestId}`;
}
