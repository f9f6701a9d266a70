/**
 * The one place that turns an argument into shell text (docs/conventions.md #10). Same contract as Python's
 * `shlex.quote`: a token made only of characters no POSIX shell treats specially stays bare, so
 * previews stay readable (`/opt/hpvm/bin/hpvmmigrate -o -P vm01`); anything else is wrapped in
 * single quotes, inside which a POSIX shell interprets nothing, and an embedded `'` becomes `'"'"'`.
 * The bare set is `[A-Za-z0-9._/:=@%+-]` (shlex also allows `,` and non-ASCII word characters; we stay narrower).
 */
const BARE_TOKEN = /^[A-Za-z0-9._/:=@%+-]+$/;

export function quoteShellArg(arg: string): string {
  if (arg === '') return "''";
  if (BARE_TOKEN.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'"'"'`)}'`;
}
