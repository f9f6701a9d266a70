/**
 * Locks are derived, never stored: a guest is locked exactly while one of its moves is not final (queued
 * in a pending request, in flight, or needing attention), and a VSP is busy while it takes part in an
 * online migration (HP allows one per host) or in a move whose outcome is unknown (kept on purpose
 * until it is settled). The Store computes the same in SQL; the property tests hold both to this.
 */
import type { BusyState } from '../plan/plan-types.ts';
import { isFinalMove, type MoveRecord } from './records.ts';

/** Guest → the request holding it. */
export function lockedGuests(moves: readonly MoveRecord[]): Map<string, string> {
  const locks = new Map<string, string>();
  for (const move of moves) {
    if (!isFinalMove(move.state) && !locks.has(move.guest)) locks.set(move.guest, move.requestId);
  }
  return locks;
}

/**
 * What other requests hold, for planning: their locked guests, the VSPs in an online migration in flight,
 * and the VSPs of moves that need attention. `exceptRequest` leaves out the request being re-checked (its
 * own locks must not block it).
 */
export function busyState(
  guestLocks: ReadonlyMap<string, string>,
  movesInFlight: readonly MoveRecord[],
  exceptRequest?: string,
): BusyState {
  const guests = new Map([...guestLocks].filter(([, requestId]) => requestId !== exceptRequest));
  const onlineHosts = new Set<string>();
  const attentionHosts = new Map<string, string>();
  for (const move of movesInFlight) {
    if (move.requestId === exceptRequest || move.state === 'queued' || isFinalMove(move.state)) continue;
    if (move.state === 'needs_attention') {
      attentionHosts.set(move.source, move.requestId);
      attentionHosts.set(move.target, move.requestId);
    } else if (move.mode === 'online') {
      onlineHosts.add(move.source);
      onlineHosts.add(move.target);
    }
  }
  return { guests, onlineHosts, attentionHosts };
}
