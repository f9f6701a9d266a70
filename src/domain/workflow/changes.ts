/**
 * What one transition changes, as data the Store writes in one transaction: fields of the request, fields
 * of some of its moves, and exactly one audit entry. Only the fields below can ever change; a request's
 * plan, kind, requester and channel are fixed when it is created.
 */
import type { AuditEntry, MoveRecord, RequestRecord, Workflow } from './records.ts';

export type RequestChange = Partial<
  Pick<RequestRecord, 'state' | 'approvals' | 'previewTs' | 'previewRevision' | 'stateNote' | 'closedAt'>
>;

export type MoveChange = Partial<
  Pick<
    MoveRecord,
    'state' | 'startedAt' | 'finishedAt' | 'remoteDir' | 'exitCode' | 'verifiedLocation' | 'error' | 'errorCode'
  >
>;

/**
 * What following a move records without changing its state (log offset, phase, progress message): written
 * on their own, so they never race with a transition's fields.
 */
export type MoveProgressChange = Partial<Pick<MoveRecord, 'logOffset' | 'progress' | 'progressTs'>>;

export interface MoveUpdate {
  readonly index: number;
  readonly change: MoveChange;
}

/** The audit row of a transition; the Store adds the time and the request id. */
export type AuditDraft = Omit<AuditEntry, 'at' | 'requestId'>;

export interface WorkflowChange {
  readonly request: RequestChange;
  readonly moves: readonly MoveUpdate[];
}

export const REQUEST_CHANGE_FIELDS = [
  'state',
  'approvals',
  'previewTs',
  'previewRevision',
  'stateNote',
  'closedAt',
] as const satisfies readonly (keyof RequestChange)[];

export const MOVE_CHANGE_FIELDS = [
  'state',
  'startedAt',
  'finishedAt',
  'remoteDir',
  'exitCode',
  'verifiedLocation',
  'error',
  'errorCode',
] as const satisfies readonly (keyof MoveChange)[];

export const MOVE_PROGRESS_FIELDS = [
  'logOffset',
  'progress',
  'progressTs',
] as const satisfies readonly (keyof MoveProgressChange)[];

/**
 * Patch semantics shared by every Store: an absent key keeps the field; a key present with `undefined`
 * clears an optional field. Only the listed fields are read, so a caller cannot rewrite an id or a plan.
 */
export function patchFields<T extends object, P extends Partial<T>>(
  current: T,
  patch: P,
  fields: readonly (keyof P & keyof T)[],
): T {
  const next: Partial<T> = { ...current };
  for (const field of fields) {
    if (!Object.hasOwn(patch, field)) continue;
    const value = patch[field];
    if (value === undefined) delete next[field];
    else next[field] = value as T[typeof field];
  }
  return next as T;
}

/** The workflow after a change, with the request's version raised by one (as the Store does). */
export function applyChange(workflow: Workflow, change: WorkflowChange): Workflow {
  const request = {
    ...patchFields(workflow.request, change.request, REQUEST_CHANGE_FIELDS),
    version: workflow.request.version + 1,
  };
  const moves = workflow.moves.map((move) => {
    const update = change.moves.find((candidate) => candidate.index === move.index);
    return update ? patchFields(move, update.change, MOVE_CHANGE_FIELDS) : move;
  });
  return { request, moves };
}
