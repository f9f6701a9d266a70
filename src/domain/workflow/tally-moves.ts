/** Counts of a request's moves by state, for the status line and the final summary. */
import type { MoveRecord } from './records.ts';

export interface MoveTally {
  /** Moves that are part of the run: those the approvals did not cover (not_selected) are left out. */
  readonly total: number;
  readonly queued: number;
  /** starting, running or verifying. */
  readonly active: number;
  readonly attention: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly cancelled: number;
}

export function tallyMoves(moves: readonly Pick<MoveRecord, 'state'>[]): MoveTally {
  const counted = moves.filter((move) => move.state !== 'not_selected');
  const count = (...states: MoveRecord['state'][]): number =>
    counted.filter((move) => states.includes(move.state)).length;
  return {
    total: counted.length,
    queued: count('queued'),
    active: count('starting', 'running', 'verifying'),
    attention: count('needs_attention'),
    succeeded: count('succeeded'),
    failed: count('failed'),
    cancelled: count('cancelled'),
  };
}
