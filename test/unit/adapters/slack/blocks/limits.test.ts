import { describe, expect, it } from 'vitest';
import {
  clip,
  LIMITS,
  pack,
  packWithin,
  packWithinBudget,
  totalLength,
} from '../../../../../src/adapters/slack/blocks/limits.ts';
import {
  codeTexts,
  esc,
  inlineCode,
  slackDate,
  userMention,
  wrapLine,
} from '../../../../../src/adapters/slack/blocks/mrkdwn.ts';
import { blocksTextLength, message, section } from '../../../../../src/adapters/slack/blocks/block-parts.ts';
import { fitParts } from '../../../../../src/adapters/slack/blocks/fit-parts.ts';
import { blockKitProblems } from '../../../../support/block-kit-validator.ts';

describe('clip', () => {
  it('leaves short text alone', () => {
    expect(clip('abc', 3)).toBe('abc');
  });

  it.each([
    ['an entity', `${'a'.repeat(10)}&amp;${'b'.repeat(20)}`, 13, /^a{10}…$/],
    ['a mention', `${'a'.repeat(8)}<@U0APPR1> tail tail`, 16, /^a{8}…$/],
    ['a surrogate pair', `${'a'.repeat(10)}😀😀😀😀😀`, 12, /^a{10}…$/],
  ])('never cuts %s in half', (_name, text, max, expected) => {
    const clipped = clip(text, max);
    expect(clipped.length).toBeLessThanOrEqual(max);
    expect(clipped).toMatch(expected);
  });

  it('closes a code block it cut open', () => {
    const clipped = clip(`head\n\`\`\`\n${'line\n'.repeat(100)}\`\`\``, 60);
    expect(clipped.length).toBeLessThanOrEqual(60);
    expect(clipped.endsWith('…\n```')).toBe(true);
    expect(clipped.split('```')).toHaveLength(3);
  });
});

describe('pack and packWithin', () => {
  it('joins chunks up to the limit and starts a new text after it', () => {
    expect(pack(['aaaa', 'bbbb', 'cccc'], 9)).toEqual(['aaaa\nbbbb', 'cccc']);
  });

  it('splits a chunk that is too long at its line breaks, clipping a line that is too long', () => {
    const texts = pack([`short\n${'x'.repeat(50)}`], 20);
    expect(texts).toEqual(['short', `${'x'.repeat(19)}…`]);
  });

  it('keeps what fits and says how many chunks were left out', () => {
    const chunks = Array.from({ length: 10 }, (_, i) => `chunk ${i} ${'y'.repeat(30)}`);
    const texts = packWithin(chunks, 2, (count) => `…${count} more left out`, 100);
    expect(texts).toHaveLength(2);
    expect(texts.at(-1)).toMatch(/…\d+ more left out$/);
  });
});

describe('packWithinBudget', () => {
  const chunks = Array.from({ length: 10 }, (_, i) => `chunk ${i} ${'y'.repeat(30)}`);

  it('keeps what fits the characters as well as the texts', () => {
    const texts = packWithinBudget(chunks, { texts: 5, chars: 150 }, (count) => `…${count} more left out`, 100);
    expect(totalLength(texts)).toBeLessThanOrEqual(150);
    expect(texts.join('\n')).toMatch(/^chunk 0 .*…\d+ more left out$/s);
  });

  it('leaves the notice alone when not even one chunk fits', () => {
    expect(packWithinBudget(chunks, { texts: 5, chars: 10 }, (count) => `…${count} left`, 100)).toEqual(['…10 left']);
  });
});

describe('fitParts', () => {
  const part = (name: string, count: number) => ({
    name,
    chunks: Array.from({ length: count }, (_, i) => `${name} ${i} ${'z'.repeat(40)}`),
    leftOut: (left: number) => `…${left} more ${name}`,
  });

  it('cuts the parts in the order given until the body fits, each keeping its notice', () => {
    const fitted = fitParts([part('moves', 40), part('commands', 40)], ['moves', 'commands'], {
      texts: 10,
      chars: 2500,
    });
    expect(fitted.cut).toEqual(['moves']);
    expect(totalLength(fitted.texts)).toBeLessThanOrEqual(2500);
    expect(fitted.byPart[0]?.join('\n')).toMatch(/…\d+ more moves$/);
    expect(fitted.byPart[1]?.join('\n')).toContain('commands 39');
  });

  it('leaves a body that fits alone', () => {
    const fitted = fitParts([part('moves', 3)], ['moves'], { texts: 10, chars: Infinity });
    expect(fitted.cut).toEqual([]);
    expect(fitted.texts).toHaveLength(1);
  });
});

describe('blocksTextLength', () => {
  it('adds up every text, buttons and dialogs included', () => {
    expect(
      blocksTextLength([
        section('abc'),
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go' }, value: 'x' }] },
      ]),
    ).toBe(5);
  });
});

describe('codeTexts', () => {
  it('splits a long listing over several fenced texts, each within the limit', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `/opt/hpvm/bin/hpvmmigrate -o -P guest${i} -h vsp2`);
    const texts = codeTexts('*on vsp1:*', lines, { continued: '*on vsp1 (continued):*' });
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) {
      expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect(text.split('```')).toHaveLength(3);
    }
    expect(texts[1]?.startsWith('*on vsp1 (continued):*\n```')).toBe(true);
    expect(texts.join('\n')).toContain('guest199 -h vsp2');
  });

  it('wraps a line too long for one text instead of clipping it, when asked', () => {
    const line = `hpvmmigrate ${'-a <b> & '.repeat(800)}end`;
    const texts = codeTexts('*on vsp1:*', [line], { continued: '*on vsp1 (continued):*', overlong: 'wrap' });
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    const pieces = texts.flatMap(
      (text) =>
        text
          .split('```')[1]
          ?.split('\n')
          .filter((piece) => piece !== '') ?? [],
    );
    expect(pieces.map((piece, i) => (i === 0 ? piece : piece.replace(/^↪ /, ''))).join('')).toBe(esc(line));
  });

  it('wraps by code point, never splitting a surrogate pair or an entity', () => {
    const pieces = wrapLine(`${'😀&'.repeat(50)}`, 20);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(20);
      expect(piece).not.toMatch(/[\uD800-\uDBFF]$/);
      expect(piece).not.toMatch(/&[a-z]*$/);
    }
  });

  it('escapes lines and defuses ``` inside them', () => {
    const [text] = codeTexts(undefined, ['```', '<!channel> & done']);
    expect(text).toBe('```\n`\u200B`\u200B`\n&lt;!channel&gt; &amp; done\n```');
  });
});

describe('mentions, dates and inline code', () => {
  it('builds mentions only from ids', () => {
    expect(userMention('U0APPR1')).toBe('<@U0APPR1>');
    expect(userMention('!channel')).toBe('!channel');
    expect(userMention('<!channel>')).toBe('&lt;!channel&gt;');
  });

  it('formats a date for every reader, with a UTC fallback', () => {
    expect(slackDate('2025-03-01T10:30:00.000Z')).toBe(
      '<!date^1740825000^{date_short_pretty} {time}|2025-03-01 10:30 UTC>',
    );
    expect(slackDate('not a date <x>')).toBe('not a date &lt;x&gt;');
  });

  it('keeps inline code closed whatever the text', () => {
    expect(inlineCode('a `b` c')).toBe('`a ˋbˋ c`');
    expect(esc('``')).toBe('`\u200B`');
  });
});

describe('message', () => {
  it('cuts more than 50 blocks with a notice, keeping the buttons', () => {
    const blocks = [
      ...Array.from({ length: 60 }, (_, i) => section(`part ${i}`)),
      { type: 'actions' as const, block_id: 'req:REQ-1:v0', elements: [] },
    ];
    const built = message('fallback', blocks);
    expect(built.blocks).toHaveLength(50);
    expect(built.blocks.at(-1)?.type).toBe('actions');
    expect(JSON.stringify(built.blocks.at(-2))).toContain('12 more blocks left out');
  });

  it('clips the fallback text', () => {
    const built = message('x'.repeat(10_000), [section('body')]);
    expect(built.text.length).toBeLessThanOrEqual(LIMITS.messageText);
    expect(blockKitProblems(built)).toEqual([]);
  });
});
