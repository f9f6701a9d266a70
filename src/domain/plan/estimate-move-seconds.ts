import type { MigrationMode } from '../request.ts';
import type { PlanSettings } from '../vsp-settings.ts';

/**
 * Fixed cost of an online move besides copying memory: connecting, checks, starting the target guest
 * shell, I/O quiesce and the frozen phase (docs/hpvm-reference.md, "Online migration phases"). [INF] a round number, not a measurement.
 */
export const ONLINE_FIXED_SECONDS = 30;

/**
 * How the fixed cost splits over the phases other than Copy [INF]: HP documents their timeouts (Init 10–90 s,
 * I/O Quiesce 15 s, Frozen 60 s), not their durations; Init, which connects, checks and starts the target
 * shell, is taken to be the longest.
 */
const FIXED_PHASE_SECONDS = { Init: 15, 'I/O Quiesce': 5, Frozen: 10 } as const;

/** One phase of a move and its expected share of the time; the move's estimate is their sum. */
export interface PhaseEstimate {
  /** An online phase as hpvmmigrate names it, or `Offline` for an offline move (which prints no phases). */
  readonly name: string;
  readonly seconds: number;
}

/**
 * Online: HP's four phases, Copy scaled by guest memory over the link; offline: one flat phase, after the
 * copy of the guest's storage when the plan copies any.
 */
export function estimateMovePhases(
  mode: MigrationMode,
  memoryMb: number,
  settings: PlanSettings,
  storageCopySeconds = 0,
): PhaseEstimate[] {
  if (mode === 'offline') {
    const offline = { name: 'Offline', seconds: settings.offlineMoveSeconds };
    return storageCopySeconds > 0 ? [{ name: 'Storage copy', seconds: storageCopySeconds }, offline] : [offline];
  }
  return [
    { name: 'Init', seconds: FIXED_PHASE_SECONDS.Init },
    { name: 'Copy', seconds: Math.ceil(memoryMb / settings.linkMbPerSecond) },
    { name: 'I/O Quiesce', seconds: FIXED_PHASE_SECONDS['I/O Quiesce'] },
    { name: 'Frozen', seconds: FIXED_PHASE_SECONDS.Frozen },
  ];
}

/** Online: guest memory over the link plus the fixed cost; offline: the configured flat estimate. */
export function estimateMoveSeconds(mode: MigrationMode, memoryMb: number, settings: PlanSettings): number {
  return estimateMovePhases(mode, memoryMb, settings).reduce((sum, phase) => sum + phase.seconds, 0);
}

/**
 * Phases for a move planned before plans carried them: the same split, Copy being what the total leaves
 * after the fixed phases.
 */
export function phasesFromTotal(mode: MigrationMode, totalSeconds: number): PhaseEstimate[] {
  if (mode === 'offline') return [{ name: 'Offline', seconds: totalSeconds }];
  const fixed = FIXED_PHASE_SECONDS.Init + FIXED_PHASE_SECONDS['I/O Quiesce'] + FIXED_PHASE_SECONDS.Frozen;
  return [
    { name: 'Init', seconds: FIXED_PHASE_SECONDS.Init },
    { name: 'Copy', seconds: Math.max(0, totalSeconds - fixed) },
    { name: 'I/O Quiesce', seconds: FIXED_PHASE_SECONDS['I/O Quiesce'] },
    { name: 'Frozen', seconds: FIXED_PHASE_SECONDS.Frozen },
  ];
}
