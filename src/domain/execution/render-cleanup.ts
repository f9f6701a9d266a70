/**
 * Removes a finished move's folder from the source VSP (docs/architecture.md, "Executing a move"), and the request's
 * folder once it is empty. Guarded twice: the folder must be exactly `<remoteDir>/REQ-<n>/<index>` (checked here), and
 * the remote side refuses while the migration in it still runs (its status is missing and its pid is alive),
 * because removing the folder then would lose the log and the exit status for good.
 */
import { parseMoveDir } from './move-dir.ts';
import { PID_FILE, STARTED_MARKER, STATUS_FILE } from './render-detached-start.ts';

export function renderCleanup(dir: string, remoteDir: string): string {
  const { requestId } = parseMoveDir(dir, remoteDir);
  return [
    `if [ -d ${dir}/${STARTED_MARKER} ] && [ ! -f ${dir}/${STATUS_FILE} ] && [ -f ${dir}/${PID_FILE} ]`,
    `&& kill -0 "$(cat ${dir}/${PID_FILE})" 2>/dev/null; then echo still-running;`,
    `else rm -rf ${dir} && { rmdir ${remoteDir}/${requestId} 2>/dev/null || :; } && echo removed; fi`,
  ].join(' ');
}

export type CleanupOutcome = 'removed' | 'still-running';

export function parseCleanupOutput(stdout: string): CleanupOutcome | undefined {
  const text = stdout.trim();
  return text === 'removed' || text === 'still-running' ? text : undefined;
}
