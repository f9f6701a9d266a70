import type ssh2 from 'ssh2';
import type { SshError } from './ssh-error.ts';

/** How long `end()` waits for the server to acknowledge before it drops the socket. */
const END_GRACE_MS = 2_000;

/**
 * One ssh2 Client and what the adapter knows about it: whether it still works, and who to tell when it
 * stops working (the commands running on it reject with `connection_lost`).
 */
export class LiveConnection {
  private readonly lostListeners = new Set<(error: SshError) => void>();
  private lostError: SshError | undefined;
  private socketClosed = false;
  private readonly closed: Promise<void>;

  constructor(readonly client: ssh2.Client) {
    this.closed = new Promise((resolve) =>
      client.once('close', () => {
        this.socketClosed = true;
        resolve();
      }),
    );
  }

  get alive(): boolean {
    return this.lostError === undefined;
  }

  /** Calls `listener` once if the connection is lost; returns the unsubscribe function. */
  onLost(listener: (error: SshError) => void): () => void {
    if (this.lostError) {
      const error = this.lostError;
      queueMicrotask(() => listener(error));
      return () => undefined;
    }
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  markLost(error: SshError): void {
    if (this.lostError) return;
    this.lostError = error;
    const listeners = [...this.lostListeners];
    this.lostListeners.clear();
    for (const listener of listeners) listener(error);
  }

  /** Ends the session politely (SSH disconnect), dropping the socket if the server does not close it in time. */
  async end(): Promise<void> {
    if (this.socketClosed) return;
    this.client.end();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.client.destroy();
        resolve();
      }, END_GRACE_MS);
    });
    await Promise.race([this.closed, grace]);
    clearTimeout(timer);
  }
}
