/**
 * What the bot remembers about a request and each of its moves (stored by the Store port). Plain data:
 * the plan is kept as the exact JSON the preview showed and the runner executes.
 */
import type { MigrationMode } from '../request.ts';

/**
 * checked     — answered without buttons: `--check`, or a plan whose checks failed (terminal)
 * pending     — preview posted, waiting for approval(s)
 * approving   — an approval was accepted; the inventory is being re-read before anything runs
 * running     — approved; moves run round by round
 * completed   — every move succeeded and was verified
 * failed      — at least one move failed (the others are reported each with its own outcome)
 * rejected, expired, superseded, cancelled — closed without running anything more
 */
export type RequestState =
  | 'checked'
  | 'pending'
  | 'approving'
  | 'running'
  | 'completed'
  | 'failed'
  | 'rejected'
  | 'expired'
  | 'superseded'
  | 'cancelled';

export const OPEN_REQUEST_STATES: readonly RequestState[] = ['pending', 'approving', 'running'];

export function isOpen(state: RequestState): boolean {
  return OPEN_REQUEST_STATES.includes(state);
}

export interface Approval {
  readonly userId: string;
  /** ISO time. */
  readonly at: string;
}

export interface RequestRecord {
  /** `REQ-42`. */
  readonly id: string;
  readonly kind: 'migrate' | 'evacuate' | 'return' | 'balance';
  /** The /migrate text as received (after Slack unescaping). */
  readonly text: string;
  readonly requesterId: string;
  readonly channelId: string;
  /** Slack's trigger_id of the slash command: a redelivered command carries the same one. */
  readonly triggerId: string;
  readonly responseUrl?: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly state: RequestState;
  /** Compare-and-set counter: every state change must name the version it saw. */
  readonly version: number;
  readonly reason?: string;
  /** canonicalPlanJson of the plan the preview shows; the runner executes exactly its command lines. */
  readonly planJson: string;
  readonly planHash: string;
  /** Hash of what the plan depends on (moves, commands, rounds): a re-read that differs supersedes it. */
  readonly dependencyHash: string;
  readonly approvalsRequired: number;
  readonly approvals: readonly Approval[];
  /** The preview message in the channel; progress goes to its thread. */
  readonly previewTs?: string;
  /** Why the request is in its state (who rejected, what changed, …), for the status line. */
  readonly stateNote?: string;
  readonly closedAt?: string;
}

export type MoveState = 'queued' | 'starting' | 'running' | 'verifying' | 'succeeded' | 'failed' | 'cancelled';

export const FINAL_MOVE_STATES: readonly MoveState[] = ['succeeded', 'failed', 'cancelled'];

/** The `error` of a suggested move the approver did not tick: cancelled, but not a cancellation of the request. */
export const NOT_SELECTED = 'not selected by the approver';

export interface MoveProgress {
  readonly phase: string;
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
  /** The folder on the source VSP holding this move's log and exit status. */
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
  readonly error?: string;
}

export interface AuditEntry {
  readonly at: string;
  /** A Slack user id, or `bot` for what the bot did on its own. */
  readonly actor: string;
  /** e.g. `request.created`, `approval.refused`, `command.started`, `move.verified`. */
  readonly action: string;
  readonly requestId?: string;
  readonly result: 'ok' | 'refused' | 'failed' | 'info';
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
