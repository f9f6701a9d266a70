/**
 * The patch semantics of ports.ts, in one place for requests and moves: an absent key keeps the field,
 * a key present with `undefined` clears an optional field. Only the listed fields are read, so a caller
 * that passes a whole record cannot rewrite its id, kind or version.
 */
import type { MoveRecord, RequestRecord } from '../../domain/workflow/records.ts';
import type { MovePatch, RequestPatch } from '../../ports.ts';
import type { AssertNever } from './record-values.ts';

const REQUEST_PATCH_FIELDS = [
  'state',
  'approvals',
  'previewTs',
  'stateNote',
  'closedAt',
  'planJson',
  'planHash',
] as const satisfies readonly (keyof RequestPatch)[];
const REQUIRED_REQUEST_FIELDS: readonly (keyof RequestPatch)[] = ['state', 'approvals', 'planJson', 'planHash'];

const MOVE_PATCH_FIELDS = [
  'state',
  'logOffset',
  'exitCode',
  'progress',
  'startedAt',
  'finishedAt',
  'verifiedLocation',
  'progressTs',
  'error',
  'remoteDir',
] as const satisfies readonly (keyof MovePatch)[];
const REQUIRED_MOVE_FIELDS: readonly (keyof MovePatch)[] = ['state', 'logOffset', 'remoteDir'];

export type _PatchFieldsComplete = [
  AssertNever<Exclude<keyof RequestPatch, (typeof REQUEST_PATCH_FIELDS)[number]>>,
  AssertNever<Exclude<keyof MovePatch, (typeof MOVE_PATCH_FIELDS)[number]>>,
];

function applyPatch<T extends object, P extends Partial<T>>(
  current: T,
  patch: P,
  fields: readonly (keyof P & keyof T)[],
  required: readonly (keyof P)[],
): T {
  const next: Partial<T> = { ...current };
  for (const field of fields) {
    if (!Object.hasOwn(patch, field)) continue;
    const value = patch[field];
    if (value !== undefined) next[field] = value as T[typeof field];
    else if (!required.includes(field)) delete next[field];
  }
  return next as T;
}

export function patchRequest(current: RequestRecord, patch: RequestPatch): RequestRecord {
  return applyPatch(current, patch, REQUEST_PATCH_FIELDS, REQUIRED_REQUEST_FIELDS);
}

export function patchMove(current: MoveRecord, patch: MovePatch): MoveRecord {
  return applyPatch(current, patch, MOVE_PATCH_FIELDS, REQUIRED_MOVE_FIELDS);
}
