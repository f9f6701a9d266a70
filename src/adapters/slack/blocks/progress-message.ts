/**
 * One progress message per move in the preview's thread, edited in place (docs/architecture.md, "Chat
 * surface"): guest, route, mode, phase, a text percent bar, elapsed time and ETA, state.
 */
import { truncateForEcho } from '../../../domain/grammar/slack-text.ts';
import { formatDuration } from '../../../domain/plan/format-duration.ts';
import type { MoveRecord, MoveState } from '../../../domain/workflow/records.ts';
import { context, message, section, type BlockMessage } from './block-parts.ts';
import { esc } from './mrkdwn.ts';
import type { ProgressInput } from '../../../ports.ts';

const BAR_CELLS = 10;

const STATE_TEXT: Readonly<Record<MoveState, string>> = {
  queued: '⏳ queued',
  starting: '▶ starting',
  running: '▶ running',
  verifying: '🔎 verifying with hpvmstatus',
  needs_attention: '⚠ needs attention — outcome unknown',
  succeeded: '✓ verified',
  failed: '✗ failed',
  cancelled: '⛔ cancelled',
  not_selected: '⊘ not approved — does not run',
};

/** States without a bar: the move never started, so there is no progress to show. */
const NOT_STARTED: readonly MoveState[] = ['queued', 'cancelled', 'not_selected'];

/** `▓▓▓▓▓░░░░░ 50%`: a cell fills only when its share is reached, so 99% never looks finished. */
export function percentBar(percent: number): string {
  const clamped = Number.isFinite(percent) ? Math.min(100, Math.max(0, Math.round(percent))) : 0;
  const filled = Math.floor(clamped / (100 / BAR_CELLS));
  return `${'▓'.repeat(filled)}${'░'.repeat(BAR_CELLS - filled)} ${clamped}%`;
}

export function buildProgressMessage(input: ProgressInput): BlockMessage {
  const { move } = input;
  const title = `*${esc(move.guest)}*  ${esc(move.source)} → ${esc(move.target)} · *${move.mode}*`;
  const lines = [title, `*State:* ${STATE_TEXT[move.state]}${stateDetail(move)}`];
  if (!NOT_STARTED.includes(move.state)) {
    lines.push(`*Phase:* ${esc(phaseOf(move))}`, `\`${percentBar(percentOf(move))}\``);
  }
  const timing = timingText(input);
  const blocks = [
    section(lines.join('\n')),
    context([`${esc(move.requestId)} · move ${move.index + 1} · round ${move.round + 1}`, ...timing]),
  ];
  return message(fallback(input), blocks);
}

function percentOf(move: MoveRecord): number {
  if (move.state === 'succeeded') return 100;
  return move.progress?.percent ?? 0;
}

function phaseOf(move: MoveRecord): string {
  if (move.state === 'needs_attention')
    return move.progress === undefined || move.progress.phase === ''
      ? 'unknown'
      : `${move.progress.phase} (last reported)`;
  if (move.progress !== undefined && move.progress.phase !== '') return move.progress.phase;
  if (move.state === 'starting') return 'pre-check (hpvmmigrate -s)';
  if (move.state === 'verifying') return 'verifying';
  if (move.state === 'succeeded') return 'done';
  return 'waiting for hpvmmigrate';
}

function stateDetail(move: MoveRecord): string {
  if (move.state === 'succeeded' && move.verifiedLocation !== undefined)
    return ` — now on ${esc(move.verifiedLocation)}`;
  if ((move.state === 'failed' || move.state === 'needs_attention') && move.error !== undefined)
    return ` — ${esc(truncateForEcho(move.error, 300))}`;
  return '';
}

function elapsedSeconds(move: MoveRecord, now: Date): number | undefined {
  if (move.startedAt === undefined) return undefined;
  const end = move.finishedAt === undefined ? now : new Date(move.finishedAt);
  const seconds = (end.getTime() - new Date(move.startedAt).getTime()) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, seconds) : undefined;
}

/** Elapsed, and an ETA from the reported percentage, or from the plan's estimate before there is one. */
function timingText(input: ProgressInput): string[] {
  const { move, estimatedSeconds } = input;
  const elapsed = elapsedSeconds(move, input.now);
  if (move.state === 'queued')
    return estimatedSeconds === undefined ? [] : [`estimated ${formatDuration(estimatedSeconds)}`];
  if (elapsed === undefined || move.state === 'not_selected') return [];
  if (move.state === 'succeeded' || move.state === 'failed' || move.state === 'cancelled')
    return [`took ${formatDuration(elapsed)}`];
  // No ETA: nobody knows whether hpvmmigrate is still going.
  if (move.state === 'needs_attention') return [`elapsed ${formatDuration(elapsed)}`];
  return [`elapsed ${formatDuration(elapsed)}`, `ETA ${eta(move, elapsed, estimatedSeconds)}`];
}

function eta(move: MoveRecord, elapsed: number, estimatedSeconds: number | undefined): string {
  const percent = move.progress?.percent ?? 0;
  if (percent >= 100) return 'any moment';
  if (percent > 0 && elapsed > 0) return formatDuration((elapsed * (100 - percent)) / percent);
  if (estimatedSeconds === undefined) return 'unknown';
  const left = estimatedSeconds - elapsed;
  return left > 0 ? formatDuration(left) : 'overdue (past the estimate)';
}

function fallback(input: ProgressInput): string {
  const { move } = input;
  const percent = NOT_STARTED.includes(move.state) ? '' : ` ${percentBar(percentOf(move))}`;
  return `${esc(move.guest)} ${esc(move.source)} → ${esc(move.target)}: ${STATE_TEXT[move.state]}${percent}`;
}
