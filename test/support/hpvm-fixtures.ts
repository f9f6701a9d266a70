/**
 * HP output samples in test/fixtures/hpvm/. Each file opens with a header naming where the sample comes from,
 * then `# ---`, then the output exactly as the host prints it:
 *
 *   # source: HP Integrity Virtual Machines 4.3 Release Notes (5900-2265, May 2012), §9.2.2, p. 42
 *   # url: http://www.manualshelf.com/…/page-42.html
 *   # kind: DOC            (DOC: printed in an HP manual; CODE: captured from a real host in public code;
 *                           DERIVED: an HP sample changed to test one thing, the note says what changed)
 *   # note: column alignment restored; the manual's PDF text loses runs of spaces
 *   # ---
 *   <output>
 *
 * Parsers and the simulator are both tested against the body, so neither can drift into a format of its own.
 */
import { readdirSync, readFileSync } from 'node:fs';

const FIXTURES = new URL('../fixtures/hpvm/', import.meta.url);
const SEPARATOR = '# ---';

export type FixtureKind = 'DOC' | 'CODE' | 'DERIVED';

export interface HpvmFixture {
  readonly name: string;
  readonly source: string;
  readonly url?: string;
  readonly kind: FixtureKind;
  readonly note?: string;
  /** The output, as the command prints it (every line ends with a newline). */
  readonly body: string;
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.txt'))
    .sort();
}

export function loadFixture(name: string): HpvmFixture {
  const text = readFileSync(new URL(name, FIXTURES), 'utf8');
  const lines = text.split('\n');
  const end = lines.indexOf(SEPARATOR);
  if (end < 0) throw new Error(`${name}: no '${SEPARATOR}' line ends the source header`);
  const header = new Map<string, string>();
  for (const line of lines.slice(0, end)) {
    const match = /^# ([a-z]+): (.*)$/.exec(line);
    if (match === null) throw new Error(`${name}: header line not understood: ${line}`);
    const [, key = '', value = ''] = match;
    header.set(key, header.has(key) ? `${header.get(key) ?? ''} ${value}` : value);
  }
  const source = header.get('source');
  const kind = header.get('kind');
  if (source === undefined) throw new Error(`${name}: the header names no source`);
  if (kind !== 'DOC' && kind !== 'CODE' && kind !== 'DERIVED')
    throw new Error(`${name}: kind must be DOC, CODE or DERIVED`);
  const url = header.get('url');
  const note = header.get('note');
  return {
    name,
    source,
    kind,
    ...(url === undefined ? {} : { url }),
    ...(note === undefined ? {} : { note }),
    body: lines.slice(end + 1).join('\n'),
  };
}

/** The output part of a fixture. */
export function readFixture(name: string): string {
  return loadFixture(name).body;
}

/** The same output as a Windows-minded transport might hand it over: CRLF line ends, trailing spaces. */
export function crlfWithTrailingSpaces(text: string): string {
  return text
    .split('\n')
    .map((line) => `${line}   `)
    .join('\r\n');
}

/** The fixture table of docs/hpvm-reference.md, "Output samples (test fixtures)": one row per file. */
export function renderFixtureTable(): string {
  const rows = fixtureNames().map((name) => {
    const fixture = loadFixture(name);
    const source = fixture.note === undefined ? fixture.source : `${fixture.source}. Changed: ${fixture.note}`;
    return `| \`${name}\` | ${fixture.kind} | ${source.replaceAll('|', '\\|')} |`;
  });
  return ['| fixture | kind | source |', '| --- | --- | --- |', ...rows].join('\n');
}
