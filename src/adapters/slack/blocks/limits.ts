/**
 * Slack's Block Kit limits (docs/slack-platform.md, "Block Kit limits"), written once, and the few helpers
 * that keep text inside them. Every builder goes through these, so a big plan degrades here and nowhere else.
 */

export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  /** Not documented separately; a context line longer than a section field is unreadable anyway. */
  contextText: 2000,
  actionsElements: 25,
  /** The text of a checkbox option. */
  optionText: 75,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** Slack truncates at 40,000; 4,000 is the practical ceiling for a readable notification. */
  messageText: 4000,
  /**
   * All the text in one message's blocks together. Not in Slack's limit tables: chat.postMessage refuses
   * blocks holding much more than about 12,000 characters in all (`msg_blocks_too_long`), whatever each
   * block's own limit; this leaves room for the rest of the block structure.
   */
  messageBlocksText: 10_000,
} as const;

const ELLIPSIS = '…';
const FENCE = '```';

/**
 * At most `max` UTF-16 units, ending in `…` when something was cut. Never leaves half an entity
 * (`&am`), half a `<…>` token (a mention or date would turn into raw text), half a surrogate pair, or an
 * open code fence (everything after it would render as code).
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = safeCut(text, max - ELLIPSIS.length);
  if ((cut.split(FENCE).length - 1) % 2 === 0) return `${cut}${ELLIPSIS}`;
  // Cut inside a code block: close it, which costs a few more characters.
  const closing = `\n${FENCE}`;
  const shorter = safeCut(text, max - ELLIPSIS.length - closing.length);
  const stillOpen = (shorter.split(FENCE).length - 1) % 2 === 1;
  return stillOpen ? `${shorter}${ELLIPSIS}${closing}` : `${shorter}${ELLIPSIS}`;
}

function safeCut(text: string, length: number): string {
  let cut = text.slice(0, Math.max(0, length));
  cut = cut.replace(/&[a-z]{0,3}$/, '');
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  // Half a fence (` or ``) would join the closing one, or the ellipsis would sit inside it.
  return cut.replace(/`+$/, '');
}

/**
 * Greedy packing of chunks (each one or more lines) into texts of at most `max` characters, joined by
 * `separator`. A chunk that is too long on its own is split at line breaks, and a line that is too long
 * is clipped: the caller never loses a whole chunk to one long line.
 */
export function pack(chunks: readonly string[], max: number = LIMITS.sectionText, separator = '\n'): string[] {
  const texts: string[] = [];
  let current = '';
  const push = (piece: string): void => {
    if (current === '') {
      current = piece;
      return;
    }
    if (current.length + separator.length + piece.length <= max) {
      current = `${current}${separator}${piece}`;
      return;
    }
    texts.push(current);
    current = piece;
  };
  for (const chunk of chunks) {
    if (chunk.length <= max) {
      push(chunk);
      continue;
    }
    for (const line of chunk.split('\n')) push(clip(line, max));
  }
  if (current !== '') texts.push(current);
  return texts;
}

/** How much packed text a part of a message may take: sections, and characters in all. */
export interface TextBudget {
  readonly texts: number;
  readonly chars: number;
}

export function totalLength(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + text.length, 0);
}

/**
 * Keeps the first chunks that fit into `maxTexts` packed texts and replaces the rest with a line saying
 * how many were left out, in the words of `leftOut(count)`. Returns the packed texts.
 */
export function packWithin(
  chunks: readonly string[],
  maxTexts: number,
  leftOut: (count: number) => string,
  max: number = LIMITS.sectionText,
): string[] {
  return packWithinBudget(chunks, { texts: maxTexts, chars: Infinity }, leftOut, max);
}

/** packWithin, and the packed texts together hold at most `budget.chars` characters. */
export function packWithinBudget(
  chunks: readonly string[],
  budget: TextBudget,
  leftOut: (count: number) => string,
  max: number = LIMITS.sectionText,
): string[] {
  const fits = (texts: readonly string[]): boolean =>
    texts.length <= budget.texts && totalLength(texts) <= budget.chars;
  const all = pack(chunks, max);
  if (fits(all)) return all;
  if (budget.texts <= 0) return [];
  for (let keep = chunks.length - 1; keep >= 0; keep--) {
    const packed = pack([...chunks.slice(0, keep), leftOut(chunks.length - keep)], max);
    if (fits(packed)) return packed;
  }
  return [clip(leftOut(chunks.length), max)];
}

/** `1 move`, `3 moves`. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
