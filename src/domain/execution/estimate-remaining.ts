/**
 * The one place that turns a move's reported progress into a share of the whole move and the time left.
 *
 * hpvmmigrate's percent is the current phase's own (`Frozen phase (step 23) - progress 21%`,
 * docs/hpvm-output-formats.md §6), so it cannot be shown as the move's: right after Init it says 100 %.
 * The plan stores each phase's expected seconds (src/domain/plan/estimate-move-seconds.ts: Copy scaled by
 * guest memory, the other phases fixed); the whole-move fraction is the finished phases' share plus the
 * current phase's share times its percent. An offline move prints no phases, so its fraction follows the
 * clock against the plan.
 *
 * Before hpvmmigrate reports success the fraction stays below 1: a move is done when it is verified, not
 * when the last phase says 100 %.
 */
import type { PhaseEstimate } from '../plan/estimate-move-seconds.ts';
import type { MoveProgress } from '../workflow/records.ts';

/** The most a move that has not succeeded can show: 99 %, never 100 %. */
export const MAX_UNFINISHED = 0.99;
/** The most the clock alone may claim: without reported progress, the plan is only a guess. */
const MAX_BY_CLOCK = 0.95;

export interface ProgressEstimate {
  /** 0…1 of the whole move, below 1 until it has succeeded. */
  readonly fraction: number;
  readonly remainingSeconds: number;
  /**
   * `planned`: from the plan's phases (no progress yet, an offline move, or still in Init, whose length says
   * nothing about the copy's speed); `measured`: extrapolated from the time the reported share took.
   */
  readonly basis: 'planned' | 'measured';
}

function totalOf(phases: readonly PhaseEstimate[]): number {
  return phases.reduce((sum, phase) => sum + Math.max(0, phase.seconds), 0);
}

function phaseIndex(phases: readonly PhaseEstimate[], name: string): number {
  return phases.findIndex((phase) => phase.name.toLowerCase() === name.toLowerCase());
}

/** The share of the whole move that the progress stands for; undefined for a phase the plan does not have. */
export function overallFraction(
  progress: MoveProgress | undefined,
  phases: readonly PhaseEstimate[],
): number | undefined {
  if (progress === undefined) return undefined;
  const total = totalOf(phases);
  const index = phaseIndex(phases, progress.phase);
  if (index < 0 || total <= 0) return undefined;
  const before = totalOf(phases.slice(0, index));
  const current = Math.max(0, phases[index]?.seconds ?? 0);
  const percent = Math.min(100, Math.max(0, progress.percent));
  return Math.min(MAX_UNFINISHED, (before + (current * percent) / 100) / total);
}

export function estimateRemaining(
  progress: MoveProgress | undefined,
  elapsedMs: number,
  phases: readonly PhaseEstimate[],
): ProgressEstimate {
  const elapsedSeconds = Math.max(0, elapsedMs) / 1000;
  const total = totalOf(phases);
  const fraction = overallFraction(progress, phases);
  if (fraction === undefined) {
    const byClock = total > 0 ? Math.min(MAX_BY_CLOCK, elapsedSeconds / total) : 0;
    return { fraction: byClock, remainingSeconds: Math.round(Math.max(0, total - elapsedSeconds)), basis: 'planned' };
  }
  const inFirstPhase = progress !== undefined && phaseIndex(phases, progress.phase) === 0;
  if (inFirstPhase || fraction <= 0 || elapsedSeconds <= 0) {
    return { fraction, remainingSeconds: Math.round(total * (1 - fraction)), basis: 'planned' };
  }
  return {
    fraction,
    remainingSeconds: Math.round((elapsedSeconds * (1 - fraction)) / fraction),
    basis: 'measured',
  };
}

/**
 * The phase the plan expects at this elapsed time, for a move that reports none (an offline move prints no
 * phases, but one that copies storage spends most of its time copying). The last phase once past the plan.
 */
export function plannedPhaseAt(phases: readonly PhaseEstimate[], elapsedSeconds: number): string | undefined {
  let end = 0;
  for (const phase of phases) {
    end += Math.max(0, phase.seconds);
    if (elapsedSeconds < end) return phase.name;
  }
  return phases.at(-1)?.name;
}
