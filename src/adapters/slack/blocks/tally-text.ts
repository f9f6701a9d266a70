/** A request's move counts in words, for the status line and the final summary. */
import type { MoveTally } from '../../../domain/workflow/tally-moves.ts';
import { plural } from './limits.ts';

/**
 * `2 of 3 moves verified, 1 running.` — only the counts that are not zero. Moves the approvals did not
 * cover are not in the tally (tallyMoves leaves them out): they were never part of the run.
 */
export function tallyText(tally: MoveTally): string {
  const parts = [
    tally.active > 0 ? `${tally.active} running` : '',
    tally.attention > 0 ? `${tally.attention} ${tally.attention === 1 ? 'needs' : 'need'} attention` : '',
    tally.queued > 0 ? `${tally.queued} queued` : '',
    tally.failed > 0 ? `${tally.failed} failed` : '',
    tally.cancelled > 0 ? `${tally.cancelled} cancelled` : '',
  ].filter((part) => part !== '');
  const verified = `${tally.succeeded} of ${plural(tally.total, 'move')} verified`;
  return `${[verified, ...parts].join(', ')}.`;
}
