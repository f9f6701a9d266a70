/**
 * A RemoteShell for use-case tests without SSH: it answers the exact lines the bot sends as the simulated
 * VSPs would, running the simulator's HPVM commands in-process on a FleetModel. Only the bot's line shapes
 * are known (known-lines.ts); any other line is an error, so a test cannot pass on a line a real VSP would
 * have choked on. Detached moves live in an in-memory job table (detached-jobs.ts); simulated time runs
 * instantly (instant-timers.ts), so nothing here waits for the clock.
 *
 * Each exec, in order: recorded in `executed`; every `beforeExec` hook awaited; refused with an SshError when
 * the VSP is unknown or unreachable; answered by the newest matching `script`; else emulated. The timeout
 * option is not enforced (nothing here takes time): a test that needs a timeout scripts a function that
 * throws SshError `command_timeout`, or one that never settles for a hang.
 */
import { SshError, type SshErrorCode } from '../../../src/adapters/ssh/ssh-error.ts';
import type { Clock, CommandResult, ExecOptions, RemoteShell } from '../../../src/ports.ts';
import { runHpvmCommand } from '../../../src/sim/commands/run-hpvm-command.ts';
import { validateFleet } from '../../../src/sim/fleet-file.ts';
import { FleetModel } from '../../../src/sim/fleet-model.ts';
import type { SimTimers } from '../../../src/sim/sim-timers.ts';
import { DetachedJobs, type JobRunner, type JobView, type TextSink } from './detached-jobs.ts';
import { instantTimers } from './instant-timers.ts';
import { recogniseLine, type BatchPartLine } from './known-lines.ts';
import { DEFAULT_CLOCK_START } from './manual-clock.ts';
import { collector, deliverLines, endPart, shellStatus } from './shell-output.ts';
import { addScript, consult, hasScript, type Script, type ScriptAnswer } from './shell-scripts.ts';
import { parseHpvmLine } from './shell-words.ts';

export type { ScriptAnswer } from './shell-scripts.ts';

export interface ScriptedShellOptions {
  /** Default: instant timers (every simulated sleep ends on the next event-loop turn). */
  readonly timers?: SimTimers;
  /** Stamps `executed[].at`; default: the simulated time, counted from 2026-12-01T10:00:00Z. */
  readonly clock?: Clock;
}

export interface ExecutedLine {
  readonly vsp: string;
  readonly line: string;
  readonly at: Date;
}

export type ExecHook = (vsp: string, line: string) => void | Promise<void>;

/** Address and port in SshErrors, as a configured VSP would have them. */
const ADDRESS = '127.0.0.1';
const PORT = 22;
/** Codes the SSH adapter raises for a command that was sent (the others are about the connection). */
const COMMAND_CODES: readonly SshErrorCode[] = ['command_timeout', 'connection_lost', 'channel_failed'];

export class ScriptedShell implements RemoteShell {
  /** The simulated fleet: inspect or change guests, inject faults (`setFaults`), watch migrations. */
  readonly model: FleetModel;
  /** Every line received, in order (also the ones that were refused or unknown). */
  readonly executed: ExecutedLine[] = [];
  private readonly clock: Clock;
  private readonly detached = new DetachedJobs();
  private readonly unreachableCodes = new Map<string, SshErrorCode>();
  private readonly lineScripts: Script[] = [];
  private readonly commandScripts: Script[] = [];
  private readonly hooks: ExecHook[] = [];
  private closed = false;

  /**
   * `fleet`: a fleet object as in a fleet file (validated here), or a FleetModel to share (which keeps its
   * own timers: `options.timers` applies only to a model built here).
   */
  constructor(fleet: unknown, options: ScriptedShellOptions = {}) {
    if (fleet instanceof FleetModel) {
      this.model = fleet;
    } else {
      const parsed = validateFleet(fleet);
      if (!parsed.ok) throw new Error(`ScriptedShell: invalid fleet:\n${parsed.problems.join('\n')}`);
      this.model = new FleetModel(parsed.fleet, { timers: options.timers ?? instantTimers() });
    }
    const start = Date.parse(DEFAULT_CLOCK_START);
    this.clock = options.clock ?? { now: () => new Date(start + this.model.timers.now()) };
  }

  async exec(vsp: string, commandLine: string, options: ExecOptions = {}): Promise<CommandResult> {
    // Same refusal as SshRemoteShell after close: a use-case that runs on after stop is a bug.
    if (this.closed) throw new Error('the SSH shell is closed');
    this.executed.push({ vsp, line: commandLine, at: this.clock.now() });
    for (const hook of [...this.hooks]) await hook(vsp, commandLine);
    this.checkReachable(vsp, commandLine);
    const result = (await consult(this.lineScripts, vsp, commandLine)) ?? (await this.emulate(vsp, commandLine));
    deliverLines(result.stdout, options.onStdoutLine);
    deliverLines(result.stderr, options.onStderrLine);
    return result;
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  // -------------------------------------------------------------------------------------------------
  // Test controls.

  /** Every exec on this VSP rejects with an SshError of this code until `reachable`. */
  unreachable(vsp: string, code: SshErrorCode = 'connection_refused'): void {
    this.unreachableCodes.set(vsp, code);
  }

  reachable(vsp: string): void {
    this.unreachableCodes.delete(vsp);
  }

  /**
   * Answers whole exec lines on `vsp` that match `pattern` (HP error output, garbage, a hang: a promise that
   * never settles, a timeout: a function that throws an SshError). The newest matching script wins.
   * Returns a function that removes the script.
   */
  script(vsp: string, pattern: RegExp, answer: ScriptAnswer): () => void {
    return addScript(this.lineScripts, { vsp, pattern, answer });
  }

  /**
   * Answers one HPVM command line wherever it runs: alone, as a part of a batch (the answer goes between that
   * part's markers, its exit code into `$?`), or as a detached migrate line (the answer goes to the log, its
   * exit code into the status). For a command that misbehaves inside an otherwise healthy batch.
   */
  scriptCommand(vsp: string, pattern: RegExp, answer: ScriptAnswer): () => void {
    return addScript(this.commandScripts, { vsp, pattern, answer });
  }

  /** Awaited before each exec is answered (after it is recorded): change the fleet at an exact point. */
  beforeExec(hook: ExecHook): () => void {
    this.hooks.push(hook);
    return () => {
      const at = this.hooks.indexOf(hook);
      if (at >= 0) this.hooks.splice(at, 1);
    };
  }

  jobs(): JobView[] {
    return this.detached.list();
  }

  /** Jobs started from now on wait (their status reads `running`) until `releaseJobs`. */
  holdJobs(): void {
    this.detached.hold();
  }

  releaseJobs(): void {
    this.detached.release();
  }

  /** The process is gone without an exit status: follow reads `vanished`; a running migration is aborted. */
  vanishJob(vsp: string, dir: string): void {
    this.detached.vanish(vsp, dir);
  }

  /** The move folder is deleted: follow reads `missing`; a running migration goes on unseen. */
  removeJob(vsp: string, dir: string): void {
    this.detached.remove(vsp, dir);
  }

  /** The job ends now with this status (a running migration is aborted), after these log lines. */
  finishJob(vsp: string, dir: string, exitCode: number, extraLogLines?: readonly string[]): void {
    this.detached.finish(vsp, dir, exitCode, extraLogLines);
  }

  /** Raw text into a job's log, no newline added (a half-written line, bytes the simulator never prints). */
  appendLog(vsp: string, dir: string, text: string): void {
    this.detached.appendLog(vsp, dir, text);
  }

  /** Resolves when every background migrate command has ended; rejects while jobs are held. */
  settled(): Promise<void> {
    return this.detached.settled();
  }

  // -------------------------------------------------------------------------------------------------

  private checkReachable(vsp: string, line: string): void {
    if (!this.model.hasHost(vsp)) {
      throw new SshError('unknown_host', `VSP ${vsp} is not in the fleet configuration (known: ${this.known()})`, {
        host: vsp,
        command: line,
      });
    }
    const code =
      this.unreachableCodes.get(vsp) ?? (this.model.host(vsp).faults.sshRefused ? 'connection_refused' : undefined);
    if (code === undefined) return;
    throw new SshError(code, `VSP ${vsp} (${ADDRESS}:${PORT}): ${code} (ScriptedShell)`, {
      host: vsp,
      address: ADDRESS,
      port: PORT,
      ...(COMMAND_CODES.includes(code) ? { command: line } : {}),
    });
  }

  private known(): string {
    return this.model.vspNames().join(', ');
  }

  private async emulate(vsp: string, line: string): Promise<CommandResult> {
    const known = recogniseLine(line);
    if (!known) throw unknownLine(line);
    switch (known.kind) {
      case 'command': {
        const output = collector();
        const exitCode = await this.runCommand(vsp, line, output);
        return { exitCode, stdout: output.stdout, stderr: output.stderr };
      }
      case 'batch':
        return this.runBatch(vsp, line, known.nonce, known.parts);
      case 'start': {
        const stdout = this.detached.start(vsp, known.dir, known.migrateLine, () =>
          this.prepareJob(vsp, known.migrateLine),
        );
        return { exitCode: 0, stdout, stderr: '' };
      }
      case 'follow':
        return this.follow(vsp, known.dir, known.offset, known.nonce);
      case 'cleanup':
        return { exitCode: 0, stdout: `${this.detached.cleanup(vsp, known.dir)}\n`, stderr: '' };
    }
  }

  /** `cmd </dev/null; echo "<mark> key $?"; echo "<mark> key" >&2` per part, as sh runs it. */
  private async runBatch(
    vsp: string,
    line: string,
    nonce: string,
    parts: readonly BatchPartLine[],
  ): Promise<CommandResult> {
    // Refuse the whole line before running any part: a real VSP would not have half-run a line we misread.
    for (const part of parts) {
      if (!part.invocation && !hasScript(this.commandScripts, vsp, part.line)) throw unknownLine(line, part.line);
    }
    const output = collector();
    for (const part of parts) {
      const exitCode = await this.runCommand(vsp, part.line, output);
      endPart(output, nonce, part.key, exitCode);
    }
    return { exitCode: 0, stdout: output.stdout, stderr: output.stderr };
  }

  /** renderFollow: the status, then `tail -c +<offset+1>` of the log and the end mark. */
  private follow(vsp: string, dir: string, offset: number, nonce: string): CommandResult {
    const output = collector();
    const status = this.detached.status(vsp, dir);
    output.out(`${typeof status === 'string' ? status : status.exitCode}\n`);
    endPart(output, nonce, 'status', 0);
    const log = this.detached.log(vsp, dir);
    if (log === undefined) {
      // GNU coreutils' wording (the machine the agreement test runs on); HP-UX words it differently.
      output.err(`tail: cannot open '${dir}/migrate.log' for reading: No such file or directory\n`);
      endPart(output, nonce, 'log', 1);
    } else {
      output.out(`${Buffer.from(log, 'utf8').subarray(offset).toString('utf8')}@end-of-log\n`);
      endPart(output, nonce, 'log', 0);
    }
    return { exitCode: 0, stdout: output.stdout, stderr: output.stderr };
  }

  /** Checks the migrate line now (the start fails loudly), and returns how to run it in the background. */
  private prepareJob(vsp: string, migrateLine: string): JobRunner {
    if (!parseHpvmLine(migrateLine) && !hasScript(this.commandScripts, vsp, migrateLine)) {
      throw unknownLine(migrateLine);
    }
    return (sink) => this.runCommand(vsp, migrateLine, sink);
  }

  /** One HPVM command line: a `scriptCommand` answer, else the simulator's command. Resolves to `$?`. */
  private async runCommand(vsp: string, line: string, sink: TextSink): Promise<number> {
    const scripted = await consult(this.commandScripts, vsp, line);
    if (scripted) {
      sink.out(scripted.stdout);
      sink.err(scripted.stderr);
      return shellStatus(scripted);
    }
    const invocation = parseHpvmLine(line);
    if (!invocation) throw unknownLine(line);
    return runHpvmCommand(this.model, vsp, invocation.command, invocation.argv, {
      out: (text) => sink.out(`${text}\n`),
      err: (text) => sink.err(`${text}\n`),
      signal: sink.signal,
    });
  }
}

function unknownLine(line: string, part?: string): Error {
  const which = part === undefined ? '' : ` (its part ${JSON.stringify(part)})`;
  return new Error(`ScriptedShell does not know this line${which}: ${line}`);
}
