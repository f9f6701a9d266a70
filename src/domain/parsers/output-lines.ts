/**
 * Line handling shared by the HPVM output parsers: splitting (any line end, trailing spaces dropped),
 * `[Section]` titles, and the ParseIssue constructors, so every parser reports problems the same way.
 */
import type { ParseIssue } from '../inventory.ts';

export interface OutputLine {
  /** 1-based, as `ParseIssue.lineNumber`. */
  readonly number: number;
  /** The line without its line end and without trailing whitespace. */
  readonly text: string;
}

/** Issues quote the offending line; a runaway line (binary junk) is cut so issues stay printable. */
const MAX_QUOTED_LINE = 300;

export function splitOutputLines(text: string): OutputLine[] {
  return text.split(/\r\n|\n|\r/).map((raw, index) => ({ number: index + 1, text: raw.trimEnd() }));
}

export function isBlank(line: OutputLine): boolean {
  return line.text.trim() === '';
}

/** `[Virtual Machines]` → `Virtual Machines`; undefined when the line is not a section title. */
export function sectionTitle(text: string): string | undefined {
  const match = /^\s*\[([^\][]+)\]$/.exec(text);
  return match?.[1]?.trim();
}

/** Titles compare case- and spacing-insensitively (`[Virtual CPU entitlement]` has a lower-case e). */
export function normaliseTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim().toLowerCase();
}

function quote(text: string): string {
  return text.length > MAX_QUOTED_LINE ? `${text.slice(0, MAX_QUOTED_LINE)}…` : text;
}

export function errorAt(line: OutputLine, message: string): ParseIssue {
  return { severity: 'error', lineNumber: line.number, line: quote(line.text), message };
}

export function warningAt(line: OutputLine, message: string): ParseIssue {
  return { severity: 'warning', lineNumber: line.number, line: quote(line.text), message };
}

/** An issue about the output as a whole (lineNumber 0), quoting its first non-blank line as evidence. */
export function outputIssue(
  severity: ParseIssue['severity'],
  lines: readonly OutputLine[],
  message: string,
): ParseIssue {
  const first = lines.find((line) => !isBlank(line));
  return { severity, lineNumber: 0, line: quote(first?.text ?? ''), message };
}

/** Index of the next line for which `isTitle` holds after `start`, or `lines.length`. */
export function sectionEnd(
  lines: readonly OutputLine[],
  start: number,
  isTitle: (text: string) => boolean = (text) => sectionTitle(text) !== undefined,
): number {
  for (let index = start + 1; index < lines.length; index += 1) {
    const line = lines[index];
    if (line !== undefined && isTitle(line.text)) return index;
  }
  return lines.length;
}

/**
 * One warning for a whole section the parser does not read (its title line is quoted), rather than one
 * per line: the section is skipped on purpose, the operator needs to know that once.
 */
export function skippedSectionWarning(
  lines: readonly OutputLine[],
  start: number,
  end: number,
  reason: string,
): ParseIssue | undefined {
  const title = lines[start];
  if (title === undefined) return undefined;
  const skipped = lines.slice(start + 1, end).filter((line) => !isBlank(line)).length;
  return warningAt(title, `${reason}; ${skipped} line(s) skipped`);
}
