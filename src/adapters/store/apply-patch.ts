/**
 * The patch semantics every Store shares (`patchFields` in domain/workflow/changes.ts): an absent key
 * keeps the field, a key present with `undefined` clears an optional field, and only the listed fields are
 * read, so a caller that passes a whole record cannot rewrite its id, plan or version. A required field
 * given as `undefined` is kept as it is: the record could not be stored without it.
 */
import {
  MOVE_CHANGE_FIELDS,
  MOVE_PROGRESS_FIELDS,
  patchFields,
  REQUEST_CHANGE_FIELDS,
  type MoveChange,
  type MoveProgressChange,
  type RequestChange,
} from '../../domain/workflow/changes.ts';
import type { MoveRecord, RequestRecord } from '../../domain/workflow/records.ts';
import { storedApprovals } from './record-shapes.ts';

const REQUIRED_REQUEST_FIELDS = [
  'state',
  'approvals',
  'previewRevision',
] as const satisfies readonly (keyof RequestRecord & keyof RequestChange)[];
const REQUIRED_MOVE_FIELDS = ['state', 'remoteDir'] as const satisfies readonly (keyof MoveRecord & keyof MoveChange)[];
const REQUIRED_PROGRESS_FIELDS = ['logOffset'] as const satisfies readonly (keyof MoveRecord &
  keyof MoveProgressChange)[];

export function patchRequest(current: RequestRecord, change: RequestChange): RequestRecord {
  const next = keepRequired(current, patchFields(current, change, REQUEST_CHANGE_FIELDS), REQUIRED_REQUEST_FIELDS);
  return { ...next, approvals: storedApprovals(next.approvals) };
}

export function patchMove(current: MoveRecord, change: MoveChange): MoveRecord {
  return keepRequired(current, patchFields(current, change, MOVE_CHANGE_FIELDS), REQUIRED_MOVE_FIELDS);
}

/** Following a move: only the log offset, the progress and the progress message; never its state. */
export function patchProgress(current: MoveRecord, change: MoveProgressChange): MoveRecord {
  return keepRequired(current, patchFields(current, change, MOVE_PROGRESS_FIELDS), REQUIRED_PROGRESS_FIELDS);
}

function keepRequired<T extends object>(current: T, next: T, required: readonly (keyof T)[]): T {
  const kept: Partial<T> = {};
  for (const field of required) if (!Object.hasOwn(next, field)) kept[field] = current[field];
  return { ...next, ...kept };
}
