import { describe, expect, it } from 'vitest';
import { parseMigrateText } from '../../../../src/domain/grammar/parse-migrate-text.ts';
import { escapeMrkdwn } from '../../../../src/domain/grammar/slack-text.ts';
import type { ParseOutcome, UsageError, UsageErrorCode } from '../../../../src/domain/request.ts';

function errorOf(outcome: ParseOutcome): UsageError {
  if (outcome.ok) throw new Error(`expected a usage error, got ${JSON.stringify(outcome.request)}`);
  return outcome.error;
}

const NAME_65 = 'a'.repeat(65);

describe('hostile input never becomes a request', () => {
  it.each<[string, string, UsageErrorCode, string]>([
    ['semicolon', 'vm1;reboot to vsp2', 'invalid_name', "Guest name `vm1;reboot` is not valid: it contains ';'"],
    ['command substitution', '$(reboot) to vsp2', 'invalid_name', "contains '$'"],
    ['backticks', '`reboot` to vsp2', 'invalid_name', 'Guest name "`reboot`" is not valid: it contains a backtick'],
    ['single quote', "vm'1 to vsp2", 'invalid_name', 'contains a single quote'],
    ['double quotes around a name', '"vm1" to vsp2', 'invalid_name', 'contains a double quote'],
    [
      'semicolon in the target',
      'vm1 to vsp2;reboot',
      'invalid_name',
      "VSP name `vsp2;reboot` is not valid: it contains ';'",
    ],
    ['pipe', 'vm1|sh to vsp2', 'invalid_name', "contains '|'"],
    ['newline then a command', 'vm1\nrm -rf /', 'unknown_option', 'Unknown option `-rf`'],
    ['newline after the target', 'vm1 to vsp2\nrm -rf /', 'unexpected_argument', 'Unexpected `rm`'],
    ['tab then &&', 'vm1\tto\tvsp2\t&&\treboot', 'invalid_name', "contains '&'"],
    ['Slack-escaped &&', 'vm1 to vsp2 &amp;&amp; reboot', 'invalid_name', "contains '&'"],
    [
      'NUL',
      'vm\u0000 to vsp2',
      'invalid_name',
      'Guest name `vm[U+0000]` is not valid: it contains control character U+0000 (NULL)',
    ],
    ['ANSI escape', 'vm1\u001b[31m to vsp2', 'invalid_name', 'control character U+001B (ESCAPE)'],
    ['DEL', 'vm1\u007f to vsp2', 'invalid_name', 'control character U+007F (DELETE)'],
    ['C1 next line', 'vm1\u0085 to vsp2', 'invalid_name', 'control character U+0085'],
    [
      'Cyrillic а in vm01-backup',
      'vm01-b\u0430ckup to vsp2',
      'invalid_name',
      "Guest name `vm01-b\u0430ckup` is not valid: it contains non-ASCII character U+0430 (CYRILLIC SMALL LETTER A) that looks like 'a'",
    ],
    [
      'Cyrillic о as the 0 of vm01',
      'vm\u043e1 to vsp2',
      'invalid_name',
      "U+043E (CYRILLIC SMALL LETTER O) that looks like 'o'",
    ],
    [
      'Cyrillic р in a VSP',
      'vm1 to vs\u04402',
      'invalid_name',
      "VSP name `vs\u04402` is not valid: it contains non-ASCII character U+0440 (CYRILLIC SMALL LETTER ER) that looks like 'p'",
    ],
    ['Greek omicron', 'v\u03bf1 to vsp2', 'invalid_name', "U+03BF (GREEK SMALL LETTER OMICRON) that looks like 'o'"],
    [
      'zero-width space',
      'vm1\u200b to vsp2',
      'invalid_name',
      'Guest name `vm1[U+200B]` is not valid: it contains invisible character U+200B (ZERO WIDTH SPACE)',
    ],
    ['byte order mark', '\ufeffvm1 to vsp2', 'invalid_name', 'U+FEFF (ZERO WIDTH NO-BREAK SPACE)'],
    [
      'right-to-left override',
      'vm1\u202e2psv to vsp2',
      'invalid_name',
      'invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)',
    ],
    [
      'fullwidth letters',
      '\uff56\uff4d1 to vsp2',
      'invalid_name',
      "U+FF56 (FULLWIDTH LATIN SMALL LETTER V) that looks like 'v'",
    ],
    ['fullwidth digit', 'vm\uff11 to vsp2', 'invalid_name', "U+FF11 (FULLWIDTH DIGIT ONE) that looks like '1'"],
    ['en dash inside a name', 'vm\u20131 to vsp2', 'invalid_name', "U+2013 (EN DASH) that looks like '-'"],
    ['emoji', 'vm\u{1f525} to vsp2', 'invalid_name', 'non-ASCII character U+1F525'],
    ['unpaired surrogate', 'vm\ud800 to vsp2', 'invalid_name', 'U+D800 (unpaired surrogate)'],
    [
      'Slack-escaped script tag',
      '&lt;script&gt; to vsp2',
      'invalid_name',
      "Guest name `<script>` is not valid: it contains '<'",
    ],
    ['script tag as target', 'vm1 to &lt;script&gt;alert(1)&lt;/script&gt;', 'invalid_name', "contains '<'"],
    [
      'channel mention',
      '<!channel> to vsp2',
      'invalid_name',
      'Guest name `<!channel>` is not valid: it is a Slack mention',
    ],
    ['user mention', 'vm1 to <@U123|bob>', 'invalid_name', 'a Slack mention'],
    ['channel link', 'vm1 to <#C1|general>', 'invalid_name', 'a Slack mention'],
    [
      'mailto link',
      'vm1 to <mailto:a@b.example|a@b.example>',
      'invalid_name',
      "VSP name `a@b.example` is not valid: it contains '@'",
    ],
    ['link with a path', 'vm1 to <http://vsp2.example/x>', 'invalid_name', "contains '/'"],
    ['10 kB input', `vm1 to vsp2 --reason ${'A'.repeat(10_240)}`, 'input_too_long', '10261 characters long'],
    ['65-character name', `${NAME_65} to vsp2`, 'invalid_name', 'it is 65 characters long (at most 64)'],
    ['65-character VSP', `vm1 to ${NAME_65}`, 'invalid_name', 'VSP name'],
    ['leading dash', '-vm1 to vsp2', 'unknown_option', 'Unknown option `-vm1`'],
    ['leading dash on the target', 'vm1 to -vsp2', 'unknown_option', 'Unknown option `-vsp2`'],
    ['leading dot', '.vm1 to vsp2', 'invalid_name', "it starts with '.'"],
    ['leading underscore', '_vm1 to vsp2', 'invalid_name', "it starts with '_'"],
    ['-F', 'vm1 to vsp2 -F', 'forbidden_option', '`-F` (force) is never used'],
    ['--force', 'vm1 to vsp2 --force', 'forbidden_option', '`--force` (force) is never used'],
    ['--force=yes', 'vm1 to vsp2 --force=yes', 'forbidden_option', 'never used'],
    ['text after a quoted reason', 'vm1 to vsp2 --reason "ok" ; reboot', 'invalid_name', "contains ';'"],
    [
      'bidi override in the reason',
      'vm1 to vsp2 --reason "fine\u202e"',
      'invalid_reason',
      'U+202E (RIGHT-TO-LEFT OVERRIDE)',
    ],
    ['NUL in the reason', 'vm1 to vsp2 --reason a\u0000b', 'invalid_reason', 'U+0000 (NULL)'],
  ])('%s', (_label, text, code, fragment) => {
    const error = errorOf(parseMigrateText(text));
    expect(error.code).toBe(code);
    expect(error.message).toContain(fragment);
    expect(Array.from(error.input).length).toBeLessThanOrEqual(200);
    expect(escapeMrkdwn(error.message)).not.toMatch(/<|>/);
  });

  it('keeps shell syntax in a reason as inert text (it never reaches a command line)', () => {
    const outcome = parseMigrateText('vm1 to vsp2 --reason $(reboot); `id`');
    expect(outcome).toMatchObject({ ok: true, request: { reason: '$(reboot); `id`' } });
  });

  it('accepts a 64-character name and echoes a long token truncated', () => {
    expect(parseMigrateText(`${'a'.repeat(64)} to vsp2`).ok).toBe(true);
    const error = errorOf(parseMigrateText(`vm1 to ${'b'.repeat(300)};`));
    expect(error.message).toContain(`\`${'b'.repeat(39)}…\``);
  });

  it('echoes the unescaped input, truncated to 200 characters with an ellipsis', () => {
    const error = errorOf(parseMigrateText(`&lt;!channel&gt; ${'x'.repeat(300)}`));
    expect(error.input).toHaveLength(200);
    expect(error.input.startsWith('<!channel> xxx')).toBe(true);
    expect(error.input.endsWith('…')).toBe(true);
    expect(escapeMrkdwn(error.input).startsWith('&lt;!channel&gt;')).toBe(true);
  });
});
