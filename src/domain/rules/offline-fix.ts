/**
 * The usual way out of a failed online rule: the same move, offline. The wording lives here only, so that
 * no refusal suggests an offline move that would fail too (issue 9): a guest with a host DVD, an attached
 * device, device rows the bot could not read, or NPIV HBAs on a version before 4.3 gets the reason instead
 * of a command, and so does one whose storage the offline move could not copy (the storage-copy rule's
 * verdict, passed in). A guest on lvol backing stores is told that the offline move copies them: HP's 6.1
 * guide names that as a reason to migrate offline ("local storage, logical volumes or file-backed storage,
 * which must be copied to the target VSP", HP vPars and Integrity Virtual Machines V6.1 Administrator
 * Guide §12.1.2, p. 198), and the offline plan checks and includes the copy.
 */
import type { Guest } from '../inventory.ts';
import { blockingProblems, type DeviceContext } from './device-findings.ts';

export interface OfflineRoute {
  readonly guest: string;
  readonly target: string;
  /** A running guest needs `--stop` (downtime). */
  readonly running: boolean;
  /** lvol and file backing stores an offline move copies to the target. */
  readonly copies: readonly string[];
  /** Why an offline move would fail as well; when any, no offline move is suggested. */
  readonly blockers: readonly string[];
}

/**
 * The offline alternative for `guest` to `target`; `context` adds the device list's verdict and
 * `storageBlockers` the storage-copy rule's (an offline move it would refuse is not suggested).
 */
export function offlineRoute(
  guest: Guest,
  target: string,
  context?: DeviceContext,
  storageBlockers: readonly string[] = [],
): OfflineRoute {
  const storage = guest.storage ?? [];
  return {
    guest: guest.name,
    target,
    running: guest.state === 'On',
    copies: storage
      .filter((device) => device.backing === 'lv' || (device.backing === 'file' && device.device !== 'dvd'))
      .map((device) => device.path),
    blockers: [
      ...(context === undefined ? [] : blockingProblems(guest, context).map((problem) => problem.short)),
      ...storageBlockers,
    ],
  };
}

export function offlineCommand(guest: string, target: string, running: boolean): string {
  return `/migrate ${guest} to ${target} offline${running ? ' --stop' : ''}`;
}

/** `/migrate vm01 to vsp2 offline --stop`, or undefined when an offline move would fail too. */
export function offlineMove(route: OfflineRoute): string | undefined {
  return route.blockers.length > 0 ? undefined : offlineCommand(route.guest, route.target, route.running);
}

/** Why the offline alternative is not offered: for fixes that would otherwise suggest it. */
export function offlineBlockedText(route: OfflineRoute): string {
  return `an offline move would fail too (${route.blockers.join('; ')}): fix that first`;
}

/** What an offline move does besides moving the configuration, for the fix text. */
function copyNote(route: OfflineRoute): string {
  if (route.copies.length === 0) return '';
  return `; the offline move copies its lvol storage (${route.copies.join(', ')}) to ${route.target}`;
}

export function useOfflineFix(route: OfflineRoute): string {
  const move = offlineMove(route);
  if (move === undefined) return offlineBlockedText(route);
  return `use offline migration${route.running ? ' (downtime)' : ''}: ${move}${copyNote(route)}`;
}

/** Offline with `--stop` for a running guest the operator asked to move offline without it. */
export function stopFix(route: OfflineRoute): string {
  if (route.blockers.length > 0) return offlineBlockedText(route);
  return `accept the downtime with --stop: ${offlineCommand(route.guest, route.target, true)}${copyNote(route)}`;
}
