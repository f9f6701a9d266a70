/**
 * What a character is, for messages a person can act on: "contains ';'", "contains non-ASCII character
 * U+0430 (CYRILLIC SMALL LETTER A) that looks like 'a'". We carry no Unicode name database; the tables
 * cover the characters people actually paste into host names (look-alikes, invisible and bidi controls).
 */
import { truncateForEcho } from './slack-text.ts';

/*
 * Word separators: every character a reader sees as blank space. Zero-width characters are left out on
 * purpose: they are invisible, so inside a name they are an error to report, not a place to split.
 */
const SEPARATOR_CLASS = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SEPARATOR = new RegExp(`^[${SEPARATOR_CLASS}]$`);
const SEPARATOR_RUN = new RegExp(`[${SEPARATOR_CLASS}]+`, 'g');

export function isSeparator(ch: string): boolean {
  return SEPARATOR.test(ch);
}

/** Trim, and turn every run of separators (newlines and tabs included) into one space. */
export function collapseSpaces(s: string): string {
  return s.replace(SEPARATOR_RUN, ' ').trim();
}

const CONTROL_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00, 'NULL'],
  [0x07, 'BELL'],
  [0x08, 'BACKSPACE'],
  [0x1b, 'ESCAPE'],
  [0x7f, 'DELETE'],
]);

const INVISIBLE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00ad, 'SOFT HYPHEN'],
  [0x200b, 'ZERO WIDTH SPACE'],
  [0x200c, 'ZERO WIDTH NON-JOINER'],
  [0x200d, 'ZERO WIDTH JOINER'],
  [0x200e, 'LEFT-TO-RIGHT MARK'],
  [0x200f, 'RIGHT-TO-LEFT MARK'],
  [0x202a, 'LEFT-TO-RIGHT EMBEDDING'],
  [0x202b, 'RIGHT-TO-LEFT EMBEDDING'],
  [0x202c, 'POP DIRECTIONAL FORMATTING'],
  [0x202d, 'LEFT-TO-RIGHT OVERRIDE'],
  [0x202e, 'RIGHT-TO-LEFT OVERRIDE'],
  [0x2060, 'WORD JOINER'],
  [0x2066, 'LEFT-TO-RIGHT ISOLATE'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE'],
  [0x2068, 'FIRST STRONG ISOLATE'],
  [0x2069, 'POP DIRECTIONAL ISOLATE'],
  [0xfeff, 'ZERO WIDTH NO-BREAK SPACE'],
]);

/** Common look-alikes of the characters a name may contain: [name, the ASCII character it imitates]. */
const CONFUSABLES: ReadonlyMap<number, readonly [string, string]> = new Map([
  [0x0430, ['CYRILLIC SMALL LETTER A', 'a']],
  [0x0435, ['CYRILLIC SMALL LETTER IE', 'e']],
  [0x043e, ['CYRILLIC SMALL LETTER O', 'o']],
  [0x0440, ['CYRILLIC SMALL LETTER ER', 'p']],
  [0x0441, ['CYRILLIC SMALL LETTER ES', 'c']],
  [0x0445, ['CYRILLIC SMALL LETTER HA', 'x']],
  [0x0443, ['CYRILLIC SMALL LETTER U', 'y']],
  [0x0456, ['CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I', 'i']],
  [0x0458, ['CYRILLIC SMALL LETTER JE', 'j']],
  [0x0455, ['CYRILLIC SMALL LETTER DZE', 's']],
  [0x0410, ['CYRILLIC CAPITAL LETTER A', 'A']],
  [0x0412, ['CYRILLIC CAPITAL LETTER VE', 'B']],
  [0x0415, ['CYRILLIC CAPITAL LETTER IE', 'E']],
  [0x041a, ['CYRILLIC CAPITAL LETTER KA', 'K']],
  [0x041c, ['CYRILLIC CAPITAL LETTER EM', 'M']],
  [0x041d, ['CYRILLIC CAPITAL LETTER EN', 'H']],
  [0x041e, ['CYRILLIC CAPITAL LETTER O', 'O']],
  [0x0420, ['CYRILLIC CAPITAL LETTER ER', 'P']],
  [0x0421, ['CYRILLIC CAPITAL LETTER ES', 'C']],
  [0x0422, ['CYRILLIC CAPITAL LETTER TE', 'T']],
  [0x0425, ['CYRILLIC CAPITAL LETTER HA', 'X']],
  [0x03bf, ['GREEK SMALL LETTER OMICRON', 'o']],
  [0x03b1, ['GREEK SMALL LETTER ALPHA', 'a']],
  [0x03bd, ['GREEK SMALL LETTER NU', 'v']],
  [0x0391, ['GREEK CAPITAL LETTER ALPHA', 'A']],
  [0x0392, ['GREEK CAPITAL LETTER BETA', 'B']],
  [0x0395, ['GREEK CAPITAL LETTER EPSILON', 'E']],
  [0x0397, ['GREEK CAPITAL LETTER ETA', 'H']],
  [0x0399, ['GREEK CAPITAL LETTER IOTA', 'I']],
  [0x039a, ['GREEK CAPITAL LETTER KAPPA', 'K']],
  [0x039c, ['GREEK CAPITAL LETTER MU', 'M']],
  [0x039d, ['GREEK CAPITAL LETTER NU', 'N']],
  [0x039f, ['GREEK CAPITAL LETTER OMICRON', 'O']],
  [0x03a1, ['GREEK CAPITAL LETTER RHO', 'P']],
  [0x03a4, ['GREEK CAPITAL LETTER TAU', 'T']],
  [0x03a7, ['GREEK CAPITAL LETTER CHI', 'X']],
  [0x0131, ['LATIN SMALL LETTER DOTLESS I', 'i']],
  [0x2010, ['HYPHEN', '-']],
  [0x2011, ['NON-BREAKING HYPHEN', '-']],
  [0x2013, ['EN DASH', '-']],
  [0x2014, ['EM DASH', '-']],
  [0x2212, ['MINUS SIGN', '-']],
]);

const DIGIT_NAMES = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE'];

const ASCII_WORDS: Readonly<Record<string, string>> = {
  "'": 'a single quote',
  '"': 'a double quote',
  '`': 'a backtick',
};

export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

function codePointOf(ch: string): number {
  return ch.codePointAt(0) ?? 0;
}

function isControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

function isSurrogate(cp: number): boolean {
  return cp >= 0xd800 && cp <= 0xdfff;
}

/** Fullwidth forms U+FF01..U+FF5E mirror ASCII U+0021..U+007E one to one. */
function fullwidthLookAlike(cp: number): readonly [string, string] | undefined {
  if (cp < 0xff01 || cp > 0xff5e) return undefined;
  const ascii = String.fromCharCode(cp - 0xfee0);
  if (ascii >= '0' && ascii <= '9') return [`FULLWIDTH DIGIT ${DIGIT_NAMES[Number(ascii)] ?? ''}`, ascii];
  if (ascii >= 'A' && ascii <= 'Z') return [`FULLWIDTH LATIN CAPITAL LETTER ${ascii}`, ascii];
  if (ascii >= 'a' && ascii <= 'z') return [`FULLWIDTH LATIN SMALL LETTER ${ascii.toUpperCase()}`, ascii];
  return ['a fullwidth form', ascii];
}

/** A noun phrase for one character, to follow "contains". */
export function describeCharacter(ch: string): string {
  const cp = codePointOf(ch);
  const label = codePointLabel(cp);
  if (isControl(cp)) {
    const name = CONTROL_NAMES.get(cp);
    return name === undefined ? `control character ${label}` : `control character ${label} (${name})`;
  }
  if (cp < 0x7f) return ASCII_WORDS[ch] ?? `'${ch}'`;
  const invisible = INVISIBLE_NAMES.get(cp);
  if (invisible !== undefined) return `invisible character ${label} (${invisible})`;
  if (isSurrogate(cp)) return `broken character ${label} (unpaired surrogate)`;
  const lookAlike = CONFUSABLES.get(cp) ?? fullwidthLookAlike(cp);
  if (lookAlike !== undefined)
    return `non-ASCII character ${label} (${lookAlike[0]}) that looks like '${lookAlike[1]}'`;
  return `non-ASCII character ${label}`;
}

/** Characters that must not reach a message or the audit log as they are: they hide or reorder text. */
export function isHiddenCharacter(ch: string): boolean {
  const cp = codePointOf(ch);
  return isControl(cp) || isSurrogate(cp) || INVISIBLE_NAMES.has(cp);
}

/**
 * Bidi overrides, embeddings and isolates can make echoed text read differently from what it is.
 * Joiners and marks stay allowed in free text: emoji and right-to-left scripts need them.
 */
export function isSpoofingCharacter(ch: string): boolean {
  const cp = codePointOf(ch);
  return isControl(cp) || isSurrogate(cp) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

const TOKEN_ECHO_LENGTH = 40;

/**
 * A user's token, ready to sit inside one of our messages: hidden characters made visible as
 * `[U+200B]`, truncated, in backticks (or double quotes when it contains a backtick). Not
 * mrkdwn-escaped here: messages, like usage lines (`<vsp>`), are escaped as a whole when rendered.
 */
export function showToken(token: string): string {
  let visible = '';
  for (const ch of token) visible += isHiddenCharacter(ch) ? `[${codePointLabel(codePointOf(ch))}]` : ch;
  const text = truncateForEcho(visible, TOKEN_ECHO_LENGTH);
  return text.includes('`') ? `"${text}"` : `\`${text}\``;
}
