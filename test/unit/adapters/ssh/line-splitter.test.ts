import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../../src/adapters/ssh/line-splitter.ts';

function split(chunks: readonly Buffer[]): { lines: string[]; text: string } {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line));
  let text = '';
  for (const chunk of chunks) text += splitter.push(chunk);
  text += splitter.end();
  return { lines, text };
}

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('LineSplitter', () => {
  it.each([
    { name: 'one line', chunks: ['a\n'], lines: ['a'] },
    { name: 'several lines in one chunk', chunks: ['a\nb\nc\n'], lines: ['a', 'b', 'c'] },
    { name: 'a line across chunks', chunks: ['hel', 'lo\nwor', 'ld\n'], lines: ['hello', 'world'] },
    { name: 'CRLF endings', chunks: ['a\r\nb\r\n'], lines: ['a', 'b'] },
    { name: 'CRLF split between chunks', chunks: ['a\r', '\nb\r', '\n'], lines: ['a', 'b'] },
    { name: 'a last line without newline', chunks: ['a\nlast'], lines: ['a', 'last'] },
    { name: 'empty lines kept', chunks: ['\n\na\n'], lines: ['', '', 'a'] },
    { name: 'a lone CR inside a line kept', chunks: ['50%\r60%\n'], lines: ['50%\r60%'] },
    { name: 'nothing at all', chunks: [], lines: [] },
    { name: 'empty chunks', chunks: ['', 'a', '', '\n', ''], lines: ['a'] },
  ])('$name', ({ chunks, lines }) => {
    expect(split(chunks.map(bytes)).lines).toEqual(lines);
  });

  it('keeps a multibyte character whole when its bytes arrive in different chunks', () => {
    const euro = bytes('€\n'); // e2 82 ac 0a
    const chunks = [euro.subarray(0, 1), euro.subarray(1, 2), euro.subarray(2)];
    expect(split(chunks)).toEqual({ lines: ['€'], text: '€\n' });
  });

  it('flushes an incomplete character at the end as a replacement character', () => {
    expect(split([bytes('ok\n'), Buffer.from([0xe2, 0x82])]).lines).toEqual(['ok', '\uFFFD']);
  });

  it('gives the same lines and text however the bytes are chunked', () => {
    const text = fc
      .array(fc.constantFrom('a', 'é', '東', '😀', '\n', '\r\n', ' '), { maxLength: 40 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 10 }), (input, cuts) => {
        const buffer = bytes(input);
        const points = [...new Set(cuts.map((cut) => cut % (buffer.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((start, index) => buffer.subarray(start, [...points, buffer.length][index]));
        expect(split(chunks)).toEqual(split([buffer]));
        expect(split(chunks).text).toBe(input);
      }),
    );
  });
});
