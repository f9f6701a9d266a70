import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMigrateText, type ParseContext } from '../../../../src/domain/grammar/parse-migrate-text.ts';
import { NAME_PATTERN } from '../../../../src/domain/names.ts';
import type { ParseOutcome, Request } from '../../../../src/domain/request.ts';

function namesIn(request: Request): string[] {
  switch (request.kind) {
    case 'migrate':
      return [...request.guests, ...(request.from === undefined ? [] : [request.from]), request.to];
    case 'evacuate':
      return [request.vsp, ...request.targets];
    case 'return':
      return [request.vsp];
    case 'status':
      return request.subject?.type === 'name' ? [request.subject.name] : [];
    case 'history':
      return request.name === undefined ? [] : [request.name];
    default:
      return [];
  }
}

function isHidden(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    (cp >= 0xd800 && cp <= 0xdfff) ||
    cp === 0xfeff
  );
}

/** The contract: a request whose names all pass the allow-list, or an error that teaches. */
function assertWellFormed(outcome: ParseOutcome): void {
  if (outcome.ok) {
    for (const name of namesIn(outcome.request)) expect(name).toMatch(NAME_PATTERN);
    if (outcome.request.kind === 'migrate' && outcome.request.reason !== undefined) {
      expect(Array.from(outcome.request.reason).length).toBeLessThanOrEqual(500);
    }
    return;
  }
  const { error } = outcome;
  expect(error.message).not.toBe('');
  expect(error.usage).not.toBe('');
  expect(error.example).not.toBe('');
  expect(Array.from(error.input).length).toBeLessThanOrEqual(200);
  // Tokens are quoted with hidden characters made visible, so a message cannot hide or reorder text.
  expect(Array.from(error.message).filter(isHidden)).toEqual([]);
  expect(error.message.length).toBeLessThan(400);
}

const WORDS = [
  'vm1',
  'vm2',
  'VM1',
  'vsp1',
  'vsp2',
  'vsp3',
  'to',
  'TO',
  'from',
  'online',
  'offline',
  '--stop',
  '--start',
  '--delete-source',
  '--check',
  '--reason',
  '--reason=',
  '—stop',
  '–start',
  '-F',
  '--force',
  '-o',
  '--',
  'evacuate',
  'return',
  'balance',
  'status',
  'list',
  'history',
  'cancel',
  'help',
  'REQ-42',
  'req-7',
  ',',
  ';',
  '$(reboot)',
  '`id`',
  '"',
  "'",
  '“',
  '”',
  '‘',
  '’',
  '&amp;',
  '&lt;',
  '&gt;',
  '<!channel>',
  '<@U123>',
  '<http://vsp2.example|vsp2.example>',
  '<http://vsp2.example>',
  '<mailto:a@b|a@b>',
  '\u0000',
  '\u200b',
  '\u202e',
  'v\u043e1',
  '\uff56',
  '\ud800',
  'a'.repeat(65),
  '.x',
  '-x',
];
const SEPARATORS = [' ', '  ', ',', ', ', '\t', '\n', '\u00a0', ''];

const tokenSoup = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 })), fc.constantFrom(...SEPARATORS)), {
    maxLength: 14,
  })
  .map((parts) => parts.map(([word, separator]) => word + separator).join(''));

const contexts = fc.option(
  fc.record({
    knownVsps: fc.array(fc.oneof(fc.constantFrom('vsp1', 'vsp2', 'VSP3', 'bad name'), fc.string()), { maxLength: 5 }),
  }),
  { nil: undefined },
);

const runs = { numRuns: 2000 };

describe('parseMigrateText is total', () => {
  it('for any string', () => {
    fc.assert(
      fc.property(fc.string(), (text) => assertWellFormed(parseMigrateText(text))),
      runs,
    );
  });

  it('for any sequence of UTF-16 code units, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => assertWellFormed(parseMigrateText(text))),
      runs,
    );
  });

  it('for token soups of keywords, options and hostile pieces, with and without a fleet', () => {
    fc.assert(
      fc.property(tokenSoup, contexts, (text, context: ParseContext | undefined) =>
        assertWellFormed(parseMigrateText(text, context)),
      ),
      { numRuns: 5000 },
    );
  });

  it('for long inputs around the length limit', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 3990, maxLength: 4010, unit: 'binary' }), (text) =>
        assertWellFormed(parseMigrateText(text)),
      ),
      { numRuns: 50 },
    );
  });

  it('accepts every well-formed move it can build', () => {
    const name = fc
      .stringMatching(NAME_PATTERN)
      .filter((n) => !/^(to|from|online|offline|evacuate|return|balance|status|list|history|cancel|help)$/i.test(n));
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 5 }), name, (guests, target) => {
        const outcome = parseMigrateText(`${guests.join(', ')} to ${target}`);
        expect(outcome).toEqual({
          ok: true,
          request: {
            kind: 'migrate',
            guests,
            to: target,
            stop: false,
            start: false,
            deleteSource: false,
            checkOnly: false,
          },
        });
      }),
      runs,
    );
  });
});
