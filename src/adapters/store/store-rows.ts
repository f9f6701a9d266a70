/**
 * Rows ↔ records. Rows are parsed with zod on the way out (the file is a boundary: a row edited by hand
 * or written by a buggy release fails loudly here, not three calls later). SQL NULL becomes an absent
 * property, never `undefined`, so a record read back equals the record written.
 */
import { z } from 'zod';

import type { AuditEntry, MoveRecord, OutputLine, RequestRecord } from '../../domain/workflow/records.ts';
import type { ChainedAuditEntry } from '../../ports.ts';
import type { AuditHead } from './audit-chain.ts';
import {
  AUDIT_RESULTS,
  MIGRATION_MODES,
  MOVE_STATES,
  OUTPUT_STREAMS,
  REQUEST_KINDS,
  REQUEST_STATES,
} from './record-values.ts';
import { storedApprovals } from './record-shapes.ts';
import { StoreError } from './store-error.ts';

const text = z.string();
const nullableText = z.string().nullable();
const integer = z.number().int();

const RequestRow = z.object({
  id: text,
  kind: z.enum(REQUEST_KINDS),
  text,
  requester_id: text,
  channel_id: text,
  trigger_id: text,
  response_url: nullableText,
  created_at: text,
  expires_at: text,
  state: z.enum(REQUEST_STATES),
  version: integer,
  reason: nullableText,
  plan_json: text,
  plan_hash: text,
  dependency_hash: text,
  approvals_required: integer,
  approvals_json: text,
  preview_ts: nullableText,
  preview_revision: integer,
  state_note: nullableText,
  closed_at: nullableText,
});

const Approvals = z.array(z.object({ userId: text, at: text, planHash: text, moves: z.array(integer.nonnegative()) }));

const MoveRow = z.object({
  request_id: text,
  move_index: integer,
  round: integer,
  guest: text,
  source: text,
  target: text,
  mode: z.enum(MIGRATION_MODES),
  state: z.enum(MOVE_STATES),
  remote_dir: text,
  log_offset: integer,
  exit_code: integer.nullable(),
  progress_phase: nullableText,
  progress_percent: z.number().nullable(),
  started_at: nullableText,
  finished_at: nullableText,
  verified_location: nullableText,
  progress_ts: nullableText,
  error: nullableText,
  error_code: nullableText,
});

const OutputRow = z.object({
  request_id: text,
  move_index: integer,
  stream: z.enum(OUTPUT_STREAMS),
  text,
  at: text,
});

const AuditDetail = z.record(z.string(), z.unknown());

const AuditRow = z.object({
  seq: integer,
  at: text,
  actor: text,
  action: text,
  request_id: nullableText,
  result: z.enum(AUDIT_RESULTS),
  detail_json: nullableText,
  prev_hash: text,
  hash: text,
});

export const LockRow = z.object({ guest: text, request_id: text });
export const CounterRow = z.object({ value: integer });
const HeadRow = z.object({ seq: integer, hash: text });

export function parseRow<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new StoreError('corrupt_row', `stored ${what} does not parse: ${z.prettifyError(parsed.error)}`, {
    cause: parsed.error,
  });
}

function parseJson<T>(schema: z.ZodType<T>, json: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new StoreError('corrupt_row', `stored ${what} is not JSON`, { cause: error });
  }
  return parseRow(schema, value, what);
}

/** `{ key: value }`, or `{}` for SQL NULL: absent stays absent. */
function present<K extends string, V>(key: K, value: V | null): { [P in K]?: V } {
  return value === null ? {} : ({ [key]: value } as { [P in K]?: V });
}

export function requestFromRow(raw: unknown): RequestRecord {
  const row = parseRow(RequestRow, raw, 'request');
  return {
    id: row.id,
    kind: row.kind,
    text: row.text,
    requesterId: row.requester_id,
    channelId: row.channel_id,
    triggerId: row.trigger_id,
    ...present('responseUrl', row.response_url),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    state: row.state,
    version: row.version,
    ...present('reason', row.reason),
    planJson: row.plan_json,
    planHash: row.plan_hash,
    dependencyHash: row.dependency_hash,
    approvalsRequired: row.approvals_required,
    approvals: parseJson(Approvals, row.approvals_json, `approvals of ${row.id}`),
    ...present('previewTs', row.preview_ts),
    previewRevision: row.preview_revision,
    ...present('stateNote', row.state_note),
    ...present('closedAt', row.closed_at),
  };
}

/** The columns a transition writes (REQUEST_CHANGE_FIELDS); the rest are fixed at creation. */
function requestMutableParams(record: RequestRecord) {
  return {
    state: record.state,
    approvals_json: JSON.stringify(storedApprovals(record.approvals)),
    preview_ts: record.previewTs ?? null,
    preview_revision: record.previewRevision,
    state_note: record.stateNote ?? null,
    closed_at: record.closedAt ?? null,
  };
}

/** `record` as requestFromDraft made it; `vsp` only for RequestFilter.vsp. */
export function requestInsertParams(seq: number, record: RequestRecord, vsp: string | undefined) {
  return {
    id: record.id,
    seq,
    kind: record.kind,
    text: record.text,
    requester_id: record.requesterId,
    channel_id: record.channelId,
    trigger_id: record.triggerId,
    response_url: record.responseUrl ?? null,
    created_at: record.createdAt,
    expires_at: record.expiresAt,
    reason: record.reason ?? null,
    plan_json: record.planJson,
    plan_hash: record.planHash,
    dependency_hash: record.dependencyHash,
    approvals_required: record.approvalsRequired,
    vsp: vsp ?? null,
    ...requestMutableParams(record),
  };
}

export function requestUpdateParams(record: RequestRecord, expectedVersion: number) {
  return { id: record.id, expected_version: expectedVersion, ...requestMutableParams(record) };
}

export function moveFromRow(raw: unknown): MoveRecord {
  const row = parseRow(MoveRow, raw, 'move');
  return {
    requestId: row.request_id,
    index: row.move_index,
    round: row.round,
    guest: row.guest,
    source: row.source,
    target: row.target,
    mode: row.mode,
    state: row.state,
    remoteDir: row.remote_dir,
    logOffset: row.log_offset,
    ...present('exitCode', row.exit_code),
    ...(row.progress_phase === null || row.progress_percent === null
      ? {}
      : { progress: { phase: row.progress_phase, percent: row.progress_percent } }),
    ...present('startedAt', row.started_at),
    ...present('finishedAt', row.finished_at),
    ...present('verifiedLocation', row.verified_location),
    ...present('progressTs', row.progress_ts),
    ...present('error', row.error),
    ...present('errorCode', row.error_code),
  };
}

/** Every column but the key and what is fixed at creation (round, guest, source, target, mode). */
function moveMutableParams(move: MoveRecord) {
  return {
    state: move.state,
    remote_dir: move.remoteDir,
    log_offset: move.logOffset,
    exit_code: move.exitCode ?? null,
    progress_phase: move.progress?.phase ?? null,
    progress_percent: move.progress?.percent ?? null,
    started_at: move.startedAt ?? null,
    finished_at: move.finishedAt ?? null,
    verified_location: move.verifiedLocation ?? null,
    progress_ts: move.progressTs ?? null,
    error: move.error ?? null,
    error_code: move.errorCode ?? null,
  };
}

/** `move` as moveFromDraft made it. */
export function moveInsertParams(move: MoveRecord) {
  return {
    request_id: move.requestId,
    move_index: move.index,
    round: move.round,
    guest: move.guest,
    source: move.source,
    target: move.target,
    mode: move.mode,
    ...moveMutableParams(move),
  };
}

export function moveUpdateParams(move: MoveRecord) {
  return { request_id: move.requestId, move_index: move.index, ...moveMutableParams(move) };
}

export function outputFromRow(raw: unknown): OutputLine {
  const row = parseRow(OutputRow, raw, 'output line');
  return { requestId: row.request_id, moveIndex: row.move_index, stream: row.stream, text: row.text, at: row.at };
}

export function outputParams(line: OutputLine) {
  return { request_id: line.requestId, move_index: line.moveIndex, stream: line.stream, text: line.text, at: line.at };
}

export function chainedAuditFromRow(raw: unknown): ChainedAuditEntry {
  const row = parseRow(AuditRow, raw, 'audit entry');
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    ...present('requestId', row.request_id),
    result: row.result,
    ...(row.detail_json === null ? {} : { detail: parseJson(AuditDetail, row.detail_json, `audit detail ${row.seq}`) }),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export function auditFromRow(raw: unknown): AuditEntry {
  const { seq: _seq, prevHash: _prevHash, hash: _hash, ...entry } = chainedAuditFromRow(raw);
  return entry;
}

/** A row as nextAuditRow chained it. */
export function auditParams(row: ChainedAuditEntry) {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    request_id: row.requestId ?? null,
    result: row.result,
    detail_json: row.detail === undefined ? null : JSON.stringify(row.detail),
    prev_hash: row.prevHash,
    hash: row.hash,
  };
}

export function headFromRow(raw: unknown): AuditHead {
  return parseRow(HeadRow, raw, 'audit head');
}
