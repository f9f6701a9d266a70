/** Counts of a request's moves by state, for the status line and the final summary. */
import type { MoveTally } from '../../../app/presenter.ts';
import { plural } from './limits.ts';
export type { MoveTally } from '../../../app/presenter.ts';
export { tallyMoves } from '../../../app/presenter.ts';

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
