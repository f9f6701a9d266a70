/**
 * Every SQL statement of the store, prepared once per connection. Rows come back as `unknown` on purpose:
 * `store-rows.ts` parses them. Lists (states) are bound as JSON arrays and read with `json_each`, so one
 * prepared statement serves every filter.
 */
import type Database from 'better-sqlite3';

import type {
  auditParams,
  moveInsertParams,
  moveUpdateParams,
  outputParams,
  requestInsertParams,
  requestUpdateParams,
} from './store-rows.ts';

export interface RequestQuery {
  /** JSON array of states, or null for any. */
  readonly states: string | null;
  readonly kind: string | null;
  readonly guest: string | null;
  readonly vsp: string | null;
  readonly limit: number;
}

export interface LoadSampleRow {
  at: string;
  vsp: string;
  cpu_load: number;
  memory_used_mb: number;
  memory_mb: number;
}

export type Statements = ReturnType<typeof prepareStatements>;

export function prepareStatements(db: Database.Database) {
  return {
    ...requestStatements(db),
    ...moveStatements(db),
    ...auditStatements(db),
    ...loadSampleStatements(db),
  };
}

function requestStatements(db: Database.Database) {
  return {
    nextRequestSeq: db.prepare<[], unknown>(
      `UPDATE counters SET value = value + 1 WHERE name = 'request' RETURNING value`,
    ),
    requestById: db.prepare<[string], unknown>(`SELECT * FROM requests WHERE id = ?`),
    requestByTrigger: db.prepare<[string], unknown>(`SELECT * FROM requests WHERE trigger_id = ?`),
    insertRequest: db.prepare<ReturnType<typeof requestInsertParams>, unknown>(
      `INSERT INTO requests (id, seq, kind, text, requester_id, channel_id, trigger_id, response_url, created_at,
         expires_at, state, version, reason, plan_json, plan_hash, dependency_hash, approvals_required,
         approvals_json, preview_ts, preview_revision, state_note, closed_at, vsp)
       VALUES (@id, @seq, @kind, @text, @requester_id, @channel_id, @trigger_id, @response_url, @created_at,
         @expires_at, @state, 0, @reason, @plan_json, @plan_hash, @dependency_hash, @approvals_required,
         @approvals_json, @preview_ts, @preview_revision, @state_note, @closed_at, @vsp)`,
    ),
    // The compare-and-set: a stale version matches no row.
    updateRequest: db.prepare<ReturnType<typeof requestUpdateParams>, unknown>(
      `UPDATE requests SET state = @state, approvals_json = @approvals_json, preview_ts = @preview_ts,
         preview_revision = @preview_revision, state_note = @state_note, closed_at = @closed_at,
         version = version + 1
       WHERE id = @id AND version = @expected_version
       RETURNING *`,
    ),
    listRequests: db.prepare<RequestQuery, unknown>(
      `SELECT r.* FROM requests r
       WHERE (@states IS NULL OR r.state IN (SELECT value FROM json_each(@states)))
         AND (@kind IS NULL OR r.kind = @kind)
         AND (@guest IS NULL
              OR EXISTS (SELECT 1 FROM request_guests g WHERE g.request_id = r.id AND g.guest = @guest)
              OR EXISTS (SELECT 1 FROM moves m WHERE m.request_id = r.id AND m.guest = @guest))
         AND (@vsp IS NULL OR r.vsp = @vsp
              OR EXISTS (SELECT 1 FROM moves m WHERE m.request_id = r.id AND (m.source = @vsp OR m.target = @vsp)))
       ORDER BY r.seq DESC
       LIMIT @limit`,
    ),
    insertGuest: db.prepare<[string, string], unknown>(
      `INSERT OR IGNORE INTO request_guests (request_id, guest) VALUES (?, ?)`,
    ),
  };
}

function moveStatements(db: Database.Database) {
  return {
    /** The request holding `guest` through an unfinished move (at most one, by the triggers of migration 4). */
    lockHolder: db.prepare<{ guest: string; final: string }, unknown>(
      `SELECT m.guest, m.request_id FROM moves m JOIN requests r ON r.id = m.request_id
       WHERE m.guest = @guest AND m.state NOT IN (SELECT value FROM json_each(@final))
       ORDER BY r.seq
       LIMIT 1`,
    ),
    guestLocks: db.prepare<{ final: string }, unknown>(
      `SELECT m.guest, m.request_id FROM moves m JOIN requests r ON r.id = m.request_id
       WHERE m.state NOT IN (SELECT value FROM json_each(@final))
       ORDER BY m.guest, r.seq`,
    ),
    insertMove: db.prepare<ReturnType<typeof moveInsertParams>, unknown>(
      `INSERT INTO moves (request_id, move_index, round, guest, source, target, mode, state, remote_dir, log_offset,
         exit_code, progress_phase, progress_percent, started_at, finished_at, verified_location, progress_ts, error,
         error_code)
       VALUES (@request_id, @move_index, @round, @guest, @source, @target, @mode, @state, @remote_dir, @log_offset,
         @exit_code, @progress_phase, @progress_percent, @started_at, @finished_at, @verified_location, @progress_ts,
         @error, @error_code)`,
    ),
    movesOf: db.prepare<[string], unknown>(`SELECT * FROM moves WHERE request_id = ? ORDER BY move_index`),
    moveByKey: db.prepare<[string, number], unknown>(`SELECT * FROM moves WHERE request_id = ? AND move_index = ?`),
    /** A transition's fields (MOVE_CHANGE_FIELDS): never the log offset or the progress. */
    updateMove: db.prepare<ReturnType<typeof moveUpdateParams>, unknown>(
      `UPDATE moves SET state = @state, remote_dir = @remote_dir, exit_code = @exit_code, started_at = @started_at,
         finished_at = @finished_at, verified_location = @verified_location, error = @error, error_code = @error_code
       WHERE request_id = @request_id AND move_index = @move_index`,
    ),
    /** Following a move (MOVE_PROGRESS_FIELDS): never its state, so it cannot race with a transition. */
    updateProgress: db.prepare<ReturnType<typeof moveUpdateParams>, unknown>(
      `UPDATE moves SET log_offset = @log_offset, progress_phase = @progress_phase,
         progress_percent = @progress_percent, progress_ts = @progress_ts
       WHERE request_id = @request_id AND move_index = @move_index
       RETURNING *`,
    ),
    movesInStates: db.prepare<{ states: string }, unknown>(
      `SELECT m.* FROM moves m JOIN requests r ON r.id = m.request_id
       WHERE m.state IN (SELECT value FROM json_each(@states))
       ORDER BY r.seq, m.move_index`,
    ),
    insertOutput: db.prepare<ReturnType<typeof outputParams>, unknown>(
      `INSERT INTO output_lines (request_id, move_index, stream, text, at)
       VALUES (@request_id, @move_index, @stream, @text, @at)`,
    ),
    /** The newest `last` lines (-1: all), returned oldest first. */
    outputOf: db.prepare<{ request_id: string; move_index: number; last: number }, unknown>(
      `SELECT * FROM (
         SELECT * FROM output_lines WHERE request_id = @request_id AND move_index = @move_index
         ORDER BY seq DESC LIMIT @last)
       ORDER BY seq`,
    ),
  };
}

function auditStatements(db: Database.Database) {
  return {
    auditHead: db.prepare<[], unknown>(`SELECT seq, hash FROM audit_head WHERE id = 1`),
    insertAudit: db.prepare<ReturnType<typeof auditParams>, unknown>(
      `INSERT INTO audit (seq, at, actor, action, request_id, result, detail_json, prev_hash, hash)
       VALUES (@seq, @at, @actor, @action, @request_id, @result, @detail_json, @prev_hash, @hash)`,
    ),
    // Newest = last appended: callers' clocks may disagree, the insertion order does not.
    listAudit: db.prepare<{ request_id: string | null; limit: number }, unknown>(
      `SELECT * FROM audit WHERE (@request_id IS NULL OR request_id = @request_id) ORDER BY seq DESC LIMIT @limit`,
    ),
    auditChain: db.prepare<[], unknown>(`SELECT * FROM audit ORDER BY seq`),
  };
}

function loadSampleStatements(db: Database.Database) {
  return {
    insertLoadSample: db.prepare<LoadSampleRow, unknown>(
      `INSERT OR REPLACE INTO load_samples (at, vsp, cpu_load, memory_used_mb, memory_mb)
       VALUES (@at, @vsp, @cpu_load, @memory_used_mb, @memory_mb)`,
    ),
    recentLoadSamples: db.prepare<{ runs: number }, LoadSampleRow>(
      `SELECT at, vsp, cpu_load, memory_used_mb, memory_mb FROM load_samples
       WHERE at IN (SELECT DISTINCT at FROM load_samples ORDER BY at DESC LIMIT @runs)
       ORDER BY at DESC, vsp`,
    ),
  };
}
