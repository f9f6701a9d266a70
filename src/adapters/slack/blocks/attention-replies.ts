/**
 * Thread replies for what the bot cannot decide alone (docs/architecture.md, "Chat surface"): a move
 * whose outcome is unknown, how it was settled, and the moves that do not run because not every required
 * approver approved them.
 */
import { truncateForEcho } from '../../../domain/grammar/slack-text.ts';
import type { HostView, MoveAttention, MoveRef, MoveSettled, MovesNotSelected } from '../../../ports.ts';
import { message, section, type BlockMessage } from './block-parts.ts';
import { LIMITS, packWithinBudget, plural, totalLength } from './limits.ts';
import { codeTexts, esc, inlineCode, userMention } from './mrkdwn.ts';
import { hostViewText, outputTail, OUTPUT_TAIL_CHARS, routeText } from './move-text.ts';

/** `⚠ vm01 vsp1 → vsp2: the bot cannot tell how this move ended`, what is known, and how to settle it. */
export function moveNeedsAttentionReply(input: MoveAttention): BlockMessage {
  const { move } = input;
  const headline = [
    `⚠ ${routeText(move)}: the bot cannot tell how this move ended (${inlineCode(truncateForEcho(input.code, 100))})`,
    `*What happened:* ${esc(truncateForEcho(input.what, 1000))}`,
  ].join('\n');
  const tail = outputTail(input.lastOutput, OUTPUT_TAIL_CHARS);
  const heading =
    tail.length === input.lastOutput.length
      ? '*The last lines hpvmmigrate wrote:*'
      : `*The last lines hpvmmigrate wrote* (last ${tail.length} of ${plural(input.lastOutput.length, 'line')}):`;
  const output =
    input.lastOutput.length === 0
      ? '_hpvmmigrate wrote nothing to its log._'
      : (codeTexts(heading, tail)[0] ?? heading);
  const where = [statusOn(input.source, move.source, move.guest), statusOn(input.target, move.target, move.guest)].join(
    ', ',
  );
  const action = [
    `*hpvmstatus now:* ${where}`,
    `*Next step:* ${esc(truncateForEcho(input.nextStep, 1500))}`,
    `*To settle it by hand* (approvers): ${inlineCode(truncateForEcho(input.resolveCommand, 300))}`,
    `🔒 ${esc(move.guest)}, ${esc(move.source)} and ${esc(move.target)} stay locked until it is settled: no request can move ${esc(move.guest)}, nor anything onto or off ${esc(move.source)} or ${esc(move.target)}, and nothing more of this request starts.`,
  ].join('\n');
  const fallback = `${esc(move.guest)}: the bot cannot tell how the move to ${esc(move.target)} ended (${esc(truncateForEcho(input.code, 100))})`;
  return message(fallback, [section(headline), section(output), section(action)]);
}

/** `vsp1 shows On (OS)`, `vsp2 does not list vm01`, or `vsp2 could not be read`. */
function statusOn(view: HostView | undefined, host: string, guest: string): string {
  return view === undefined ? `${esc(host)} could not be read` : hostViewText(view, guest, 'does not list');
}

/** `✓ vm01: settled as succeeded by the bot (facts agree: …)`, or by an approver, and where the guest is. */
export function moveSettledReply(input: MoveSettled): BlockMessage {
  const { move } = input;
  const mark = input.outcome === 'succeeded' ? '✓' : '✗';
  const reason = esc(truncateForEcho(input.reason, 500));
  const how =
    input.by === undefined
      ? `by the bot (${reason === '' ? 'the facts agree' : `facts agree: ${reason}`})`
      : `by ${userMention(input.by)} (checked against hpvmstatus)${reason === '' ? '' : `: ${reason}`}`;
  const headline = `${mark} *${esc(move.guest)}*: settled as ${input.outcome} ${how}.`;
  const location =
    input.location === undefined
      ? `*Where ${esc(move.guest)} is now:* not known — check with hpvmstatus on ${esc(move.source)} and ${esc(move.target)}.`
      : `*Where ${esc(move.guest)} is now:* ${esc(input.location)}`;
  const who = input.by === undefined ? 'the bot' : 'an approver';
  return message(`${esc(move.guest)}: settled as ${input.outcome} by ${who}`, [
    section([headline, location].join('\n')),
  ]);
}

/** The moves that do not run because the approvals do not all cover them, and what each approver approved. */
export function movesNotSelectedReply(input: MovesNotSelected): BlockMessage {
  const id = esc(input.requestId);
  const count = plural(input.moves.length, 'move');
  const verb = input.moves.length === 1 ? 'does' : 'do';
  const moveLines = [
    `⊘ *${id}: ${count} ${verb} not run* — not every required approver approved ${input.moves.length === 1 ? 'it' : 'them'}:`,
    ...input.moves.map((move: MoveRef) => `• ${routeText(move)}`),
  ];
  const approvalLines = [
    '*What each approver approved:*',
    ...input.approvals.map(
      (approval) =>
        `• ${userMention(approval.userId)}: ${approval.guests.length === 0 ? 'no move' : approval.guests.map(esc).join(', ')}`,
    ),
  ];
  // Approvers are few; their lists get a third of the room, the moves the rest.
  const approvalTexts = packWithinBudget(
    approvalLines,
    { texts: 9, chars: LIMITS.messageBlocksText / 3 },
    (left) => `_…and ${plural(left, 'more approver')} left out._`,
  );
  const texts = [
    ...packWithinBudget(
      moveLines,
      { texts: LIMITS.blocksPerMessage - 10, chars: LIMITS.messageBlocksText - totalLength(approvalTexts) },
      (left) =>
        `_…and ${plural(left, 'more move')} left out (Slack's message limits); \`/migrate status ${id}\` lists them all._`,
    ),
    ...approvalTexts,
  ];
  return message(
    `${id}: ${count} not approved by every approver ${verb} not run`,
    texts.map((text) => section(text)),
  );
}
