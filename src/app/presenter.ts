/**
 * The Presenter port: how the use-cases turn their data into chat messages without knowing Block Kit.
 * The Slack adapter implements it (src/adapters/slack/blocks); the input types below are the contract.
 */
import type { UsageError } from '../domain/request.ts';
import type { Plan } from '../domain/plan/plan-types.ts';
import type { MoveRecord, RequestRecord, RequestState } from '../domain/workflow/records.ts';
import type { ChatMessage } from '../ports.ts';

/** Why a button click was refused; `requestId` is the request the button belongs to. */
export type ClickRefusal = { readonly requestId: string } & (
  | { readonly reason: 'self-approval' }
  /** `approvers`: filled in by the presenter, which knows the approval policy. */
  | { readonly reason: 'not-approver'; readonly approvers?: string }
  | { readonly reason: 'already-approved' }
  | { readonly reason: 'expired'; readonly at: string }
  | { readonly reason: 'superseded'; readonly changed?: string }
  | { readonly reason: 'already-handled'; readonly state: RequestState; readonly by?: string }
  | { readonly reason: 'wrong-channel'; readonly channelId?: string }
);

export interface LockConflict {
  readonly guest: string;
  readonly requestId: string;
  readonly state: RequestState;
  /** Permalink of the other request's preview, when known. */
  readonly link?: string;
}

export interface OperatorError {
  /** What went wrong, in one sentence. */
  readonly what: string;
  /** What the operator should do next. */
  readonly nextStep: string;
  /** A request id or log reference to quote when asking for help. */
  readonly reference?: string;
}

export type MoveRef = Pick<MoveRecord, 'requestId' | 'guest' | 'source' | 'target' | 'mode'>;

export interface MoveStarted {
  readonly move: MoveRef;
  /** The log file on the source VSP that the bot follows. */
  readonly logPath: string;
}

export interface PhaseDone {
  readonly move: MoveRef;
  readonly phase: string;
  readonly elapsedSeconds?: number;
}

/** What `hpvmstatus` showed on one VSP after the move; no stateText: the VSP no longer lists the guest. */
export interface HostView {
  readonly host: string;
  readonly stateText?: string;
}

export interface MoveVerified {
  readonly move: MoveRef;
  readonly target: HostView;
  readonly source: HostView;
}

export interface MoveFailure {
  readonly move: MoveRef;
  /** The command line that failed, as run. */
  readonly command?: string;
  /** null: ended without an exit status (signal, lost connection). */
  readonly exitCode: number | null;
  /** What hpvmmigrate printed, oldest first; the reply shows the last lines that fit. */
  readonly output: readonly string[];
  /** Where hpvmstatus shows the runnable guest now, e.g. `vsp1 (On (OS))`; undefined: could not verify. */
  readonly location?: string;
  readonly nextStep: string;
}

export interface MoveCancelled {
  readonly move: MoveRef;
  /** Who cancelled; absent when the bot did (e.g. an earlier move failed). */
  readonly by?: string;
  readonly reason?: string;
}

export interface RequestSummary {
  readonly request: Pick<RequestRecord, 'id' | 'state'>;
  readonly moves: readonly MoveRecord[];
}

export interface PreviewInput {
  /** id, version, requester, text, reason, approvalsRequired, approvals and expiresAt come from here. */
  readonly request: RequestRecord;
  readonly plan: Plan;
  /** Who may approve, as mrkdwn with mentions (approverList): the one place mentions are meant to ping. */
  readonly approvers: string;
  /** False (the default, four eyes): the preview says the requester cannot approve. */
  readonly requesterMayApprove?: boolean;
  readonly now: Date;
}

export interface ProgressInput {
  readonly move: MoveRecord;
  /** The plan's estimate for this move: the ETA before hpvmmigrate reports a percentage. */
  readonly estimatedSeconds?: number;
  readonly now: Date;
}

export interface StatusBase {
  readonly requestId: string;
  /** The request's version after this change: the new buttons' block_id carries it. */
  readonly version: number;
}

export type RequestStatus = StatusBase &
  (
    | { readonly kind: 'partly-approved'; readonly by: string; readonly given: number; readonly required: number }
    | { readonly kind: 'approving'; readonly by: readonly string[] }
    | { readonly kind: 'rejected'; readonly by: string; readonly note?: string }
    | { readonly kind: 'expired'; readonly at: string }
    | { readonly kind: 'superseded'; readonly changed: string }
    | { readonly kind: 'cancelled'; readonly by: string; readonly moves?: MoveTally }
    | { readonly kind: 'running'; readonly approvedBy: readonly string[]; readonly moves: MoveTally }
    | {
        readonly kind: 'completed';
        readonly approvedBy: readonly string[];
        readonly moves: MoveTally;
        readonly elapsedSeconds?: number;
      }
    | { readonly kind: 'failed'; readonly moves: MoveTally; readonly note?: string }
  );

export interface MoveTally {
  readonly total: number;
  readonly queued: number;
  /** starting, running or verifying. */
  readonly active: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly cancelled: number;
}

export interface RequestStatusInput {
  readonly request: RequestRecord;
  readonly moves: readonly MoveRecord[];
  readonly now: Date;
}

export interface RequestListInput {
  readonly requests: readonly RequestRecord[];
  readonly now: Date;
}

export interface HistoryInput {
  /** The guest or VSP asked about; absent: all requests. */
  readonly subject?: string;
  readonly requests: readonly RequestRecord[];
  readonly now: Date;
}

/** Counts of a request's moves by state, for the status line and the final summary. */
export function tallyMoves(moves: readonly Pick<MoveRecord, 'state'>[]): MoveTally {
  const count = (...states: MoveRecord['state'][]): number =>
    moves.filter((move) => states.includes(move.state)).length;
  return {
    total: moves.length,
    queued: count('queued'),
    active: count('starting', 'running', 'verifying'),
    succeeded: count('succeeded'),
    failed: count('failed'),
    cancelled: count('cancelled'),
  };
}

export interface BalanceSuggestionInput {
  readonly request: RequestRecord;
  /** A plan whose request is a BalancePlanRequest. */
  readonly plan: Plan;
  /** Who may approve, as mrkdwn; filled in by the presenter. */
  readonly approvers?: string;
  readonly now: Date;
}

export interface Presenter {
  balanceSuggestion(input: BalanceSuggestionInput): ChatMessage;
  usageError(error: UsageError): ChatMessage;
  help(): ChatMessage;
  /** A short notice (e.g. "checking…"), escaped. */
  notice(text: string): ChatMessage;
  error(error: OperatorError): ChatMessage;
  refusal(refusal: ClickRefusal): ChatMessage;
  lockConflict(conflict: LockConflict): ChatMessage;
  /** `approvers` and `requesterMayApprove` come from the presenter's own configuration. */
  preview(input: Omit<PreviewInput, 'approvers' | 'requesterMayApprove'>): ChatMessage;
  previewWithStatus(input: Omit<PreviewInput, 'approvers' | 'requesterMayApprove'>, status: RequestStatus): ChatMessage;
  progress(input: ProgressInput): ChatMessage;
  moveStarted(input: MoveStarted): ChatMessage;
  moveVerified(input: MoveVerified): ChatMessage;
  moveFailed(input: MoveFailure): ChatMessage;
  moveCancelled(input: MoveCancelled): ChatMessage;
  requestSummary(input: RequestSummary): ChatMessage;
  requestStatus(input: RequestStatusInput): ChatMessage;
  requestList(input: RequestListInput): ChatMessage;
  history(input: HistoryInput): ChatMessage;
}
