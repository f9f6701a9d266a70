/**
 * hpvmmigrate's lines as the bot reads them from the log (docs/hpvm-output-formats.md §6).
 *
 * Progress is HP's one documented form, `hpvmmigrate: Frozen phase (step 23) - progress 21%` (HP Integrity
 * Virtual Machines 4.3 Release Notes, §9.2.2): the phase, a step counter that runs on across phases, and the
 * phase's own percent (21 % in the last phase cannot be the whole move's). The other phase names are HP's
 * GUI names (docs/hpvm-reference.md, "Online migration phases").
 *
 * A line is an error only in one of HP's failure forms: `hpvmmigrate: ERROR (<vm>): …`, one of the failure
 * sentences HP hosts were seen printing, or the `Target: …` abort lines of the 4.3 release notes. Anything
 * else is `other` and shown verbatim: a line the bot does not know is not a failure (the exit status says
 * whether the move failed).
 */
import type { MoveProgress } from '../workflow/records.ts';

export const MIGRATE_PHASES = ['Init', 'Copy', 'I/O Quiesce', 'Frozen'] as const;
export type MigratePhase = (typeof MIGRATE_PHASES)[number];

export type MigrateOutput =
  | { readonly kind: 'progress'; readonly phase: MigratePhase; readonly step: number; readonly percent: number }
  | { readonly kind: 'success' }
  /**
   * A failure line. `text`: the message without `hpvmmigrate: ` and without `ERROR (<vm>): `; `vm`: the guest
   * an ERROR line names. `continued`: HP's `ERROR (<vm>): Remote message:`, whose reason is the next line.
   */
  | { readonly kind: 'error'; readonly text: string; readonly vm?: string; readonly continued?: true }
  /** Everything else (warnings, the precheck's answer, a shell's own messages), verbatim. */
  | { readonly kind: 'other'; readonly text: string };

const PREFIX = 'hpvmmigrate: ';
const PROGRESS = /^(Init|Copy|I\/O Quiesce|Frozen) phase \(step ([0-9]{1,6})\) - progress ([0-9]{1,3})%$/i;
const SUCCESS = 'Guest migrated successfully.';
const ERROR_LINE = /^ERROR \(([^)]*)\):\s*(.*)$/;
const REMOTE_MESSAGE = /^Remote message:$/i;

/** `hpvmmigrate: <sentence>` failures seen on HP hosts (docs/hpvm-reference.md, "Messages and exit codes"). */
const FAILURE_SENTENCES: readonly RegExp[] = [
  /^SSH execution error\b/,
  /^Device \S+ is shared\b/,
  /^Target VM Host error - /,
  /^Device WWID does not match\b/,
  /^See HPVM command log file on target VM Host\b/,
];

/**
 * Failure lines without the `hpvmmigrate:` prefix: ssh's own refusal (HP vPars and Integrity VM 6.1
 * Administrator Guide, p. 211) and the target's abort lines (4.3 Release Notes §9.2.2).
 */
const BARE_FAILURES: readonly RegExp[] = [
  /^Host key verification failed\.?$/,
  /^Target: \(protocol low\) header read timeout, [0-9]+ seconds$/,
  /^Target: could not receive message header$/,
];

export function parseMigrateOutput(line: string): MigrateOutput {
  const text = line.trim();
  if (!text.startsWith(PREFIX)) {
    return BARE_FAILURES.some((pattern) => pattern.test(text)) ? { kind: 'error', text } : { kind: 'other', text };
  }
  const message = text.slice(PREFIX.length).trim();
  if (message === SUCCESS) return { kind: 'success' };
  const progress = PROGRESS.exec(message);
  if (progress) {
    const phase = MIGRATE_PHASES.find((name) => name.toLowerCase() === progress[1]?.toLowerCase());
    const step = Number(progress[2]);
    const percent = Number(progress[3]);
    if (phase && percent <= 100) return { kind: 'progress', phase, step, percent };
    return { kind: 'other', text };
  }
  const error = ERROR_LINE.exec(message);
  if (error) {
    const [, vm = '', reason = ''] = error;
    return REMOTE_MESSAGE.test(reason)
      ? { kind: 'error', text: reason, vm, continued: true }
      : { kind: 'error', text: reason, vm };
  }
  if (FAILURE_SENTENCES.some((pattern) => pattern.test(message))) return { kind: 'error', text: message };
  return { kind: 'other', text };
}

/** One failure as hpvmmigrate reported it: its reason, and every line it took. */
export interface MigrateFailure {
  /** The reason: for `Remote message:`, the next line (the target's own message). */
  readonly reason: string;
  readonly vm?: string;
  readonly lines: readonly string[];
}

export interface MigrateLog {
  readonly progress?: MoveProgress;
  readonly succeeded: boolean;
  readonly failures: readonly MigrateFailure[];
}

/** All of a move's lines at once: the multi-line `Remote message:` needs the line after it. */
export function readMigrateLog(lines: readonly string[]): MigrateLog {
  let progress: MoveProgress | undefined;
  let succeeded = false;
  const failures: MigrateFailure[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const parsed = parseMigrateOutput(line);
    if (parsed.kind === 'progress') progress = { phase: parsed.phase, step: parsed.step, percent: parsed.percent };
    if (parsed.kind === 'success') succeeded = true;
    if (parsed.kind !== 'error') continue;
    const vm = parsed.vm === undefined ? {} : { vm: parsed.vm };
    const next = lines[index + 1]?.trim();
    if (parsed.continued && next !== undefined && next !== '') {
      failures.push({ reason: next, ...vm, lines: [line.trim(), next] });
      index += 1;
      continue;
    }
    failures.push({ reason: parsed.text, ...vm, lines: [line.trim()] });
  }
  return { ...(progress ? { progress } : {}), succeeded, failures };
}

/**
 * Why the move failed, in one line: the first failure's reason (later lines such as "See HPVM command log
 * file…" only point elsewhere), with where an online move stopped when it had reported progress.
 * Undefined: hpvmmigrate printed no failure in HP's forms.
 */
export function migrateFailureSummary(lines: readonly string[]): string | undefined {
  const log = readMigrateLog(lines);
  const first = log.failures[0];
  if (first === undefined) return undefined;
  const where = log.progress === undefined ? '' : ` (stopped in the ${progressText(log.progress)})`;
  return `${first.reason}${where}`;
}

/** `Frozen phase, step 23, at 21%`. */
export function progressText(progress: MoveProgress): string {
  const step = progress.step === undefined ? '' : `, step ${progress.step}`;
  return `${progress.phase} phase${step}, at ${progress.percent}%`;
}

/** The latest progress in these lines, if any. */
export function lastProgress(lines: readonly string[]): MoveProgress | undefined {
  let latest: MoveProgress | undefined;
  for (const line of lines) {
    const parsed = parseMigrateOutput(line);
    if (parsed.kind === 'progress') latest = { phase: parsed.phase, step: parsed.step, percent: parsed.percent };
  }
  return latest;
}
