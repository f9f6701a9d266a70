/**
 * The Store port on one SQLite file. Replicas may share the file: every write is a short `BEGIN IMMEDIATE`
 * transaction (the second writer waits on busy_timeout, and what a write checks cannot change before it
 * writes), and every state change is a compare-and-set on the request's version that writes the request,
 * its moves and the audit row together (docs/architecture.md, "States and events"). Guest locks are not
 * stored: a guest is locked while it has an unfinished move, so the transition that finishes the move
 * releases the guest in the same write. Audit rows are chained by hash (audit-chain.ts).
 */
import type Database from 'better-sqlite3';

import type { MoveProgressChange, WorkflowChange } from '../../domain/workflow/changes.ts';
import { FINAL_MOVE_STATES } from '../../domain/workflow/records.ts';
import type { AuditEntry, MoveRecord, OutputLine, RequestRecord, Workflow } from '../../domain/workflow/records.ts';
import type {
  ChainedAuditEntry,
  CreateRequestResult,
  LoadSample,
  MoveDraft,
  RequestDraft,
  RequestFilter,
  Store,
} from '../../ports.ts';
import { patchMove, patchProgress, patchRequest } from './apply-patch.ts';
import { nextAuditRow, type AuditHead } from './audit-chain.ts';
import { openDatabase, type OpenDatabaseOptions } from './open-database.ts';
import { IN_FLIGHT_MOVE_STATES, isAtOrAfter, moveFromDraft, requestFromDraft } from './record-shapes.ts';
import { StoreError } from './store-error.ts';
import {
  auditFromRow,
  auditParams,
  chainedAuditFromRow,
  CounterRow,
  headFromRow,
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
import { isForeignKeyError, settle, sqlLimit, writeImmediate } from './sqlite-write.ts';

export type SqliteStoreOptions = OpenDatabaseOptions;

const FINAL_JSON = JSON.stringify(FINAL_MOVE_STATES);
const IN_FLIGHT_JSON = JSON.stringify(IN_FLIGHT_MOVE_STATES);

export class SqliteStore implements Store {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly sql: Statements;

  /** Creates the file and its folders if needed, and migrates it; refuses a file from a newer release. */
  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.path = path;
    this.db = openDatabase(path, options);
    this.sql = prepareStatements(this.db);
  }

  createRequest(draft: RequestDraft, moves: readonly MoveDraft[], audit: AuditEntry): Promise<CreateRequestResult> {
    return settle(() => this.write(() => this.createNow(draft, moves, audit)));
  }

  getRequest(id: string): Promise<RequestRecord | undefined> {
    return settle(() => {
      const row = this.sql.requestById.get(id);
      return row === undefined ? undefined : requestFromRow(row);
    });
  }

  getWorkflow(id: string): Promise<Workflow | undefined> {
    // One read transaction: the request and its moves as of the same commit, even with another writer.
    return settle(() => this.db.transaction(() => this.workflowNow(id)).deferred());
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

  commit(
    requestId: string,
    expectedVersion: number,
    change: WorkflowChange,
    audit: AuditEntry,
  ): Promise<Workflow | undefined> {
    return settle(() => this.write(() => this.commitNow(requestId, expectedVersion, change, audit), requestId));
  }

  recordProgress(requestId: string, index: number, change: MoveProgressChange): Promise<MoveRecord> {
    return settle(() =>
      this.write(() => {
        const current = this.moveNow(requestId, index);
        return moveFromRow(this.sql.updateProgress.get(moveUpdateParams(patchProgress(current, change))));
      }),
    );
  }

  guestLocks(): Promise<Map<string, string>> {
    return settle(() => {
      const locks = new Map<string, string>();
      for (const raw of this.sql.guestLocks.all({ final: FINAL_JSON })) {
        const row = parseRow(LockRow, raw, 'guest lock');
        if (!locks.has(row.guest)) locks.set(row.guest, row.request_id);
      }
      return locks;
    });
  }

  movesInFlight(): Promise<MoveRecord[]> {
    return settle(() => this.sql.movesInStates.all({ states: IN_FLIGHT_JSON }).map(moveFromRow));
  }

  appendOutput(lines: readonly OutputLine[]): Promise<void> {
    return settle(() => {
      try {
        this.write(() => {
          for (const line of lines) this.sql.insertOutput.run(outputParams(line));
        });
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

  getOutput(requestId: string, moveIndex: number, options: { readonly last?: number } = {}): Promise<OutputLine[]> {
    return settle(() =>
      this.sql.outputOf
        .all({
          request_id: requestId,
          move_index: moveIndex,
          last: options.last === undefined ? -1 : sqlLimit(options.last),
        })
        .map(outputFromRow),
    );
  }

  appendAudit(entry: AuditEntry): Promise<void> {
    return settle(() => this.write(() => this.appendAuditNow(entry)));
  }

  listAudit(filter: { readonly requestId?: string; readonly limit: number }): Promise<AuditEntry[]> {
    return settle(() =>
      this.sql.listAudit.all({ request_id: filter.requestId ?? null, limit: sqlLimit(filter.limit) }).map(auditFromRow),
    );
  }

  readAuditChain(filter: { readonly since?: string } = {}): Promise<ChainedAuditEntry[]> {
    const { since } = filter;
    return settle(() => {
      const rows = this.sql.auditChain.all().map(chainedAuditFromRow);
      return since === undefined ? rows : rows.filter((row) => isAtOrAfter(row.at, since));
    });
  }

  /** The last row's seq and hash as recorded beside the rows (for verifyAuditChain); not part of the port. */
  auditHead(): Promise<AuditHead> {
    return settle(() => headFromRow(this.sql.auditHead.get()));
  }

  appendLoadSamples(samples: readonly LoadSample[]): Promise<void> {
    return settle(() =>
      this.write(() => {
        for (const sample of samples) {
          this.sql.insertLoadSample.run({
            at: sample.at,
            vsp: sample.vsp,
            cpu_load: sample.cpuLoad,
            memory_used_mb: Math.round(sample.memoryUsedMb),
            memory_mb: Math.round(sample.memoryMb),
          });
        }
      }),
    );
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

  private write<T>(work: () => T, requestId?: string): T {
    return writeImmediate(this.db, this.path, work, requestId);
  }

  private createNow(draft: RequestDraft, moves: readonly MoveDraft[], audit: AuditEntry): CreateRequestResult {
    const existing = this.sql.requestByTrigger.get(draft.triggerId);
    if (existing !== undefined) return { kind: 'duplicate', record: requestFromRow(existing) };
    for (const guest of new Set(moves.map((move) => move.guest))) {
      const holder = this.sql.lockHolder.get({ guest, final: FINAL_JSON });
      if (holder !== undefined)
        return { kind: 'locked', guest, heldBy: parseRow(LockRow, holder, 'guest lock').request_id };
    }
    const seq = parseRow(CounterRow, this.sql.nextRequestSeq.get(), 'request counter').value;
    const record = requestFromDraft(`REQ-${seq}`, draft);
    this.sql.insertRequest.run(requestInsertParams(seq, record, draft.vsp));
    for (const guest of new Set(draft.guests)) this.sql.insertGuest.run(record.id, guest);
    for (const move of moves) this.sql.insertMove.run(moveInsertParams(moveFromDraft(record.id, move)));
    this.appendAuditNow({ ...audit, requestId: record.id });
    return { kind: 'created', workflow: this.workflowNow(record.id) as Workflow };
  }

  private commitNow(
    requestId: string,
    expectedVersion: number,
    change: WorkflowChange,
    audit: AuditEntry,
  ): Workflow | undefined {
    const current = this.workflowNow(requestId);
    if (current === undefined || current.request.version !== expectedVersion) return undefined;
    const moves = new Map(current.moves.map((move) => [move.index, move]));
    // Every index is checked before anything is written (the transaction would undo it anyway).
    const missing = change.moves.find((update) => !moves.has(update.index));
    if (missing !== undefined) throw this.moveNotFound(requestId, missing.index);
    // The WHERE on version repeats the check above: the statement stays a compare-and-set on its own.
    const updated = this.sql.updateRequest.get(
      requestUpdateParams(patchRequest(current.request, change.request), expectedVersion),
    );
    if (updated === undefined) return undefined;
    for (const update of change.moves) {
      const next = patchMove(moves.get(update.index) as MoveRecord, update.change);
      moves.set(update.index, next);
      this.sql.updateMove.run(moveUpdateParams(next));
    }
    this.appendAuditNow({ ...audit, requestId });
    return this.workflowNow(requestId);
  }

  private workflowNow(id: string): Workflow | undefined {
    const row = this.sql.requestById.get(id);
    if (row === undefined) return undefined;
    return { request: requestFromRow(row), moves: this.sql.movesOf.all(id).map(moveFromRow) };
  }

  private moveNow(requestId: string, index: number): MoveRecord {
    const row = this.sql.moveByKey.get(requestId, index);
    if (row === undefined) throw this.moveNotFound(requestId, index);
    return moveFromRow(row);
  }

  private moveNotFound(requestId: string, index: number): StoreError {
    return new StoreError('move_not_found', `no move ${index} in request ${requestId}`, {
      path: this.path,
      requestId,
      moveIndex: index,
    });
  }

  /** Inside a write transaction: the head read here is the one the new row follows. */
  private appendAuditNow(entry: AuditEntry): void {
    const raw = this.sql.auditHead.get();
    // Only a hand-edited file lacks it; a chain that is broken otherwise goes on growing (refusing would stop
    // every transition), and `audit verify` keeps reporting the damage.
    if (raw === undefined) {
      throw new StoreError(
        'audit_chain_broken',
        `database ${this.path}: the audit head row is missing, so a new audit row has nothing to follow: run \`hpvm-chatops audit verify\``,
        { path: this.path },
      );
    }
    this.sql.insertAudit.run(auditParams(nextAuditRow(headFromRow(raw), entry)));
  }
}

function describeMove(line: OutputLine | undefined): string {
  return line === undefined ? '(unknown)' : `${line.moveIndex} of request ${line.requestId}`;
}
