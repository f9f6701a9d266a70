/**
 * Migration 4 (history: never edit once shipped). The workflow redesign (docs/architecture.md, "States and
 * events"): request state `needs_attention` and `preview_revision`; move states `needs_attention` and
 * `not_selected` and `error_code`; locks derived from moves instead of open requests; approvals bound to
 * the plan hash and the moves approved; the audit as a hash chain with its head (docs/architecture.md,
 * "Audit"). `requests`, `moves` and `audit` are rebuilt, because SQLite cannot change a CHECK constraint
 * or add a NOT NULL column without a default in place; the migration runner turns foreign keys off around
 * this step and checks them before it commits. State lists are written out literally, as in migrations 1–3.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';

import { auditHash, EMPTY_AUDIT_HEAD, type AuditHead } from './audit-chain.ts';

const FINAL_MOVES = `('succeeded', 'failed', 'cancelled', 'not_selected')`;
const FINAL_REQUESTS = `('checked', 'completed', 'failed', 'rejected', 'expired', 'superseded', 'cancelled')`;

/** The `error` an older release gave a balancing move the approver did not tick. */
const OLD_NOT_SELECTED = 'not selected by the approver';

const REBUILD_REQUESTS = `
  -- Locks now come from moves (triggers below); these two kept one open request per guest.
  DROP TRIGGER request_guests_one_open_holder;
  DROP TRIGGER requests_reopen_one_open_holder;

  CREATE TABLE requests_v4 (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    kind TEXT NOT NULL CHECK (kind IN ('migrate', 'evacuate', 'return', 'balance')),
    text TEXT NOT NULL,
    requester_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    trigger_id TEXT NOT NULL UNIQUE,
    response_url TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('checked', 'pending', 'approving', 'running', 'needs_attention',
      'completed', 'failed', 'rejected', 'expired', 'superseded', 'cancelled')),
    version INTEGER NOT NULL CHECK (version >= 0),
    reason TEXT,
    plan_json TEXT NOT NULL,
    plan_hash TEXT NOT NULL,
    dependency_hash TEXT NOT NULL,
    approvals_required INTEGER NOT NULL CHECK (approvals_required >= 0),
    approvals_json TEXT NOT NULL CHECK (json_valid(approvals_json) AND json_type(approvals_json) = 'array'),
    preview_ts TEXT,
    preview_revision INTEGER NOT NULL DEFAULT 0 CHECK (preview_revision >= 0),
    state_note TEXT,
    closed_at TEXT,
    vsp TEXT
  ) STRICT;
  INSERT INTO requests_v4 (id, seq, kind, text, requester_id, channel_id, trigger_id, response_url, created_at,
    expires_at, state, version, reason, plan_json, plan_hash, dependency_hash, approvals_required, approvals_json,
    preview_ts, preview_revision, state_note, closed_at, vsp)
  SELECT id, seq, kind, text, requester_id, channel_id, trigger_id, response_url, created_at,
    expires_at, state, version, reason, plan_json, plan_hash, dependency_hash, approvals_required, approvals_json,
    preview_ts, 0, state_note, closed_at, vsp
  FROM requests;
  DROP TABLE requests;
  ALTER TABLE requests_v4 RENAME TO requests;
  CREATE INDEX requests_state ON requests (state);
  CREATE INDEX requests_vsp ON requests (vsp) WHERE vsp IS NOT NULL;
`;

const REBUILD_MOVES = `
  CREATE TABLE moves_v4 (
    request_id TEXT NOT NULL REFERENCES requests (id),
    move_index INTEGER NOT NULL CHECK (move_index >= 0),
    round INTEGER NOT NULL CHECK (round >= 0),
    guest TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('online', 'offline')),
    state TEXT NOT NULL CHECK (state IN ('queued', 'starting', 'running', 'verifying', 'needs_attention',
      'succeeded', 'failed', 'cancelled', 'not_selected')),
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
    error_code TEXT,
    PRIMARY KEY (request_id, move_index),
    CHECK ((progress_phase IS NULL) = (progress_percent IS NULL))
  ) STRICT;
  INSERT INTO moves_v4 (request_id, move_index, round, guest, source, target, mode, state, remote_dir, log_offset,
    exit_code, progress_phase, progress_percent, started_at, finished_at, verified_location, progress_ts, error)
  SELECT request_id, move_index, round, guest, source, target, mode,
    CASE WHEN state = 'cancelled' AND error = '${OLD_NOT_SELECTED}' THEN 'not_selected' ELSE state END,
    remote_dir, log_offset, exit_code, progress_phase, progress_percent, started_at, finished_at, verified_location,
    progress_ts, error
  FROM moves;
  -- Older releases closed a request and left its queued moves queued; now an unfinished move locks its
  -- guest, so those would hold their guests forever.
  UPDATE moves_v4 SET state = 'cancelled', error = 'closed before it started'
  WHERE state NOT IN ${FINAL_MOVES}
    AND request_id IN (SELECT id FROM requests WHERE state IN ${FINAL_REQUESTS});
  DROP TABLE moves;
  ALTER TABLE moves_v4 RENAME TO moves;
  CREATE INDEX moves_state ON moves (state);
  CREATE INDEX moves_source ON moves (source);
  CREATE INDEX moves_target ON moves (target);
  CREATE INDEX moves_guest ON moves (guest, state);
`;

const AUDIT_V4_TABLE = `
  -- seq is assigned by the writer (the head's seq + 1) because the hash covers it.
  CREATE TABLE audit_v4 (
    seq INTEGER PRIMARY KEY CHECK (seq > 0),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    request_id TEXT,
    result TEXT NOT NULL CHECK (result IN ('ok', 'refused', 'failed', 'info')),
    detail_json TEXT CHECK (detail_json IS NULL OR (json_valid(detail_json) AND json_type(detail_json) = 'object')),
    prev_hash TEXT NOT NULL CHECK (prev_hash = '' OR length(prev_hash) = 64),
    hash TEXT NOT NULL CHECK (length(hash) = 64)
  ) STRICT;
`;

const AUDIT_V4_RENAME = `
  DROP TABLE audit;
  ALTER TABLE audit_v4 RENAME TO audit;
  CREATE INDEX audit_request ON audit (request_id, seq);
  -- The last row's seq and hash, outside the rows: a deleted last row leaves no other trace.
  CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL CHECK (seq >= 0),
    hash TEXT NOT NULL
  ) STRICT;
`;

const TRIGGERS = `
  -- A guest is locked exactly while it has an unfinished move. createRequest answers 'locked' before it
  -- gets here; these make a second holder impossible however the rows are written.
  CREATE TRIGGER moves_one_holder_on_insert BEFORE INSERT ON moves
    WHEN NEW.state NOT IN ${FINAL_MOVES}
      AND EXISTS (SELECT 1 FROM moves m WHERE m.guest = NEW.guest AND m.request_id <> NEW.request_id
                  AND m.state NOT IN ${FINAL_MOVES})
    BEGIN SELECT RAISE(ABORT, 'guest_locked: the guest has an unfinished move in another request'); END;
  CREATE TRIGGER moves_one_holder_on_update BEFORE UPDATE OF state, guest, request_id ON moves
    WHEN NEW.state NOT IN ${FINAL_MOVES}
      AND EXISTS (SELECT 1 FROM moves m WHERE m.guest = NEW.guest AND m.request_id <> NEW.request_id
                  AND m.state NOT IN ${FINAL_MOVES})
    BEGIN SELECT RAISE(ABORT, 'guest_locked: the guest has an unfinished move in another request'); END;

  -- The approvers approved this plan: it is sealed (the runner also checks its hash before each round).
  CREATE TRIGGER requests_plan_sealed BEFORE UPDATE OF plan_json, plan_hash ON requests
    WHEN NEW.plan_json IS NOT OLD.plan_json OR NEW.plan_hash IS NOT OLD.plan_hash
    BEGIN SELECT RAISE(ABORT, 'plan_sealed: a request''s plan never changes after it is created'); END;

  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit is append-only: rows cannot be updated'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit is append-only: rows cannot be deleted'); END;
  CREATE TRIGGER audit_follows_head BEFORE INSERT ON audit
    WHEN NEW.seq IS NOT (SELECT seq + 1 FROM audit_head WHERE id = 1)
      OR NEW.prev_hash IS NOT (SELECT hash FROM audit_head WHERE id = 1)
    BEGIN SELECT RAISE(ABORT, 'audit_chain: a new row must follow the head (its seq + 1, its hash as prev_hash)'); END;
  CREATE TRIGGER audit_moves_head AFTER INSERT ON audit
    BEGIN UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1; END;
  CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
    BEGIN SELECT RAISE(ABORT, 'audit_head cannot be deleted'); END;
  CREATE TRIGGER audit_head_follows_rows BEFORE UPDATE ON audit_head
    WHEN NEW.id IS NOT OLD.id OR NEW.seq IS NOT OLD.seq + 1
      OR NOT EXISTS (SELECT 1 FROM audit WHERE seq = NEW.seq AND hash = NEW.hash)
    BEGIN SELECT RAISE(ABORT, 'audit_head only moves on to the row just appended'); END;
`;

export function migrateToV4(db: Database.Database): void {
  db.exec(REBUILD_REQUESTS);
  db.exec(REBUILD_MOVES);
  bindApprovalsToPlan(db);
  db.exec(AUDIT_V4_TABLE);
  const head = chainOldAudit(db);
  db.exec(AUDIT_V4_RENAME);
  db.prepare(`INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)`).run(head.seq, head.hash);
  db.exec(TRIGGERS);
}

const V3Approvals = z.array(z.object({ userId: z.string(), at: z.string() }));
const V3Request = z.object({ id: z.string(), plan_hash: z.string(), approvals_json: z.string() });

/**
 * Approvals given before this release approved the whole plan as stored: the request's plan hash and
 * every move of it.
 */
function bindApprovalsToPlan(db: Database.Database): void {
  const movesOf = db
    .prepare<[string], number>(`SELECT move_index FROM moves WHERE request_id = ? ORDER BY move_index`)
    .pluck();
  const update = db.prepare<[string, string]>(`UPDATE requests SET approvals_json = ? WHERE id = ?`);
  const rows = db.prepare(`SELECT id, plan_hash, approvals_json FROM requests WHERE approvals_json <> '[]'`).all();
  for (const raw of rows) {
    const request = V3Request.parse(raw);
    const approvals = V3Approvals.parse(JSON.parse(request.approvals_json));
    const moves = movesOf.all(request.id);
    const bound = approvals.map(({ userId, at }) => ({ userId, at, planHash: request.plan_hash, moves }));
    update.run(JSON.stringify(bound), request.id);
  }
}

const V3AuditRow = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  request_id: z.string().nullable(),
  result: z.enum(['ok', 'refused', 'failed', 'info']),
  detail_json: z.string().nullable(),
});

/** Copies the old rows into audit_v4 in seq order (seqs kept), chaining them; returns the head. */
function chainOldAudit(db: Database.Database): AuditHead {
  const insert = db.prepare(
    `INSERT INTO audit_v4 (seq, at, actor, action, request_id, result, detail_json, prev_hash, hash)
     VALUES (@seq, @at, @actor, @action, @request_id, @result, @detail_json, @prev_hash, @hash)`,
  );
  let head = EMPTY_AUDIT_HEAD;
  // all(), not iterate(): the connection cannot insert while a statement is still reading.
  for (const raw of db.prepare(`SELECT * FROM audit ORDER BY seq`).all()) {
    const row = V3AuditRow.parse(raw);
    const entry = {
      at: row.at,
      actor: row.actor,
      action: row.action,
      ...(row.request_id === null ? {} : { requestId: row.request_id }),
      result: row.result,
      ...(row.detail_json === null ? {} : { detail: JSON.parse(row.detail_json) as Record<string, unknown> }),
    };
    const hash = auditHash(head.hash, row.seq, entry);
    insert.run({ ...row, prev_hash: head.hash, hash });
    head = { seq: row.seq, hash };
  }
  return head;
}
