/**
 * Starts one move's migration detached on its source VSP (docs/architecture.md, "Executing a move"). Safe to call again at any time —
 * after a dropped connection, a timeout whose outcome is unknown, or a bot restart: the remote start
 * marker lets the migration start at most once, and a second call answers `already-started` (reattach).
 */
import { ExecutionError } from '../domain/execution/execution-error.ts';
import { moveDir } from '../domain/execution/move-dir.ts';
import { parseStartOutput, renderDetachedStart, type StartOutcome } from '../domain/execution/render-detached-start.ts';
import type { MoveRecord } from '../domain/workflow/records.ts';
import type { RemoteShell } from '../ports.ts';

export type StartableMove = Pick<MoveRecord, 'requestId' | 'index' | 'source'>;

export interface StartedMove {
  /** The move's folder on the source: store it as `MoveRecord.remoteDir` (follow and cleanup need it). */
  readonly dir: string;
  /** The exact line that was run (for the audit log). */
  readonly line: string;
  readonly outcome: StartOutcome;
}

export async function startMove(
  shell: RemoteShell,
  move: StartableMove,
  migrateLine: string,
  remoteDir: string,
  options: { readonly timeoutMs?: number } = {},
): Promise<StartedMove> {
  const where = { remoteDir, requestId: move.requestId, moveIndex: move.index };
  const dir = moveDir(where);
  const line = renderDetachedStart({ ...where, migrateLine });
  const result = await shell.exec(
    move.source,
    line,
    options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs },
  );
  const outcome = result.exitCode === 0 ? parseStartOutput(result.stdout) : undefined;
  if (!outcome) {
    throw new ExecutionError('start_failed', `could not start the migration detached on ${move.source} in ${dir}`, {
      host: move.source,
      dir,
      command: line,
      exitCode: result.exitCode ?? result.signal ?? 'none',
      stdoutTail: result.stdout.slice(-2000),
      stderrTail: result.stderr.slice(-2000),
    });
  }
  return { dir, line, outcome };
}
