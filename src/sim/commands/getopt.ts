/**
 * getopt(3C) as the HP-UX hpvm* commands use it: clustered flags (`-od`), option arguments attached or
 * separate (`-Pvm`, `-P vm`), option parsing stops at `--` or the first operand, and HP-UX's messages.
 */
export type GetoptResult =
  | { readonly ok: true; readonly options: ReadonlyMap<string, string | true>; readonly operands: readonly string[] }
  | { readonly ok: false; readonly message: string };

/** `spec` like `P:p:h:osd`: a letter followed by `:` takes an argument. The last occurrence wins. */
export function getopt(argv: readonly string[], spec: string): GetoptResult {
  const options = new Map<string, string | true>();
  let index = 0;
  for (; index < argv.length; index++) {
    const word = argv[index] ?? '';
    if (word === '--') {
      index++;
      break;
    }
    if (!word.startsWith('-') || word === '-') break;
    for (let at = 1; at < word.length; at++) {
      const letter = word.charAt(at);
      const position = spec.indexOf(letter);
      if (letter === ':' || position < 0) return { ok: false, message: `illegal option -- ${letter}` };
      if (spec.charAt(position + 1) !== ':') {
        options.set(letter, true);
        continue;
      }
      const attached = word.slice(at + 1);
      if (attached !== '') {
        options.set(letter, attached);
      } else {
        const next = argv[++index];
        if (next === undefined) return { ok: false, message: `option requires an argument -- ${letter}` };
        options.set(letter, next);
      }
      break;
    }
  }
  return { ok: true, options, operands: argv.slice(index) };
}
