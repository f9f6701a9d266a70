import pLimit, { type LimitFunction } from 'p-limit';

interface BusyHost {
  /** Commands for this host that are queued or running. */
  pending: number;
  /** Resolves when the host holds one of the slots. */
  readonly granted: Promise<void>;
  /** Gives the slot back; set when it is granted. */
  release: () => void;
}

/**
 * At most `maxHosts` hosts have commands in flight at once. p-limit counts tasks, not hosts, so each host's
 * busy period is one p-limit task: it starts with the host's first command, ends when its last queued or
 * running command settles, and every command for the host in between runs inside it. A host that never goes
 * idle keeps its slot; fine here, since each command is bounded by its timeout and the callers (migration
 * rounds, inventory sweeps) send finite batches.
 */
export class HostSlots {
  private readonly limit: LimitFunction;
  private readonly busy = new Map<string, BusyHost>();

  constructor(maxHosts: number) {
    this.limit = pLimit(maxHosts);
  }

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const busy = this.enter(host);
    try {
      await busy.granted;
      return await task();
    } finally {
      this.leave(host, busy);
    }
  }

  /** Hosts holding a slot or waiting for one (for tests and diagnostics). */
  get busyHosts(): number {
    return this.busy.size;
  }

  private enter(host: string): BusyHost {
    const existing = this.busy.get(host);
    if (existing) {
      existing.pending += 1;
      return existing;
    }
    let grant: () => void = () => undefined;
    const busy: BusyHost = {
      pending: 1,
      granted: new Promise<void>((resolve) => (grant = resolve)),
      release: () => undefined,
    };
    void this.limit(
      () =>
        new Promise<void>((done) => {
          busy.release = done;
          grant();
        }),
    );
    this.busy.set(host, busy);
    return busy;
  }

  private leave(host: string, busy: BusyHost): void {
    busy.pending -= 1;
    if (busy.pending > 0) return;
    this.busy.delete(host);
    busy.release();
  }
}
