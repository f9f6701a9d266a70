/**
 * The usual way out of a failed online rule: the same move, offline. A running guest needs `--stop`
 * (downtime), so the suggestion says so rather than leaving the operator to find out from the next reply.
 */
export function offlineCommand(guest: string, target: string, running: boolean): string {
  return `/migrate ${guest} to ${target} offline${running ? ' --stop' : ''}`;
}

export function useOfflineFix(guest: string, target: string, running: boolean): string {
  return `use offline migration${running ? ' (downtime)' : ''}: ${offlineCommand(guest, target, running)}`;
}
