/**
 * What the bot remembers about a request and each of its moves (stored by the Store port). Plain data:
 * the plan is kept as the exact JSON the preview showed, sealed by its hash, and never changes after the
 * request is created. States change only through the state machine (transition.ts); the table of states
 * and events is in docs/architecture.md, "States and events".
 */
import type { MigrationMode } from '../request.ts';

/**
 * checked         — answered without buttons: `--check`, or a plan whose checks failed (final, no moves)
 * pending         — preview posted (or being posted), waiting for approval(s)
 * approving       — enough approvals; the inventory is being re-read before anything runs
 * running         — approved and re-checked; moves run round by round
 * needs_attention — a move's outcome could not be established: nothing more starts, locks are kept
 * completed       — every approved move succeeded and was verified
 * failed          — at least one move failed, or the plan's seal was broken
 * rejected, expired, superseded, cancelled — closed; moves that had not started never will
 */
export const REQUEST_STATES = [
  'checked',
  'pending',
  'approving',
  'running',
  'needs_attention',
  'completed',
  'failed',
  'rejected',
  'expired',
  'superseded',
  'cancelled',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** States a request can still leave. Its queued and active moves lock their guests meanwhile. */
export const OPEN_REQUEST_STATES: readonly RequestState[] = ['pending', 'approving', 'running', 'needs_attention'];

export function isOpen(state: RequestState): boolean {
  return OPEN_REQUEST_STATES.includes(state);
}

/**
 * queued          — waiting for its round (or for approval)
 * starting        — the detached start line is being sent to the source VSP
 * running         — hpvmmigrate runs detached on the source; the bot follows its log
 * verifying       — hpvmmigrate ended; hpvmstatus on both VSPs decides the outcome
 * needs_attention — the bot cannot establish the outcome; it keeps trying, an approver can resolve it
 * succeeded, failed — verified outcome (or settled from agreeing facts, or resolved by an approver)
 * cancelled       — never started: cancelled, or an earlier move failed or needs attention
 * not_selected    — a move the approvals did not cover (Approve selected): never part of the run
 */
export const MOVE_STATES = [
  'queued',
  'starting',
  'running',
  'verifying',
  'needs_attention',
  'succeeded',
  'failed',
  'cancelled',
  'not_selected',
] as const;
export type MoveState = (typeof MOVE_STATES)[number];

export const FINAL_MOVE_STATES: readonly MoveState[] = ['succeeded', 'failed', 'cancelled', 'not_selected'];

/** The bot is carrying the move out: something may be happening on a VSP right now. */
export const ACTIVE_MOVE_STATES: readonly MoveState[] = ['starting', 'running', 'verifying'];

export function isFinalMove(state: MoveState): boolean {
  return FINAL_MOVE_STATES.includes(state);
}

/** One approver's approval, bound to the plan they were shown and the moves they approved. */
export interface Approval {
  readonly userId: string;
  /** ISO time. */
  readonly at: string;
  /** The hash of the sealed plan the approver's preview showed. */
  readonly planHash: string;
  /** The move indexes this approver approved (every move for Approve / Approve all), ascending. */
  readonly moves: readonly number[];
}

export type RequestKind = 'migrate' | 'evacuate' | 'return' | 'balance';

export interface RequestRecord {
  /** `REQ-42`. */
  readonly id: string;
  readonly kind: RequestKind;
  /** The /migrate text as received (after Slack unescaping). */
  readonly text: string;
  readonly requesterId: string;
  /** Where the preview is posted: a click counts only from this channel. */
  readonly channelId: string;
  /** Slack's trigger_id of the slash command: a redelivered command carries the same one. */
  readonly triggerId: string;
  readonly responseUrl?: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly state: RequestState;
  /** Compare-and-set counter: every transition names the version it was computed from. */
  readonly version: number;
  readonly reason?: string;
  /** canonicalPlanJson of the plan the preview shows; sealed: never changed after creation. */
  readonly planJson: string;
  /** sha256 of planJson, checked before the first command and before each round. */
  readonly planHash: string;
  /** Hash of what the plan depends on (moves, commands, rounds), for the audit trail. */
  readonly dependencyHash: string;
  readonly approvalsRequired: number;
  readonly approvals: readonly Approval[];
  /** The preview message in the channel; progress goes to its thread. A click counts only on this message. */
  readonly previewTs?: string;
  /**
   * The revision the preview's buttons carry in their block_id (`req:<id>:v<revision>`): raised each time
   * a transition re-renders them, so a click on an older rendering is recognised and refused.
   */
  readonly previewRevision: number;
  /** Why the request is in its state (who rejected or cancelled, what changed, …), for the status line. */
  readonly stateNote?: string;
  readonly closedAt?: string;
}

export interface MoveProgress {
  readonly phase: string;
  /** HP's step counter, which runs on across phases (`Frozen phase (step 23) - progress 21%`); not stored. */
  readonly step?: number;
  /** The current phase's percent, not the whole move's. */
  readonly percent: number;
}

export interface MoveRecord {
  readonly requestId: string;
  /** Index into the plan's moves. */
  readonly index: number;
  readonly round: number;
  readonly guest: string;
  readonly source: string;
  readonly target: string;
  readonly mode: MigrationMode;
  readonly state: MoveState;
  /** The folder on the source VSP holding this move's log and exit status ('' until started). */
  readonly remoteDir: string;
  /** Bytes of the remote log already read: a restart reads on from here. */
  readonly logOffset: number;
  readonly exitCode?: number;
  readonly progress?: MoveProgress;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  /** Where `hpvmstatus` showed the runnable guest after the move (verified), e.g. `vsp2 (On (OS))`. */
  readonly verifiedLocation?: string;
  /** The move's progress message in the thread. */
  readonly progressTs?: string;
  /** Why the move failed, needs attention or was cancelled, in words. */
  readonly error?: string;
  /** The code behind `error` (e.g. `remote_run_vanished`, `auth_failed`), for the operator message. */
  readonly errorCode?: string;
}

/** A request with its moves: the unit the state machine decides on and the Store changes atomically. */
export interface Workflow {
  readonly request: RequestRecord;
  /** Ordered by index; index i is the plan's move i. */
  readonly moves: readonly MoveRecord[];
}

export const AUDIT_RESULTS = ['ok', 'refused', 'failed', 'info'] as const;

export interface AuditEntry {
  readonly at: string;
  /** A Slack user id, or `bot` for what the bot did on its own. */
  readonly actor: string;
  /** e.g. `request.created`, `click.approve`, `move.started`, `move.verified`. */
  readonly action: string;
  readonly requestId?: string;
  readonly result: (typeof AUDIT_RESULTS)[number];
  /** Free-form evidence: the command line, the reason, the output tail. */
  readonly detail?: Readonly<Record<string, unknown>>;
}

export interface OutputLine {
  readonly requestId: string;
  readonly moveIndex: number;
  readonly stream: 'stdout' | 'stderr' | 'log';
  readonly text: string;
  readonly at: string;
}
