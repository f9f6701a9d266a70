/**
 * Removes a finished move's folder from its source VSP (docs/architecture.md, "Executing a move"). The remote line refuses while the
 * migration still runs, and the folder must be one this bot made under `remoteDir` (render-cleanup.ts).
 */
import { ExecutionError } from '../domain/execution/execution-error.ts';
import { parseCleanupOutput, renderCleanup } from '../domain/execution/render-cleanup.ts';
import type { MoveRecord } from '../domain/workflow/records.ts';
import type { RemoteShell } from '../ports.ts';

export async function cleanupMove(
  shell: RemoteShell,
  move: Pick<MoveRecord, 'source' | 'remoteDir'>,
  remoteDir: string,
  options: { readonly timeoutMs?: number } = {},
): Promise<void> {
  const line = renderCleanup(move.remoteDir, remoteDir);
  const result = await shell.exec(
    move.source,
    line,
    options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs },
  );
  const outcome = result.exitCode === 0 ? parseCleanupOutput(result.stdout) : undefined;
  if (outcome === 'removed') return;
  const evidence = {
    host: move.source,
    dir: move.remoteDir,
    command: line,
    exitCode: result.exitCode ?? result.signal ?? 'none',
    stdoutTail: result.stdout.slice(-2000),
    stderrTail: result.stderr.slice(-2000),
  };
  if (outcome === 'still-running') {
    throw new ExecutionError(
      'cleanup_refused',
      `the migration in ${move.remoteDir} on ${move.source} is still running`,
      evidence,
    );
  }
  throw new ExecutionError('unexpected_output', `could not remove ${move.remoteDir} on ${move.source}`, evidence);
}
