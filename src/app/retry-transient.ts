/**
 * Retries a remote call while SSH trouble is the kind that passes (a dropped connection, a refused or
 * timed-out connect), with exponential backoff, until it has failed for longer than a give-up time.
 *
 * A small loop rather than p-retry: p-retry measures its give-up time with its own clock (so the tests
 * could not drive it), does not report the wait before each retry (the thread and the log say "retrying
 * in 4 s"), and cannot shorten the last wait to the give-up time. The loop also takes an AbortSignal.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { ExecutionError } from '../domain/execution/execution-error.ts';

/** SshError codes (adapters/ssh/ssh-error.ts) that say "try again later", not "fix the configuration". */
export const TRANSIENT_REMOTE_CODES: readonly string[] = [
  'connection_lost',
  'connection_refused',
  'connect_timeout',
  'command_timeout',
  'host_unreachable',
  'channel_failed',
];

export function isTransientRemoteError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_REMOTE_CODES.includes(code);
}

export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
}

/** 0.5 s, 1 s, 2 s … 15 s: a VSP reboot or a network blip is ridden out without hammering the host. */
export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 15_000, factor: 2 };

/** The wait before retry number `attempt` (1-based). No jitter: one bot, a handful of connections per VSP. */
export function backoffDelayMs(policy: BackoffPolicy, attempt: number): number {
  return Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt - 1));
}

export interface RemoteTrouble {
  /** The SshError code, e.g. `connection_lost`. */
  readonly code: string;
  readonly message: string;
  /** Failures in a row so far (1 for the first). */
  readonly attempt: number;
  readonly retryInMs: number;
  /** Since the first failure in a row. */
  readonly failingForMs: number;
}

export interface RetryTransientOptions {
  readonly giveUpAfterMs: number;
  readonly backoff?: BackoffPolicy;
  readonly signal?: AbortSignal;
  readonly onTrouble?: (trouble: RemoteTrouble) => void;
  /** What was being done, for the give-up message (`following REQ-1/0 on vsp1`). */
  readonly what: string;
  /** Monotonic milliseconds; injectable for tests. */
  readonly now?: () => number;
}

export async function retryTransient<T>(run: () => Promise<T>, options: RetryTransientOptions): Promise<T> {
  const now = options.now ?? (() => performance.now());
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let firstFailureAt: number | undefined;
  for (let attempt = 1; ; attempt += 1) {
    options.signal?.throwIfAborted();
    try {
      return await run();
    } catch (error) {
      if (options.signal?.aborted || !isTransientRemoteError(error)) throw error;
      firstFailureAt ??= now();
      const failingForMs = Math.round(now() - firstFailureAt);
      const coded = error as { code: string; message?: unknown };
      if (failingForMs >= options.giveUpAfterMs) {
        throw new ExecutionError(
          'follow_gave_up',
          `gave up ${options.what} after ${failingForMs} ms of SSH trouble (${coded.code}); the remote run is not affected, reattach later`,
          { code: coded.code, failingForMs, attempts: attempt },
          { cause: error },
        );
      }
      const retryInMs = Math.min(backoffDelayMs(backoff, attempt), options.giveUpAfterMs - failingForMs);
      options.onTrouble?.({
        code: coded.code,
        message: typeof coded.message === 'string' ? coded.message : String(error),
        attempt,
        retryInMs,
        failingForMs,
      });
      await sleep(retryInMs, options.signal);
    }
  }
}

/** Waits; an abort rejects with the signal's reason (like `signal.throwIfAborted()`), not a wrapper. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, signal ? { signal } : {});
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
}
