/**
 * Properties over every parser: no input throws, line numbers point into the input, and no NaN or
 * Infinity reaches a value. Runs are bounded (500 per property) to keep the suite fast.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../../../../src/domain/inventory.ts';
import { parseHpvmnet } from '../../../../src/domain/parsers/parse-hpvmnet.ts';
import { parseHpvmstatusAttributes } from '../../../../src/domain/parsers/parse-hpvmstatus-attributes.ts';
import { parseHpvmstatusDevices } from '../../../../src/domain/parsers/parse-hpvmstatus-devices.ts';
import { parseHpvmstatusResources } from '../../../../src/domain/parsers/parse-hpvmstatus-resources.ts';
import { parseHpvmstatusTable } from '../../../../src/domain/parsers/parse-hpvmstatus-table.ts';
import { parseMachinfo } from '../../../../src/domain/parsers/parse-machinfo.ts';
import { fixtureNames, readFixture } from './read-fixture.ts';

const PARSERS: readonly [string, (text: string) => ParseResult<unknown>][] = [
  ['parseHpvmstatusTable', parseHpvmstatusTable],
  ['parseHpvmstatusDevices', parseHpvmstatusDevices],
  ['parseHpvmstatusResources', parseHpvmstatusResources],
  ['parseHpvmstatusAttributes', parseHpvmstatusAttributes],
  ['parseHpvmnet', parseHpvmnet],
  ['parseMachinfo', parseMachinfo],
];

const RUNS = { numRuns: 500 };
const FIXTURES = fixtureNames().map((name) => readFixture(name));

/** Characters that matter to these grammars, so random text hits the interesting branches. */
const GRAMMAR_CHAR = fc.constantFrom(...' =:,[]()%\n\r\t0123456789xXabAB.-#/'.split(''), 'GB', 'MB', 'On (OS)', 'N/A');

const randomText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: GRAMMAR_CHAR, maxLength: 400 }),
);

type Mutation = (text: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ at: fc.nat(), length: fc.nat({ max: 40 }) }).map(({ at, length }): Mutation => (text) => {
    const start = at % (text.length + 1);
    return text.slice(0, start) + text.slice(start + length);
  }),
  fc
    .record({ at: fc.nat(), insert: fc.string({ unit: GRAMMAR_CHAR, maxLength: 20 }) })
    .map(({ at, insert }): Mutation => (text) => {
      const start = at % (text.length + 1);
      return text.slice(0, start) + insert + text.slice(start);
    }),
  fc.record({ from: fc.nat(), to: fc.nat() }).map(({ from, to }): Mutation => (text) => {
    const lines = text.split('\n');
    const line = lines[from % lines.length] ?? '';
    lines.splice(to % (lines.length + 1), 0, line);
    return lines.join('\n');
  }),
  fc.record({ at: fc.nat() }).map(({ at }): Mutation => (text) => {
    const lines = text.split('\n');
    lines.splice(at % lines.length, 1);
    return lines.join('\n');
  }),
);

const mutatedFixture = fc
  .tuple(fc.nat({ max: FIXTURES.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([index, mutations]) => mutations.reduce((text, mutate) => mutate(text), FIXTURES[index] ?? ''));

function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

function checkResult(text: string, result: ParseResult<unknown>): void {
  const lineCount = text.split(/\r\n|\n|\r/).length;
  for (const issue of result.issues) {
    expect(issue.lineNumber).toBeGreaterThanOrEqual(0);
    expect(issue.lineNumber).toBeLessThanOrEqual(lineCount);
    expect(Number.isInteger(issue.lineNumber)).toBe(true);
  }
  expect(numbersIn(result.value).every((number) => Number.isFinite(number))).toBe(true);
}

describe.each(PARSERS)('%s', (_name, parse) => {
  it('never throws on random text', () => {
    fc.assert(
      fc.property(randomText, (text) => checkResult(text, parse(text))),
      RUNS,
    );
  });

  it('never throws on mutated fixtures', () => {
    fc.assert(
      fc.property(mutatedFixture, (text) => checkResult(text, parse(text))),
      RUNS,
    );
  });
});
