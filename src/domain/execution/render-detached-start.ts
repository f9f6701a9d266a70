/**
 * The line that starts one migration detached on the source VSP (docs/architecture.md, "Executing a move"): POSIX `sh`
 * and POSIX tools only, because HP-UX has no GNU options.
 *
 * - `trap '' HUP` first: a hang-up from a dropping SSH session (the simulator sends one to the command's
 *   process group) is ignored from the start, also in the moment before `nohup` runs; ignored signals stay
 *   ignored across fork and exec.
 * - `mkdir started` is the once-only marker: mkdir(2) is atomic, so of any number of concurrent or repeated
 *   starts exactly one creates it and starts the migration; the others print `already-started`.
 * - The migration runs under `nohup`, stdin from /dev/null and stdout+stderr to `migrate.log`, so the SSH
 *   session can end (or drop) without taking it along and without waiting for it.
 * - `kill -0 <pid>` is how a follower tells "still running" from "gone without a status" (host rebooted).
 * - Its exit status goes to `exit.status.tmp`, then `mv` (a rename in one folder, atomic) makes it
 *   `exit.status`: a reader sees no file or the whole number, never a half-written one. The same for `pid`.
 */
import { quoteShellArg } from '../commands/quote-shell-arg.ts';
import { ExecutionError } from './execution-error.ts';
import { moveDir, type MoveDirInput } from './move-dir.ts';

export interface DetachedStartInput extends MoveDirInput {
  /** The rendered hpvmmigrate line of the plan (its arguments already quoted). */
  readonly migrateLine: string;
}

export const LOG_FILE = 'migrate.log';
export const STATUS_FILE = 'exit.status';
export const PID_FILE = 'pid';
export const STARTED_MARKER = 'started';

export function renderDetachedStart(input: DetachedStartInput): string {
  const dir = moveDir(input);
  const { migrateLine } = input;
  if (migrateLine.trim() === '' || migrateLine.includes('\0')) {
    throw new ExecutionError('invalid_argument', 'the migrate line is empty or contains a NUL byte', {
      migrateLine,
    });
  }
  // Runs inside the move folder (the outer line cd's there first, and the child inherits it). The migrate
  // line gets a subshell of its own, so nothing in it (an `exit`, a `cd`) can skip writing the status.
  const job = `(${migrateLine}); echo $? >${STATUS_FILE}.tmp && mv ${STATUS_FILE}.tmp ${STATUS_FILE}`;
  return [
    `trap '' HUP; mkdir -p ${dir} && cd ${dir} && if mkdir ${STARTED_MARKER} 2>/dev/null; then`,
    `nohup /bin/sh -c ${quoteShellArg(job)} </dev/null >${LOG_FILE} 2>&1 &`,
    `echo $! >${PID_FILE}.tmp && mv ${PID_FILE}.tmp ${PID_FILE} && echo "started $!";`,
    `elif [ -d ${STARTED_MARKER} ]; then echo already-started;`,
    `else echo "cannot create ${dir}/${STARTED_MARKER}" >&2; exit 1; fi`,
  ].join(' ');
}

export type StartOutcome = { readonly kind: 'started'; readonly pid: number } | { readonly kind: 'already-started' };

/** Reads the start line's answer; undefined when it printed neither (the caller reports the evidence). */
export function parseStartOutput(stdout: string): StartOutcome | undefined {
  const line = stdout.trim();
  const started = /^started ([0-9]+)$/.exec(line);
  if (started) return { kind: 'started', pid: Number(started[1]) };
  if (line === 'already-started') return { kind: 'already-started' };
  return undefined;
}
