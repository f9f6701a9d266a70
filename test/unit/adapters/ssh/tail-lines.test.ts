import { describe, expect, it } from 'vitest';
import { tailLines } from '../../../../src/adapters/ssh/tail-lines.ts';

describe('tailLines', () => {
  it.each([
    { text: '', count: 2, tail: '' },
    { text: 'a\nb\nc\n', count: 2, tail: 'b\nc' },
    { text: 'a\nb\nc', count: 2, tail: 'b\nc' },
    { text: 'a\r\nb\r\n', count: 5, tail: 'a\nb' },
    { text: 'a\n\n', count: 2, tail: 'a\n' },
  ])('last $count lines of $text', ({ text, count, tail }) => {
    expect(tailLines(text, count)).toBe(tail);
  });
});
