/**
 * What the state machine answers: either a transition — the change to store, the one audit row that goes
 * with it, and the effects the app carries out once both are stored — or a refusal with its reason.
 */
import type { AuditDraft, WorkflowChange } from './changes.ts';
import type { MoveFacts } from './move-outcome.ts';
import type { Workflow } from './records.ts';

/** A reply in the request's thread (the app renders it with the presenter, adding output and facts). */
export type ThreadNote =
  /** Moves the approvals did not all cover: they do not run. */
  | { readonly kind: 'not_selected'; readonly indexes: readonly number[] }
  /** Queued moves that will not start, and why. */
  | { readonly kind: 'cancelled'; readonly indexes: readonly number[]; readonly reason: string }
  | { readonly kind: 'superseded'; readonly change: string }
  | { readonly kind: 'seal_broken'; readonly problem: string }
  /** The migration started on the source (not said again when a restart reattached to it). */
  | { readonly kind: 'move_started'; readonly index: number }
  /** The verified outcome of a move (succeeded or failed), with what hpvmstatus showed. */
  | { readonly kind: 'move_result'; readonly index: number; readonly facts: MoveFacts }
  /** What is known about a move whose outcome is unknown, and what to do. */
  | {
      readonly kind: 'needs_attention';
      readonly index: number;
      readonly facts?: MoveFacts;
      readonly nextStep?: string;
    }
  | { readonly kind: 'reattached'; readonly index: number }
  /** A move that needed attention is settled: by the bot from agreeing facts, or by an approver. */
  | { readonly kind: 'settled'; readonly index: number; readonly by?: string };

export type Effect =
  /** Re-render the preview's status line and buttons from the stored request. */
  | { readonly kind: 'show_status' }
  /** Re-read the inventory and compare the plan before anything runs. */
  | { readonly kind: 'recheck' }
  /** Run the request's moves round by round. */
  | { readonly kind: 'run' }
  /** Keep trying to establish the outcome of a move that needs attention. */
  | { readonly kind: 'reconcile'; readonly index: number }
  /** Remove a settled move's folder from its source VSP. */
  | { readonly kind: 'cleanup'; readonly index: number }
  /** The request is closed after running: post the summary in the thread. */
  | { readonly kind: 'summarize' }
  | { readonly kind: 'tell'; readonly note: ThreadNote };

export type RefusalCode =
  | 'wrong_state'
  | 'expired'
  | 'stale_click'
  | 'not_an_approver'
  | 'self_approval'
  | 'already_approved'
  | 'not_allowed'
  | 'selection_not_allowed'
  | 'nothing_selected'
  | 'invalid_selection'
  | 'no_common_selection'
  | 'nothing_to_cancel'
  | 'awaiting_resolution'
  | 'no_such_move'
  | 'round_not_reached'
  | 'moves_in_flight'
  | 'outcome_unknown'
  | 'contradicts_hpvmstatus';

export interface Transition {
  readonly ok: true;
  readonly change: WorkflowChange;
  /** The workflow as it is once the change is stored. */
  readonly next: Workflow;
  readonly audit: AuditDraft;
  readonly effects: readonly Effect[];
}

export interface Refusal {
  readonly ok: false;
  readonly code: RefusalCode;
  /** One sentence for the person who asked (or the log, for the bot's own events). */
  readonly reason: string;
}

export type TransitionResult = Transition | Refusal;

export function refuse(code: RefusalCode, reason: string): Refusal {
  return { ok: false, code, reason };
}
