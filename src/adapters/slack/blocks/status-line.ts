/**
 * What replaces the preview's buttons the moment a click is accepted or the request changes (DESIGN §3:
 * no second click). The rest of the preview stays as the approver saw it.
 */
import { formatDuration } from '../../../domain/plan/format-duration.ts';
import { truncateForEcho } from '../../../domain/grammar/slack-text.ts';
import { actions, button, message, section, type Block, type BlockMessage } from './block-parts.ts';
import { plural } from './limits.ts';
import { tallyText } from './tally-moves.ts';
import { esc, mentionList, slackDate, userMention } from './mrkdwn.ts';
import { actionsBlockId, statusBlockId } from './preview-message.ts';
import type { RequestStatus } from '../../../app/presenter.ts';
export type { RequestStatus } from '../../../app/presenter.ts';

/** The status line as mrkdwn. */
export function statusText(status: RequestStatus): string {
  switch (status.kind) {
    case 'partly-approved':
      return `✓ *Approval ${status.given} of ${status.required}* by ${userMention(status.by)} — waiting for ${plural(status.required - status.given, 'more approver')}.`;
    case 'approving':
      return `✓ *Approved* by ${mentionList(status.by)} — re-checking the inventory before anything runs…`;
    case 'rejected':
      return `✗ *Rejected* by ${userMention(status.by)}${noteText(status.note)} Nothing ran.`;
    case 'expired':
      return `⌛ *Expired* ${slackDate(status.at)} without approval. Nothing ran; ask again for a fresh preview.`;
    case 'superseded':
      return `↻ *Superseded:* the inventory changed since this preview (${esc(truncateForEcho(status.changed, 500))}). Nothing ran; ask again for a fresh preview.`;
    case 'cancelled':
      return `⛔ *Cancelled* by ${userMention(status.by)}.${status.moves === undefined ? ' Nothing ran.' : ` ${tallyText(status.moves)}`}`;
    case 'running':
      return `▶ *Running* — approved by ${mentionList(status.approvedBy)}. ${tallyText(status.moves)} Progress in the thread.`;
    case 'completed': {
      const took = status.elapsedSeconds === undefined ? '' : ` in ${formatDuration(status.elapsedSeconds)}`;
      return `✓ *Completed*${took} — approved by ${mentionList(status.approvedBy)}. ${tallyText(status.moves)}`;
    }
    case 'failed':
      return `✗ *Failed*${noteText(status.note)} ${tallyText(status.moves)} Details in the thread.`;
  }
}

function noteText(note: string | undefined): string {
  return note === undefined || note === '' ? '.' : `: ${esc(truncateForEcho(note, 500))}.`;
}

/**
 * The preview's blocks with the buttons (or an earlier status line) replaced by this status. Approve
 * and Reject stay, under the new version, while approvals are still missing; Cancel appears while moves
 * are queued.
 */
export function withStatus(previewBlocks: readonly Block[], status: RequestStatus): Block[] {
  const isControl = (block: Block): boolean =>
    block.block_id !== undefined &&
    (block.block_id.startsWith(`req:${status.requestId}:`) || block.block_id.startsWith(`status:${status.requestId}:`));
  // A balancing suggestion's checkboxes choose what the last approval runs: they stay while approvals are
  // missing and go with the buttons once it is decided.
  const isSelection = (block: Block): boolean => block.block_id?.startsWith(`sel:${status.requestId}:`) === true;
  const previousButtons = previewBlocks.find((block) => block.type === 'actions' && isControl(block));
  const kept = previewBlocks.filter(
    (block) => !isControl(block) && (status.kind === 'partly-approved' || !isSelection(block)),
  );
  const line = section(statusText(status), statusBlockId(status.requestId, status.version));
  const buttons = statusButtons(status, previousButtons);
  return message(' ', [...kept, line, ...buttons]).blocks;
}

function statusButtons(status: RequestStatus, previous: Block | undefined): Block[] {
  const blockId = actionsBlockId(status.requestId, status.version);
  if (status.kind === 'partly-approved' && previous?.type === 'actions')
    return [
      actions(
        blockId,
        previous.elements.filter((element) => element.type === 'button'),
      ),
    ];
  if (status.kind === 'running' && status.moves.queued > 0)
    return [
      actions(blockId, [
        button({
          actionId: 'cancel',
          text: 'Cancel queued moves',
          value: status.requestId,
          style: 'danger',
          confirm: {
            title: `Cancel ${status.requestId}?`,
            text: `${plural(status.moves.queued, 'queued move')} will not start. A migration already running finishes and is verified: stopping hpvmmigrate halfway is not safe.`,
            confirm: 'Cancel queued moves',
            deny: 'Back',
            style: 'danger',
          },
        }),
      ]),
    ];
  return [];
}

/** The preview message after a status change: blocks from withStatus, fallback text from the status. */
export function previewWithStatus(preview: BlockMessage, status: RequestStatus): BlockMessage {
  // The fallback shows in notifications, where mrkdwn bold markers would be literal asterisks.
  const fallback = `${esc(status.requestId)}: ${statusText(status).replace(/\*/g, '')}`;
  return message(fallback, withStatus(preview.blocks, status));
}
