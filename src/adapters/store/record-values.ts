/**
 * Every value of the record unions the schema constrains, as runtime lists: zod parses rows with them
 * and the tests drive the CHECK constraints with them. Each list is checked against its domain union at
 * compile time, so a new state added to the domain fails here until the schema gets a migration for it.
 */
import type { MigrationMode } from '../../domain/request.ts';
import type { AuditEntry, MoveState, OutputLine, RequestRecord, RequestState } from '../../domain/workflow/records.ts';

/** `T` must be `never`: a domain union member missing from a list below fails to compile. */
export type AssertNever<T extends never> = T;

export const REQUEST_KINDS = [
  'migrate',
  'evacuate',
  'return',
  'balance',
] as const satisfies readonly RequestRecord['kind'][];
export const REQUEST_STATES = [
  'checked',
  'pending',
  'approving',
  'running',
  'completed',
  'failed',
  'rejected',
  'expired',
  'superseded',
  'cancelled',
] as const satisfies readonly RequestState[];
export const MOVE_STATES = [
  'queued',
  'starting',
  'running',
  'verifying',
  'succeeded',
  'failed',
  'cancelled',
] as const satisfies readonly MoveState[];
export const MIGRATION_MODES = ['online', 'offline'] as const satisfies readonly MigrationMode[];
export const OUTPUT_STREAMS = ['stdout', 'stderr', 'log'] as const satisfies readonly OutputLine['stream'][];
export const AUDIT_RESULTS = ['ok', 'refused', 'failed', 'info'] as const satisfies readonly AuditEntry['result'][];

export type _ListsComplete = [
  AssertNever<Exclude<RequestRecord['kind'], (typeof REQUEST_KINDS)[number]>>,
  AssertNever<Exclude<RequestState, (typeof REQUEST_STATES)[number]>>,
  AssertNever<Exclude<MoveState, (typeof MOVE_STATES)[number]>>,
  AssertNever<Exclude<MigrationMode, (typeof MIGRATION_MODES)[number]>>,
  AssertNever<Exclude<OutputLine['stream'], (typeof OUTPUT_STREAMS)[number]>>,
  AssertNever<Exclude<AuditEntry['result'], (typeof AUDIT_RESULTS)[number]>>,
];
