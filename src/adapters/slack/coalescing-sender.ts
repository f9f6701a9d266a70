/**
 * Edits of one Slack message, coalesced (docs/slack-platform.md, "Rate limits and 429": chat.update is
 * rate limited, and a progress message only needs its latest state): at most one edit per interval per
 * message, and the latest content always wins. New posts are queued and spaced in slack-chat.ts. Timers
 * are injected so tests can run the rule fast.
 */

export interface PacerTimers {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTimers: PacerTimers = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

interface PendingEdit<T> {
  value: T;
  waiters: { resolve: () => void; reject: (error: unknown) => void }[];
}

/**
 * Per key, sends the latest value at most once per interval. A call made while an edit is waiting
 * replaces that edit's value; every caller's promise settles when the edit carrying its value (or a
 * newer one) has been sent.
 */
export class CoalescingSender<T> {
  private readonly pending = new Map<string, PendingEdit<T>>();
  private readonly lastSent = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly send: (key: string, value: T) => Promise<void>,
    private readonly timers: PacerTimers = realTimers,
  ) {}

  /** Resolves when every edit submitted so far has been sent (or has failed). */
  async idle(): Promise<void> {
    while (this.pending.size > 0 || this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight.values()]);
      if (this.inFlight.size === 0 && this.pending.size > 0) await this.timers.sleep(10);
    }
  }

  submit(key: string, value: T, intervalMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiting = this.pending.get(key);
      if (waiting) {
        waiting.value = value;
        waiting.waiters.push({ resolve, reject });
        return;
      }
      this.pending.set(key, { value, waiters: [{ resolve, reject }] });
      void this.flushLater(key, intervalMs);
    });
  }

  private async flushLater(key: string, intervalMs: number): Promise<void> {
    await this.inFlight.get(key)?.catch(() => undefined);
    const wait = (this.lastSent.get(key) ?? -Infinity) + intervalMs - this.timers.now();
    if (wait > 0) await this.timers.sleep(wait);
    const edit = this.pending.get(key);
    if (!edit) return;
    this.pending.delete(key);
    this.lastSent.set(key, this.timers.now());
    const sending = this.send(key, edit.value);
    this.inFlight.set(key, sending);
    try {
      await sending;
      for (const waiter of edit.waiters) waiter.resolve();
    } catch (error) {
      for (const waiter of edit.waiters) waiter.reject(error);
    } finally {
      if (this.inFlight.get(key) === sending) this.inFlight.delete(key);
    }
  }
}
