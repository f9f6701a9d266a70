/**
 * A message body made of named parts (moves, commands, …), fitted into a budget of sections and
 * characters by cutting the most expendable parts first. A cut part keeps what fits and ends with its
 * own line saying how much was left out; nothing disappears without a word.
 */
import { pack, packWithinBudget, totalLength, type TextBudget } from './limits.ts';

export interface BodyPart<Name extends string> {
  readonly name: Name;
  readonly chunks: readonly string[];
  readonly leftOut: (count: number) => string;
}

export interface FittedParts<Name extends string> {
  /** Section texts, part after part in the order given. */
  readonly texts: string[];
  /** The same texts per part, in the order given. */
  readonly byPart: string[][];
  /** The parts that had to be cut. */
  readonly cut: Name[];
}

export function fitParts<Name extends string>(
  parts: readonly BodyPart<Name>[],
  cutOrder: readonly Name[],
  budget: TextBudget,
): FittedParts<Name> {
  const packed = parts.map((part) => pack(part.chunks));
  const cut: Name[] = [];
  for (const name of cutOrder) {
    const excessTexts = packed.reduce((sum, texts) => sum + texts.length, 0) - budget.texts;
    const excessChars = packed.reduce((sum, texts) => sum + totalLength(texts), 0) - budget.chars;
    if (excessTexts <= 0 && excessChars <= 0) break;
    const index = parts.findIndex((part) => part.name === name);
    const part = parts[index];
    const current = packed[index];
    if (part === undefined || current === undefined || current.length === 0) continue;
    const partBudget: TextBudget = {
      texts: Math.max(1, current.length - Math.max(0, excessTexts)),
      chars: Math.max(0, totalLength(current) - Math.max(0, excessChars)),
    };
    const trimmed = packWithinBudget(part.chunks, partBudget, part.leftOut);
    if (trimmed.length === current.length && totalLength(trimmed) === totalLength(current)) continue;
    packed[index] = trimmed;
    cut.push(name);
  }
  return { texts: packed.flat(), byPart: packed, cut };
}
