/**
 * What `/migrate status` adds to the move records so each move shows what its progress message shows: the
 * plan's estimates (for the whole-move percent) and, for a failed move, why in hpvmmigrate's words.
 */
import { migrateFailureSummary } from '../domain/execution/parse-migrate-output.ts';
import { readPlanJson } from '../domain/plan/plan-schema.ts';
import type { MoveRecord, RequestRecord } from '../domain/workflow/records.ts';
import type { MoveDetail, Store } from '../ports.ts';

/** By move index; undefined when the stored plan cannot be read (the status still lists the moves). */
export async function moveDetails(
  store: Pick<Store, 'getOutput'>,
  request: Pick<RequestRecord, 'id' | 'planJson'>,
  moves: readonly MoveRecord[],
): Promise<(MoveDetail | undefined)[] | undefined> {
  const read = readPlanJson(request.planJson);
  if (!read.ok) return undefined;
  return Promise.all(
    read.plan.moves.map(async (planned, index): Promise<MoveDetail> => {
      const failed = moves.some((move) => move.index === index && move.state === 'failed');
      const failureReason = failed
        ? migrateFailureSummary((await store.getOutput(request.id, index)).map((line) => line.text))
        : undefined;
      return {
        estimatedSeconds: planned.estimatedSeconds,
        ...(planned.estimatedPhases === undefined ? {} : { estimatedPhases: planned.estimatedPhases }),
        ...(failureReason === undefined ? {} : { failureReason }),
      };
    }),
  );
}
