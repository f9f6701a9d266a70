/**
 * Answers to `/migrate help`, `status`, `list` and `history` (docs/architecture.md, "Chat surface").
 * Long lists are cut with a line saying how many were left out and how to narrow the question.
 */
import { progressText } from '../../../domain/execution/parse-migrate-output.ts';
import { truncateForEcho } from '../../../domain/grammar/slack-text.ts';
import { helpText } from '../../../domain/grammar/usage.ts';
import { formatDuration } from '../../../domain/plan/format-duration.ts';
import type { RequestRecord } from '../../../domain/workflow/records.ts';
import { header, message, section, type Block, type BlockMessage } from './block-parts.ts';
import { LIMITS, packWithin, packWithinBudget, plural } from './limits.ts';
import { esc, inlineCode, slackDate, userMention } from './mrkdwn.ts';
import { hasEstimate, outcomeText, percentBar, percentOf } from './progress-message.ts';
import { requestStateWords } from './state-words.ts';
import type { HistoryInput, ProgressInput, RequestListInput, RequestStatusInput } from '../../../ports.ts';

/** More than this is not read in chat: list and history show the newest and say how many were left out. */
const MAX_LISTED = 25;

/** `/migrate help`, from the same constants as the usage errors (docs/conventions.md, habit 4). */
export function helpView(): BlockMessage {
  // helpText is ours, but its usage lines hold `<vm>`, which Slack would read as markup.
  const paragraphs = esc(helpText()).split('\n\n');
  const texts = packWithin(paragraphs, LIMITS.blocksPerMessage - 1, (count) => `_…${count} more paragraphs left out._`);
  return message('/migrate help', [header('/migrate help'), ...texts.map((text) => section(text))]);
}

/**
 * `/migrate status REQ-42`: the request and each move's state. A running move shows the same whole-move
 * percent as its progress message (progress-message.ts over estimate-remaining.ts), never the current
 * phase's own, which says 100 % right after Init; a finished move shows the same outcome.
 */
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
  const lines =
    moves.length === 0
      ? ['_No moves._']
      : [`*Moves* (${moves.length})`, ...moves.map((move) => moveLine({ move, ...input.details?.[move.index], now }))];
  const texts = packWithinBudget(
    lines,
    { texts: LIMITS.blocksPerMessage - 3, chars: LIMITS.messageBlocksText - summary.length },
    (count) => `_…and ${plural(count, 'more move')} left out (Slack's message limits)._`,
  );
  const blocks: Block[] = [header(`${request.id} · ${state}`), section(summary), ...texts.map((text) => section(text))];
  return message(`${esc(request.id)}: ${state}`, blocks);
}

function moveLine(input: ProgressInput): string {
  const { move } = input;
  const route = `${move.index + 1}. *${esc(move.guest)}* ${esc(move.source)} → ${esc(move.target)} · ${move.mode}`;
  switch (move.state) {
    case 'running':
    case 'verifying':
    case 'starting':
      return `${route} — ${move.state}${progressDetail(input)}`;
    case 'succeeded':
    case 'failed':
      return `${route} — ${outcomeText(input)}`;
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

/**
 * ` · ▓▓░░░░░░░░ 21% · Copy phase`: the whole move's percent and the phase it is in. Without the plan's
 * estimate there is no whole to measure against, so HP's own line is shown, which names its percent as the
 * phase's.
 */
function progressDetail(input: ProgressInput): string {
  const { progress } = input.move;
  if (!hasEstimate(input))
    return progress === undefined ? '' : ` · ${esc(truncateForEcho(progressText(progress), 200))}`;
  const phase = progress === undefined ? '' : ` · ${esc(truncateForEcho(progress.phase, 200))} phase`;
  return ` · \`${percentBar(percentOf(input))}\`${phase}`;
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
