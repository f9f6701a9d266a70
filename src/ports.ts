/**
 * The small interfaces the use-cases talk through (DESIGN §4). Adapters implement them; tests build
 * the same graph with real local servers and fakes, never module mocks.
 */

export interface CommandResult {
  /** null when the remote side ended the command without an exit status (killed by a signal). */
  readonly exitCode: number | null;
  /** The signal that ended the command, in Node's spelling (`SIGTERM`, not `TERM`) whatever the transport. */
  readonly signal?: string;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ExecOptions {
  /**
   * Per-command timeout, counted from when the command is sent (waiting for a free connection or channel
   * does not count); on expiry the channel is closed and the call rejects with code `command_timeout`.
   */
  readonly timeoutMs?: number;
  /** Called for every complete stdout line as it arrives (without the newline). */
  readonly onStdoutLine?: (line: string) => void;
  readonly onStderrLine?: (line: string) => void;
}

/** Runs command lines on a VSP. Every line given here was rendered by domain/commands (quoted, allow-listed). */
export interface RemoteShell {
  exec(vsp: string, commandLine: string, options?: ExecOptions): Promise<CommandResult>;
  /** Closes every pooled connection. */
  close(): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
