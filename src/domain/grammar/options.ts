/**
 * The words and options of the migrate form. Keywords and long options are case-insensitive
 * (`TO`, `--Stop`), because chat autocorrect capitalises words; short options are case-sensitive,
 * as in HP's CLI (`-d` and `-D` differ).
 */
import { showToken } from './characters.ts';
import type { Problem } from './problem.ts';

export type Keyword = 'to' | 'from' | 'online' | 'offline';
export type MigrateFlag = '--stop' | '--start' | '--delete-source' | '--check';
export type MigrateOption = MigrateFlag | '--reason';

export type OptionClass =
  | { readonly kind: 'option'; readonly name: MigrateOption }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'unknown'; readonly hint?: string };

const KEYWORDS: ReadonlySet<string> = new Set<Keyword>(['to', 'from', 'online', 'offline']);
const OPTIONS: ReadonlySet<string> = new Set<MigrateOption>([
  '--stop',
  '--start',
  '--delete-source',
  '--check',
  '--reason',
]);

/**
 * hpvmmigrate flags operators type from habit, and what they are called here
 * (docs/hpvm-reference.md, "hpvmmigrate flags").
 */
const HP_FLAG_HINTS: Readonly<Record<string, string>> = {
  '-o': 'online',
  '-d': '--stop',
  '-b': '--start',
  '-D': '--delete-source',
  '-s': '--check',
  '--online': 'online',
  '--offline': 'offline',
};

export function keywordOf(word: string): Keyword | undefined {
  const lower = word.toLowerCase();
  return KEYWORDS.has(lower) ? (lower as Keyword) : undefined;
}

/*
 * macOS and Slack autocorrect turn a typed `--` into an em dash (and some keyboards into an en dash),
 * so `—stop` and `–stop` are read as `--stop`: rejecting them would punish a keystroke the operator
 * never made. Only a single leading dash character is rewritten.
 */
export function normalizeDashes(word: string): string {
  return /^[\u2013\u2014][^-\u2013\u2014]/.test(word) ? `--${word.slice(1)}` : word;
}

/** Anything starting with a dash is an option; names cannot start with one (names.ts). */
export function looksLikeOption(word: string): boolean {
  return /^[-\u2013\u2014]/.test(word);
}

export function classifyOption(word: string): OptionClass {
  const normalized = normalizeDashes(word);
  if (normalized.startsWith('--')) {
    const lower = normalized.toLowerCase();
    if (lower === '--force' || lower.startsWith('--force=')) return { kind: 'forbidden' };
    if (OPTIONS.has(lower)) return { kind: 'option', name: lower as MigrateOption };
    const hint = HP_FLAG_HINTS[lower];
    return hint === undefined ? { kind: 'unknown' } : { kind: 'unknown', hint };
  }
  // Short flags may be bundled (`-oF`); a bundle with F in it is still a request to force.
  if (/^-[A-Za-z]*F/.test(word)) return { kind: 'forbidden' };
  const hint = HP_FLAG_HINTS[word];
  return hint === undefined ? { kind: 'unknown' } : { kind: 'unknown', hint };
}

/** `--reason`, however it was dashed or capitalised; `--reason=` counts too. */
export function isReasonOption(word: string): boolean {
  const lower = normalizeDashes(word).toLowerCase();
  return lower === '--reason' || lower.startsWith('--reason=');
}

/** The problem with an option that is forbidden or unknown; undefined for a known option. */
export function optionProblem(word: string): Problem | undefined {
  const option = classifyOption(word);
  if (option.kind === 'option') return undefined;
  if (option.kind === 'forbidden') {
    return {
      code: 'forbidden_option',
      message: `${showToken(word)} (force) is never used: the bot does not skip HP Integrity VM's safety checks, so fix what the checks report instead.`,
    };
  }
  const hint = option.hint === undefined ? '' : `; did you mean \`${option.hint}\`?`;
  return { code: 'unknown_option', message: `Unknown option ${showToken(word)}${hint === '' ? '.' : hint}` };
}
