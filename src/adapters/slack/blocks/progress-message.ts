/**
 * One progress message per move in the preview's thread, edited in place (docs/architecture.md, "Chat
 * surface"): guest, route, mode, phase, a text percent bar, elapsed time and ETA, state. The bar and the ETA
 * are over the whole move (domain/execution/estimate-remaining.ts), not the current phase's percent; a
 * finished move shows its outcome instead of its last phase.
 */
import { truncateForEcho } from '../../../domain/grammar/slack-text.ts';
import {
  estimateRemaining,
  plannedPhaseAt,
  type ProgressEstimate,
} from '../../../domain/execution/estimate-remaining.ts';
import { progressText } from '../../../domain/execution/parse-migrate-output.ts';
import { phasesFromTotal, type PhaseEstimate } from '../../../domain/plan/estimate-move-seconds.ts';
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
/** States whose message shows the outcome, not a phase. */
const FINISHED: readonly MoveState[] = ['succeeded', 'failed'];

/** `▓▓▓▓▓░░░░░ 50%`: a cell fills only when its share is reached, so 99% never looks finished. */
export function percentBar(percent: number): string {
  const clamped = Number.isFinite(percent) ? Math.min(100, Math.max(0, Math.round(percent))) : 0;
  const filled = Math.floor(clamped / (100 / BAR_CELLS));
  return `${'▓'.repeat(filled)}${'░'.repeat(BAR_CELLS - filled)} ${clamped}%`;
}

export function buildProgressMessage(input: ProgressInput): BlockMessage {
  const { move } = input;
  const title = `*${esc(move.guest)}*  ${esc(move.source)} → ${esc(move.target)} · *${move.mode}*`;
  const lines = [title];
  if (FINISHED.includes(move.state)) {
    lines.push(`*Outcome:* ${outcomeText(input)}`);
    if (move.state === 'succeeded') lines.push(`\`${percentBar(100)}\``);
  } else {
    lines.push(`*State:* ${STATE_TEXT[move.state]}${stateDetail(move)}`);
    if (!NOT_STARTED.includes(move.state)) {
      lines.push(`*Phase:* ${esc(phaseOf(input))}`, `\`${percentBar(percentOf(input))}\``);
    }
  }
  const timing = timingText(input);
  const blocks = [
    section(lines.join('\n')),
    context([`${esc(move.requestId)} · move ${move.index + 1} · round ${move.round + 1}`, ...timing]),
  ];
  return message(fallback(input), blocks);
}

/** `✓ verified on vsp2 (On (OS))` / `✗ failed: <hpvmmigrate's reason>`; the status view shows the same. */
export function outcomeText(input: ProgressInput): string {
  const { move } = input;
  if (move.state === 'succeeded') {
    return move.verifiedLocation === undefined ? '✓ verified' : `✓ verified on ${esc(move.verifiedLocation)}`;
  }
  const reason = input.failureReason ?? move.error;
  return reason === undefined ? '✗ failed' : `✗ failed: ${esc(truncateForEcho(reason, 300))}`;
}

/** Whether the plan gave an estimate to measure the whole move against (not for an unreadable plan). */
export function hasEstimate(input: ProgressInput): boolean {
  return phasesOf(input).length > 0;
}

function phasesOf(input: ProgressInput): readonly PhaseEstimate[] {
  if (input.estimatedPhases !== undefined && input.estimatedPhases.length > 0) return input.estimatedPhases;
  return input.estimatedSeconds === undefined ? [] : phasesFromTotal(input.move.mode, input.estimatedSeconds);
}

function estimateOf(input: ProgressInput, elapsed: number): ProgressEstimate {
  return estimateRemaining(input.move.progress, elapsed * 1000, phasesOf(input));
}

/** The whole move's percent: 100 only once it is verified; the status view shows the same. */
export function percentOf(input: ProgressInput): number {
  const { move } = input;
  if (move.state === 'succeeded') return 100;
  if (NOT_STARTED.includes(move.state)) return 0;
  // Still in the pre-check: hpvmmigrate itself has not started, whatever the clock says.
  if (move.state === 'starting' && move.progress === undefined) return 0;
  const elapsed = elapsedSeconds(move, input.now) ?? 0;
  return Math.floor(estimateOf(input, elapsed).fraction * 100);
}

function phaseOf(input: ProgressInput): string {
  const { move } = input;
  const reported = move.progress !== undefined && move.progress.phase !== '' ? move.progress : undefined;
  if (move.state === 'needs_attention')
    return reported === undefined ? 'unknown' : `${progressText(reported)} (last reported)`;
  if (reported !== undefined) return progressText(reported);
  if (move.state === 'starting') return 'pre-check (hpvmmigrate -s)';
  if (move.state === 'verifying') return 'verifying';
  // An offline move prints no phases; one that copies storage says which part the plan expects now.
  const phases = phasesOf(input);
  if (move.mode === 'offline' && phases.length > 1) {
    const planned = plannedPhaseAt(phases, elapsedSeconds(move, input.now) ?? 0);
    if (planned !== undefined) return `${planned} (by the plan's estimate; hpvmmigrate reports no phases offline)`;
  }
  return 'waiting for hpvmmigrate';
}

function stateDetail(move: MoveRecord): string {
  if (move.state === 'needs_attention' && move.error !== undefined)
    return ` — ${esc(truncateForEcho(move.error, 300))}`;
  return '';
}

function elapsedSeconds(move: MoveRecord, now: Date): number | undefined {
  if (move.startedAt === undefined) return undefined;
  const end = move.finishedAt === undefined ? now : new Date(move.finishedAt);
  const seconds = (end.getTime() - new Date(move.startedAt).getTime()) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, seconds) : undefined;
}

/** Elapsed, and an ETA over the whole move (estimate-remaining.ts). */
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
  return [`elapsed ${formatDuration(elapsed)}`, `ETA ${eta(input, elapsed)}`];
}

function eta(input: ProgressInput, elapsed: number): string {
  if (!hasEstimate(input)) return 'unknown';
  const estimate = estimateOf(input, elapsed);
  if (estimate.remainingSeconds > 0) return formatDuration(estimate.remainingSeconds);
  // Only the plan can run out: a measured estimate always has time left before success.
  return estimate.basis === 'planned' && input.move.progress === undefined
    ? 'overdue (past the estimate)'
    : 'any moment';
}

function fallback(input: ProgressInput): string {
  const { move } = input;
  if (FINISHED.includes(move.state)) {
    return `${esc(move.guest)} ${esc(move.source)} → ${esc(move.target)}: ${outcomeText(input)}`;
  }
  const percent = NOT_STARTED.includes(move.state) ? '' : ` ${percentBar(percentOf(input))}`;
  return `${esc(move.guest)} ${esc(move.source)} → ${esc(move.target)}: ${STATE_TEXT[move.state]}${percent}`;
}
