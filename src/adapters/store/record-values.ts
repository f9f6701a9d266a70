/**
 * Every value of the record unions the schema constrains, as runtime lists: zod parses rows with them
 * and the tests drive the CHECK constraints with them. The state lists are the domain's own
 * (domain/workflow/records.ts); the others are checked against their domain union at compile time, so a
 * value added to the domain fails here until the schema gets a migration for it.
 */
import type { MigrationMode } from '../../domain/request.ts';
import {
  AUDIT_RESULTS,
  MOVE_STATES,
  REQUEST_STATES,
  type AuditEntry,
  type MoveState,
  type OutputLine,
  type RequestKind,
  type RequestState,
} from '../../domain/workflow/records.ts';

export { AUDIT_RESULTS, MOVE_STATES, REQUEST_STATES };

/** `T` must be `never`: a domain union member missing from a list below fails to compile. */
export type AssertNever<T extends never> = T;

export const REQUEST_KINDS = ['migrate', 'evacuate', 'return', 'balance'] as const satisfies readonly RequestKind[];
export const MIGRATION_MODES = ['online', 'offline'] as const satisfies readonly MigrationMode[];
export const OUTPUT_STREAMS = ['stdout', 'stderr', 'log'] as const satisfies readonly OutputLine['stream'][];

export type _ListsComplete = [
  AssertNever<Exclude<RequestKind, (typeof REQUEST_KINDS)[number]>>,
  AssertNever<Exclude<RequestState, (typeof REQUEST_STATES)[number]>>,
  AssertNever<Exclude<MoveState, (typeof MOVE_STATES)[number]>>,
  AssertNever<Exclude<MigrationMode, (typeof MIGRATION_MODES)[number]>>,
  AssertNever<Exclude<OutputLine['stream'], (typeof OUTPUT_STREAMS)[number]>>,
  AssertNever<Exclude<AuditEntry['result'], (typeof AUDIT_RESULTS)[number]>>,
];
