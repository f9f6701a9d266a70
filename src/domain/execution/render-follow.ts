/**
 * Following a detached move by byte offset (docs/architecture.md, "Executing a move"): one exec reads the exit status
 * (if any) and then the log from the offset on. The status is read FIRST: when it is there, the process has finished
 * writing the log, so the log read after it is complete and the last line, even without a newline, is final.
 *
 * `tail -c +N` is POSIX (XCU tail: `-c number`, a leading `+` counts from the start, 1-based), and a
 * count from the start has no buffer limit where HP-UX's tail limits counts from the end.
 */
import { buildBatchLine, splitBatchOutput, type BatchPart } from '../command-batch.ts';
import { ExecutionError } from './execution-error.ts';
import { parseMoveDir } from './move-dir.ts';
import { LOG_FILE, PID_FILE, STARTED_MARKER, STATUS_FILE } from './render-detached-start.ts';

/** Printed after the log bytes, so bytes without a final newline are told apart from a complete line. */
const END_OF_LOG = '@end-of-log';

/**
 * running  — started, no exit status yet, its process is alive (or its pid is not written yet)
 * exited   — the exit status file is there
 * missing  — no start marker: never started here, or cleaned up
 * vanished — started, no exit status, and its process is gone (host rebooted, process killed)
 */
export type RunStatus =
  | { readonly kind: 'running' }
  | { readonly kind: 'exited'; readonly exitCode: number }
  | { readonly kind: 'missing' }
  | { readonly kind: 'vanished' };

export interface FollowChunk {
  readonly status: RunStatus;
  /** Complete lines after the offset (the unterminated last line too once the run has exited), without `\n`. */
  readonly lines: readonly string[];
  /** The offset after those lines, in bytes of the remote file. */
  readonly newOffset: number;
  /** tail's complaint when the log could not be read (not created yet, removed); absent when it was. */
  readonly logError?: string;
}

export function renderFollow(dir: string, offset: number, nonce: string): string {
  parseMoveDir(dir);
  checkOffset(offset);
  const status = [
    `if [ -f ${dir}/${STATUS_FILE} ]; then cat ${dir}/${STATUS_FILE};`,
    `elif [ ! -d ${dir}/${STARTED_MARKER} ]; then echo missing;`,
    `elif [ ! -f ${dir}/${PID_FILE} ] || kill -0 "$(cat ${dir}/${PID_FILE})" 2>/dev/null; then echo running;`,
    // The process may have written its status and ended between the first test and kill -0.
    `elif [ -f ${dir}/${STATUS_FILE} ]; then cat ${dir}/${STATUS_FILE};`,
    'else echo vanished; fi',
  ].join(' ');
  const log = `tail -c +${offset + 1} ${dir}/${LOG_FILE} && echo ${END_OF_LOG}`;
  return buildBatchLine(
    [
      { key: 'status', line: status },
      { key: 'log', line: log },
    ],
    nonce,
  );
}

/** Splits the follow line's output back; throws `unexpected_output` when it cannot be trusted. */
export function parseFollowOutput(stdout: string, stderr: string, nonce: string, offset: number): FollowChunk {
  checkOffset(offset);
  const parts = splitBatchOutput(stdout, stderr, nonce);
  const statusPart = parts.get('status');
  const logPart = parts.get('log');
  if (!statusPart || !logPart) throw unexpected('the output was cut short', stdout, stderr);
  const status = readStatus(statusPart, stdout, stderr);

  if (logPart.exitCode !== 0) {
    return { status, lines: [], newOffset: offset, logError: logPart.stderr.trim() || `exit ${logPart.exitCode}` };
  }
  const suffix = `${END_OF_LOG}\n`;
  if (!logPart.stdout.endsWith(suffix)) throw unexpected('the log read has no end mark', stdout, stderr);
  const data = logPart.stdout.slice(0, -suffix.length);
  // A line still being written is left for the next read, unless the run has ended.
  const complete = status.kind === 'exited' ? data : data.slice(0, data.lastIndexOf('\n') + 1);
  return { status, lines: splitLogLines(complete), newOffset: offset + utf8ByteLength(complete) };
}

function readStatus(part: BatchPart, stdout: string, stderr: string): RunStatus {
  const text = part.stdout.trim();
  if (text === 'running' || text === 'missing' || text === 'vanished') return { kind: text };
  if (/^[0-9]{1,3}$/.test(text)) return { kind: 'exited', exitCode: Number(text) };
  throw unexpected(`unknown run status ${JSON.stringify(text)}`, stdout, stderr);
}

function splitLogLines(text: string): string[] {
  if (text === '') return [];
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return body.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/**
 * Bytes of the text in UTF-8, which is what the remote offset counts. Exact for a log in UTF-8 (hpvmmigrate
 * prints ASCII); bytes that are not UTF-8 arrive as U+FFFD and would be miscounted.
 */
export function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function checkOffset(offset: number): void {
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new ExecutionError('invalid_argument', `log offset ${String(offset)} must be a non-negative integer`, {
      offset: String(offset),
    });
  }
}

function unexpected(reason: string, stdout: string, stderr: string): ExecutionError {
  return new ExecutionError('unexpected_output', `cannot read the follow output: ${reason}`, {
    stdoutTail: stdout.slice(-2000),
    stderrTail: stderr.slice(-2000),
  });
}
