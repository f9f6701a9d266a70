/** How the ScriptedShell writes a command's output: the two streams, batch markers, `$?`, line callbacks. */
import { constants } from 'node:os';
import { LineSplitter } from '../../../src/adapters/ssh/line-splitter.ts';
import type { CommandResult } from '../../../src/ports.ts';
import type { TextSink } from './detached-jobs.ts';

/** What `$?` shows for a result: its exit code, or 128 + the signal number when a signal ended it. */
export function shellStatus(result: CommandResult): number {
  if (result.exitCode !== null) return result.exitCode;
  const signals = constants.signals as Record<string, number | undefined>;
  return 128 + (signals[result.signal ?? 'SIGKILL'] ?? constants.signals.SIGKILL);
}

export interface Collector extends TextSink {
  readonly stdout: string;
  readonly stderr: string;
}

/** A foreground command's two streams; its signal never fires (the bot has no way to interrupt an exec). */
export function collector(): Collector {
  const output = {
    stdout: '',
    stderr: '',
    signal: new AbortController().signal,
    out: (text: string) => void (output.stdout += text),
    err: (text: string) => void (output.stderr += text),
  };
  return output;
}

export function endPart(output: TextSink, nonce: string, key: string, exitCode: number): void {
  const mark = `@@hpvm-chatops-${nonce}@@`;
  output.out(`${mark} ${key} ${exitCode}\n`);
  output.err(`${mark} ${key}\n`);
}

/** Complete lines as the SSH adapter hands them on (its LineSplitter: `\r\n` too, the last line at the end). */
export function deliverLines(text: string, onLine: ((line: string) => void) | undefined): void {
  if (!onLine || text === '') return;
  const splitter = new LineSplitter(onLine);
  splitter.push(Buffer.from(text, 'utf8'));
  splitter.end();
}
