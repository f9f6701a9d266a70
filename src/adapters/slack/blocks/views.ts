/**
 * Answers to `/migrate help`, `status`, `list` and `history` (docs/architecture.md, "Chat surface").
 * Long lists are cut with a line saying how many were left out and how to narrow the question.
 */
import { truncateForEcho } from '../../../domain/grammar/slack-text.ts';
import { helpText } from '../../../domain/grammar/usage.ts';
import { formatDuration } from '../../../domain/plan/format-duration.ts';
import type { MoveRecord, RequestRecord } from '../../../domain/workflow/records.ts';
import { header, message, section, type Block, type BlockMessage } from './block-parts.ts';
import { LIMITS, packWithin, packWithinBudget, plural } from './limits.ts';
import { esc, inlineCode, slackDate, userMention } from './mrkdwn.ts';
import { percentBar } from './progress-message.ts';
import { requestStateWords } from './state-words.ts';
import type { HistoryInput, RequestListInput, RequestStatusInput } from '../../../ports.ts';

/** More than this is not read in chat: list and history show the newest and say how many were left out. */
const MAX_LISTED = 25;

/** `/migrate help`, from the same constants as the usage errors (docs/conventions.md, habit 4). */
export function helpView(): BlockMessage {
  // helpText is ours, but its usage lines hold `<vm>`, which Slack would read as markup.
  const paragraphs = esc(helpText()).split('\n\n');
  const texts = packWithin(paragraphs, LIMITS.blocksPerMessage - 1, (count) => `_…${count} more paragraphs left out._`);
  return message('/migrate help', [header('/migrate help'), ...texts.map((text) => section(text))]);
}

/** `/migrate status REQ-42`: the request and each move's state. */
export function requestStatusView(input: RequestStatusInput): BlockMessage {
  const { request, moves, now } = input;
  // An approval of some moves only (Approve selected) says which: only moves every approval covers run.
  const approvals = request.approvals.map((approval) =>
    approval.moves.length < moves.length
      ? `${userMention(approval.userId)} (${approval.moves.length === 0 ? 'no move' : `only ${approval.moves.length === 1 ? 'move' : 'moves'} ${approval.moves.map((index) => index + 1).join(', ')}`})`
      : userMention(approval.userId),
  );
  const state = requestStateWords(request.state);
  const summary = [
    `*Requested by* ${userMention(request.requesterId)} ${ago(request.createdAt, now)}: ${inlineCode(truncateForEcho(request.text, 300))}`,
    ...(request.reason === undefined ? [] : [`*Reason:* ${esc(truncateForEcho(request.reason, 500))}`]),
    `*State:* ${state}${request.stateNote === undefined ? '' : ` — ${esc(truncateForEcho(request.stateNote, 500))}`}`,
    `*Approvals:* ${approvals.length} of ${request.approvalsRequired}${approvals.length > 0 ? `: ${approvals.join(', ')}` : ''}`,
    request.closedAt === undefined
      ? `*Expires* ${slackDate(request.expiresAt)}`
      : `*Closed* ${slackDate(request.closedAt)}`,
  ].join('\n');
  const lines = moves.length === 0 ? ['_No moves._'] : [`*Moves* (${moves.length})`, ...moves.map(moveLine)];
  const texts = packWithinBudget(
    lines,
    { texts: LIMITS.blocksPerMessage - 3, chars: LIMITS.messageBlocksText - summary.length },
    (count) => `_…and ${plural(count, 'more move')} left out (Slack's message limits)._`,
  );
  const blocks: Block[] = [header(`${request.id} · ${state}`), section(summary), ...texts.map((text) => section(text))];
  return message(`${esc(request.id)}: ${state}`, blocks);
}

function moveLine(move: MoveRecord): string {
  const route = `${move.index + 1}. *${esc(move.guest)}* ${esc(move.source)} → ${esc(move.target)} · ${move.mode}`;
  switch (move.state) {
    case 'running':
    case 'verifying':
    case 'starting': {
      const progress = move.progress;
      const phase =
        progress === undefined
          ? ''
          : ` · ${esc(truncateForEcho(progress.phase, 200))} \`${percentBar(progress.percent)}\``;
      return `${route} — ${move.state}${phase}`;
    }
    case 'succeeded':
      return `${route} — ✓ verified${move.verifiedLocation === undefined ? '' : ` on ${esc(move.verifiedLocation)}`}`;
    case 'failed':
      return `${route} — ✗ failed${move.error === undefined ? '' : `: ${esc(truncateForEcho(move.error, 300))}`}`;
    case 'queued':
      return `${route} — queued (round ${move.round + 1})`;
    case 'cancelled':
      return `${route} — cancelled`;
    case 'needs_attention':
      return `${route} — ⚠ needs attention, outcome unknown${move.error === undefined ? '' : `: ${esc(truncateForEcho(move.error, 300))}`}`;
    case 'not_selected':
      return `${route} — ⊘ not approved (does not run)`;
  }
}

/** `/migrate list`: the open requests, newest first as given. */
export function requestListView(input: RequestListInput): BlockMessage {
  return listOf('Open requests', input.requests, input.now, {
    empty: 'No open requests (pending, running or needing attention).',
    narrow: 'ask for one with `/migrate status &lt;request&gt;`',
  });
}

/** `/migrate history [<vm>|<vsp>]`: recent requests, newest first as given. */
export function historyView(input: HistoryInput): BlockMessage {
  const title = input.subject === undefined ? 'Recent requests' : `Requests for ${input.subject}`;
  return listOf(title, input.requests, input.now, {
    empty: input.subject === undefined ? 'No requests yet.' : `No requests for ${esc(input.subject)}.`,
    narrow: 'narrow it with `/migrate history &lt;vm|vsp&gt;`',
  });
}

function listOf(
  title: string,
  requests: readonly RequestRecord[],
  now: Date,
  words: { readonly empty: string; readonly narrow: string },
): BlockMessage {
  const heading = header(`${title} (${requests.length})`);
  if (requests.length === 0) return message(esc(words.empty), [heading, section(words.empty)]);
  const lines = requests.slice(0, MAX_LISTED).map((request) => requestLine(request, now));
  const hidden = requests.length - lines.length;
  if (hidden > 0) lines.push(`_…and ${plural(hidden, 'more request')} left out; ${words.narrow}._`);
  const texts = packWithin(
    lines,
    LIMITS.blocksPerMessage - 1,
    (count) => `_…and ${plural(count, 'more request')} left out; ${words.narrow}._`,
  );
  return message(`${esc(title)}: ${plural(requests.length, 'request')}`, [
    heading,
    ...texts.map((text) => section(text)),
  ]);
}

function requestLine(request: RequestRecord, now: Date): string {
  const when = request.closedAt === undefined ? ago(request.createdAt, now) : `closed ${ago(request.closedAt, now)}`;
  return `*${esc(request.id)}* · ${requestStateWords(request.state)} · ${inlineCode(truncateForEcho(request.text, 150))} · by ${userMention(request.requesterId)} · ${when}`;
}

/** `5 min ago`, with the exact time for every reader's time zone. */
function ago(iso: string, now: Date): string {
  const seconds = (now.getTime() - new Date(iso).getTime()) / 1000;
  if (!Number.isFinite(seconds)) return esc(iso);
  return `${formatDuration(Math.max(0, seconds))} ago (${slackDate(iso)})`;
}
