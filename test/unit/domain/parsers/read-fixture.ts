import { readFileSync } from 'node:fs';

const FIXTURES = new URL('../../../fixtures/hpvm/', import.meta.url);

export const FIXTURE_NAMES = [
  'hpvmstatus-4x.txt',
  'hpvmstatus-6x.txt',
  'hpvmstatus-long-name.txt',
  'hpvmstatus-empty.txt',
  'hpvmstatus-malformed.txt',
  'hpvmstatus-devices.txt',
  'hpvmstatus-resources.txt',
  'hpvmnet.txt',
  'machinfo-11.23-rx8640.txt',
  'machinfo-11.31-bl870c-9340.txt',
  'machinfo-11.31-superdome2.txt',
  'machinfo-11.31-rx2660.txt',
  'machinfo-11.31-rx6600.txt',
] as const;

export type FixtureName = (typeof FIXTURE_NAMES)[number];

export function readFixture(name: FixtureName): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

/** The same output as a Windows-minded transport might hand it over: CRLF line ends, trailing spaces. */
export function crlfWithTrailingSpaces(text: string): string {
  return text
    .split('\n')
    .map((line) => `${line}   `)
    .join('\r\n');
}
