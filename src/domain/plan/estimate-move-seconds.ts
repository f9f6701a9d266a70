import type { MigrationMode } from '../request.ts';
import type { PlanSettings } from '../vsp-settings.ts';

/**
 * Fixed cost of an online move besides copying memory: connecting, checks, starting the target guest
 * shell, I/O quiesce and the frozen phase (docs/hpvm-cli.md, "Online migration phases"). [INF] a round number, not a measurement.
 */
export const ONLINE_FIXED_SECONDS = 30;

/** Online: guest memory over the link plus the fixed cost; offline: the configured flat estimate. */
export function estimateMoveSeconds(mode: MigrationMode, memoryMb: number, settings: PlanSettings): number {
  if (mode === 'offline') return settings.offlineMoveSeconds;
  return Math.ceil(memoryMb / settings.linkMbPerSecond) + ONLINE_FIXED_SECONDS;
}
