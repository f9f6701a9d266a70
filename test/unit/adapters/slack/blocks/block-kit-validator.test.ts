import { describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../../../support/block-kit-validator.ts';

function problems(blocks: object[], text = 'fallback'): string[] {
  return blockKitProblems({ text, blocks });
}

const button = (actionId: string, text = 'Go') => ({
  type: 'button',
  action_id: actionId,
  text: { type: 'plain_text', text },
  value: 'REQ-1',
});

/** The validator guards every other test here: it must catch what Slack would reject. */
describe('blockKitProblems', () => {
  it('accepts a well-formed message', () => {
    expect(
      problems([
        { type: 'header', text: { type: 'plain_text', text: 'REQ-1' } },
        { type: 'section', text: { type: 'mrkdwn', text: 'by <@U1> at <!date^1^{time}|10:00> in <#C1>' } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'x' }] },
        { type: 'actions', block_id: 'req:REQ-1:v0', elements: [button('approve'), button('reject')] },
        { type: 'divider' },
      ]),
    ).toEqual([]);
  });

  it.each<[string, object[], RegExp]>([
    ['too many blocks', Array.from({ length: 51 }, () => ({ type: 'divider' })), /51 blocks/],
    ['long section text', [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }], /at most 3000/],
    ['long header', [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }], /at most 150/],
    ['mrkdwn header', [{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }], /not allowed/],
    ['section without text', [{ type: 'section' }], /needs text or fields/],
    [
      '11 fields',
      [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }],
      /1 to 10/,
    ],
    [
      '11 context elements',
      [{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) }],
      /1 to 10/,
    ],
    ['long button text', [{ type: 'actions', elements: [button('a', 'x'.repeat(76))] }], /at most 75/],
    ['duplicate action_id', [{ type: 'actions', elements: [button('a'), button('a')] }], /duplicate action_id/],
    [
      'duplicate block_id',
      [
        { type: 'divider', block_id: 'x' },
        { type: 'divider', block_id: 'x' },
      ],
      /duplicate block_id/,
    ],
    ['unknown key', [{ type: 'divider', colour: 'red' }], /unknown key colour/],
    ['raw <!channel>', [{ type: 'section', text: { type: 'mrkdwn', text: 'hi <!channel>' } }], /raw < or >/],
    ['raw &', [{ type: 'section', text: { type: 'mrkdwn', text: 'a & b' } }], /raw &/],
    ['open fence', [{ type: 'section', text: { type: 'mrkdwn', text: '```\ncode' } }], /unbalanced/],
    ['empty text', [{ type: 'section', text: { type: 'mrkdwn', text: '' } }], /non-empty/],
    [
      'long confirm text',
      [
        {
          type: 'actions',
          elements: [
            {
              ...button('a'),
              confirm: {
                title: { type: 'plain_text', text: 't' },
                text: { type: 'mrkdwn', text: 'x'.repeat(301) },
                confirm: { type: 'plain_text', text: 'ok' },
                deny: { type: 'plain_text', text: 'no' },
              },
            },
          ],
        },
      ],
      /at most 300/,
    ],
  ])('rejects %s', (_name, blocks, expected) => {
    expect(problems(blocks).join('\n')).toMatch(expected);
  });

  it('checks the fallback text too', () => {
    expect(problems([], '')).toEqual(['text: fallback text is required']);
    expect(problems([], '<!here>').join()).toMatch(/raw < or >/);
    expect(problems([], 'x'.repeat(4001)).join()).toMatch(/longer than 4000/);
  });
});
