/**
 * Everything that can happen to a request, as data. Each path of the bot — slash command, click, cancel,
 * re-check, runner, verification, expiry sweep, restart recovery, reconciliation, resolution — turns what
 * it saw into one of these and asks `transition` what follows. Facts the machine cannot know itself (is
 * this user an approver? what does hpvmstatus say?) are resolved by the caller and carried in the event.
 */
import type { MoveFacts } from './move-outcome.ts';

/** Who acts, as the caller resolved it (approver list and user groups). */
export interface Actor {
  readonly userId: string;
  readonly mayApprove: boolean;
}

/**
 * Where a click came from: Slack's channel, the clicked message's ts, and the revision and plan hash its
 * buttons carried. A click counts only when all of them match the stored preview.
 */
export interface ClickOrigin {
  readonly channelId: string;
  readonly messageTs: string;
  /** From the actions block_id `req:<id>:v<revision>`; undefined when the block id is not ours. */
  readonly revision: number | undefined;
  /** From the button value `<id>@<hash prefix>`; undefined for buttons without one. */
  readonly planHashPrefix?: string;
}

export type ResolveOutcome = 'done' | 'failed';

export type WorkflowEvent =
  /** The preview (and, when it had to leave command lines out, the full listing in its thread) is posted. */
  | { readonly type: 'preview_posted'; readonly ts: string; readonly showsEveryCommand: boolean }
  /** The preview could not be posted: nobody can approve it. */
  | { readonly type: 'preview_failed'; readonly reason: string }
  /** Approve (every move) or, on a balancing suggestion, Approve selected (the ticked moves). */
  | {
      readonly type: 'approve';
      readonly actor: Actor;
      readonly selection: 'all' | readonly number[];
      readonly origin: ClickOrigin;
      readonly selfApproval: boolean;
    }
  | { readonly type: 'reject'; readonly actor: Actor; readonly origin: ClickOrigin }
  /** The Cancel button (with its origin) or `/migrate cancel` (without). */
  | { readonly type: 'cancel'; readonly actor: Actor; readonly origin?: ClickOrigin }
  | { readonly type: 'expire' }
  /** The re-read inventory gives the same plan: run it. */
  | { readonly type: 'recheck_passed' }
  /** The re-read inventory differs (or could not be read): nothing runs. */
  | { readonly type: 'supersede'; readonly change: string }
  /** The stored plan no longer matches its seal or what was approved: nothing more runs. */
  | { readonly type: 'seal_broken'; readonly problem: string }
  | { readonly type: 'move_start'; readonly index: number }
  | {
      readonly type: 'move_started';
      readonly index: number;
      /** The move's folder on the source VSP. */
      readonly remoteDir: string;
      /** The hpvmmigrate line as the preview showed it, and the detached line that ran it. */
      readonly command: string;
      readonly remoteLine: string;
      /** False: an earlier start of the same folder had already started it (reattached). */
      readonly fresh: boolean;
    }
  | { readonly type: 'move_exited'; readonly index: number; readonly exitCode: number }
  /** hpvmstatus on both VSPs after hpvmmigrate ended. */
  | { readonly type: 'move_checked'; readonly index: number; readonly facts: MoveFacts }
  /** Starting, following or verifying failed in a way that leaves the outcome unknown. */
  | {
      readonly type: 'move_lost';
      readonly index: number;
      readonly code: string;
      readonly message: string;
      /** What the operator should do, as the caller knows it for this error (its adapter's advice). */
      readonly nextStep?: string;
    }
  /** A move that needed attention is found running on its source: following resumes. */
  | { readonly type: 'move_reattached'; readonly index: number; readonly remoteDir: string }
  /** The bot established the outcome of a move that needed attention. */
  | { readonly type: 'move_settled'; readonly index: number; readonly facts: MoveFacts }
  /** `/migrate resolve <request> [<vm>] done|failed`, with hpvmstatus re-read on both VSPs. */
  | {
      readonly type: 'resolve';
      readonly actor: Actor;
      readonly index: number;
      readonly outcome: ResolveOutcome;
      readonly facts: MoveFacts;
    };

export type WorkflowEventType = WorkflowEvent['type'];
