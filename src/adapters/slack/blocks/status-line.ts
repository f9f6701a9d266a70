/**
 * What replaces the preview's buttons the moment a click is accepted or the request changes
 * (docs/architecture.md, "Chat surface": no second click). The rest of the preview stays as the approver
 * saw it; the buttons that remain carry the new revision in their block_id, so a click on an older
 * rendering is recognised.
 */
import { formatDuration } from '../../../domain/plan/format-duration.ts';
import { truncateForEcho } from '../../../domain/grammar/slack-text.ts';
import { actions, button, message, section, type Block, type BlockMessage } from './block-parts.ts';
import { plural } from './limits.ts';
import { tallyText } from './tally-text.ts';
import { esc, inlineCode, mentionList, slackDate, userMention } from './mrkdwn.ts';
import { actionsBlockId, cancelButtonValue, selectBlockId, parseSelectBlockId, statusBlockId } from './block-ids.ts';
import type { RequestStatus } from '../../../ports.ts';

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
    case 'needs-attention':
      return needsAttentionText(status.requestId, status.guests, tallyText(status.moves));
    case 'completed': {
      const took = status.elapsedSeconds === undefined ? '' : ` in ${formatDuration(status.elapsedSeconds)}`;
      return `✓ *Completed*${took} — approved by ${mentionList(status.approvedBy)}. ${tallyText(status.moves)}`;
    }
    case 'failed':
      return `✗ *Failed*${noteText(status.note)} ${tallyText(status.moves)} Details in the thread.`;
  }
}

const NAMES_SHOWN = 10;

function needsAttentionText(requestId: string, guests: readonly string[], tally: string): string {
  const names =
    guests.length <= NAMES_SHOWN
      ? guests.map(esc).join(', ')
      : `${guests.slice(0, NAMES_SHOWN).map(esc).join(', ')} and ${guests.length - NAMES_SHOWN} more`;
  const outcome =
    guests.length === 1 ? 'the outcome of a move is unknown' : `the outcomes of ${guests.length} moves are unknown`;
  // With one guest the command can be given whole, ready to copy.
  const resolve = `/migrate resolve ${requestId} ${guests.length === 1 ? (guests[0] ?? '<vm>') : '<vm>'} done|failed`;
  return `⚠ *Needs attention* — ${names}: ${outcome}, nothing more starts; the bot keeps checking, an approver can settle it with ${inlineCode(resolve)}. ${tally}`;
}

function noteText(note: string | undefined): string {
  return note === undefined || note === '' ? '.' : `: ${esc(truncateForEcho(note, 500))}.`;
}

/**
 * The preview's blocks with the buttons (or an earlier status line) replaced by this status. Approve
 * and Reject stay, under the new revision, while approvals are still missing; Cancel appears while moves
 * are queued and the request runs.
 */
export function withStatus(previewBlocks: readonly Block[], status: RequestStatus): Block[] {
  const isControl = (block: Block): boolean =>
    block.block_id !== undefined &&
    (block.block_id.startsWith(`req:${status.requestId}:`) || block.block_id.startsWith(`status:${status.requestId}:`));
  // A balancing suggestion's checkboxes choose what the last approval runs: they stay while approvals are
  // missing and go with the buttons once it is decided.
  const isSelection = (block: Block): boolean => block.block_id?.startsWith(`sel:${status.requestId}:`) === true;
  const previousButtons = previewBlocks.find((block) => block.type === 'actions' && isControl(block));
  const kept = previewBlocks
    .filter((block) => !isControl(block) && (status.kind === 'partly-approved' || !isSelection(block)))
    .map((block) => (isSelection(block) ? withRevision(block, status.revision) : block));
  const line = section(statusText(status), statusBlockId(status.requestId, status.revision));
  const buttons = statusButtons(status, previousButtons);
  return message(' ', [...kept, line, ...buttons]).blocks;
}

/** A checkbox group under the new revision: fresh ids for every rendering, like the buttons. */
function withRevision(block: Block, revision: number): Block {
  const ref = block.block_id === undefined ? undefined : parseSelectBlockId(block.block_id);
  return ref === undefined ? block : { ...block, block_id: selectBlockId(ref.requestId, revision, ref.group) };
}

function statusButtons(status: RequestStatus, previous: Block | undefined): Block[] {
  const blockId = actionsBlockId(status.requestId, status.revision);
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
          value: cancelButtonValue(status.requestId),
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
