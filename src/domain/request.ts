/**
 * What a `/migrate` text means once parsed (docs/architecture.md, "Chat surface"). The grammar produces these or a
 * UsageError; nothing else. Every name in here already passed the allow-list in names.ts.
 */

export type MigrationMode = 'online' | 'offline';

export interface MigrateRequest {
  readonly kind: 'migrate';
  /** In the order typed, without duplicates. */
  readonly guests: readonly string[];
  /** Where the operator says the guests are; the planner checks it against the inventory. */
  readonly from?: string;
  readonly to: string;
  /** Undefined: the planner picks online where the rules allow it, offline for a stopped guest. */
  readonly mode?: MigrationMode;
  /** `--stop`: an offline move may stop a running guest (hpvmmigrate -d): downtime. */
  readonly stop: boolean;
  /** `--start`: start the guest on the target after an offline move (hpvmmigrate -b). */
  readonly start: boolean;
  /** `--delete-source`: remove the source copy after success (hpvmmigrate -D). */
  readonly deleteSource: boolean;
  /** `--check`: run the checks only; no buttons, nothing runs. */
  readonly checkOnly: boolean;
  readonly reason?: string;
}

export interface EvacuateRequest {
  readonly kind: 'evacuate';
  readonly vsp: string;
  /** Allowed targets; empty = any other VSP of the fleet. */
  readonly targets: readonly string[];
}

export interface ReturnRequest {
  readonly kind: 'return';
  readonly vsp: string;
}

export interface BalanceRequest {
  readonly kind: 'balance';
}

export type StatusSubject =
  { readonly type: 'request'; readonly id: string } | { readonly type: 'name'; readonly name: string };

export interface StatusRequest {
  readonly kind: 'status';
  readonly subject?: StatusSubject;
}

export interface ListRequest {
  readonly kind: 'list';
}

export interface HistoryRequest {
  readonly kind: 'history';
  /** A guest or a VSP name; which one is decided against the inventory. */
  readonly name?: string;
}

export interface CancelRequest {
  readonly kind: 'cancel';
  readonly requestId: string;
}

/** `resolve REQ-7 [vm01] done|failed`: an approver settles a move whose outcome the bot could not establish. */
export interface ResolveRequest {
  readonly kind: 'resolve';
  readonly requestId: string;
  /** Needed when more than one move of the request needs attention. */
  readonly guest?: string;
  readonly outcome: 'done' | 'failed';
}

export interface HelpRequest {
  readonly kind: 'help';
}

export type Request =
  | MigrateRequest
  | EvacuateRequest
  | ReturnRequest
  | BalanceRequest
  | StatusRequest
  | ListRequest
  | HistoryRequest
  | CancelRequest
  | ResolveRequest
  | HelpRequest;

export type UsageErrorCode =
  | 'empty_input'
  | 'input_too_long'
  | 'invalid_name'
  | 'unknown_option'
  | 'forbidden_option'
  | 'duplicate_option'
  | 'conflicting_options'
  | 'missing_target'
  | 'multiple_targets'
  | 'multiple_sources'
  | 'missing_guest'
  | 'duplicate_guest'
  | 'unknown_vsp'
  | 'same_source_and_target'
  | 'missing_argument'
  | 'unexpected_argument'
  | 'invalid_request_id'
  | 'unbalanced_quote'
  /** `--reason` too long, or with control / bidi-override characters. */
  | 'invalid_reason';

/** A usage error teaches: what was wrong, the usage line, one example, and the input echoed back. */
export interface UsageError {
  readonly code: UsageErrorCode;
  readonly message: string;
  readonly usage: string;
  readonly example: string;
  /** The input as received, truncated; escaped for display by whoever renders it. */
  readonly input: string;
  /** Did-you-mean suggestions, when there are any. */
  readonly suggestions?: readonly string[];
}

export type ParseOutcome =
  { readonly ok: true; readonly request: Request } | { readonly ok: false; readonly error: UsageError };
