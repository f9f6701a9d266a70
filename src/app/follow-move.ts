/**
 * Follows a detached move by byte offset until its exit status appears (docs/architecture.md, "Executing a move"). Every poll is one
 * exec (status, then the log from the offset). Complete lines go to `onLines` together with the offset
 * after them, and the next read waits until the caller has stored both: so a bot that stops at any point
 * and calls followMove again with the stored offset gets exactly the rest of the log, nothing twice.
 *
 * SSH trouble that passes (dropped connection, refused connect, timeout) is retried with backoff and
 * reported through `onTrouble`; the remote migration does not depend on the bot's connection at all.
 * Aborting the signal stops following (rejecting with the signal's reason) and leaves the remote run alone.
 */
import { randomBytes } from 'node:crypto';
import { ExecutionError } from '../domain/execution/execution-error.ts';
import { lastProgress } from '../domain/execution/parse-migrate-output.ts';
import { parseFollowOutput, renderFollow, type FollowChunk } from '../domain/execution/render-follow.ts';
import type { MoveProgress, MoveRecord } from '../domain/workflow/records.ts';
import type { RemoteShell } from '../ports.ts';
import { retryTransient, sleep, type BackoffPolicy, type RemoteTrouble } from './retry-transient.ts';

export type FollowableMove = Pick<MoveRecord, 'source' | 'remoteDir' | 'logOffset'>;

export interface FollowOptions {
  /** Pause between two reads of a running move. */
  readonly intervalMs: number;
  /** How long SSH may keep failing (from the first failure in a row) before followMove gives up. */
  readonly giveUpAfterMs: number;
  readonly backoff?: BackoffPolicy;
  /** Timeout of one read. */
  readonly commandTimeoutMs?: number;
  readonly signal?: AbortSignal;
  /** New complete lines and the offset after them; awaited before the log is read on. */
  readonly onLines?: (lines: readonly string[], newOffset: number) => void | Promise<void>;
  /** The latest phase/percent, once per read that brought a progress line. */
  readonly onProgress?: (progress: MoveProgress) => void | Promise<void>;
  readonly onTrouble?: (trouble: RemoteTrouble) => void;
  /** Test seams. */
  readonly now?: () => number;
  readonly nonce?: () => string;
}

export interface FollowResult {
  readonly exitCode: number;
  /** The lines read by this call (from the offset it started at). */
  readonly lines: readonly string[];
  /** The final offset: the log's size. */
  readonly offset: number;
  readonly progress?: MoveProgress;
}

export async function followMove(
  shell: RemoteShell,
  move: FollowableMove,
  options: FollowOptions,
): Promise<FollowResult> {
  const { signal } = options;
  const makeNonce = options.nonce ?? (() => randomBytes(8).toString('hex'));
  const lines: string[] = [];
  let offset = move.logOffset;
  let progress: MoveProgress | undefined;
  renderFollow(move.remoteDir, offset, makeNonce()); // fails fast on a bad folder, before any SSH

  for (;;) {
    const chunk = await retryTransient(() => readOnce(shell, move, offset, makeNonce(), options), {
      giveUpAfterMs: options.giveUpAfterMs,
      what: `following ${move.remoteDir} on ${move.source}`,
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(signal ? { signal } : {}),
      ...(options.onTrouble ? { onTrouble: options.onTrouble } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    // Nothing is handed on after an abort: the caller's stored offset stays where its stored lines end.
    signal?.throwIfAborted();
    if (chunk.status.kind === 'missing') {
      throw new ExecutionError(
        'remote_run_missing',
        `no started move in ${move.remoteDir} on ${move.source} (never started there, or cleaned up)`,
        { host: move.source, dir: move.remoteDir, offset },
      );
    }
    if (chunk.lines.length > 0) {
      await options.onLines?.(chunk.lines, chunk.newOffset);
      offset = chunk.newOffset;
      lines.push(...chunk.lines);
      const latest = lastProgress(chunk.lines);
      if (latest) {
        progress = latest;
        await options.onProgress?.(latest);
      }
    }
    if (chunk.status.kind === 'exited') {
      return { exitCode: chunk.status.exitCode, lines, offset, ...(progress ? { progress } : {}) };
    }
    if (chunk.status.kind === 'vanished') {
      throw new ExecutionError(
        'remote_run_vanished',
        `the migration process in ${move.remoteDir} on ${move.source} is gone without an exit status (host rebooted or process killed); check where the guest is`,
        { host: move.source, dir: move.remoteDir, offset },
      );
    }
    await sleep(options.intervalMs, signal);
  }
}

/** One read of a detached move's folder: its run status and the log after `offset` (no retries). */
export async function readOnce(
  shell: RemoteShell,
  move: FollowableMove,
  offset: number,
  nonce: string,
  options: Pick<FollowOptions, 'commandTimeoutMs' | 'signal'>,
): Promise<FollowChunk> {
  const line = renderFollow(move.remoteDir, offset, nonce);
  const exec = shell.exec(
    move.source,
    line,
    options.commandTimeoutMs === undefined ? {} : { timeoutMs: options.commandTimeoutMs },
  );
  const result = await abortable(exec, options.signal);
  return parseFollowOutput(result.stdout, result.stderr, nonce, offset);
}

const ABORTED = Symbol('aborted');

/** Settles with the promise, or throws the signal's reason as soon as it aborts (the exec runs on unseen). */
async function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  let onAbort = (): void => undefined;
  const aborted = new Promise<typeof ABORTED>((resolve) => {
    onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    // race() subscribes to the exec too, so its late rejection is handled, never "unhandled".
    const winner = await Promise.race([promise, aborted]);
    if (winner === ABORTED) signal.throwIfAborted();
    return winner as T;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
