/**
 * Thread replies for a move's milestones (DESIGN §1 #5, §7): started detached, a phase done, verified,
 * failed (with what hpvmmigrate printed, where the guest is now and what to do), cancelled.
 */
import { truncateForEcho } from '../../../domain/grammar/slack-text.ts';
import { formatDuration } from '../../../domain/plan/format-duration.ts';
import type { MoveRecord } from '../../../domain/workflow/records.ts';
import { message, section, type BlockMessage } from './block-parts.ts';
import { LIMITS, packWithin, plural } from './limits.ts';
import { codeTexts, esc, inlineCode, userMention } from './mrkdwn.ts';
import { tallyMoves, tallyText } from './tally-moves.ts';
import type {
  HostView,
  MoveCancelled,
  MoveFailure,
  MoveRef,
  MoveStarted,
  MoveVerified,
  PhaseDone,
  RequestSummary,
} from '../../../app/presenter.ts';
export type {
  HostView,
  MoveCancelled,
  MoveFailure,
  MoveStarted,
  MoveVerified,
  PhaseDone,
  RequestSummary,
} from '../../../app/presenter.ts';

function route(move: MoveRef): string {
  return `*${esc(move.guest)}* ${esc(move.source)} → ${esc(move.target)}`;
}

export function moveStartedReply(input: MoveStarted): BlockMessage {
  const { move } = input;
  const text = [
    `▶ ${route(move)}: hpvmmigrate (${move.mode}) started on ${esc(move.source)}, detached — it keeps running if the connection drops or the bot restarts.`,
    `Log on ${esc(move.source)}: ${inlineCode(input.logPath)}`,
  ].join('\n');
  return message(`${esc(move.guest)}: hpvmmigrate started on ${esc(move.source)}`, [section(text)]);
}

export function phaseDoneReply(input: PhaseDone): BlockMessage {
  const after = input.elapsedSeconds === undefined ? '' : ` after ${formatDuration(input.elapsedSeconds)}`;
  const text = `✓ ${route(input.move)}: ${esc(truncateForEcho(input.phase, 200))} done${after}`;
  return message(text, [section(text)]);
}

/** `vm01 now runs on vsp2 — verified: hpvmstatus on vsp2 shows On (OS), vsp1 shows Off (NR)`. */
export function moveVerifiedReply(input: MoveVerified): BlockMessage {
  const { move, target, source } = input;
  const running = target.stateText?.startsWith('On') === true;
  const where = running ? `now runs on ${esc(target.host)}` : `is now on ${esc(target.host)}`;
  const text = `✓ ${esc(move.guest)} ${where} — verified: hpvmstatus on ${viewText(target, move.guest)}, ${viewText(source, move.guest)}`;
  return message(text, [section(text)]);
}

function viewText(view: HostView, guest: string): string {
  return view.stateText === undefined
    ? `${esc(view.host)} no longer lists ${esc(guest)}`
    : `${esc(view.host)} shows ${esc(view.stateText)}`;
}

/** The share of one section the output may take; the rest is the heading. */
const OUTPUT_CHARS = 2600;

export function moveFailedReply(input: MoveFailure): BlockMessage {
  const { move } = input;
  const how = input.exitCode === null ? 'ended without an exit status' : `exited with ${input.exitCode}`;
  const command = input.command === undefined ? 'hpvmmigrate' : inlineCode(truncateForEcho(input.command, 500));
  const tail = tailThatFits(input.output, OUTPUT_CHARS);
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
    section(input.output.length === 0 ? '_hpvmmigrate printed nothing._' : (codeTexts(heading, tail)[0] ?? heading)),
    section(location),
    section(`*Next step:* ${esc(truncateForEcho(input.nextStep, 1500))}`),
  ];
  return message(`${esc(move.guest)}: migration to ${esc(move.target)} failed (${how})`, blocks);
}

/** The last lines whose escaped, defused text fits in `max` characters (one clipped line at least). */
function tailThatFits(lines: readonly string[], max: number): string[] {
  const kept: string[] = [];
  let size = 0;
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index] ?? '';
    const cost = esc(line).length + 1;
    if (size + cost > max && kept.length > 0) break;
    kept.unshift(line);
    size += cost;
  }
  return kept;
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
  failed: '✗',
  cancelled: '⛔',
};

/** The request's last reply: the outcome of every move, and how long the whole run took. */
export function requestSummaryReply(input: RequestSummary): BlockMessage {
  const { request, moves } = input;
  const tally = tallyMoves(moves);
  const took = runSeconds(moves);
  const headline = `*${esc(request.id)} ${esc(request.state)}:* ${tallyText(tally)}${took === undefined ? '' : ` Took ${formatDuration(took)}.`}`;
  const lines = moves.map(summaryLine);
  const texts = packWithin(
    lines,
    LIMITS.blocksPerMessage - 1,
    (count) =>
      `_…and ${plural(count, 'more move')} left out (Slack's block limit); \`/migrate status ${esc(request.id)}\` lists them all._`,
  );
  return message(`${esc(request.id)} ${esc(request.state)}: ${tallyText(tally)}`, [
    section(headline),
    ...texts.map((text) => section(text)),
  ]);
}

function summaryLine(move: MoveRecord): string {
  const outcome =
    move.state === 'succeeded'
      ? move.verifiedLocation === undefined
        ? 'verified'
        : `verified on ${esc(move.verifiedLocation)}`
      : move.state === 'failed'
        ? `failed${move.error === undefined ? '' : `: ${esc(truncateForEcho(move.error, 300))}`}`
        : move.state;
  const started = move.startedAt === undefined ? NaN : new Date(move.startedAt).getTime();
  const finished = move.finishedAt === undefined ? NaN : new Date(move.finishedAt).getTime();
  const took = Number.isFinite(finished - started) ? ` · ${formatDuration((finished - started) / 1000)}` : '';
  return `${MOVE_MARK[move.state]} ${route(move)} · ${move.mode} — ${outcome}${took}`;
}

/** From the first start to the last finish; undefined when no move started. */
function runSeconds(moves: readonly MoveRecord[]): number | undefined {
  const starts = moves.flatMap((move) => (move.startedAt === undefined ? [] : [new Date(move.startedAt).getTime()]));
  const ends = moves.flatMap((move) => (move.finishedAt === undefined ? [] : [new Date(move.finishedAt).getTime()]));
  if (starts.length === 0 || ends.length === 0) return undefined;
  const seconds = (Math.max(...ends) - Math.min(...starts)) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, seconds) : undefined;
}
