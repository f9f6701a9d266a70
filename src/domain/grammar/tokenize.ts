/**
 * Text → tokens. Words are split at blank space (spaces, tabs, newlines, …; see characters.ts) and at
 * commas, which separate lists (`vm1,vm2 vm3`). Quotes mean nothing except right after `--reason`:
 * a quote inside a name is an error the name check reports, never a way to smuggle a space into one.
 */
import { collapseSpaces, isSeparator } from './characters.ts';
import { isReasonOption } from './options.ts';

export interface WordToken {
  readonly kind: 'word';
  readonly text: string;
  /** A comma stood between this token and the previous one. */
  readonly commaBefore: boolean;
}

export interface ReasonToken {
  readonly kind: 'reason';
  /** The option as typed (`--reason`, `—reason`, `--reason=…`). */
  readonly text: string;
  /** Whitespace-collapsed text; undefined when nothing followed the option. */
  readonly value: string | undefined;
  /** Set when the reason opened a quote that never closed; `value` is then the rest of the input. */
  readonly unclosedQuote?: string;
  readonly commaBefore: boolean;
}

export type Token = WordToken | ReasonToken;

/*
 * Straight and typographic quotes (Slack on macOS turns "…" into “…”). Any member of a family closes
 * any other member, because autocorrect is not consistent about which curly quote it produces.
 */
const DOUBLE_QUOTES = '"\u201c\u201d';
const SINGLE_QUOTES = "'\u2018\u2019";

function quoteFamily(ch: string): string | undefined {
  if (DOUBLE_QUOTES.includes(ch)) return DOUBLE_QUOTES;
  if (SINGLE_QUOTES.includes(ch)) return SINGLE_QUOTES;
  return undefined;
}

function isBoundary(text: string, index: number): boolean {
  const ch = text.charAt(index);
  return index >= text.length || ch === ',' || isSeparator(ch);
}

interface ReasonValue {
  readonly value: string | undefined;
  readonly unclosedQuote?: string;
  readonly end: number;
}

/**
 * A quoted reason ends at the first matching quote that is followed by blank space, a comma or the
 * end, so apostrophes inside it (`'it's broken'`) do not end it early. An unquoted reason is the rest
 * of the input: anything after it would be ambiguous, so `--reason` goes last.
 */
function readReason(text: string, start: number): ReasonValue {
  let pos = start;
  while (pos < text.length && isSeparator(text.charAt(pos))) pos++;
  if (pos >= text.length) return { value: undefined, end: pos };
  const open = text.charAt(pos);
  const family = quoteFamily(open);
  if (family === undefined) return { value: collapseSpaces(text.slice(pos)), end: text.length };
  for (let close = pos + 1; close < text.length; close++) {
    if (family.includes(text.charAt(close)) && isBoundary(text, close + 1)) {
      return { value: collapseSpaces(text.slice(pos + 1, close)), end: close + 1 };
    }
  }
  return { value: collapseSpaces(text.slice(pos + 1)), unclosedQuote: open, end: text.length };
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let commaBefore = false;
  while (pos < text.length) {
    const ch = text.charAt(pos);
    if (ch === ',') {
      commaBefore = true;
      pos++;
      continue;
    }
    if (isSeparator(ch)) {
      pos++;
      continue;
    }
    const start = pos;
    while (!isBoundary(text, pos)) pos++;
    const word = text.slice(start, pos);
    if (isReasonOption(word)) {
      const equals = word.indexOf('=');
      const option = equals === -1 ? word : word.slice(0, equals);
      const reason = readReason(text, equals === -1 ? pos : start + equals + 1);
      const base = { kind: 'reason' as const, text: option, value: reason.value, commaBefore };
      tokens.push(reason.unclosedQuote === undefined ? base : { ...base, unclosedQuote: reason.unclosedQuote });
      pos = reason.end;
    } else {
      tokens.push({ kind: 'word', text: word, commaBefore });
    }
    commaBefore = false;
  }
  return tokens;
}
