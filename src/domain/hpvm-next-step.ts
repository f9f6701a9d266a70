/**
 * hpvmmigrate's output as one line and a next step, for the precheck (`hpvmmigrate -s`) and a failed move.
 * What each failure means lives in one table, src/domain/execution/migrate-errors.ts (docs/conventions.md
 * #6); which lines are failures at all is parse-migrate-output.ts's call (HP's forms only,
 * docs/hpvm-output-formats.md §6).
 */
import { explainMigrateOutput } from './execution/migrate-errors.ts';
import { readMigrateLog } from './execution/parse-migrate-output.ts';

/** Lines that only point at the target's log: they never make a summary on their own. */
const POINTER = /^See HPVM command log file\b/;

function linesOf(output: string): string[] {
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The next step for the first failure in hpvmmigrate's output that the bot knows, if any. */
export function hpvmNextStep(output: string): string | undefined {
  return explainMigrateOutput(linesOf(output))?.nextStep;
}

/** hpvmmigrate's verdict in one line: its failures as printed (at most three), else its last line. */
export function hpvmSummary(output: string): string {
  const lines = linesOf(output);
  const failures = readMigrateLog(lines).failures;
  const telling = failures.filter((failure) => !POINTER.test(failure.reason));
  const chosen = (telling.length > 0 ? telling : failures).slice(0, 3).map((failure) => failure.lines.join(' '));
  if (chosen.length > 0) return chosen.join(' / ');
  return lines.at(-1) ?? '(no output)';
}
