/**
 * Overall progress and time left of one move, for the progress message. HP's four online phases weigh very
 * differently: Init and the end phases are short and fixed, the memory copy is nearly all of it
 * (docs/hpvm-cli.md, "Online migration phases"). Overall fraction: Init 0→5 %, Copy 5→90 % by its percent, I/O Quiesce
 * 90→95 %, Frozen 95→100 %. An offline move prints no phases, so its estimate stays the planned one.
 */
import type { MoveProgress } from '../workflow/records.ts';

const INIT_END = 0.05;
const PHASE_SPANS: Readonly<Record<string, readonly [number, number]>> = {
  init: [0, INIT_END],
  copy: [INIT_END, 0.9],
  'i/o quiesce': [0.9, 0.95],
  frozen: [0.95, 1],
};

export interface ProgressEstimate {
  /** 0…1 of the whole move. */
  readonly fraction: number;
  readonly remainingSeconds: number;
  /** `planned`: the plan's estimate less the time elapsed (no copy progress yet); `measured`: extrapolated from the progress. */
  readonly basis: 'planned' | 'measured';
}

export function overallFraction(progress: MoveProgress | undefined): number | undefined {
  if (!progress) return undefined;
  const span = PHASE_SPANS[progress.phase.toLowerCase()];
  if (!span) return undefined;
  const percent = Math.min(100, Math.max(0, progress.percent));
  return span[0] + ((span[1] - span[0]) * percent) / 100;
}

export function estimateRemaining(
  progress: MoveProgress | undefined,
  elapsedMs: number,
  plannedSeconds: number,
): ProgressEstimate {
  const elapsedSeconds = Math.max(0, elapsedMs) / 1000;
  const plannedLeft = Math.round(Math.max(0, plannedSeconds - elapsedSeconds));
  const fraction = overallFraction(progress);
  // Init is fixed-length, not proportional to the move: extrapolate only once the copy has begun.
  if (fraction === undefined || fraction <= INIT_END) {
    return { fraction: fraction ?? 0, remainingSeconds: plannedLeft, basis: 'planned' };
  }
  if (fraction >= 1) return { fraction: 1, remainingSeconds: 0, basis: 'measured' };
  return { fraction, remainingSeconds: Math.round((elapsedSeconds * (1 - fraction)) / fraction), basis: 'measured' };
}
