/**
 * Thread replies for a move's milestones (docs/architecture.md, "Chat surface"): started detached,
 * verified, failed (why, with what hpvmmigrate printed, where the guest is now and what to do), cancelled, and
 * the request's closing summary. Moves of unknown outcome have theirs in attention-replies.ts.
 */
import { explainMigrateOutput } from '../../../domain/execution/migrate-errors.ts';
import { migrateFailureSummary } from '../../../domain/execution/parse-migrate-output.ts';
import { truncateForEcho } from '../../../domain/grammar/slack-text.ts';
import { formatDuration } from '../../../domain/plan/format-duration.ts';
import type { MoveRecord } from '../../../domain/workflow/records.ts';
import { tallyMoves } from '../../../domain/workflow/tally-moves.ts';
import type { MoveCancelled, MoveFailure, MoveStarted, MoveVerified, RequestSummary } from '../../../ports.ts';
import { message, section, type BlockMessage } from './block-parts.ts';
import { LIMITS, packWithinBudget, plural } from './limits.ts';
import { codeTexts, esc, inlineCode, userMention } from './mrkdwn.ts';
import { hostViewText, outputTail, OUTPUT_TAIL_CHARS, routeText as route } from './move-text.ts';
import { moveStateWords, requestStateWords } from './state-words.ts';
import { tallyText } from './tally-text.ts';

export function moveStartedReply(input: MoveStarted): BlockMessage {
  const { move } = input;
  const text = [
    `▶ ${route(move)}: hpvmmigrate (${move.mode}) started on ${esc(move.source)}, detached — it keeps running if the connection drops or the bot restarts.`,
    `Log on ${esc(move.source)}: ${inlineCode(input.logPath)}`,
  ].join('\n');
  return message(`${esc(move.guest)}: hpvmmigrate started on ${esc(move.source)}`, [section(text)]);
}

/** `vm01 now runs on vsp2 — verified: hpvmstatus on vsp2 shows On (OS), vsp1 shows Off (NR)`. */
export function moveVerifiedReply(input: MoveVerified): BlockMessage {
  const { move, target, source } = input;
  const running = target.stateText?.startsWith('On') === true;
  const where = running ? `now runs on ${esc(target.host)}` : `is now on ${esc(target.host)}`;
  const text = `✓ ${esc(move.guest)} ${where} — verified: hpvmstatus on ${hostViewText(target, move.guest)}, ${hostViewText(source, move.guest)}`;
  return message(text, [section(text)]);
}

export function moveFailedReply(input: MoveFailure): BlockMessage {
  const { move } = input;
  const how = input.exitCode === null ? 'ended without an exit status' : `exited with ${input.exitCode}`;
  const command = input.command === undefined ? 'hpvmmigrate' : inlineCode(truncateForEcho(input.command, 500));
  const tail = outputTail(input.output, OUTPUT_TAIL_CHARS);
  const heading =
    tail.length === input.output.length
      ? '*What hpvmmigrate printed:*'
      : `*What hpvmmigrate printed* (last ${tail.length} of ${plural(input.output.length, 'line')}):`;
  const location =
    input.location === undefined
      ? `*Where ${esc(move.guest)} is now:* not verified — check with hpvmstatus on ${esc(move.source)} and ${esc(move.target)} before anything else.`
      : `*Where ${esc(move.guest)} is now (verified):* ${esc(input.location)}`;
  const blocks = [
    section(`✗ ${route(move)} failed: ${command} ${how} on ${esc(move.source)}.`),
    ...whyText(input.output).map((text) => section(text)),
    section(input.output.length === 0 ? '_hpvmmigrate printed nothing._' : (codeTexts(heading, tail)[0] ?? heading)),
    section(location),
    section(`*Next step:* ${esc(truncateForEcho(input.nextStep, 1500))}`),
  ];
  return message(`${esc(move.guest)}: migration to ${esc(move.target)} failed (${how})`, blocks);
}

/**
 * hpvmmigrate's reason (a remote message's next line, not "Remote message:") and what it means, from the one
 * table of known failures (domain/execution/migrate-errors.ts); nothing when it printed no failure in HP's forms.
 */
function whyText(output: readonly string[]): string[] {
  const reason = migrateFailureSummary(output);
  if (reason === undefined) return [];
  const explained = explainMigrateOutput(output);
  const meaning = explained === undefined ? '' : ` — ${esc(explained.entry.explanation)}`;
  return [`*Why:* ${esc(truncateForEcho(reason, 500))}${meaning}`];
}

export function moveCancelledReply(input: MoveCancelled): BlockMessage {
  const who = input.by === undefined ? '' : ` by ${userMention(input.by)}`;
  const why = input.reason === undefined ? '' : `: ${esc(truncateForEcho(input.reason, 500))}`;
  const text = `⛔ ${route(input.move)} cancelled${who}${why}. It did not start; ${esc(input.move.guest)} stays on ${esc(input.move.source)}.`;
  return message(text, [section(text)]);
}

const MOVE_MARK: Readonly<Record<MoveRecord['state'], string>> = {
  queued: '⏳',
  starting: '▶',
  running: '▶',
  verifying: '🔎',
  succeeded: '✓',
  needs_attention: '⚠',
  failed: '✗',
  cancelled: '⛔',
  not_selected: '⊘',
};

/** The request's last reply: the outcome of every move, and how long the whole run took. */
export function requestSummaryReply(input: RequestSummary): BlockMessage {
  const { request, moves } = input;
  const tally = tallyMoves(moves);
  const took = runSeconds(moves);
  const state = requestStateWords(request.state);
  const notRun = moves.filter((move) => move.state === 'not_selected').length;
  // Moves the approvals did not cover are not in the tally; they are listed, last, so none goes unmentioned.
  const notRunText = notRun === 0 ? '' : ` ${plural(notRun, 'move was', 'moves were')} not approved and did not run.`;
  const headline = `*${esc(request.id)} ${state}:* ${tallyText(tally)}${notRunText}${took === undefined ? '' : ` Took ${formatDuration(took)}.`}`;
  const ordered = [
    ...moves.filter((move) => move.state !== 'not_selected'),
    ...moves.filter((move) => move.state === 'not_selected'),
  ];
  const lines = ordered.map(summaryLine);
  const texts = packWithinBudget(
    lines,
    { texts: LIMITS.blocksPerMessage - 1, chars: LIMITS.messageBlocksText - headline.length },
    (count) =>
      `_…and ${plural(count, 'more move')} left out (Slack's message limits); \`/migrate status ${esc(request.id)}\` lists them all._`,
  );
  return message(`${esc(request.id)} ${state}: ${tallyText(tally)}${notRunText}`, [
    section(headline),
    ...texts.map((text) => section(text)),
  ]);
}

function summaryLine(move: MoveRecord): string {
  return `${MOVE_MARK[move.state]} ${route(move)} · ${move.mode} — ${outcomeText(move)}${tookText(move)}`;
}

function outcomeText(move: MoveRecord): string {
  const error = move.error === undefined ? '' : `: ${esc(truncateForEcho(move.error, 300))}`;
  switch (move.state) {
    case 'succeeded':
      return move.verifiedLocation === undefined ? 'verified' : `verified on ${esc(move.verifiedLocation)}`;
    case 'failed':
      return `failed${error}`;
    case 'needs_attention':
      return `needs attention, outcome unknown${error}`;
    case 'not_selected':
      return 'not approved by every approver, did not run';
    default:
      return moveStateWords(move.state);
  }
}

function tookText(move: MoveRecord): string {
  const started = move.startedAt === undefined ? NaN : new Date(move.startedAt).getTime();
  const finished = move.finishedAt === undefined ? NaN : new Date(move.finishedAt).getTime();
  return Number.isFinite(finished - started) ? ` · ${formatDuration((finished - started) / 1000)}` : '';
}

/** From the first start to the last finish; undefined when no move started. */
function runSeconds(moves: readonly MoveRecord[]): number | undefined {
  const starts = moves.flatMap((move) => (move.startedAt === undefined ? [] : [new Date(move.startedAt).getTime()]));
  const ends = moves.flatMap((move) => (move.finishedAt === undefined ? [] : [new Date(move.finishedAt).getTime()]));
  if (starts.length === 0 || ends.length === 0) return undefined;
  const seconds = (Math.max(...ends) - Math.min(...starts)) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, seconds) : undefined;
}
