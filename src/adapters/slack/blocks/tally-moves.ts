/** Counts of a request's moves by state, for the status line and the final summary. */
import type { MoveRecord } from '../../../domain/workflow/records.ts';
import { plural } from './limits.ts';
import type { MoveTally } from '../../../app/presenter.ts';
export type { MoveTally } from '../../../app/presenter.ts';

export function tallyMoves(moves: readonly Pick<MoveRecord, 'state'>[]): MoveTally {
  const count = (...states: MoveRecord['state'][]): number =>
    moves.filter((move) => states.includes(move.state)).length;
  return {
    total: moves.length,
    queued: count('queued'),
    active: count('starting', 'running', 'verifying'),
    succeeded: count('succeeded'),
    failed: count('failed'),
    cancelled: count('cancelled'),
  };
}

/** `2 of 3 moves verified, 1 running.` — only the counts that are not zero. */
export function tallyText(tally: MoveTally): string {
  const parts = [
    tally.active > 0 ? `${tally.active} running` : '',
    tally.queued > 0 ? `${tally.queued} queued` : '',
    tally.failed > 0 ? `${tally.failed} failed` : '',
    tally.cancelled > 0 ? `${tally.cancelled} cancelled` : '',
  ].filter((part) => part !== '');
  const verified = `${tally.succeeded} of ${plural(tally.total, 'move')} verified`;
  return `${[verified, ...parts].join(', ')}.`;
}
