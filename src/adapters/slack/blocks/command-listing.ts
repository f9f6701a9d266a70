/**
 * The complete command listing, posted in the preview's thread when the preview could not show every
 * command line within Slack's limits (docs/architecture.md, "Chat surface"): every line of the plan, per
 * host in run order, exactly as stored, over as many messages as it takes. Nothing is ever left out here:
 * a line too long for one code block is wrapped, and another message follows when one is full.
 */
import type { Plan } from '../../../domain/plan/plan-types.ts';
import { header, message, section, type Block, type BlockMessage } from './block-parts.ts';
import { LIMITS, pack } from './limits.ts';
import { codeTexts, esc } from './mrkdwn.ts';
import { commandsByHost } from './plan-text.ts';

/** Room left in a message's text budget for the header and the fallback's share. */
const HEADER_RESERVE = 200;

/** Thread messages, each within the block, section and whole-message limits, headed `part i of k`. */
export function buildCommandListing(plan: Plan, requestId: string): BlockMessage[] {
  const texts = pack(
    commandsByHost(plan).flatMap(([host, lines]) =>
      codeTexts(`*on ${esc(host)}:*`, lines, { continued: `*on ${esc(host)} (continued):*`, overlong: 'wrap' }),
    ),
  );
  const parts = groupIntoMessages(texts.length > 0 ? texts : ['_This plan runs no commands._']);
  return parts.map((part, index) => {
    const title = `${requestId} — complete command listing (part ${index + 1} of ${parts.length})`;
    const intro =
      index === 0
        ? ['*Every command line the plan runs*, per host, in run order, exactly as stored with the plan.']
        : [];
    const blocks: Block[] = [header(title), ...[...intro, ...part].map((text) => section(text))];
    return message(esc(title), blocks);
  });
}

/**
 * Consecutive texts per message: at most 50 blocks (the header, the first part's intro, the sections),
 * and at most LIMITS.messageBlocksText characters in all.
 */
function groupIntoMessages(texts: readonly string[]): string[][] {
  const maxSections = LIMITS.blocksPerMessage - 2;
  const maxChars = LIMITS.messageBlocksText - HEADER_RESERVE;
  const groups: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const text of texts) {
    if (current.length > 0 && (current.length >= maxSections || chars + text.length > maxChars)) {
      groups.push(current);
      current = [];
      chars = 0;
    }
    current.push(text);
    chars += text.length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Next to a preview's buttons when it could not show every command line. */
export function commandListingNote(): Block {
  return section(
    '⚠ *This message does not show every command line* (Slack limits its size). The complete command listing — every line that runs, per host, in run order — is in this thread; read it before approving.',
  );
}
