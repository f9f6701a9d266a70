/**
 * SimTimers (src/sim/sim-timers.ts) for the in-memory fleet: a simulated sleep ends on the next turn of the
 * event loop, whatever its length, and `now()` is a counter the sleeps advance. A migration of any size
 * finishes in a handful of turns; and because no sleep ends within the same turn, a test that starts a move
 * and reads its status without yielding to the event loop sees it still running, every time.
 */
import { abortReason, type SimTimers } from '../../../src/sim/sim-timers.ts';

export interface InstantTimers extends SimTimers {
  /** Simulated milliseconds slept so far, across every sleep. */
  readonly elapsedMs: number;
}

export function instantTimers(): InstantTimers {
  let now = 0;
  return {
    get elapsedMs() {
      return now;
    },
    now: () => now,
    sleep(ms, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(abortReason(signal));
        setImmediate(() => {
          if (signal?.aborted) return reject(abortReason(signal));
          now += ms;
          resolve();
        });
      });
    },
  };
}
