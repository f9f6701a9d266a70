/**
 * The Store port (src/ports.ts) in memory, with the SQLite store's semantics: compare-and-set commits that
 * write the request, its moves and the chained audit row all or nothing; locks derived from unfinished
 * moves (lockedGuests) with the same `locked` answer and `guest_locked` refusal; duplicate triggers; output
 * with `last`; load samples. Both run the one conformance suite
 * (test/integration/adapters/store/store-conformance.ts). Records go in and out as copies: a caller that
 * mutates what it got back changes nothing here.
 *
 * The `tamper…`/`deleteAudit` methods are back doors for tamper tests only: they change what is stored
 * the way someone editing the database file would, around every rule of the store.
 */
import { patchMove, patchProgress, patchRequest } from '../../../src/adapters/store/apply-patch.ts';
import { headOf, nextAuditRow, type AuditHead } from '../../../src/adapters/store/audit-chain.ts';
import {
  IN_FLIGHT_MOVE_STATES,
  isAtOrAfter,
  moveFromDraft,
  requestFromDraft,
} from '../../../src/adapters/store/record-shapes.ts';
import { StoreError } from '../../../src/adapters/store/store-error.ts';
import type { MoveProgressChange, WorkflowChange } from '../../../src/domain/workflow/changes.ts';
import { lockedGuests } from '../../../src/domain/workflow/locks.ts';
import {
  isFinalMove,
  type AuditEntry,
  type MoveRecord,
  type OutputLine,
  type RequestRecord,
  type Workflow,
} from '../../../src/domain/workflow/records.ts';
import type {
  ChainedAuditEntry,
  CreateRequestResult,
  LoadSample,
  MoveDraft,
  RequestDraft,
  RequestFilter,
  Store,
} from '../../../src/ports.ts';

interface StoredRequest {
  record: RequestRecord;
  /** Ordered by index. */
  moves: MoveRecord[];
  readonly guests: ReadonlySet<string>;
  readonly vsp: string | undefined;
}

export class MemoryStore implements Store {
  /** In creation order: the order SQLite's `seq` gives. */
  private readonly requests = new Map<string, StoredRequest>();
  private readonly output: OutputLine[] = [];
  private readonly audit: ChainedAuditEntry[] = [];
  private head: AuditHead = headOf(undefined);
  private readonly samples = new Map<string, LoadSample>();
  private requestCounter = 0;
  private closed = false;

  createRequest(draft: RequestDraft, moves: readonly MoveDraft[], audit: AuditEntry): Promise<CreateRequestResult> {
    return this.run(() => {
      const existing = [...this.requests.values()].find((stored) => stored.record.triggerId === draft.triggerId);
      if (existing !== undefined) return { kind: 'duplicate', record: copy(existing.record) };
      const locks = lockedGuests(this.allMoves());
      for (const guest of new Set(moves.map((move) => move.guest))) {
        const heldBy = locks.get(guest);
        if (heldBy !== undefined) return { kind: 'locked', guest, heldBy };
      }
      const id = `REQ-${this.requestCounter + 1}`;
      const stored: StoredRequest = {
        record: requestFromDraft(id, copy(draft)),
        moves: moves.map((move) => moveFromDraft(id, move)).sort((a, b) => a.index - b.index),
        guests: new Set(draft.guests),
        vsp: draft.vsp,
      };
      if (new Set(stored.moves.map((move) => move.index)).size !== stored.moves.length) {
        throw new Error(`MemoryStore: two moves with the same index in ${id} (SQLite: UNIQUE constraint failed)`);
      }
      // Nothing is written before this point: a throw above leaves the store as it was.
      this.requestCounter += 1;
      this.requests.set(id, stored);
      this.appendAuditNow({ ...audit, requestId: id });
      return { kind: 'created', workflow: workflowOf(stored) };
    });
  }

  getRequest(id: string): Promise<RequestRecord | undefined> {
    return this.run(() => {
      const stored = this.requests.get(id);
      return stored === undefined ? undefined : copy(stored.record);
    });
  }

  getWorkflow(id: string): Promise<Workflow | undefined> {
    return this.run(() => {
      const stored = this.requests.get(id);
      return stored === undefined ? undefined : workflowOf(stored);
    });
  }

  listRequests(filter: RequestFilter): Promise<RequestRecord[]> {
    return this.run(() =>
      [...this.requests.values()]
        .reverse()
        .filter((stored) => matches(stored, filter))
        .slice(0, limitOf(filter.limit))
        .map((stored) => copy(stored.record)),
    );
  }

  commit(
    requestId: string,
    expectedVersion: number,
    change: WorkflowChange,
    audit: AuditEntry,
  ): Promise<Workflow | undefined> {
    return this.run(() => {
      const stored = this.requests.get(requestId);
      if (stored === undefined || stored.record.version !== expectedVersion) return undefined;
      const moves = new Map(stored.moves.map((move) => [move.index, move]));
      for (const update of change.moves) {
        const move = moves.get(update.index);
        if (move === undefined) throw moveNotFound(requestId, update.index);
        moves.set(update.index, patchMove(move, copy(update.change)));
      }
      this.refuseSecondHolder(
        requestId,
        change.moves.map((update) => moves.get(update.index) as MoveRecord),
      );
      const record = { ...patchRequest(stored.record, copy(change.request)), version: expectedVersion + 1 };
      // Everything is checked: write the request, its moves and the audit row together.
      stored.record = record;
      stored.moves = [...moves.values()];
      this.appendAuditNow({ ...audit, requestId });
      return workflowOf(stored);
    });
  }

  recordProgress(requestId: string, index: number, change: MoveProgressChange): Promise<MoveRecord> {
    return this.run(() => {
      const stored = this.requests.get(requestId);
      const position = stored?.moves.findIndex((move) => move.index === index) ?? -1;
      const current = stored?.moves[position];
      if (stored === undefined || current === undefined) throw moveNotFound(requestId, index);
      const next = patchProgress(current, copy(change));
      if (next.logOffset < 0) throw new Error('MemoryStore: a negative log offset (SQLite: CHECK constraint failed)');
      stored.moves[position] = next;
      return copy(next);
    });
  }

  guestLocks(): Promise<Map<string, string>> {
    return this.run(() => lockedGuests(this.allMoves()));
  }

  movesInFlight(): Promise<MoveRecord[]> {
    return this.run(() =>
      this.allMoves()
        .filter((move) => IN_FLIGHT_MOVE_STATES.includes(move.state))
        .map(copy),
    );
  }

  appendOutput(lines: readonly OutputLine[]): Promise<void> {
    return this.run(() => {
      const orphan = lines.find((line) => this.moveOf(line.requestId, line.moveIndex) === undefined);
      if (orphan !== undefined) throw moveNotFound(orphan.requestId, orphan.moveIndex, 'output for unknown move');
      this.output.push(...lines.map(copy));
    });
  }

  getOutput(requestId: string, moveIndex: number, options: { readonly last?: number } = {}): Promise<OutputLine[]> {
    return this.run(() => {
      const lines = this.output.filter((line) => line.requestId === requestId && line.moveIndex === moveIndex);
      const from = options.last === undefined ? 0 : Math.max(0, lines.length - limitOf(options.last));
      return lines.slice(from).map(copy);
    });
  }

  appendAudit(entry: AuditEntry): Promise<void> {
    return this.run(() => {
      this.appendAuditNow(entry);
    });
  }

  listAudit(filter: { readonly requestId?: string; readonly limit: number }): Promise<AuditEntry[]> {
    return this.run(() =>
      this.audit
        .filter((row) => filter.requestId === undefined || row.requestId === filter.requestId)
        .reverse()
        .slice(0, limitOf(filter.limit))
        .map(({ seq: _seq, prevHash: _prevHash, hash: _hash, ...entry }) => copy(entry)),
    );
  }

  readAuditChain(filter: { readonly since?: string } = {}): Promise<ChainedAuditEntry[]> {
    const { since } = filter;
    return this.run(() =>
      this.audit.filter((row) => since === undefined || isAtOrAfter(row.at, since)).map((row) => copy(row)),
    );
  }

  /** The last row's seq and hash as recorded beside the rows (as SqliteStore.auditHead). */
  auditHead(): Promise<AuditHead> {
    return this.run(() => ({ ...this.head }));
  }

  appendLoadSamples(samples: readonly LoadSample[]): Promise<void> {
    return this.run(() => {
      if (samples.some((sample) => sample.cpuLoad < 0 || sample.memoryUsedMb < 0 || sample.memoryMb < 0)) {
        throw new Error('MemoryStore: a negative load (SQLite: CHECK constraint failed)');
      }
      for (const sample of samples) {
        // As SQLite's INSERT OR REPLACE on (at, vsp): a repeated sample replaces the earlier one.
        this.samples.set(JSON.stringify([sample.at, sample.vsp]), {
          ...sample,
          memoryUsedMb: Math.round(sample.memoryUsedMb),
          memoryMb: Math.round(sample.memoryMb),
        });
      }
    });
  }

  recentLoadSamples(runs: number): Promise<LoadSample[][]> {
    return this.run(() => {
      const byRun = new Map<string, LoadSample[]>();
      const sorted = [...this.samples.values()].sort((a, b) => compare(b.at, a.at) || compare(a.vsp, b.vsp));
      for (const sample of sorted) byRun.set(sample.at, [...(byRun.get(sample.at) ?? []), { ...sample }]);
      return [...byRun.values()].slice(0, limitOf(runs));
    });
  }

  /** Idempotent; every later call rejects, as with a closed database. */
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  // --- back doors for tamper tests (what editing the database file by hand would do) ----------------

  /** Replaces a request's stored plan without touching its hash or version: a broken seal. */
  tamperPlanJson(requestId: string, planJson: string): void {
    const stored = this.requests.get(requestId);
    if (stored === undefined) throw new Error(`tamperPlanJson: no request ${requestId}`);
    stored.record = { ...stored.record, planJson };
  }

  /** Edits an audit row in place (content, or its hashes), leaving the head as it was. */
  tamperAudit(seq: number, patch: Partial<ChainedAuditEntry>): void {
    const position = this.audit.findIndex((row) => row.seq === seq);
    const row = this.audit[position];
    if (row === undefined) throw new Error(`tamperAudit: no audit row ${seq}`);
    this.audit[position] = { ...row, ...copy(patch) };
  }

  /** Removes an audit row, leaving the head as it was. */
  deleteAudit(seq: number): void {
    const position = this.audit.findIndex((row) => row.seq === seq);
    if (position < 0) throw new Error(`deleteAudit: no audit row ${seq}`);
    this.audit.splice(position, 1);
  }

  // --- internals ------------------------------------------------------------------------------------

  /** Answers on a later tick like the SQLite store; a throw becomes a rejection. */
  private run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve) => {
      if (this.closed) throw new Error('MemoryStore is closed');
      resolve(work());
    });
  }

  private allMoves(): MoveRecord[] {
    return [...this.requests.values()].flatMap((stored) => stored.moves);
  }

  private moveOf(requestId: string, index: number): MoveRecord | undefined {
    return this.requests.get(requestId)?.moves.find((move) => move.index === index);
  }

  /** As the triggers of SQLite migration 4 (on the moves written): an unfinished move of a held guest. */
  private refuseSecondHolder(requestId: string, moves: readonly MoveRecord[]): void {
    const others = this.allMoves().filter((move) => move.requestId !== requestId && !isFinalMove(move.state));
    const clash = moves.find((move) => !isFinalMove(move.state) && others.some((other) => other.guest === move.guest));
    if (clash === undefined) return;
    throw new StoreError('guest_locked', 'a guest would have a second unfinished move: another request holds it', {
      requestId,
      guest: clash.guest,
    });
  }

  private appendAuditNow(entry: AuditEntry): void {
    const row = nextAuditRow(this.head, entry);
    this.audit.push(row);
    this.head = headOf(row);
  }
}

function workflowOf(stored: StoredRequest): Workflow {
  return { request: copy(stored.record), moves: stored.moves.map(copy) };
}

function matches(stored: StoredRequest, filter: RequestFilter): boolean {
  const { record, moves } = stored;
  if (filter.states !== undefined && !filter.states.includes(record.state)) return false;
  if (filter.kind !== undefined && record.kind !== filter.kind) return false;
  const { guest, vsp } = filter;
  if (guest !== undefined && !stored.guests.has(guest) && !moves.some((move) => move.guest === guest)) return false;
  if (vsp !== undefined && stored.vsp !== vsp && !moves.some((move) => move.source === vsp || move.target === vsp)) {
    return false;
  }
  return true;
}

function moveNotFound(requestId: string, index: number, what = 'no move'): StoreError {
  return new StoreError('move_not_found', `${what} ${index} in request ${requestId}`, { requestId, moveIndex: index });
}

/** As SQLite's LIMIT for the port: at most this many, never "no limit". */
function limitOf(limit: number): number {
  return Math.max(0, Math.trunc(limit));
}

/** Code-unit order, as SQLite's BINARY collation. */
function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function copy<T>(value: T): T {
  return structuredClone(value);
}
