import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { ClientChannel } from 'ssh2';
import type { CommandResult } from '../../ports.ts';
import { LineSplitter } from './line-splitter.ts';
import type { LiveConnection } from './live-connection.ts';
import { normalizeSignal } from './normalize-signal.ts';
import { abbreviate, OUTPUT_TAIL_LINES, SshError, type SshErrorDetails } from './ssh-error.ts';
import type { SshHost } from './ssh-host.ts';
import { tailLines } from './tail-lines.ts';

export interface RunCommandInput {
  readonly connection: LiveConnection;
  readonly host: SshHost;
  readonly command: string;
  readonly timeoutMs: number;
  readonly onStdoutLine?: ((line: string) => void) | undefined;
  readonly onStderrLine?: ((line: string) => void) | undefined;
  readonly log: Logger;
}

export interface RunningCommand {
  readonly result: Promise<CommandResult>;
  /**
   * Settles once the channel is really gone. After a timeout that is a round trip later than `result`;
   * the caller holds the channel slot until then so the server's session limit is never exceeded.
   */
  readonly released: Promise<void>;
}

/**
 * Runs one command line on an open connection: one session channel, output split into lines as it arrives,
 * exit code or signal at the end. The timer starts when the channel is requested (queueing for a slot does
 * not count); on expiry the channel gets a KILL signal and is closed. The simulator hangs up the command's
 * process group when its channel closes; OpenSSH without a pty only closes the command's pipes, so a silent
 * remote command may outlive the timeout there (the long migration command runs detached anyway, docs/architecture.md,
 * "Executing a move").
 */
export function runCommand(input: RunCommandInput): RunningCommand {
  const { connection, host, command, log } = input;
  const startedAt = performance.now();
  const meta = { vsp: host.name, command: abbreviate(command) };
  let stdout = '';
  let stderr = '';
  const stdoutLines = new LineSplitter(guard(input.onStdoutLine, 'stdout', log));
  const stderrLines = new LineSplitter(guard(input.onStderrLine, 'stderr', log));
  let exit: { code: number | null; signal: string | undefined } | undefined;
  let channel: ClientChannel | undefined;
  let settled = false;

  const result = deferred<CommandResult>();
  const released = deferred<void>();
  const elapsedMs = (): number => Math.round(performance.now() - startedAt);
  const evidence = (): SshErrorDetails => ({
    host: host.name,
    address: host.address,
    port: host.port,
    command,
    elapsedMs: elapsedMs(),
    stdoutTail: tailLines(stdout, OUTPUT_TAIL_LINES),
    stderrTail: tailLines(stderr, OUTPUT_TAIL_LINES),
  });

  const timer = setTimeout(() => {
    const details = evidence();
    log.warn({ ...meta, elapsedMs: details.elapsedMs }, 'ssh command timed out, closing its channel');
    if (channel) {
      // Servers may ignore the `signal` request (the simulator does); closing the channel is what stops it there.
      channel.signal('KILL');
      channel.close();
    }
    fail(
      new SshError(
        'command_timeout',
        `command timed out after ${details.elapsedMs} ms on VSP ${host.name}: ${abbreviate(command)}`,
        details,
      ),
    );
  }, input.timeoutMs);
  const stopWatching = connection.onLost((lost) => {
    fail(
      new SshError(
        'connection_lost',
        `connection to VSP ${host.name} was lost while a command was running: ${abbreviate(command)}`,
        { ...evidence(), cause: lost },
      ),
    );
    // ssh2 closes every channel of a dead connection itself.
    release();
  });

  function fail(error: SshError): void {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    result.reject(error);
  }

  function succeed(outcome: CommandResult): void {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    log.debug(
      { ...meta, exitCode: outcome.exitCode, signal: outcome.signal, elapsedMs: elapsedMs() },
      'ssh command ended',
    );
    result.resolve(outcome);
  }

  function release(): void {
    stopWatching();
    released.resolve();
  }

  function attach(stream: ClientChannel): void {
    channel = stream;
    let closed = false;
    let stderrEnded = false;
    const complete = (): void => {
      if (!closed || !stderrEnded) return;
      stdout += stdoutLines.end();
      stderr += stderrLines.end();
      if (exit === undefined && !connection.alive) return; // the loss listener has rejected already
      succeed({
        exitCode: exit?.code ?? null,
        ...(exit?.signal === undefined ? {} : { signal: exit.signal }),
        stdout,
        stderr,
      });
    };
    stream.on('data', (chunk: Buffer) => (stdout += stdoutLines.push(chunk)));
    stream.stderr.on('data', (chunk: Buffer) => (stderr += stderrLines.push(chunk)));
    stream.on('exit', (code: number | null, signal?: string) => {
      exit = { code, signal: signal === undefined ? undefined : normalizeSignal(signal) };
    });
    stream.on('error', (error: Error) => {
      fail(
        new SshError('channel_failed', `SSH channel to VSP ${host.name} failed: ${error.message}`, {
          ...evidence(),
          cause: error,
        }),
      );
    });
    stream.stderr.on('end', () => {
      stderrEnded = true;
      complete();
    });
    // ssh2 emits 'close' after the stdout stream has ended, so every stdout chunk has been seen by then.
    stream.on('close', () => {
      closed = true;
      release();
      complete();
    });
    // Nothing we run reads input; a command that tries gets end-of-file instead of waiting for the timeout.
    stream.end();
  }

  log.debug(meta, 'ssh command starting');
  try {
    connection.client.exec(command, (error, stream) => {
      if (error) {
        const code = connection.alive ? 'channel_failed' : 'connection_lost';
        fail(
          new SshError(code, `could not start the command on VSP ${host.name}: ${error.message}`, {
            ...evidence(),
            cause: error,
          }),
        );
        release();
        return;
      }
      if (settled) {
        // Timed out (or lost) while the command was being started: stop it like a timed-out one.
        stream.on('close', release);
        stream.signal('KILL');
        stream.close();
        return;
      }
      attach(stream);
    });
  } catch (error) {
    // ssh2 throws synchronously when the socket is already gone.
    fail(
      new SshError('connection_lost', `connection to VSP ${host.name} was gone before the command was sent`, {
        ...evidence(),
        cause: error,
      }),
    );
    release();
  }
  return { result: result.promise, released: released.promise };
}

/** A throwing line callback is our bug, but it must not abort a command (a migration) that is running. */
function guard(onLine: ((line: string) => void) | undefined, stream: string, log: Logger): (line: string) => void {
  if (!onLine) return () => undefined;
  return (line) => {
    try {
      onLine(line);
    } catch (error) {
      log.error({ err: error, stream }, 'ssh line callback threw; output continues');
    }
  };
}

interface Deferred<T> {
  readonly promise: Promise<T>;
  readonly resolve: (value: T) => void;
  readonly reject: (error: Error) => void;
}

/** Promise.withResolvers is Node 22+. */
function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
