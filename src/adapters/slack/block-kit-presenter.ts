/**
 * The Presenter port in Block Kit: each use-case message comes from one builder in ./blocks. The approver
 * description is built once from the approval policy, since every preview repeats it.
 */
import { truncateForEcho } from '../../domain/grammar/slack-text.ts';
import type { BalanceSuggestionInput, Presenter, PreviewInput, PreviewOf } from '../../ports.ts';
import { moveNeedsAttentionReply, moveSettledReply, movesNotSelectedReply } from './blocks/attention-replies.ts';
import { buildBalanceSuggestion } from './blocks/balance-suggestion.ts';
import { message, section, type BlockPreview } from './blocks/block-parts.ts';
import { buildCommandListing } from './blocks/command-listing.ts';
import { errorMessage, lockConflictMessage, refusalMessage, usageErrorMessage } from './blocks/ephemeral-messages.ts';
import {
  moveCancelledReply,
  moveFailedReply,
  moveStartedReply,
  moveVerifiedReply,
  requestSummaryReply,
} from './blocks/move-replies.ts';
import { approverList, esc } from './blocks/mrkdwn.ts';
import { buildPreview } from './blocks/preview-message.ts';
import { buildProgressMessage } from './blocks/progress-message.ts';
import { previewWithStatus } from './blocks/status-line.ts';
import { helpView, historyView, requestListView, requestStatusView } from './blocks/views.ts';

export interface PresenterPolicy {
  readonly approverUsers: readonly string[];
  readonly approverGroups: readonly string[];
  readonly selfApproval: boolean;
}

/** The approval section of the config file, as far as the presenter needs it. */
export interface ApprovalConfig {
  readonly approvers: { readonly users: readonly string[]; readonly groups: readonly string[] };
  readonly selfApproval: boolean;
}

/** The presenter for the configured approval policy (who may approve, whether requesters may). */
export function presenterFor(approval: ApprovalConfig): Presenter {
  return blockKitPresenter({
    approverUsers: approval.approvers.users,
    approverGroups: approval.approvers.groups,
    selfApproval: approval.selfApproval,
  });
}

export function blockKitPresenter(policy: PresenterPolicy): Presenter {
  const approvers = approverList(policy.approverUsers, policy.approverGroups);
  const preview = (input: PreviewOf<PreviewInput>): BlockPreview =>
    buildPreview({ ...input, approvers, requesterMayApprove: policy.selfApproval });
  const balanceSuggestion = (input: BalanceSuggestionInput): BlockPreview =>
    buildBalanceSuggestion({ ...input, approvers: input.approvers ?? approvers });
  return {
    usageError: usageErrorMessage,
    help: helpView,
    notice: (text) => {
      const escaped = esc(truncateForEcho(text, 2900));
      return message(escaped, [section(escaped)]);
    },
    error: errorMessage,
    refusal: (refusal) =>
      refusalMessage(
        refusal.reason === 'not-approver' ? { ...refusal, approvers: refusal.approvers ?? approvers } : refusal,
      ),
    lockConflict: lockConflictMessage,
    preview,
    balanceSuggestion,
    // The message as it was, rebuilt from the stored request, with the buttons replaced by the status.
    previewWithStatus: (input, status) =>
      previewWithStatus(input.plan.request.kind === 'balance' ? balanceSuggestion(input) : preview(input), status),
    commandListing: buildCommandListing,
    progress: buildProgressMessage,
    moveStarted: moveStartedReply,
    moveVerified: moveVerifiedReply,
    moveFailed: moveFailedReply,
    moveCancelled: moveCancelledReply,
    moveNeedsAttention: moveNeedsAttentionReply,
    moveSettled: moveSettledReply,
    movesNotSelected: movesNotSelectedReply,
    requestSummary: requestSummaryReply,
    requestStatus: requestStatusView,
    requestList: requestListView,
    history: historyView,
  };
}
