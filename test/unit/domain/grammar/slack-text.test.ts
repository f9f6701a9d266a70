import { describe, expect, it } from 'vitest';
import {
  escapeMrkdwn,
  truncateForEcho,
  unescapeSlackText,
  unwrapSlackLinks,
} from '../../../../src/domain/grammar/slack-text.ts';

describe('unescapeSlackText', () => {
  it.each([
    ['vm1 &amp;&amp; vm2', 'vm1 && vm2'],
    ['&lt;script&gt;', '<script>'],
    ['&amp;lt;', '&lt;'],
    ['&quot; &nbsp; &#60;', '&quot; &nbsp; &#60;'],
    ['plain', 'plain'],
  ])('%j → %j', (input, expected) => {
    expect(unescapeSlackText(input)).toBe(expected);
  });
});

describe('unwrapSlackLinks', () => {
  it.each([
    ['<http://vsp2.example|vsp2.example>', 'vsp2.example'],
    ['<http://vsp2.example>', 'vsp2.example'],
    ['<https://vsp2.example/>', 'vsp2.example'],
    ['<HTTP://VSP2.example>', 'VSP2.example'],
    ['<mailto:a@b|a@b>', 'a@b'],
    ['<mailto:a@b>', 'a@b'],
    ['to <http://a.example|a.example>,<http://b.example|b.example>', 'to a.example,b.example'],
    ['<@U123>', '<@U123>'],
    ['<@U123|bob>', '<@U123|bob>'],
    ['<!channel>', '<!channel>'],
    ['<#C1|general>', '<#C1|general>'],
    ['<script>', '<script>'],
    ['<vsp2:22>', '<vsp2:22>'],
  ])('%j → %j', (input, expected) => {
    expect(unwrapSlackLinks(input)).toBe(expected);
  });
});

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['a & b', 'a &amp; b'],
    ['&lt;', '&amp;lt;'],
    ['*bold* `code`', '*bold* `code`'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });
});

describe('truncateForEcho', () => {
  it.each<[string, number, string]>([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['eleven char', 10, 'eleven ch…'],
    ['\u{1f525}\u{1f525}\u{1f525}', 3, '\u{1f525}\u{1f525}\u{1f525}'],
    ['\u{1f525}\u{1f525}\u{1f525}\u{1f525}', 3, '\u{1f525}\u{1f525}…'],
    ['anything', 0, ''],
    ['anything', 1, '…'],
  ])('%j, %i → %j', (input, max, expected) => {
    expect(truncateForEcho(input, max)).toBe(expected);
  });

  it('stays cheap and bounded on a megabyte', () => {
    expect(truncateForEcho('x'.repeat(1_000_000), 200)).toHaveLength(200);
  });
});
