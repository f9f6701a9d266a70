/**
 * Header + `====` underline tables (hpvmstatus, hpvmstatus -r, hpvmnet). The underline gives the columns
 * and the header line above it their labels. Rows are NOT cut at those offsets: a long guest name pushes
 * the rest of its row right, so rows are split into whitespace tokens and the tokens are dealt out to the
 * columns, left to right up to the one column whose width varies, right to left after it.
 */
import type { OutputLine } from './output-lines.ts';

export interface TableColumn {
  /** The header label, spacing collapsed (`OS Type`, `#VCPUs`). */
  readonly label: string;
  /** Offsets of the `=` run in the underline. */
  readonly start: number;
  readonly end: number;
}

/** How many tokens a column's cell takes: `min` = `max` for fixed cells. */
export interface TokenWidth {
  readonly min: number;
  readonly max: number;
}

export const ONE_TOKEN: TokenWidth = { min: 1, max: 1 };

const UNDERLINE = /^ *={2,}(?: +=+)*$/;

export function isUnderline(text: string): boolean {
  return UNDERLINE.test(text);
}

/** `OS  Type` → `os type`: labels are matched case- and spacing-insensitively. */
export function labelKey(label: string): string {
  return label.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * One column per `=` run. A label is read from its run's start to the next run's start, so a label that
 * overhangs its run into the gap (or a header printed a little off) is still read whole.
 */
export function readColumns(header: string, underline: string): TableColumn[] {
  const runs = [...underline.matchAll(/=+/g)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
  return runs.map((run, index) => {
    const next = runs[index + 1];
    const label = header.slice(run.start, next === undefined ? header.length : next.start);
    return { label: label.replace(/\s+/g, ' ').trim(), start: run.start, end: run.end };
  });
}

export function tokenise(text: string): string[] {
  return text.split(/\s+/).filter((token) => token !== '');
}

function totalMin(widths: readonly TokenWidth[]): number {
  return widths.reduce((sum, width) => sum + width.min, 0);
}

/**
 * Deals `tokens` out to columns. The first column with `min < max` takes what the others leave, within its
 * bounds; any later variable column is treated as fixed at its `min`. Undefined when the count cannot fit.
 */
export function splitRow(tokens: readonly string[], widths: readonly TokenWidth[]): string[][] | undefined {
  const flexIndex = widths.findIndex((width) => width.min < width.max);
  if (flexIndex === -1) {
    if (tokens.length !== totalMin(widths)) return undefined;
    return sliceSequentially(
      tokens,
      widths.map((width) => width.min),
    );
  }
  const before = totalMin(widths.slice(0, flexIndex));
  const after = totalMin(widths.slice(flexIndex + 1));
  const flex = widths[flexIndex];
  const middle = tokens.length - before - after;
  if (flex === undefined || middle < flex.min || middle > flex.max) return undefined;
  const counts = widths.map((width, index) => (index === flexIndex ? middle : width.min));
  return sliceSequentially(tokens, counts);
}

function sliceSequentially(tokens: readonly string[], counts: readonly number[]): string[][] {
  const cells: string[][] = [];
  let position = 0;
  for (const count of counts) {
    cells.push(tokens.slice(position, position + count));
    position += count;
  }
  return cells;
}

/** Index of the first underline in [from, to) that has a non-blank header line right above it. */
export function findUnderline(lines: readonly OutputLine[], from: number, to: number): number | undefined {
  for (let index = from + 1; index < Math.min(to, lines.length); index += 1) {
    const line = lines[index];
    const above = lines[index - 1];
    if (line !== undefined && above !== undefined && isUnderline(line.text) && above.text.trim() !== '') return index;
  }
  return undefined;
}

export interface ColumnSpec<K extends string> {
  readonly key: K;
  readonly width: TokenWidth;
}

export interface TableLayout<K extends string> {
  /** Per column, its key; undefined for a label the parser does not know (read as one token). */
  readonly keys: readonly (K | undefined)[];
  readonly widths: readonly TokenWidth[];
  readonly unknownLabels: readonly string[];
  readonly missing: readonly K[];
}

/**
 * Maps header labels to the parser's columns. `specFor` gets the label key and how many columns with the
 * same label came before (hpvmstatus -r has two `Usage` columns: percent, then cumulative).
 */
export function resolveLayout<K extends string>(
  columns: readonly TableColumn[],
  specFor: (key: string, occurrence: number) => ColumnSpec<K> | undefined,
  required: readonly K[],
): TableLayout<K> {
  const seen = new Map<string, number>();
  const keys: (K | undefined)[] = [];
  const widths: TokenWidth[] = [];
  const unknownLabels: string[] = [];
  for (const column of columns) {
    const key = labelKey(column.label);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const spec = specFor(key, occurrence);
    keys.push(spec?.key);
    widths.push(spec?.width ?? ONE_TOKEN);
    if (spec === undefined) unknownLabels.push(column.label === '' ? '(no label)' : column.label);
  }
  const missing = required.filter((key) => !keys.includes(key));
  return { keys, widths, unknownLabels, missing };
}

/** The cells of a split row by column key (unknown columns are dropped). */
export function cellsByKey<K extends string>(
  cells: readonly string[][],
  keys: readonly (K | undefined)[],
): Map<K, string[]> {
  const byKey = new Map<K, string[]>();
  cells.forEach((cell, index) => {
    const key = keys[index];
    if (key !== undefined && !byKey.has(key)) byKey.set(key, cell);
  });
  return byKey;
}
