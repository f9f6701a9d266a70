/** Pieces every thread reply about a move uses: its route, what hpvmstatus showed, an output tail. */
import type { HostView, MoveRef } from '../../../ports.ts';
import { esc } from './mrkdwn.ts';

/** `*vm01* vsp1 → vsp2`. */
export function routeText(move: Pick<MoveRef, 'guest' | 'source' | 'target'>): string {
  return `*${esc(move.guest)}* ${esc(move.source)} → ${esc(move.target)}`;
}

/** `vsp2 shows On (OS)`, or `vsp1 no longer lists vm01` when hpvmstatus does not list it. */
export function hostViewText(view: HostView, guest: string, missing = 'no longer lists'): string {
  return view.stateText === undefined
    ? `${esc(view.host)} ${missing} ${esc(guest)}`
    : `${esc(view.host)} shows ${esc(view.stateText)}`;
}

/** The share of one section an output tail may take; the rest is its heading. */
export const OUTPUT_TAIL_CHARS = 2600;

/** The last lines whose escaped, defused text fits in `max` characters (one clipped line at least). */
export function outputTail(lines: readonly string[], max: number): string[] {
  const kept: string[] = [];
  let size = 0;
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index] ?? '';
    const cost = esc(line).length + 1;
    if (size + cost > max && kept.length > 0) break;
    kept.unshift(line);
    size += cost;
  }
  return kept;
}
