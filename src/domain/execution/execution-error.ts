/**
 * Why a detached move could not be rendered, started, followed or cleaned up (docs/conventions.md #5): a code plus the
 * evidence (host, folder, command line, output tail). The renderers throw instead of emitting a doubtful line.
 */
export type ExecutionErrorCode =
  /** A remote directory, request id, move index, move folder, offset or nonce outside the allow-list. */
  | 'invalid_remote_path'
  | 'invalid_argument'
  /** The start line printed neither `started <pid>` nor `already-started`. */
  | 'start_failed'
  /** The follow line's output could not be read back (cut short, unknown status text). */
  | 'unexpected_output'
  /** The move's folder (or its start marker) is not on the source: never started, or already cleaned up. */
  | 'remote_run_missing'
  /** The detached process is gone without writing an exit status (host rebooted, process killed). */
  | 'remote_run_vanished'
  /** SSH kept failing for longer than the give-up time; the remote run goes on, reattach later. */
  | 'follow_gave_up'
  /** Cleanup refused: the migration in that folder is still running. */
  | 'cleanup_refused';

export class ExecutionError extends Error {
  override readonly name = 'ExecutionError';
  readonly code: ExecutionErrorCode;
  readonly context: Readonly<Record<string, string | number | undefined>>;

  constructor(
    code: ExecutionErrorCode,
    message: string,
    context: Readonly<Record<string, string | number | undefined>>,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.context = context;
  }
}
