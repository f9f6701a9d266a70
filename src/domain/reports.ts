/**
 * What the use-cases report to people, as plain data: the inputs of the Presenter port (src/ports.ts).
 * The presenter turns each into a chat message; nothing here knows Slack or Block Kit.
 */
import type { PhaseEstimate } from './plan/estimate-move-seconds.ts';
import type { Plan } from './plan/plan-types.ts';
import type { MoveRecord, RequestRecord, RequestState } from './workflow/records.ts';
import type { MoveTally } from './workflow/tally-moves.ts';

export type { MoveTally } from './workflow/tally-moves.ts';

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
  /** The clicked message or its buttons are not the preview as stored now. */
  | { readonly reason: 'stale-click'; readonly detail: string }
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

export type MoveRef = Pick<MoveRecord, 'requestId' | 'index' | 'guest' | 'source' | 'target' | 'mode'>;

export interface MoveStarted {
  readonly move: MoveRef;
  /** The log file on the source VSP that the bot follows. */
  readonly logPath: string;
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

/** A move whose outcome the bot cannot establish: what is known, and what to do. */
export interface MoveAttention {
  readonly move: MoveRef;
  /** What happened, in words, and its code (`remote_run_vanished`, `auth_failed`, …). */
  readonly what: string;
  readonly code: string;
  /** The last lines hpvmmigrate wrote to its log, oldest first (may be empty). */
  readonly lastOutput: readonly string[];
  /** What hpvmstatus shows on each VSP, when they answered. */
  readonly source?: HostView;
  readonly target?: HostView;
  readonly nextStep: string;
  /** The command that settles it by hand: `/migrate resolve REQ-7 vm01 done|failed`. */
  readonly resolveCommand: string;
}

/** A move that needed attention is settled: by the bot (facts agree) or by an approver. */
export interface MoveSettled {
  readonly move: MoveRef;
  readonly outcome: 'succeeded' | 'failed';
  /** The approver who resolved it; absent: the bot established it. */
  readonly by?: string;
  /** Where hpvmstatus shows the runnable guest, when known. */
  readonly location?: string;
  readonly reason: string;
}

/** Moves of a request that do not run because not every required approver approved them. */
export interface MovesNotSelected {
  readonly requestId: string;
  readonly moves: readonly MoveRef[];
  /** Each approver and the guests they approved. */
  readonly approvals: readonly { readonly userId: string; readonly guests: readonly string[] }[];
}

export interface RequestSummary {
  readonly request: Pick<RequestRecord, 'id' | 'state'>;
  readonly moves: readonly MoveRecord[];
}

export interface PreviewInput {
  /** id, revision, requester, text, reason, approvalsRequired, approvals and expiresAt come from here. */
  readonly request: RequestRecord;
  readonly plan: Plan;
  /** Who may approve, as mrkdwn with mentions (approverList): the one place mentions are meant to ping. */
  readonly approvers: string;
  /** False (the default, four eyes): the preview says the requester cannot approve. */
  readonly requesterMayApprove?: boolean;
  readonly now: Date;
}

/** What the stored plan and the move's output add to a move record to show its progress and outcome. */
export interface MoveDetail {
  /** The plan's estimate for this move: the ETA before hpvmmigrate reports a percentage. */
  readonly estimatedSeconds?: number;
  /** The plan's estimate by phase, for the share of the whole move; absent in older plans. */
  readonly estimatedPhases?: readonly PhaseEstimate[];
  /** Why a failed move failed, in hpvmmigrate's words (migrateFailureSummary), for its final message. */
  readonly failureReason?: string;
}

export interface ProgressInput extends MoveDetail {
  readonly move: MoveRecord;
  readonly now: Date;
}

export interface StatusBase {
  readonly requestId: string;
  /** The revision of the buttons the status line brings (their block_id carries it). */
  readonly revision: number;
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
    | { readonly kind: 'needs-attention'; readonly guests: readonly string[]; readonly moves: MoveTally }
    | {
        readonly kind: 'completed';
        readonly approvedBy: readonly string[];
        readonly moves: MoveTally;
        readonly elapsedSeconds?: number;
      }
    | { readonly kind: 'failed'; readonly moves: MoveTally; readonly note?: string }
  );

export interface RequestStatusInput {
  readonly request: RequestRecord;
  readonly moves: readonly MoveRecord[];
  /**
   * Each move's detail by its index (MoveRecord.index), so the status shows the same whole-move percent and
   * outcome as the move's progress message; absent when the stored plan cannot be read.
   */
  readonly details?: readonly (MoveDetail | undefined)[];
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

export interface BalanceSuggestionInput {
  readonly request: RequestRecord;
  /** A plan whose request is a BalancePlanRequest. */
  readonly plan: Plan;
  /** Who may approve, as mrkdwn; filled in by the presenter. */
  readonly approvers?: string;
  readonly now: Date;
}
