import { describe, expect, it } from 'vitest';
import { splitOutputLines } from '../../../../src/domain/parsers/output-lines.ts';
import { parseCount, parseMemoryMb, parsePercent } from '../../../../src/domain/parsers/strict-number.ts';
import { findUnderline, isUnderline, readColumns, splitRow } from '../../../../src/domain/parsers/text-table.ts';

describe('readColumns', () => {
  it('takes columns from the underline and labels from the header above it', () => {
    const header = 'Virtual Machine Name VM #  OS Type State     #VCPUs';
    const underline = '==================== ===== ======= ========= ======';
    expect(readColumns(header, underline).map((column) => column.label)).toEqual([
      'Virtual Machine Name',
      'VM #',
      'OS Type',
      'State',
      '#VCPUs',
    ]);
  });

  it('reads an empty label for a header shorter than the underline', () => {
    expect(readColumns('Name', '==== ====').map((column) => column.label)).toEqual(['Name', '']);
  });
});

describe('isUnderline / findUnderline', () => {
  it.each([
    ['==== =====', true],
    ['  ==== ==', true],
    ['=', false],
    ['==== -----', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(isUnderline(text)).toBe(expected);
  });

  it('needs a non-blank header line above the underline', () => {
    expect(findUnderline(splitOutputLines('\n====\nName\n====\n'), 0, 10)).toBe(3);
  });
});

describe('splitRow', () => {
  const one = { min: 1, max: 1 };
  it.each([
    [
      ['a', 'b', 'c'],
      [one, one, one],
      [['a'], ['b'], ['c']],
    ],
    [
      ['a', 'On', '(OS)', '4'],
      [one, { min: 1, max: 3 }, one],
      [['a'], ['On', '(OS)'], ['4']],
    ],
    [
      ['a', '4'],
      [one, { min: 0, max: 1 }, one],
      [['a'], [], ['4']],
    ],
    [
      ['a', '16', 'GB'],
      [one, { min: 2, max: 2 }],
      [['a'], ['16', 'GB']],
    ],
  ])('%j', (tokens, widths, expected) => {
    expect(splitRow(tokens, widths)).toEqual(expected);
  });

  it.each([
    [
      ['a', 'b'],
      [one, one, one],
    ],
    [
      ['a', 'b', 'c', 'd'],
      [one, { min: 1, max: 2 }],
    ],
    [['a'], [one, { min: 1, max: 2 }]],
  ])('%j does not fit', (tokens, widths) => {
    expect(splitRow(tokens, widths)).toBeUndefined();
  });
});

describe('strict numbers', () => {
  it.each([
    ['12', 12],
    ['007', 7],
    ['', undefined],
    ['12abc', undefined],
    ['1e3', undefined],
    ['0x10', undefined],
    ['-1', undefined],
    [' 1', undefined],
    ['1234567890123456', undefined],
  ])('parseCount(%j) → %s', (text, expected) => {
    expect(parseCount(text)).toBe(expected);
  });

  it.each([
    ['50.0%', 50],
    ['0.3%', 0.3],
    ['100%', 100],
    ['50.0', undefined],
    ['%', undefined],
    ['NaN%', undefined],
    ['Infinity%', undefined],
  ])('parsePercent(%j) → %s', (text, expected) => {
    expect(parsePercent(text)).toBe(expected);
  });

  it.each([
    ['16', 'GB', 16384],
    ['512', 'MB', 512],
    ['2', 'gb', 2048],
    ['1.5', 'GB', undefined],
    ['1', 'TB', undefined],
  ])('parseMemoryMb(%j, %j) → %s', (amount, unit, expected) => {
    expect(parseMemoryMb(amount, unit)).toBe(expected);
  });
});
