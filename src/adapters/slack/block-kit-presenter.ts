/**
 * The Presenter port in Block Kit: each use-case message comes from one builder in ./blocks. The approver
 * description is built once from the approval policy, since every preview repeats it.
 */
import type { Presenter } from '../../app/presenter.ts';
import { truncateForEcho } from '../../domain/grammar/slack-text.ts';
import { message, section } from './blocks/block-parts.ts';
import { errorMessage, lockConflictMessage, refusalMessage, usageErrorMessage } from './blocks/ephemeral-messages.ts';
import { esc, approverList } from './blocks/mrkdwn.ts';
import {
  moveCancelledReply,
  moveFailedReply,
  moveStartedReply,
  moveVerifiedReply,
  requestSummaryReply,
} from './blocks/move-replies.ts';
import { buildBalanceSuggestion } from './blocks/balance-suggestion.ts';
import { buildPreview } from './blocks/preview-message.ts';
import { buildProgressMessage } from './blocks/progress-message.ts';
import { previewWithStatus } from './blocks/status-line.ts';
import { helpView, historyView, requestListView, requestStatusView } from './blocks/views.ts';

export interface PresenterPolicy {
  readonly approverUsers: readonly string[];
  readonly approverGroups: readonly string[];
  readonly selfApproval: boolean;
}

export function blockKitPresenter(policy: PresenterPolicy): Presenter {
  const approvers = approverList(policy.approverUsers, policy.approverGroups);
  const preview: Presenter['preview'] = (input) =>
    buildPreview({ ...input, approvers, requesterMayApprove: policy.selfApproval });
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
    balanceSuggestion: (input) => buildBalanceSuggestion({ ...input, approvers: input.approvers ?? approvers }),
    previewWithStatus: (input, status) =>
      previewWithStatus(
        input.plan.request.kind === 'balance'
          ? buildBalanceSuggestion({ ...input, approvers })
          : buildPreview({ ...input, approvers, requesterMayApprove: policy.selfApproval }),
        status,
      ),
    progress: buildProgressMessage,
    moveStarted: moveStartedReply,
    moveVerified: moveVerifiedReply,
    moveFailed: moveFailedReply,
    moveCancelled: moveCancelledReply,
    requestSummary: requestSummaryReply,
    requestStatus: requestStatusView,
    requestList: requestListView,
    history: historyView,
  };
}
