/**
 * Rows ↔ records. Rows are parsed with zod on the way out (the file is a boundary: a row edited by hand
 * or written by a buggy release fails loudly here, not three calls later). SQL NULL becomes an absent
 * property, never `undefined`, so a record read back equals the record written.
 */
import { z } from 'zod';

import type { AuditEntry, MoveRecord, OutputLine, RequestRecord } from '../../domain/workflow/records.ts';
import type { MoveDraft, MovePatch, RequestDraft } from '../../ports.ts';
import {
  AUDIT_RESULTS,
  MIGRATION_MODES,
  MOVE_STATES,
  OUTPUT_STREAMS,
  REQUEST_KINDS,
  REQUEST_STATES,
} from './record-values.ts';
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
  state_note: nullableText,
  closed_at: nullableText,
});

const Approvals = z.array(z.object({ userId: text, at: text }));

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
  at: text,
  actor: text,
  action: text,
  request_id: nullableText,
  result: z.enum(AUDIT_RESULTS),
  detail_json: nullableText,
});

export const LockRow = z.object({ guest: text, request_id: text });
export const CounterRow = z.object({ value: integer });

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
    ...present('stateNote', row.state_note),
    ...present('closedAt', row.closed_at),
  };
}

/** Only the approval fields the record type names: a wider object passed in does not leak into the file. */
function approvalsJson(approvals: RequestRecord['approvals']): string {
  return JSON.stringify(approvals.map(({ userId, at }) => ({ userId, at })));
}

/** The columns a state change writes (RequestPatch); the rest are fixed at creation. */
function requestMutableParams(record: RequestDraft) {
  return {
    state: record.state,
    approvals_json: approvalsJson(record.approvals),
    preview_ts: record.previewTs ?? null,
    state_note: record.stateNote ?? null,
    closed_at: record.closedAt ?? null,
    plan_json: record.planJson,
    plan_hash: record.planHash,
  };
}

export function requestInsertParams(id: string, seq: number, draft: RequestDraft) {
  return {
    id,
    seq,
    kind: draft.kind,
    text: draft.text,
    requester_id: draft.requesterId,
    channel_id: draft.channelId,
    trigger_id: draft.triggerId,
    response_url: draft.responseUrl ?? null,
    created_at: draft.createdAt,
    expires_at: draft.expiresAt,
    reason: draft.reason ?? null,
    dependency_hash: draft.dependencyHash,
    approvals_required: draft.approvalsRequired,
    vsp: draft.vsp ?? null,
    ...requestMutableParams(draft),
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
  };
}

/** The columns `updateMove` writes (MovePatch); the rest are fixed at creation. */
function moveMutableParams(move: MovePatch & Pick<MoveRecord, 'state' | 'logOffset' | 'remoteDir'>) {
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
  };
}

export function moveInsertParams(requestId: string, draft: MoveDraft) {
  return {
    request_id: requestId,
    move_index: draft.index,
    round: draft.round,
    guest: draft.guest,
    source: draft.source,
    target: draft.target,
    mode: draft.mode,
    ...moveMutableParams({ state: 'queued', remoteDir: draft.remoteDir ?? '', logOffset: 0 }),
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

export function auditFromRow(raw: unknown): AuditEntry {
  const row = parseRow(AuditRow, raw, 'audit entry');
  return {
    at: row.at,
    actor: row.actor,
    action: row.action,
    ...present('requestId', row.request_id),
    result: row.result,
    ...(row.detail_json === null ? {} : { detail: parseJson(AuditDetail, row.detail_json, 'audit detail') }),
  };
}

export function auditParams(entry: AuditEntry) {
  return {
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    request_id: entry.requestId ?? null,
    result: entry.result,
    detail_json: entry.detail === undefined ? null : JSON.stringify(entry.detail),
  };
}
