import { describe, expect, it } from 'vitest';
import { quoteShellArg } from '../../../../src/domain/commands/quote-shell-arg.ts';

describe('quoteShellArg', () => {
  it.each([
    ['vm01', 'vm01'],
    ['/opt/hpvm/bin/hpvmmigrate', '/opt/hpvm/bin/hpvmmigrate'],
    ['-o', '-o'],
    ['vsp2-hpvm-migr.example.com', 'vsp2-hpvm-migr.example.com'],
    ['a:b=c@d%e+f', 'a:b=c@d%e+f'],
    ['under_score', 'under_score'],
  ])('leaves the safe token %s bare', (arg, expected) => {
    expect(quoteShellArg(arg)).toBe(expected);
  });

  it.each([
    ['', "''"],
    ['a b', "'a b'"],
    ['vm01;reboot', "'vm01;reboot'"],
    ['$(id)', "'$(id)'"],
    ['`id`', "'`id`'"],
    ["it's", `'it'"'"'s'`],
    ['a\nb', "'a\nb'"],
    ['a,b', "'a,b'"],
    ['vm\u00e9', "'vm\u00e9'"],
    ['*', "'*'"],
    ['~root', "'~root'"],
  ])('single-quotes %j', (arg, expected) => {
    expect(quoteShellArg(arg)).toBe(expected);
  });
});
