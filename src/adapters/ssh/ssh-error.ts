/**
 * Coded errors of the SSH adapter (docs/conventions.md #5): a `code` string union plus the evidence an operator needs —
 * which VSP, which address, which command, what the remote side printed last. `operator-message.ts`
 * turns each code into the next step (docs/conventions.md #6).
 */

export const SSH_ERROR_CODES = [
  'unknown_host',
  'host_key_mismatch',
  'auth_failed',
  'connection_refused',
  'host_unreachable',
  'connect_timeout',
  'connection_lost',
  'command_timeout',
  'channel_failed',
] as const;
export type SshErrorCode = (typeof SSH_ERROR_CODES)[number];

/** Every code a failed `exec`/`execChecked` can carry. */
export type RemoteFailureCode = SshErrorCode | 'command_failed';

/** How many trailing lines of stdout/stderr an error keeps as evidence. */
export const OUTPUT_TAIL_LINES = 20;

export interface SshErrorDetails {
  /** VSP name as configured. */
  readonly host: string;
  /** Configured address and port; absent for `unknown_host` (there is none). */
  readonly address?: string;
  readonly port?: number;
  /** The command line, when the failure concerns one command (not for connection-level failures). */
  readonly command?: string;
  readonly cause?: unknown;
  /** `host_key_mismatch`: the pinned fingerprint, the one the VSP presented, and the presented key type. */
  readonly expectedFingerprint?: string;
  readonly presentedFingerprint?: string;
  readonly presentedKeyType?: string;
  /** `command_timeout`, `connection_lost` during a command: time since the command was sent, output so far. */
  readonly elapsedMs?: number;
  readonly stdoutTail?: string;
  readonly stderrTail?: string;
}

export class SshError extends Error {
  override readonly name = 'SshError';
  readonly code: SshErrorCode;
  readonly host: string;
  readonly address: string | undefined;
  readonly port: number | undefined;
  readonly command: string | undefined;
  readonly expectedFingerprint: string | undefined;
  readonly presentedFingerprint: string | undefined;
  readonly presentedKeyType: string | undefined;
  readonly elapsedMs: number | undefined;
  readonly stdoutTail: string | undefined;
  readonly stderrTail: string | undefined;

  constructor(code: SshErrorCode, message: string, details: SshErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.host = details.host;
    this.address = details.address;
    this.port = details.port;
    this.command = details.command;
    this.expectedFingerprint = details.expectedFingerprint;
    this.presentedFingerprint = details.presentedFingerprint;
    this.presentedKeyType = details.presentedKeyType;
    this.elapsedMs = details.elapsedMs;
    this.stdoutTail = details.stdoutTail;
    this.stderrTail = details.stderrTail;
  }
}

export interface RemoteCommandErrorDetails {
  readonly host: string;
  readonly command: string;
  readonly exitCode: number | null;
  readonly signal?: string;
  readonly stdoutTail: string;
  readonly stderrTail: string;
}

/** The command ran and ended unsuccessfully (non-zero exit, or killed by a signal); thrown by `execChecked`. */
export class RemoteCommandError extends Error {
  override readonly name = 'RemoteCommandError';
  readonly code = 'command_failed' as const;
  readonly host: string;
  readonly command: string;
  readonly exitCode: number | null;
  readonly signal: string | undefined;
  readonly stdoutTail: string;
  readonly stderrTail: string;

  constructor(details: RemoteCommandErrorDetails) {
    const how = details.signal === undefined ? `exit code ${String(details.exitCode)}` : `signal ${details.signal}`;
    super(`command failed on VSP ${details.host} with ${how}: ${abbreviate(details.command)}`);
    this.host = details.host;
    this.command = details.command;
    this.exitCode = details.exitCode;
    this.signal = details.signal;
    this.stdoutTail = details.stdoutTail;
    this.stderrTail = details.stderrTail;
  }
}

/** A command line short enough for a one-line message; the full line stays in the error's `command`. */
export function abbreviate(command: string, max = 160): string {
  const oneLine = command.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
