/**
 * The in-memory side of the detached-move contract (src/domain/execution/render-detached-start.ts): a table
 * of move folders per VSP instead of files, and migrate commands running in-process instead of under nohup.
 * What the shell lines would find on disk maps to a job's state:
 *
 * - no job (never started, or its folder removed) — the follow status is `missing`;
 * - `held` or `running` — the process is alive without an exit status: `running`;
 * - `exited` — `exit.status` holds `exitCode`;
 * - `vanished` — started, no status, process gone: `vanished`.
 */
export type JobState = 'held' | 'running' | 'exited' | 'vanished';

export interface JobView {
  readonly vsp: string;
  readonly dir: string;
  readonly pid: number;
  readonly migrateLine: string;
  readonly state: JobState;
  /** Set once the state is `exited`. */
  readonly exitCode: number | undefined;
  /** `migrate.log`: stdout and stderr of the migrate command, in the order written. */
  readonly log: string;
}

/** Where a running command writes: raw text, as it would reach `migrate.log`. */
export interface TextSink {
  out(text: string): void;
  err(text: string): void;
  readonly signal: AbortSignal;
}

/** Runs a job's migrate line; resolves to its exit status. */
export type JobRunner = (sink: TextSink) => Promise<number>;

export type FollowStatus = 'missing' | 'running' | 'vanished' | { readonly exitCode: number };

interface Job {
  readonly vsp: string;
  readonly dir: string;
  readonly pid: number;
  readonly migrateLine: string;
  readonly run: JobRunner;
  readonly abort: AbortController;
  state: JobState;
  exitCode: number | undefined;
  log: string;
}

/** Fake pids start here: clearly not the test runner's own processes. */
const FIRST_PID = 20_001;

export class DetachedJobs {
  private readonly table = new Map<string, Job>();
  /** Started while held, not launched yet (a removed folder does not stop a process: still launched). */
  private pending: Job[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly failures: unknown[] = [];
  private nextPid = FIRST_PID;
  private holding = false;

  /**
   * `mkdir started` succeeds only once per folder: the first start creates the job and runs it (in the
   * background); a later one finds the folder and reports `already-started`. `prepare` is called only for a
   * new job, and may throw before anything exists (an unknown migrate line).
   */
  start(vsp: string, dir: string, migrateLine: string, prepare: () => JobRunner): string {
    if (this.table.has(key(vsp, dir))) return 'already-started\n';
    const run = prepare();
    const job: Job = {
      vsp,
      dir,
      pid: this.nextPid++,
      migrateLine,
      run,
      abort: new AbortController(),
      state: 'held',
      exitCode: undefined,
      log: '',
    };
    this.table.set(key(vsp, dir), job);
    if (this.holding) this.pending.push(job);
    else this.launch(job);
    return `started ${job.pid}\n`;
  }

  status(vsp: string, dir: string): FollowStatus {
    const job = this.table.get(key(vsp, dir));
    if (!job) return 'missing';
    if (job.state === 'exited') return { exitCode: job.exitCode ?? 0 };
    return job.state === 'vanished' ? 'vanished' : 'running';
  }

  /** The log text, or undefined when the folder is not there. */
  log(vsp: string, dir: string): string | undefined {
    return this.table.get(key(vsp, dir))?.log;
  }

  /** Refused while the process is alive; otherwise the folder goes (also when it was never there). */
  cleanup(vsp: string, dir: string): 'still-running' | 'removed' {
    const status = this.status(vsp, dir);
    if (status === 'running') return 'still-running';
    this.table.delete(key(vsp, dir));
    return 'removed';
  }

  list(): JobView[] {
    return [...this.table.values()].map((job) => ({
      vsp: job.vsp,
      dir: job.dir,
      pid: job.pid,
      migrateLine: job.migrateLine,
      state: job.state,
      exitCode: job.exitCode,
      log: job.log,
    }));
  }

  hold(): void {
    this.holding = true;
  }

  release(): void {
    this.holding = false;
    const pending = this.pending;
    this.pending = [];
    for (const job of pending) if (job.state === 'held') this.launch(job);
  }

  /** The process is gone without writing a status (host rebooted, killed): a running command is aborted. */
  vanish(vsp: string, dir: string): void {
    const job = this.alive(vsp, dir, 'vanishJob');
    job.state = 'vanished';
    job.abort.abort(new Error(`ScriptedShell: the job in ${dir} on ${vsp} vanished`));
  }

  /** The folder is deleted; a process that still runs goes on, but writes nowhere anyone can read. */
  remove(vsp: string, dir: string): void {
    this.existing(vsp, dir, 'removeJob');
    this.table.delete(key(vsp, dir));
  }

  /** Ends the job with this status now (a running command is aborted; its later output is dropped). */
  finish(vsp: string, dir: string, exitCode: number, extraLogLines: readonly string[] = []): void {
    const job = this.alive(vsp, dir, 'finishJob');
    job.log += extraLogLines.map((line) => `${line}\n`).join('');
    job.state = 'exited';
    job.exitCode = exitCode;
    job.abort.abort(new Error(`ScriptedShell: the test finished the job in ${dir} on ${vsp}`));
  }

  /** Appends raw text to the log (no newline added): partial lines, text the simulator never prints. */
  appendLog(vsp: string, dir: string, text: string): void {
    this.existing(vsp, dir, 'appendLog').log += text;
  }

  /** Resolves once every launched command has ended; rejects while jobs are held (they could never end). */
  async settled(): Promise<void> {
    for (;;) {
      const held = this.pending.filter((job) => job.state === 'held');
      if (held.length > 0) {
        const dirs = held.map((job) => `${job.vsp}:${job.dir}`).join(', ');
        throw new Error(`ScriptedShell.settled(): jobs are held (${dirs}); releaseJobs() first`);
      }
      if (this.running.size === 0) break;
      await Promise.all([...this.running]);
    }
    if (this.failures.length > 0) {
      throw new AggregateError(this.failures, 'ScriptedShell: a background migrate command threw');
    }
  }

  private launch(job: Job): void {
    job.state = 'running';
    // Output counts only while this very job is still running in the table: after a vanish, a finish or a
    // removal, what the aborted (or orphaned) command prints goes nowhere.
    const live = (): boolean => job.state === 'running' && this.table.get(key(job.vsp, job.dir)) === job;
    const write = (text: string): void => {
      if (live()) job.log += text;
    };
    const done = job
      .run({ out: write, err: write, signal: job.abort.signal })
      .then(
        (exitCode) => {
          if (!live()) return;
          job.state = 'exited';
          job.exitCode = exitCode;
        },
        (error: unknown) => {
          this.failures.push(error);
          if (!live()) return;
          job.log += `ScriptedShell: the migrate command threw: ${String(error)}\n`;
          job.state = 'exited';
          job.exitCode = 1;
        },
      )
      .finally(() => this.running.delete(done));
    this.running.add(done);
  }

  private existing(vsp: string, dir: string, action: string): Job {
    const job = this.table.get(key(vsp, dir));
    if (!job) throw new Error(`ScriptedShell.${action}: no job in ${dir} on ${vsp}`);
    return job;
  }

  private alive(vsp: string, dir: string, action: string): Job {
    const job = this.existing(vsp, dir, action);
    if (job.state === 'exited' || job.state === 'vanished') {
      throw new Error(`ScriptedShell.${action}: the job in ${dir} on ${vsp} has already ${job.state}`);
    }
    return job;
  }
}

function key(vsp: string, dir: string): string {
  return `${vsp}\n${dir}`;
}
