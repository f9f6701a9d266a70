/**
 * hpvmmigrate's lines as the bot reads them from the log (docs/hpvm-output-formats.md §6). Progress lines
 * are the simulator's [INF] wording (`hpvmmigrate: Copy phase: 50%`); the older, also invented, dotted form
 * (docs/hpvm-cli.md, "Online migration phases") (`Copy phase ...... 37%`) is read too. The success line and the error
 * lines are HP's (CODE/DOC).
 */
import type { MoveProgress } from '../workflow/records.ts';

export const MIGRATE_PHASES = ['Init', 'Copy', 'I/O Quiesce', 'Frozen'] as const;
export type MigratePhase = (typeof MIGRATE_PHASES)[number];

export type MigrateOutput =
  | { readonly kind: 'progress'; readonly phase: MigratePhase; readonly percent: number }
  | { readonly kind: 'success' }
  /** An `hpvmmigrate:` line that reports a failure; `text` is without the prefix. */
  | { readonly kind: 'error'; readonly text: string }
  /** Everything else (warnings, the precheck's "can be migrated", a shell's own messages). */
  | { readonly kind: 'other'; readonly text: string };

const PREFIX = 'hpvmmigrate: ';
const PROGRESS = /^(Init|Copy|I\/O quiesce|Frozen) phase\b[\s:.]*(?:[0-9]{1,3}%[\s.]*)*?([0-9]{1,3})%$/i;
const SUCCESS = 'Guest migrated successfully.';
/** `hpvmmigrate:` lines that are not failures. */
const NOT_ERRORS = [/^WARNING\b/, /^Guest \S+ can be migrated to \S+\.$/];

export function parseMigrateOutput(line: string): MigrateOutput {
  const text = line.trim();
  if (!text.startsWith(PREFIX)) return { kind: 'other', text };
  const message = text.slice(PREFIX.length).trim();
  if (message === SUCCESS) return { kind: 'success' };
  const progress = PROGRESS.exec(message);
  if (progress) {
    const phase = MIGRATE_PHASES.find((name) => name.toLowerCase() === progress[1]?.toLowerCase());
    const percent = Number(progress[2]);
    if (phase && percent <= 100) return { kind: 'progress', phase, percent };
  }
  if (NOT_ERRORS.some((pattern) => pattern.test(message))) return { kind: 'other', text };
  return { kind: 'error', text: message };
}

/** The latest progress in these lines, if any. */
export function lastProgress(lines: readonly string[]): MoveProgress | undefined {
  let latest: MoveProgress | undefined;
  for (const line of lines) {
    const parsed = parseMigrateOutput(line);
    if (parsed.kind === 'progress') latest = { phase: parsed.phase, percent: parsed.percent };
  }
  return latest;
}
